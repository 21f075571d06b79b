import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { codeHash, readCache, writeCache } from '../util/cache';
import { FramelabError } from '../errors';
import { recordRead } from '../util/reads';
import { decodeText } from '../corpus/encoding';
import { parsePattern } from './pattern';
import { readSideFile } from '../util/limits';
import { foldCase } from '../text/normalize';
import { RESERVED_COLUMNS } from '../table/frame-table';
import { describeRule, ruleIsEmpty, type PatternRule } from './rules';
import type { RawCategory } from './dict-raw';
import { parseNested } from './dict-quanteda';
import { parseLiwc } from './dict-liwc';
import { parseWordStat } from './dict-wordstat';
import { parseYoshikoder } from './dict-yoshikoder';
import { parseLexicoder } from './dict-lexicoder';

/** One category of a dictionary: a name and the patterns that count a word for it. */
export interface Category {
  /** Name; nested keys are joined with dots (`нпо.правозащитники`). */
  name: string;
  /** Patterns as written in the file. */
  patterns: string[];
  /** Patterns split into folded word globs (one entry per word of a multi-word pattern). */
  compiled: string[][];
  /** The comment written just above the category in YAML, if any. */
  description: string;
  /** Line of the file where the category is defined. */
  line?: number;
  /**
   * Per pattern (same order as `patterns`), its rules, or null for a plain pattern; absent when
   * no pattern of the category has rules (see README, "Rules in a dictionary").
   */
  rules?: Array<PatternRule | null>;
}

/** The file formats framelab reads dictionaries from (those quanteda reads). */
export type DictionaryFormat = 'yaml' | 'json' | 'liwc' | 'wordstat' | 'yoshikoder' | 'lexicoder' | 'object';

/** A dictionary of framing categories, in file order. */
export interface Dictionary {
  /** File name without extension, or the name given. */
  name: string;
  /** File it was read from (null when built from an object). */
  source: string | null;
  format: DictionaryFormat;
  /** SHA-256 of the file's bytes (or of the canonical JSON of an object). */
  sha256: string;
  categories: Category[];
  /** What reading simplified or left out (empty categories, LIWC codes framelab does not use), one line each. */
  notes?: string[];
  /** The user's lemmas, asked before the morphological dictionary (see {@link loadLexicon}). */
  lexicon?: Lexicon;
}

/** A user's lexicon: lemmas for word forms the morphological dictionary does not know or gets wrong. */
export interface Lexicon {
  /** File it was read from (null when built from an object). */
  source: string | null;
  sha256: string;
  /** Folded form → folded lemma. */
  entries: Record<string, string>;
}

/** Options of {@link loadDictionary}. */
export interface DictionaryOptions {
  /** Read the file in this encoding instead of detecting it. */
  encoding?: string;
  /** Make what would be a note an error: an undefined LIWC category number, an empty category, a pattern that can never match. */
  strict?: boolean;
  /** A lexicon file to load with the dictionary (see {@link loadLexicon}). */
  lexicon?: string;
}

/** The dictionary that ships with framelab: гранты, коррупция, диалог and related frames of the bundled article. */
export const BUNDLED_DICTIONARY = path.join(__dirname, '..', '..', 'data', 'dictionaries', 'framing-ru.yaml');

/** The code a parsed dictionary depends on: a change to any of it makes the cached parses stale. */
const PARSER_FILES = [
  __filename,
  path.join(__dirname, 'pattern.js'),
  path.join(__dirname, '..', 'table', 'frame-table.js'),
  path.join(__dirname, 'rules.js'),
  path.join(__dirname, 'dict-quanteda.js'),
  path.join(__dirname, 'dict-liwc.js'),
  path.join(__dirname, 'dict-wordstat.js'),
  path.join(__dirname, 'dict-yoshikoder.js'),
  path.join(__dirname, 'dict-lexicoder.js'),
];

const FORMATS: Record<string, Exclude<DictionaryFormat, 'object'>> = {
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.json': 'json',
  '.dic': 'liwc',
  '.cat': 'wordstat',
  '.ykd': 'yoshikoder',
  '.lc3': 'lexicoder',
  '.lcd': 'lexicoder',
};

/**
 * Reads a dictionary file in any format quanteda reads: YAML (`.yml`/`.yaml`, quanteda's own) or
 * the same shape in JSON, LIWC (`.dic`, with zero-padded numbers, LIWC 2007 codes and indented
 * hierarchical headers), WordStat (`.cat`), Yoshikoder (`.ykd`) and Lexicoder (`.lc3`, `.lcd`);
 * nested categories are named `parent.child`. The encoding is detected as for corpus files (or
 * given). What reading simplifies is listed in `notes`; errors name the file, line and pattern.
 *
 * @example
 * const dict = loadDictionary('data/dictionaries/framing-ru.yaml');
 * dict.categories.map(c => c.name) // ['гранты', 'коррупция', 'диалог', ...]
 */
export function loadDictionary(file: string = BUNDLED_DICTIONARY, options: DictionaryOptions = {}): Dictionary {
  const bytes = readBytes(file, 'dictionary');
  const ext = path.extname(file).toLowerCase();
  const format = FORMATS[ext];
  if (!format) throw new FramelabError(`unknown dictionary type "${ext || '(none)'}": use .yaml, .yml, .json, .dic (LIWC), .cat (WordStat), .ykd (Yoshikoder), .lc3 or .lcd (Lexicoder)`, { file });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const name = path.basename(file, path.extname(file));
  // a dictionary parsed before (same bytes and options, same parser) is read back from the cache
  const key = `${sha256.slice(0, 24)}-${format}-${options.encoding ?? ''}-${options.strict ? 's' : ''}`;
  const cacheName = `dictionary-${createHash('sha256').update(key).digest('hex').slice(0, 16)}-${codeHash(...PARSER_FILES)}.json`;
  const lexicon = options.lexicon !== undefined ? loadLexicon(options.lexicon, { encoding: options.encoding }) : undefined;
  const cached = readCache(cacheName);
  if (cached) {
    try {
      const c = JSON.parse(cached.toString('utf8')) as { categories: Category[]; notes: string[] };
      // the notes name the file as it was given then: name it as it is given now
      const notes = c.notes.map((n) => n.split(FILE_MARK).join(file));
      return { name, source: file, format, sha256, categories: c.categories, notes, ...(lexicon && { lexicon }) };
    } catch {
      // a damaged cache entry: parse again
    }
  }
  const notes: string[] = [];
  const text = decodeDictionary(bytes, file, options.encoding, notes);
  const raw =
    format === 'liwc'
      ? parseLiwc(text, file, notes, options.strict ?? false)
      : format === 'wordstat'
        ? parseWordStat(text, file)
        : format === 'yoshikoder'
          ? parseYoshikoder(text, file)
          : format === 'lexicoder'
            ? parseLexicoder(text, file)
            : parseNested(text, file, format);
  const categories = finalize(raw, file, notes, { strict: options.strict ?? false, lenient: format !== 'yaml' && format !== 'json' });
  writeCache(cacheName, JSON.stringify({ categories, notes: notes.map((n) => n.split(file).join(FILE_MARK)) }));
  return { name, source: file, format, sha256, categories, notes, ...(lexicon && { lexicon }) };
}

/**
 * Reads a lexicon: one `form<TAB>lemma` line per word form (`#` starts a comment line), for words
 * the morphological dictionary does not know (иноагент, релокант) or lemmatizes wrongly. Its lemmas
 * are used before Az.js's wherever a dictionary is matched. A line without a tab, a form or lemma
 * that is not one word, or a form given two lemmas is an error naming the line.
 *
 * @example
 * loadLexicon('lexicon.tsv').entries['иноагентов'] // 'иноагент'
 */
export function loadLexicon(file: string, options: { encoding?: string } = {}): Lexicon {
  const bytes = readBytes(file, 'lexicon');
  return lexiconFromText(decodeText(bytes, file, options.encoding).text, file, createHash('sha256').update(bytes).digest('hex'));
}

/**
 * Builds a lexicon from `form<TAB>lemma` lines or from an object, for notebooks; attach it with
 * `{ ...dictionary, lexicon }`.
 *
 * @example
 * lexiconFrom({ иноагентов: 'иноагент' }).entries // { иноагентов: 'иноагент' }
 */
export function lexiconFrom(source: string | Record<string, string>, name = 'lexicon'): Lexicon {
  const text = typeof source === 'string' ? source : Object.entries(source).map(([f, l]) => `${f}\t${l}`).join('\n');
  return { ...lexiconFromText(text, name, createHash('sha256').update(text).digest('hex')), source: null };
}

function lexiconFromText(text: string, file: string, sha256: string): Lexicon {
  const entries: Record<string, string> = Object.create(null);
  const lineOf = new Map<string, number>();
  const oneWord = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u;
  text.split(/\r\n|\r|\n/).forEach((raw, n) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const fields = raw.split('\t').map((f) => f.trim());
    if (fields.length !== 2) throw new FramelabError(`a lexicon line must be "form<TAB>lemma", got "${line}"`, { file, line: n + 1 });
    const [form, lemma] = fields.map(foldCase);
    for (const w of [form, lemma]) if (!oneWord.test(w)) throw new FramelabError(`"${w}" is not one word (letters, digits, inner hyphens)`, { file, line: n + 1 });
    if (form in entries && entries[form] !== lemma) {
      throw new FramelabError(`"${form}" is given two lemmas: "${entries[form]}" (line ${lineOf.get(form)}) and "${lemma}"`, { file, line: n + 1 });
    }
    entries[form] = lemma;
    lineOf.set(form, n + 1);
  });
  return { source: file, sha256, entries };
}

/** Stands for the dictionary's path in cached notes. */
const FILE_MARK = '\u0000file\u0000';

/** The bytes of a file the run reads, or an error naming it (missing, a folder, unreadable). */
function readBytes(file: string, kind: 'dictionary' | 'lexicon'): Buffer {
  try {
    const bytes = readSideFile(file, kind); // a regular file within the size limit
    recordRead(file, kind);
    return bytes;
  } catch (err) {
    if (err instanceof FramelabError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new FramelabError(code === 'ENOENT' ? `no such ${kind} file` : code === 'EISDIR' ? `a folder, not a ${kind} file` : `cannot read ${kind}: ${code}`, { file });
  }
}

/** Decodes a dictionary file: as corpus files are, else (a non-Russian legacy file) as Windows-1252, with a note. */
function decodeDictionary(bytes: Buffer, file: string, encoding: string | undefined, notes: string[]): string {
  try {
    return decodeText(bytes, file, encoding).text;
  } catch (err) {
    if (encoding || !(err instanceof FramelabError) || !/does not read as Russian/.test(err.message)) throw err;
    notes.push(`${file}: not UTF-8 and not Russian in Windows-1251 or KOI8-R; read as Windows-1252 (give --dict-encoding if it is another)`);
    return decodeText(bytes, file, 'windows-1252').text;
  }
}

/**
 * Builds a dictionary from a plain object of the same shape as the YAML format, for notebooks.
 *
 * @example
 * dictionaryFromObject({ гранты: ['грант*'], нпо: { правозащитники: ['правозащит*'] } })
 *   .categories.map(c => c.name) // ['гранты', 'нпо.правозащитники']
 */
export function dictionaryFromObject(object: Record<string, unknown>, name = 'dictionary'): Dictionary {
  const json = JSON.stringify(object);
  const notes: string[] = [];
  const categories = finalize(parseNested(json, name, 'json'), name, notes, { strict: false, lenient: false });
  return { name, source: null, format: 'object', sha256: createHash('sha256').update(json).digest('hex'), categories, notes };
}

/**
 * Builds a dictionary from YAML text (quanteda format), as a notebook cell may hold it.
 * Errors name the line within the text.
 *
 * @example
 * dictionaryFromYaml('гранты: [грант*]\nкоррупция: [коррупц*, взятк*]', 'мой-словарь').categories.length // 2
 */
export function dictionaryFromYaml(text: string, name = 'dictionary'): Dictionary {
  const notes: string[] = [];
  const categories = finalize(parseNested(text, name, 'yaml'), name, notes, { strict: false, lenient: false });
  return { name, source: null, format: 'yaml', sha256: createHash('sha256').update(text).digest('hex'), categories, notes };
}

/**
 * A copy of a dictionary with plain patterns added to one category, for trying an edit in a
 * notebook. The other patterns keep their rules (a dictionary rebuilt from `patterns` alone would
 * lose them: `patterns` holds only what each rule's `match:` says), and the new patterns are
 * checked as a file's would be.
 *
 * @example
 * addPatterns(dictionaryFromObject({ гранты: ['грант*'] }), 'гранты', ['донор*']).categories[0].patterns // ['грант*', 'донор*']
 */
export function addPatterns(dictionary: Dictionary, category: string, patterns: readonly string[], name = `${dictionary.name} + ${patterns.join(', ')}`): Dictionary {
  if (!dictionary.categories.some((c) => c.name === category)) {
    throw new FramelabError(`addPatterns: the dictionary "${dictionary.name}" has no category "${category}" (it has ${dictionary.categories.map((c) => c.name).join(', ')})`);
  }
  const raw: RawCategory[] = dictionary.categories.map((c) => ({
    name: c.name,
    line: c.line,
    description: c.description,
    patterns: [
      ...c.patterns.map((text, k) => ({ text, line: c.rules?.[k]?.line, rule: c.rules?.[k] ?? undefined })),
      ...(c.name === category ? patterns.map((text) => ({ text })) : []),
    ],
  }));
  const notes: string[] = [];
  const categories = finalize(raw, name, notes, { strict: false, lenient: false });
  const sha256 = createHash('sha256').update(`${dictionary.sha256}\u0000${category}\u0000${patterns.join('\u0001')}`).digest('hex');
  return { ...dictionary, name, source: null, format: 'object', sha256, categories, notes: [...(dictionary.notes ?? []), ...notes] };
}

/**
 * Checks what every format shares: names that clash with table columns or with each other
 * (a nested key `нпо: {права: …}` and a dotted key `нпо.права` are two categories with one name:
 * an error naming both lines), patterns (see {@link parsePattern}; duplicates in a category are
 * kept once), and empty categories (kept as a column of zeros, with a note).
 */
function finalize(raw: RawCategory[], file: string, notes: string[], mode: { strict: boolean; lenient: boolean }): Category[] {
  const seen = new Map<string, number | undefined>();
  const out: Category[] = [];
  let skipped = 0;
  let split = 0;
  for (const r of raw) {
    const lower = r.name.toLowerCase();
    if (!r.name.trim()) throw new FramelabError('a category needs a name', { file, line: r.line });
    if (RESERVED_COLUMNS.includes(lower) || lower.endsWith('_per_1k')) {
      throw new FramelabError(`category name "${r.name}" clashes with a column of the count table; rename it`, { file, line: r.line });
    }
    if (seen.has(r.name)) {
      const first = seen.get(r.name);
      throw new FramelabError(`two categories are named "${r.name}" (lines ${first ?? '?'} and ${r.line ?? '?'}; a nested key and a dotted key give the same name); rename one`, { file, line: r.line });
    }
    seen.set(r.name, r.line);
    const patterns: string[] = [];
    const compiled: string[][] = [];
    const rules: Array<PatternRule | null> = [];
    const have = new Set<string>();
    const plainLine = new Map<string, number | undefined>();
    for (const p of r.patterns) {
      let words: string[];
      let text = typeof p.text === 'string' ? p.text.trim() : p.text;
      try {
        words = parsePattern(text, { file, line: p.line });
      } catch (err) {
        if (!mode.lenient || !(err instanceof FramelabError) || typeof text !== 'string' || /every word/.test(err.message) || mode.strict) throw err;
        // other programs' dictionaries: an apostrophe separates words in the text, so it does in the pattern
        const asWords = text.replace(/['’`]/g, ' ').replace(/_/g, ' ').trim();
        try {
          words = parsePattern(asWords, { file, line: p.line });
          text = asWords;
          split++;
        } catch {
          skipped++;
          notes.push(`${file}:${p.line ?? '?'}: left out the pattern "${text}" (${err.message.replace(/^.*?invalid pattern "[^"]*": /, '')})`);
          continue;
        }
      }
      // a rule that does nothing (only match: and note:) is a plain pattern
      const rule = p.rule && !ruleIsEmpty(p.rule) ? p.rule : null;
      const key = words.join(' ') + (rule ? '\u0000' + JSON.stringify({ ...rule, line: undefined, note: undefined }) : '');
      if (have.has(key)) continue;
      have.add(key);
      if (!rule) plainLine.set(words.join(' '), p.line);
      patterns.push(String(text).trim());
      compiled.push(words);
      rules.push(rule);
    }
    // a pattern listed plain counts every match: the same pattern with rules in the category adds nothing
    rules.forEach((rule, k) => {
      const key = compiled[k].join(' ');
      if (rule && plainLine.has(key)) {
        notes.push(`${file}:${rule.line ?? '?'}: the rule on "${patterns[k]}" (${describeRule({ ...rule, line: undefined })}) changes nothing: the same pattern is listed without rules on line ${plainLine.get(key) ?? '?'} of the category "${r.name}", and counts every match`);
      }
    });
    if (patterns.length === 0) {
      if (mode.strict) throw new FramelabError(`empty category "${r.name}": give it at least one pattern`, { file, line: r.line });
      notes.push(`${file}:${r.line ?? '?'}: the category "${r.name}" has no pattern; it is kept as a column of zeros`);
    }
    out.push({ name: r.name, patterns, compiled, description: r.description ?? '', line: r.line, ...(rules.some((x) => x) && { rules }) });
  }
  if (out.length === 0) throw new FramelabError('the dictionary has no categories', { file });
  if (split) notes.push(`${file}: ${split} pattern(s) with an apostrophe or underscore were split into words, as framelab splits text (don't → don t)`);
  void skipped;
  return out;
}
