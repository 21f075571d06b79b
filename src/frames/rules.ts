import { FramelabError } from '../errors';
import { splitSentences } from '../text/sentences';
import { parsePattern } from './pattern';
import { decodeAt } from '../text/utf8';

/**
 * Rules of a dictionary pattern: a documented extension of quanteda's YAML in which a list item
 * may be a mapping (`match:` plus rules) instead of a string. See README, "Rules in a dictionary".
 */

/** One context condition of a rule (`preceded_by`, `followed_by`, `in_sentence` or `any` of `near`). */
export interface RuleCondition {
  kind: 'preceded_by' | 'followed_by' | 'in_sentence' | 'near';
  /** The context patterns as written. */
  patterns: string[];
  /** Each context pattern split into folded word globs. */
  compiled: string[][];
  /** Words (a positive whole number), or the same `sentence`, or the same `paragraph`. */
  within: number | 'sentence' | 'paragraph';
  /** Line of the dictionary where the condition stands. */
  line?: number;
}

/** The rules of one pattern (see README, "Rules in a dictionary"). */
export interface PatternRule {
  /** Do not count the match when any of these holds. */
  not: RuleCondition[];
  /** Count the match only when all of these hold. */
  near: RuleCondition[];
  /** How the first matched word must be written. */
  case: 'any' | 'capitalized' | 'lower';
  /** With `case`: whether a sentence-initial word (whose case says nothing) counts. */
  sentenceInitial: boolean;
  /** OpenCorpora parts of speech the first matched word must have (empty: any). */
  pos: string[];
  /** Whether a hyphenated word may match by one of its parts (default true, as plain patterns do). */
  parts: boolean;
  /** Free text: why the rule is there. */
  note: string;
  /** Line of the dictionary where the rule's `match:` stands. */
  line?: number;
}

/**
 * The parts of speech a `pos` rule may name: OpenCorpora's (as Az.js tags them) and the tags
 * framelab's lemmatizer gives besides (APRO pronominal adjectives, LATN Latin words, NUMB numbers,
 * ABBR dotted abbreviations).
 */
export const RULE_POS_TAGS: readonly string[] = [
  'NOUN', 'ADJF', 'ADJS', 'COMP', 'VERB', 'INFN', 'PRTF', 'PRTS', 'GRND', 'NUMR', 'ADVB', 'NPRO', 'PRED', 'PREP', 'CONJ', 'PRCL', 'INTJ',
  'APRO', 'LATN', 'NUMB', 'ABBR',
];

const RULE_KEYS = ['match', 'not', 'near', 'case', 'sentence_initial', 'pos', 'parts', 'note'];
const CONDITION_KINDS = { preceded_by: 'preceded_by', followed_by: 'followed_by', in_sentence: 'in_sentence', any: 'near' } as const;

/** A YAML value as the reader hands it over: plain data with the line each node starts on. */
export interface LinedValue {
  value: unknown;
  line?: number;
  /** For a mapping: its entries, in order. */
  entries?: Array<{ key: string; line?: number; value: LinedValue }>;
  /** For a sequence: its items. */
  items?: LinedValue[];
}

/**
 * Reads a rule item (`{match: …, not: …, near: …, case: …, pos: …, note: …}`) into its pattern
 * and its {@link PatternRule}. Errors name the file and line: an unknown key, a `within` that is
 * not a positive whole number or `sentence`, an empty list, an unknown `case`, a part of speech
 * Az.js does not know.
 *
 * @example
 * const { pattern, rule } = parseRule({ match: 'запад*', not: { preceded_by: ['на'] }, case: 'capitalized' });
 * pattern          // 'запад*'
 * rule.not[0].kind // 'preceded_by'
 * rule.case        // 'capitalized'
 */
export function parseRule(item: LinedValue | Record<string, unknown>, file = 'dictionary'): { pattern: string; rule: PatternRule } {
  const node = isLined(item) ? item : lined(item);
  const at = (line?: number) => ({ file, line: line ?? node.line });
  if (!node.entries) throw new FramelabError('a rule must be a mapping with a "match:" key', at());
  const rule: PatternRule = { not: [], near: [], case: 'any', sentenceInitial: false, pos: [], parts: true, note: '', line: node.line };
  let pattern: string | undefined;
  for (const e of node.entries) {
    const v = e.value;
    switch (e.key) {
      case 'match': {
        if (typeof v.value !== 'string' && typeof v.value !== 'number') throw new FramelabError('"match:" must be a pattern (a text)', at(e.line));
        pattern = String(v.value).trim();
        parsePattern(pattern, at(v.line ?? e.line));
        break;
      }
      case 'not':
      case 'near':
        rule[e.key] = conditions(v, e.key, file, e.line);
        break;
      case 'case': {
        const c = String(v.value ?? '').trim();
        if (c !== 'any' && c !== 'capitalized' && c !== 'lower') throw new FramelabError(`unknown case "${c}": use capitalized, lower or any`, at(v.line ?? e.line));
        rule.case = c;
        break;
      }
      case 'sentence_initial':
      case 'parts': {
        if (typeof v.value !== 'boolean') throw new FramelabError(`"${e.key}:" must be true or false`, at(v.line ?? e.line));
        if (e.key === 'parts') rule.parts = v.value;
        else rule.sentenceInitial = v.value;
        break;
      }
      case 'pos': {
        const tags = listOf(v, 'pos', file, e.line).map((t) => String(t.value ?? '').trim().toUpperCase());
        for (const [k, t] of tags.entries()) {
          if (!RULE_POS_TAGS.includes(t)) throw new FramelabError(`unknown part of speech "${t}" (Az.js tags: ${RULE_POS_TAGS.join(', ')})`, at(listItems(v)[k].line ?? e.line));
        }
        rule.pos = tags;
        break;
      }
      case 'note':
        rule.note = String(v.value ?? '').trim();
        break;
      default:
        throw new FramelabError(`unknown key "${e.key}" in a rule (keys: ${RULE_KEYS.join(', ')})`, at(e.line));
    }
  }
  if (pattern === undefined) throw new FramelabError('a rule needs a "match:" key with its pattern', at());
  return { pattern, rule };
}

/** Whether a rule does anything (a mapping with only `match:` and `note:` is a plain pattern). */
export function ruleIsEmpty(rule: PatternRule): boolean {
  return rule.not.length === 0 && rule.near.length === 0 && rule.case === 'any' && rule.pos.length === 0 && rule.parts;
}

function conditions(v: LinedValue, key: 'not' | 'near', file: string, line?: number): RuleCondition[] {
  const nodes = v.entries ? [v] : listOf(v, key, file, line);
  return nodes.map((n) => condition(n, key, file));
}

function condition(n: LinedValue, key: 'not' | 'near', file: string): RuleCondition {
  if (!n.entries) throw new FramelabError(`each item of "${key}:" must be a mapping such as {preceded_by: [на], within: 1}`, { file, line: n.line });
  const kinds = n.entries.filter((e) => e.key in CONDITION_KINDS);
  const allowed = key === 'not' ? ['preceded_by', 'followed_by', 'in_sentence'] : ['any'];
  for (const e of n.entries) {
    if (e.key !== 'within' && !allowed.includes(e.key)) {
      throw new FramelabError(`unknown key "${e.key}" in "${key}:" (keys: ${[...allowed, 'within'].join(', ')})`, { file, line: e.line });
    }
  }
  if (kinds.length !== 1) throw new FramelabError(`a condition of "${key}:" needs exactly one of ${allowed.join(', ')}`, { file, line: n.line });
  const k = kinds[0];
  const kind = CONDITION_KINDS[k.key as keyof typeof CONDITION_KINDS];
  const items = listOf(k.value, k.key, file, k.line);
  const patterns = items.map((i) => {
    if (typeof i.value !== 'string' && typeof i.value !== 'number') throw new FramelabError(`"${k.key}:" lists patterns (texts)`, { file, line: i.line ?? k.line });
    return String(i.value).trim();
  });
  const compiled = patterns.map((p, j) => parsePattern(p, { file, line: items[j].line ?? k.line }));
  const w = n.entries.find((e) => e.key === 'within');
  let within: RuleCondition['within'] = kind === 'preceded_by' || kind === 'followed_by' ? 1 : 'sentence';
  if (w) {
    const x = w.value.value;
    if (kind === 'in_sentence') throw new FramelabError('"in_sentence:" takes no "within:" (it is the whole sentence)', { file, line: w.line });
    if (x === 'sentence' || (x === 'paragraph' && kind === 'near')) within = x;
    else if (typeof x === 'number' && Number.isInteger(x) && x > 0) within = x;
    else throw new FramelabError(`"within:" must be a positive whole number of words${kind === 'near' ? ', "sentence" or "paragraph"' : ' or "sentence"'}, not ${JSON.stringify(x)}`, { file, line: w.value.line ?? w.line });
  }
  return { kind, patterns, compiled, within, line: k.line };
}

function listItems(v: LinedValue): LinedValue[] {
  return v.items ?? [v];
}

/** A list (or one scalar standing for a list of one); empty lists are errors. */
function listOf(v: LinedValue, key: string, file: string, line?: number): LinedValue[] {
  const items = listItems(v);
  if (items.length === 0 || (items.length === 1 && !items[0].entries && !items[0].items && (items[0].value === null || items[0].value === undefined || items[0].value === ''))) {
    throw new FramelabError(`"${key}:" is empty: give at least one item`, { file, line: v.line ?? line });
  }
  return items;
}

function isLined(x: unknown): x is LinedValue {
  return typeof x === 'object' && x !== null && 'value' in x && ('entries' in x || 'items' in x || 'line' in x);
}

/** Plain data (a notebook's object) as a {@link LinedValue} without lines. */
function lined(x: unknown): LinedValue {
  if (Array.isArray(x)) return { value: x, items: x.map(lined) };
  if (typeof x === 'object' && x !== null) return { value: x, entries: Object.entries(x).map(([key, v]) => ({ key, value: lined(v) })) };
  return { value: x };
}

/**
 * The rule in a few words, for KWIC and notes: `line 4: case capitalized; not preceded_by на, с (1)`.
 *
 * @example
 * describeRule(parseRule({ match: 'запад*', not: { preceded_by: ['на', 'с'] } }).rule) // 'not preceded_by на, с (1)'
 */
export function describeRule(rule: PatternRule): string {
  const parts: string[] = [];
  if (rule.case !== 'any') parts.push(`case ${rule.case}${rule.sentenceInitial ? ' (sentence-initial too)' : ''}`);
  if (rule.pos.length) parts.push(`pos ${rule.pos.join('|')}`);
  if (!rule.parts) parts.push('whole word');
  for (const c of rule.not) parts.push(`not ${describeCondition(c)}`);
  for (const c of rule.near) parts.push(describeCondition(c));
  const text = parts.join('; ') + (rule.note ? ` — ${rule.note}` : '');
  return rule.line !== undefined ? `line ${rule.line}: ${text}` : text;
}

/**
 * One condition in words: `preceded_by на, с (1)`, `near нпо (5)`, `in_sentence украин*`.
 *
 * @example
 * describeCondition(parseRule({ match: 'фонд*', near: { any: ['нко'], within: 5 } }).rule.near[0]) // 'near нко (5)'
 */
export function describeCondition(c: RuleCondition): string {
  const w = c.kind === 'in_sentence' ? '' : ` (${c.within})`;
  return `${c.kind} ${c.patterns.join(', ')}${w}`;
}

/** Bits of {@link RunContext.shape}. */
export const SHAPE = {
  /** The word as written starts with an upper-case letter. */
  capitalized: 1,
  /** Every letter of the word as written is upper case (two letters or more). */
  allCaps: 2,
  /** The word is the first of its sentence. */
  initial: 4,
} as const;

/** What rules know of the words of a paragraph beyond their forms: sentences and case as written. */
export interface RunContext {
  /** Per word, the number of its sentence in the paragraph (from 0). */
  sentence: Int32Array;
  /** Per word, {@link SHAPE} bits. */
  shape: Uint8Array;
}

/**
 * The sentences and letter case of a paragraph's words, from its text and the words' UTF-16
 * offsets: sentences are those of {@link splitSentences} (the `rhetoric` splitter), so they never
 * cross the paragraph; a word belongs to the sentence its first character stands in.
 *
 * @example
 * const c = runContext('Запад молчит. На западе тихо.', Int32Array.of(0, 6, 14, 17, 24), Int32Array.of(5, 12, 16, 23, 28));
 * Array.from(c.sentence) // [0, 0, 1, 1, 1]
 * Array.from(c.shape)    // [5, 0, 5, 0, 0]
 */
export function runContext(text: string, starts: ArrayLike<number>, ends: ArrayLike<number>, from = 0, to = starts.length): RunContext {
  const n = to - from;
  const sentence = new Int32Array(n);
  const shape = new Uint8Array(n);
  // where each sentence starts in the text: the splitter's sentences are trimmed slices, in order
  const bounds: number[] = [];
  let at = 0;
  for (const s of splitSentences(text)) {
    const k = text.indexOf(s, at);
    bounds.push(k < 0 ? at : k);
    at = k < 0 ? at : k + s.length;
  }
  let s = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const start = starts[from + i];
    while (s + 1 < bounds.length && bounds[s + 1] <= start) s++;
    sentence[i] = s;
    let bits = s !== last ? SHAPE.initial : 0;
    last = s;
    const first = text[start];
    if (first !== first.toLowerCase() && first === first.toUpperCase()) bits |= SHAPE.capitalized;
    const word = text.slice(start, ends[from + i]);
    if (word.length > 1 && /\p{L}.*\p{L}/su.test(word) && word === word.toUpperCase() && word !== word.toLowerCase()) bits |= SHAPE.allCaps;
    shape[i] = bits;
  }
  return { sentence, shape };
}

/** Whether a code point is white space as `\s` of a regular expression means it. */
function isSpace(cp: number): boolean {
  return (
    cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0xa0 || cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000 || cp === 0xfeff
  );
}
/** `[.!?…]`: what ends a sentence (see {@link splitSentences}). */
const isStop = (cp: number) => cp === 0x2e || cp === 0x21 || cp === 0x3f || cp === 0x2026;
/** `[»"”“)\]]`: what may close a sentence after its stop. */
const isCloser = (cp: number) => cp === 0xbb || cp === 0x22 || cp === 0x201d || cp === 0x201c || cp === 0x29 || cp === 0x5d;
/** `[«"„“(—–-]`: what may open the next sentence. */
const isOpener = (cp: number) => cp === 0xab || cp === 0x22 || cp === 0x201e || cp === 0x201c || cp === 0x28 || cp === 0x2014 || cp === 0x2013 || cp === 0x2d;

/** Letter case of a code point: 1 upper (as `c !== c.toLowerCase() && c === c.toUpperCase()`), 2 lower, 0 neither. */
function caseOf(cp: number): number {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? 1 : cp >= 0x61 && cp <= 0x7a ? 2 : 0;
  if (cp >= 0x400 && cp <= 0x42f) return 1;
  if (cp >= 0x430 && cp <= 0x45f) return 2;
  const c = String.fromCodePoint(cp);
  const lower = c.toLowerCase();
  const upper = c.toUpperCase();
  return c !== lower && c === upper ? 1 : c === lower && c !== upper ? 2 : 0;
}

const LETTER = /\p{L}/u;
const UPPER_OR_DIGIT = /[\p{Lu}\p{N}]/u;

/**
 * The same {@link RunContext} as {@link runContext}, read from a paragraph's UTF-8 bytes and its
 * words' byte offsets, without making a string: the counting engine's path. `segments` holds
 * the paragraph's `[start, end)` byte ranges in order (its lines, joined by a space as the
 * paragraph's text joins them); the words lie in them. A sentence ends between two words when
 * what stands between them (with the first word's closing dot, for `т.н.`) holds a run of
 * `.`, `!`, `?` or `…`, closing quotes or brackets, white space and then an opening quote, a
 * dash, or the second word starting with an upper-case letter or a digit — except a lone dot
 * after a dotted abbreviation or a one-letter initial (`Е. Жовтис`): {@link splitSentences}'s rule.
 * With `only` (the run's form ids and a mark per form id), the case bits of `shape` are read only
 * for the words whose form is marked (those that may start a pattern with rules, the only words
 * whose case a rule reads) and left 0 elsewhere; `SHAPE.initial` is kept for every word.
 *
 * @example
 * const b = new TextEncoder().encode('Запад молчит. На западе тихо.');
 * const c = runContextOfBytes(b, Int32Array.of(0, 11, 25, 30, 43), Int32Array.of(10, 23, 29, 42, 51), 0, 5, [0, b.length]);
 * Array.from(c.sentence) // [0, 0, 1, 1, 1]
 */
export function runContextOfBytes(b: Uint8Array, starts: ArrayLike<number>, ends: ArrayLike<number>, from: number, to: number, segments: ArrayLike<number>, only?: { ids: ArrayLike<number>; ruled: Uint8Array }): RunContext {
  const n = to - from;
  const { sentence, shape } = contextArrays(n);
  const cpAt = (i: number) => (b[i] < 0x80 ? b[i] : decodeAt(b, i, b[i]));
  const lenAt = (i: number) => (b[i] < 0x80 ? 1 : b[i] >= 0xf0 ? 4 : b[i] >= 0xe0 ? 3 : 2);
  let gap = gapScratch;
  let seg = 0;
  let s = 0;
  for (let k = 0; k < n; k++) {
    const ws = starts[from + k];
    const we = ends[from + k];
    if (k > 0) {
      // the characters between the previous word and this one, across line joins (a space)
      const pe = ends[from + k - 1];
      let g = 0;
      // room for every character of the gap: at most one per byte, and a space per line join
      const room = ws - pe + (segments.length >> 1) + 1;
      if (gap.length < room) gap = gapScratch = new Int32Array(2 * room);
      let at = pe;
      while (seg + 2 < segments.length && ws >= segments[seg + 2]) {
        for (; at < segments[seg + 1]; at += lenAt(at)) gap[g++] = cpAt(at);
        gap[g++] = 0x20;
        seg += 2;
        at = segments[seg];
      }
      // most gaps are one space, or hold no stop (, or –): no sentence ends there
      let plain = g === 0 && b[pe - 1] !== 0x2e;
      for (let j = at; j < ws && plain; j++) {
        const x = b[j];
        plain = x !== 0x2e && x !== 0x21 && x !== 0x3f && x !== 0xe2;
      }
      if (!plain) {
        for (; at < ws; at += lenAt(at)) gap[g++] = cpAt(at);
        const prevDot = b[pe - 1] === 0x2e;
        const prevInitial = isInitial(b, starts[from + k - 1], pe);
        if (endsSentence(gap, g, prevDot, prevInitial, cpAt(ws))) s++;
      }
    } else {
      while (seg + 2 < segments.length && ws >= segments[seg + 2]) seg += 2;
    }
    sentence[k] = s;
    let bits = k === 0 || sentence[k - 1] !== s ? SHAPE.initial : 0;
    if (only && only.ruled[only.ids[from + k]] === 0) {
      shape[k] = bits;
      continue;
    }
    // case as written: the first letter; all caps: two letters or more, none lower case
    const first = caseOf(cpAt(ws));
    if (first === 1) bits |= SHAPE.capitalized;
    // all caps needs an upper-case letter; a word whose first letter is lower case is not
    if (first === 2) {
      shape[k] = bits;
      continue;
    }
    let letters = 0;
    let lower = false;
    let upper = false;
    for (let i = ws; i < we && !lower; i += lenAt(i)) {
      const cp = cpAt(i);
      const c = caseOf(cp);
      if (c === 2) lower = true;
      else if (c === 1) upper = true;
      if (c !== 0 || (cp >= 0x80 && LETTER.test(String.fromCodePoint(cp)))) letters++;
    }
    if (!lower && upper && letters >= 2) bits |= SHAPE.allCaps;
    shape[k] = bits;
  }
  return { sentence, shape };
}

/** Words of the slabs {@link contextArrays} cuts contexts from. */
const SLAB = 1 << 16;
let sentenceSlab = new Int32Array(SLAB);
let shapeSlab = new Uint8Array(SLAB);
let slabUsed = 0;

/**
 * Zeroed arrays for the context of `n` words, cut as views from shared slabs (a fresh slab when
 * the last one is full; a slab lives while a view of it does): a batch keeps the contexts of
 * many paragraphs, and one small buffer each made the garbage collector run far more often.
 */
function contextArrays(n: number): { sentence: Int32Array; shape: Uint8Array } {
  if (n > SLAB >> 4) return { sentence: new Int32Array(n), shape: new Uint8Array(n) };
  if (slabUsed + n > SLAB) {
    sentenceSlab = new Int32Array(SLAB);
    shapeSlab = new Uint8Array(SLAB);
    slabUsed = 0;
  }
  const at = slabUsed;
  slabUsed += n;
  return { sentence: sentenceSlab.subarray(at, at + n), shape: shapeSlab.subarray(at, at + n) };
}

/** Characters between two words, reused; big enough from the start for most paragraphs, so that the optimized code rarely meets its growth (see `LAYOUT_ROOM` in corpus/paragraphs.ts). */
let gapScratch = new Int32Array(4096);

/** Whether the word `b[ws, we)` is one upper-case letter (an initial, whose dot ends no sentence). */
function isInitial(b: Uint8Array, ws: number, we: number): boolean {
  const len = b[ws] < 0x80 ? 1 : b[ws] >= 0xf0 ? 4 : b[ws] >= 0xe0 ? 3 : 2;
  if (ws + len !== we) return false;
  const cp = b[ws] < 0x80 ? b[ws] : decodeAt(b, ws, b[ws]);
  return /^\p{Lu}$/u.test(String.fromCodePoint(cp));
}

/**
 * Whether a sentence ends in `gap`, the characters between two words (see
 * {@link runContextOfBytes}); `prevDot`: the first word ends with a dot (a dotted abbreviation),
 * `prevInitial`: it is one upper-case letter, `next`: the second word's first character.
 */
function endsSentence(gap: Int32Array, length: number, prevDot: boolean, prevInitial: boolean, next: number): boolean {
  // white space, then an opening character in the gap or the next word's upper-case letter or digit
  const opens = (c: number) => {
    let j = c;
    while (j < length && isSpace(gap[j])) j++;
    if (j === c) return false;
    return j < length ? isOpener(gap[j]) : UPPER_OR_DIGIT.test(String.fromCodePoint(next));
  };
  let i = 0;
  if (prevDot) {
    // a run that starts with the first word's closing dot: alone (no more stops, no closer) it ends nothing
    while (i < length && isStop(gap[i])) i++;
    let c = i;
    while (c < length && isCloser(gap[c])) c++;
    if (opens(c) && c > 0) return true;
    i = c;
  }
  while (i < length) {
    if (!isStop(gap[i])) {
      i++;
      continue;
    }
    const run = i;
    while (i < length && isStop(gap[i])) i++;
    let c = i;
    while (c < length && isCloser(gap[c])) c++;
    // a lone dot right after a one-letter initial (Е. Жовтис) ends nothing
    const initialDot = run === 0 && prevInitial && c === 1 && gap[0] === 0x2e;
    if (opens(c) && !initialDot) return true;
    i = c;
  }
  return false;
}
