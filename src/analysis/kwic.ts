import type { Corpus, Document } from '../corpus/types';
import { documentTokens, targetMatches, type DocToken, type Target } from './targets';

/** One line of a concordance. */
export interface KwicRow {
  doc: string;
  paragraph: number;
  /** Word position of the match in its document (0-based). */
  word: number;
  left: string;
  match: string;
  right: string;
  pattern: string;
  category: string;
  /** The part of a hyphenated word that matched (СМИ-иноагентах: иноагентах), empty when the whole word did. */
  part: string;
  /** With `lemmas`: the matched words' lemmas, how each matched (form, lemma, part, part-lemma), and whether a lemma is Az.js's guess. */
  lemma?: string;
  via?: string;
  guessed?: boolean;
  /** For a pattern with rules: the rules that let the match through (`line 4: case capitalized; not preceded_by на (1)`); empty for a plain pattern. */
  rule?: string;
  /** With `blocked`: the rule that stopped this match (`not preceded_by на (1) (line 6)`), empty for a counted one. */
  blocked?: string;
}

/** Options of {@link kwic}. */
export interface KwicOptions {
  /** Words of context on each side (default 5). */
  window?: number;
  /** `position` (default: corpus order), `left` (by the words just before), `right` (just after). */
  sort?: 'position' | 'left' | 'right';
  /** Let context run into neighbouring paragraphs of the same document (marked ¶). Default: stay in the paragraph. */
  crossParagraphs?: boolean;
  /** Add the columns `lemma`, `via` and `guessed` (see {@link KwicRow}). */
  lemmas?: boolean;
  /** Also list the matches a rule of the dictionary stopped, with the rule in `blocked` (they are not counted). */
  blocked?: boolean;
}

/** The text of tokens [from, to) as written, paragraphs joined with ' ¶ '. */
function spanText(doc: Document, tokens: DocToken[], from: number, to: number): string {
  if (from >= to) return '';
  const parts: string[] = [];
  let i = from;
  while (i < to) {
    let j = i;
    while (j + 1 < to && tokens[j + 1].p === tokens[i].p) j++;
    parts.push(doc.paragraphs[tokens[i].p].text.slice(tokens[i].start, tokens[j].end));
    i = j + 1;
  }
  return parts.join(' ¶ ');
}

/**
 * Keyword in context: every match of a pattern or category with `window` words of context on
 * either side, as written (punctuation kept). Context stops at the paragraph's edges unless
 * `crossParagraphs`, and always at the document's. For a category whose patterns have rules,
 * `rule` says which rule let each match through; with `blocked`, the matches a rule stopped are
 * listed too, with the rule in `blocked`.
 *
 * @example
 * kwic(corpus, { pattern: 'коррупц*' }, { window: 4, sort: 'left' })
 */
export function kwic(corpus: Corpus, target: Target, options: KwicOptions = {}): KwicRow[] {
  const window = options.window ?? 5;
  if (!Number.isInteger(window) || window < 0) throw new RangeError(`window must be a whole number ≥ 0, not ${window}`);
  const matches = targetMatches(corpus, target, { blocked: options.blocked });
  const ruled = target.category !== undefined && target.dictionary?.categories.some((c) => c.name === target.category && c.rules) === true;
  const docs = new Map(corpus.documents.map((d) => [d.id, d]));
  const cache = new Map<string, DocToken[]>();
  const rows: Array<KwicRow & { leftKey: string; rightKey: string }> = [];
  for (const m of matches) {
    const doc = docs.get(m.doc)!;
    if (!cache.has(doc.id)) cache.set(doc.id, documentTokens(doc));
    const tokens = cache.get(doc.id)!;
    const length = m.form.split(' ').length;
    const first = m.word;
    const last = m.word + length; // exclusive
    let lo = Math.max(0, first - window);
    let hi = Math.min(tokens.length, last + window);
    if (!options.crossParagraphs) {
      const p = tokens[first].p;
      while (tokens[lo].p !== p) lo++;
      while (hi > last && tokens[hi - 1].p !== p) hi--;
    }
    rows.push({
      doc: m.doc,
      paragraph: m.paragraph,
      word: m.word,
      left: spanText(doc, tokens, lo, first),
      match: spanText(doc, tokens, first, last),
      right: spanText(doc, tokens, last, hi),
      pattern: m.pattern,
      category: m.category,
      part: m.part,
      ...(options.lemmas && { lemma: m.lemma, via: m.via, guessed: m.guessed }),
      ...((ruled || options.blocked) && { rule: m.rule ?? '' }),
      ...(options.blocked && { blocked: m.blocked ?? '' }),
      leftKey: tokens.slice(lo, first).map((t) => t.norm).reverse().join(' '),
      rightKey: tokens.slice(last, hi).map((t) => t.norm).join(' '),
    });
  }
  const sort = options.sort ?? 'position';
  if (sort !== 'position') {
    const key = sort === 'left' ? 'leftKey' : 'rightKey';
    rows.sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
  }
  return rows.map(({ leftKey: _l, rightKey: _r, ...row }) => row);
}
