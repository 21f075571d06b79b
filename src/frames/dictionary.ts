import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { Node, Pair } from 'yaml';
import { codeHash, readCache, writeCache } from '../util/cache';
import { FramelabError } from '../errors';
import { decodeText } from '../corpus/encoding';
import { parsePattern } from './pattern';
import { RESERVED_COLUMNS } from './table';

/** One category of a dictionary: a name and the patterns that count a word for it. */
export interface Category {
  /** Name; nested YAML keys are joined with dots (`нпо.правозащитники`). */
  name: string;
  /** Patterns as written in the file. */
  patterns: string[];
  /** Patterns split into folded word globs (one entry per word of a multi-word pattern). */
  compiled: string[][];
  /** The comment written just above the category in YAML, if any. */
  description: string;
}

/** A dictionary of framing categories, in file order. */
export interface Dictionary {
  /** File name without extension, or the name given. */
  name: string;
  /** File it was read from (null when built from an object). */
  source: string | null;
  format: 'yaml' | 'json' | 'liwc' | 'object';
  /** SHA-256 of the file's bytes (or of the canonical JSON of an object). */
  sha256: string;
  categories: Category[];
}


/** The dictionary that ships with framelab: гранты, коррупция, диалог and related frames of the bundled article. */
export const BUNDLED_DICTIONARY = path.join(__dirname, '..', '..', 'data', 'dictionaries', 'framing-ru.yaml');

/**
 * Reads a dictionary file: quanteda-style YAML (`.yml`/`.yaml`), the same shape in JSON (`.json`),
 * or LIWC (`.dic`). Errors name the file, line and pattern at fault.
 *
 * @example
 * const dict = loadDictionary('data/dictionaries/framing-ru.yaml');
 * dict.categories.map(c => c.name) // ['гранты', 'коррупция', 'диалог', ...]
 */
export function loadDictionary(file: string = BUNDLED_DICTIONARY): Dictionary {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FramelabError(code === 'ENOENT' ? 'no such dictionary file' : `cannot read dictionary: ${code}`, { file });
  }
  const ext = path.extname(file).toLowerCase();
  const format = ext === '.dic' ? 'liwc' : ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : null;
  if (!format) throw new FramelabError(`unknown dictionary type "${ext || '(none)'}": use .yaml, .yml, .json or .dic (LIWC)`, { file });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const name = path.basename(file, path.extname(file));
  // a dictionary parsed before (same bytes, same parser) is read back from the cache
  const cacheName = `dictionary-${sha256.slice(0, 24)}-${format}-${codeHash(__filename, path.join(__dirname, 'pattern.js'), path.join(__dirname, 'table.js'))}.json`;
  const cached = readCache(cacheName);
  if (cached) {
    try {
      return { name, source: file, format, sha256, categories: JSON.parse(cached.toString('utf8')) as Category[] };
    } catch {
      // a damaged cache entry: parse again
    }
  }
  const text = decodeText(bytes, file).text;
  const categories = format === 'liwc' ? parseLiwc(text, file) : parseNested(text, file, format);
  writeCache(cacheName, JSON.stringify(categories));
  return { name, source: file, format, sha256, categories };
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
  const categories = parseNested(json, name, 'json');
  return { name, source: null, format: 'object', sha256: createHash('sha256').update(json).digest('hex'), categories };
}

/**
 * Builds a dictionary from YAML text (quanteda format), as a notebook cell may hold it.
 * Errors name the line within the text.
 *
 * @example
 * dictionaryFromYaml('гранты: [грант*]\nкоррупция: [коррупц*, взятк*]', 'мой-словарь').categories.length // 2
 */
export function dictionaryFromYaml(text: string, name = 'dictionary'): Dictionary {
  const categories = parseNested(text, name, 'yaml');
  return { name, source: null, format: 'yaml', sha256: createHash('sha256').update(text).digest('hex'), categories };
}

function parseNested(text: string, file: string, format: 'yaml' | 'json'): Category[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LineCounter, parseDocument, isMap, isScalar, isSeq } = require('yaml') as typeof import('yaml');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    throw new FramelabError(`invalid ${format.toUpperCase()}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, { file, line });
  }
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range ? lines.linePos(node.range[0]).line : undefined;
  const root = doc.contents;
  if (!isMap(root)) {
    throw new FramelabError('a dictionary must map category names to lists of patterns', { file, line: lineOf(root as Node) ?? 1 });
  }
  const categories: Category[] = [];
  const visit = (pairs: Pair[], prefix: string, mapComment: string) => {
    for (const [k, pair] of pairs.entries()) {
      const key = pair.key as Node;
      const keyName = isScalar(key) ? String(key.value ?? '').trim() : '';
      const line = lineOf(key);
      if (!keyName) throw new FramelabError('a category needs a name', { file, line });
      const name = prefix + keyName;
      const value = pair.value as Node | null;
      if (isMap(value)) {
        if (value.items.length === 0) throw new FramelabError(`empty category "${name}"`, { file, line });
        visit(value.items as Pair[], name + '.', value.commentBefore ?? '');
        continue;
      }
      const items: Array<{ value: unknown; line: number | undefined }> = isSeq(value)
        ? value.items.map((item) => ({ value: isScalar(item) ? item.value : item, line: lineOf(item as Node) ?? line }))
        : isScalar(value) && value.value !== null && value.value !== ''
          ? [{ value: value.value, line: lineOf(value) }]
          : [];
      if (items.length === 0) throw new FramelabError(`empty category "${name}": give it at least one pattern`, { file, line });
      const patterns: string[] = [];
      const compiled: string[][] = [];
      for (const item of items) {
        compiled.push(parsePattern(item.value, { file, line: item.line }));
        patterns.push(String(item.value).trim());
      }
      categories.push(checkName({ name, patterns, compiled, description: describe(key, k === 0 ? mapComment : '') }, file, line));
    }
  };
  visit(root.items as Pair[], '', '');
  if (categories.length === 0) throw new FramelabError('the dictionary has no categories', { file });
  return categories;
}

/** The last comment paragraph above a key, as one line. */
function describe(key: Node, fallback: string): string {
  const comment = (key as { commentBefore?: string | null }).commentBefore || fallback;
  const paragraphs = comment.split(/\n\s*\n/);
  return paragraphs[paragraphs.length - 1]
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
}

function checkName(category: Category, file: string, line: number | undefined): Category {
  const lower = category.name.toLowerCase();
  if (RESERVED_COLUMNS.includes(lower) || lower.endsWith('_per_1k')) {
    throw new FramelabError(`category name "${category.name}" clashes with a column of the count table; rename it`, { file, line });
  }
  return category;
}

/**
 * Parses a LIWC `.dic` dictionary: a header between two `%` lines numbering the categories
 * (`1<TAB>гранты`), then one entry a line: a pattern and the numbers of its categories.
 */
function parseLiwc(text: string, file: string): Category[] {
  const lines = text.split(/\r\n|\r|\n/);
  let i = 0;
  while (i < lines.length && !lines[i].trim()) i++;
  if (lines[i]?.trim() !== '%') throw new FramelabError('not a LIWC dictionary: the first line must be "%"', { file, line: i + 1 });
  const byId = new Map<string, { category: Category; line: number }>();
  const order: Category[] = [];
  for (i++; i < lines.length && lines[i].trim() !== '%'; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const m = /^(\S+)\s+(.+)$/u.exec(line);
    if (!m) throw new FramelabError(`a category line must be "<number> <name>", got "${line}"`, { file, line: i + 1 });
    if (byId.has(m[1])) throw new FramelabError(`category number ${m[1]} is defined twice`, { file, line: i + 1 });
    const category = checkName({ name: m[2].trim(), patterns: [], compiled: [], description: '' }, file, i + 1);
    if (order.some((c) => c.name === category.name)) throw new FramelabError(`category "${category.name}" is defined twice`, { file, line: i + 1 });
    byId.set(m[1], { category, line: i + 1 });
    order.push(category);
  }
  if (i >= lines.length) throw new FramelabError('the category header is not closed by a second "%" line', { file, line: lines.length });
  if (order.length === 0) throw new FramelabError('the header defines no categories', { file, line: i + 1 });
  for (i++; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const fields = line.split(/\s+/u);
    let k = fields.length;
    while (k > 0 && byId.has(fields[k - 1])) k--;
    const pattern = fields.slice(0, k).join(' ');
    const ids = fields.slice(k);
    if (ids.length === 0) {
      const last = fields[fields.length - 1];
      throw new FramelabError(
        /^\d+$/.test(last) && fields.length > 1
          ? `unknown category number ${last} for "${fields.slice(0, -1).join(' ')}"`
          : `entry "${line}" names no category number`,
        { file, line: i + 1, pattern },
      );
    }
    if (!pattern) throw new FramelabError(`entry "${line}" has no pattern`, { file, line: i + 1 });
    const words = parsePattern(pattern, { file, line: i + 1 });
    for (const id of ids) {
      const { category } = byId.get(id)!;
      category.patterns.push(pattern);
      category.compiled.push(words);
    }
  }
  for (const { category, line } of byId.values()) {
    if (category.patterns.length === 0) throw new FramelabError(`empty category "${category.name}": no entry names it`, { file, line });
  }
  return order;
}
