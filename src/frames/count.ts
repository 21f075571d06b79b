import type { DataFrame } from 'danfojs-node';
import type { Corpus } from '../corpus/types';
import { FramelabError } from '../errors';
import type { LemmaLookup } from '../text/forms';
import { sharedLemmatizer } from '../text/lemma-cache';
import { paragraphTokens } from '../corpus/tokens';
import { sharedVocabulary } from '../text/vocabulary';
import { toDataFrame } from '../table/dataframe';
import type { Dictionary } from './dictionary';
import { countCorpus, type CountCorpusOptions, type CountSummary } from './engine';
import { FrameMatcher } from './matcher';
import { runContext } from './rules';
import { countColumns, hasField, rateColumn, ROW, tableRows, type CountedRows, type FrameTable, type TableDocument, type WordRule } from '../table/frame-table';
import { countedToCsv, csvRecord, toCsv, toJson } from '../table/format';
import { ParquetWriter, type ColumnSpec } from '../table/parquet';

export { FrameMatcher, lemmaReach, maybeStemless, type FrameMatch } from './matcher';
export { countColumns, rate, rateColumn, tableRows, WORD_RULES, type Cell, type FrameTable, type WordRule } from '../table/frame-table';

/** Options of {@link countFrameRows} and {@link countFrames}. */
export interface CountOptions {
  /** Add `<category>_per_1k` columns: count per 1000 words of the paragraph. */
  rate?: boolean;
  /** Document fields to carry as columns after `doc` (`'all'`: every field of the first document, and `file`). */
  meta?: readonly string[] | 'all';
  /** Lemmas from this lemmatizer (default: one shared by the process, which starts from the lemma cache). */
  lemmatizer?: LemmaLookup;
  /** Share a matcher (and its per-form cache) across calls; it must be built for the same dictionary. */
  matcher?: FrameMatcher;
  /** What the `tokens` column counts (see {@link WordRule}; default `all`). */
  words?: WordRule;
}


const matchers = new WeakMap<Dictionary, FrameMatcher>();

/** The matcher of a dictionary over the shared vocabulary (made once per dictionary object). */
export function sharedMatcher(dictionary: Dictionary, lemmatizer?: LemmaLookup): FrameMatcher {
  if (lemmatizer) return new FrameMatcher(dictionary, lemmatizer, { forms: sharedVocabulary() });
  let m = matchers.get(dictionary);
  if (!m) {
    m = new FrameMatcher(dictionary, sharedLemmatizer(), { forms: sharedVocabulary() });
    matchers.set(dictionary, m);
  }
  return m;
}

/** The metadata fields a table carries: those asked for, `all` resolved from the first document; a field no document has is an error. */
export function resolveMeta(docs: readonly TableDocument[], meta: readonly string[] | 'all' | undefined): string[] {
  if (meta === undefined) return [];
  if (meta === 'all') {
    const first = docs[0];
    if (!first) return [];
    return [...Object.keys(first.meta), ...(Object.prototype.hasOwnProperty.call(first.meta, 'file') ? [] : ['file'])];
  }
  const missing = meta.filter((f) => !docs.some((d) => hasField(d, f)));
  if (missing.length) {
    throw new FramelabError(`no document has the field${missing.length > 1 ? 's' : ''} ${missing.map((n) => `"${n}"`).join(', ')}; check the spelling or the file's columns`);
  }
  return [...meta];
}

/**
 * Counts the dictionary's categories in every paragraph of an in-memory corpus, as plain rows.
 * `duplicate_of` is null when the paragraph is not a repeat; rates are null for a paragraph without
 * words. Words come from the tokens stage (each paragraph scanned once per process).
 *
 * @example
 * const table = countFrameRows(loadCorpus('data/ngo-grants-dialogue-2025.ru.txt'), loadDictionary());
 * table.columns.slice(0, 5) // ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched']
 */
export function countFrameRows(corpus: Corpus, dictionary: Dictionary, options: CountOptions = {}): FrameTable {
  const matcher = options.matcher ?? sharedMatcher(dictionary, options.lemmatizer);
  const categories = dictionary.categories.map((c) => c.name);
  const width = ROW.counts + categories.length;
  let rows = 0;
  for (const doc of corpus.documents) rows += doc.paragraphs.length;
  const data = new Int32Array(rows * width);
  const texts: string[] = [];
  const counts = new Int32Array(categories.length);
  const shared = matcher.forms === sharedVocabulary();
  const letters = options.words === 'letters';
  let r = 0;
  corpus.documents.forEach((doc, d) => {
    for (const p of doc.paragraphs) {
      const o = r * width;
      counts.fill(0);
      let tokens: number;
      let matched: number;
      if (shared) {
        const t = paragraphTokens(p);
        for (let k = 0; k < t.ids.length; k++) matcher.classify(t.ids[k]);
        tokens = matcher.wordCount(t.ids, 0, t.ids.length, letters);
        matched = matcher.countIds(t.ids, 0, t.ids.length, counts, matcher.hasRules ? () => runContext(p.text, t.starts, t.ends) : undefined);
      } else {
        const c = matcher.countText(p.text, letters);
        tokens = c.tokens;
        matched = c.matched;
        counts.set(c.counts);
      }
      data[o + ROW.doc] = d;
      data[o + ROW.paragraph] = p.index;
      data[o + ROW.tokens] = tokens;
      data[o + ROW.duplicateOf] = p.duplicateOf ?? -1;
      data[o + ROW.matched] = matched;
      data.set(counts, o + ROW.counts);
      texts.push(p.text);
      r++;
    }
  });
  const docs: TableDocument[] = corpus.documents.map((d) => ({ id: d.id, meta: d.meta, file: d.file }));
  const meta = resolveMeta(docs, options.meta);
  const counted: CountedRows = { docs, data, rows, width, texts };
  return {
    columns: countColumns(categories, { rate: options.rate, meta }),
    categories,
    rows: tableRows(counted, categories, { rate: options.rate, meta }),
    texts,
    meta,
    words: options.words ?? 'all',
  };
}

/**
 * Counts the dictionary's categories in every paragraph of an in-memory corpus, as a danfojs
 * DataFrame (see {@link countFrameRows} for the columns; empty cells are NaN).
 *
 * @example
 * const df = countFrames(loadCorpus('data/ngo-grants-dialogue-2025.ru.txt', { dedupe: true }), loadDictionary());
 * df.column('коррупция').sum()
 */
export function countFrames(corpus: Corpus, dictionary: Dictionary, options: CountOptions = {}): DataFrame {
  return toDataFrame(countFrameRows(corpus, dictionary, options));
}

/**
 * Counts files and folders through the streaming engine (worker threads, bounded memory) and
 * collects the table: the same rows as `countFrameRows(loadCorpus(paths, options), dictionary)`,
 * for a corpus too big to hold as text.
 *
 * @example
 * const { table, summary } = await countFiles(['corpus.jsonl'], loadDictionary(), { dedupe: true, rate: true });
 */
export async function countFiles(
  paths: string | readonly string[],
  dictionary: Dictionary,
  options: CountCorpusOptions & { rate?: boolean } = {},
): Promise<{ table: FrameTable; summary: CountSummary }> {
  const categories = dictionary.categories.map((c) => c.name);
  const rows: FrameTable['rows'] = [];
  const texts: string[] = [];
  let meta: string[] = [];
  const summary = await countCorpus(
    paths,
    dictionary,
    (counted) => {
      for (const row of tableRows(counted, categories, { rate: options.rate, meta })) rows.push(row);
      if (counted.texts) for (const t of counted.texts) texts.push(t);
    },
    { ...options, onStart: (m) => (meta = m) },
  );
  return { table: { columns: countColumns(categories, { rate: options.rate, meta }), categories, rows, texts, meta, words: options.words ?? 'all' }, summary };
}

/**
 * Counts files and folders through the streaming engine and writes the count table as CSV
 * (default) or JSON to `write`, piece by piece in corpus order: what `framelab count` prints.
 * Nothing is written before the options and inputs are checked, and the metadata fields asked for
 * have been found.
 *
 * @example
 * const chunks: string[] = [];
 * await countFilesStreaming(['corpus.jsonl'], loadDictionary(), (s) => chunks.push(s), { jobs: 2, rate: true });
 * chunks.join('').split('\r\n')[0].split(',').slice(0, 6) // ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', 'гранты']
 */
export async function countFilesStreaming(
  paths: string | readonly string[],
  dictionary: Dictionary,
  write: (chunk: string) => void,
  options: CountCorpusOptions & { rate?: boolean; format?: 'csv' | 'json'; extend?: TableExtension } = {},
): Promise<CountSummary> {
  const format = options.format ?? 'csv';
  const categories = dictionary.categories.map((c) => c.name);
  const extend = options.extend;
  let shape = { rate: options.rate, meta: [] as string[] };
  let wrote = false;
  const summary = await countCorpus(
    paths,
    dictionary,
    (counted) => {
      if (format === 'csv' && !extend) {
        write(countedToCsv(counted, categories, shape));
        return;
      }
      if (counted.rows === 0) return;
      const plain: FrameTable = { columns: countColumns(categories, shape), categories, rows: tableRows(counted, categories, shape), texts: counted.texts ?? [] };
      const table = extend ? extend.add(plain) : plain;
      if (format === 'csv') {
        const csv = toCsv(table);
        write(csv.slice(csv.indexOf('\r\n') + 2));
      } else {
        const json = toJson(table);
        write((wrote ? ',\n' : '\n') + json.slice(2, json.length - 3));
        wrote = true;
      }
    },
    {
      ...options,
      texts: options.texts || extend !== undefined,
      onStart: (meta) => {
        shape = { rate: options.rate, meta };
        options.onStart?.(meta);
        write(format === 'csv' ? csvRecord([...countColumns(categories, shape), ...(extend?.columns ?? [])]) : '[');
      },
    },
  );
  if (format === 'json') write(wrote ? '\n]\n' : ']\n');
  return summary;
}

/**
 * Columns a streaming count adds to each batch's table after the counts (a model's
 * probabilities, say): their names, for the header written before any batch, and the function
 * that adds them to a batch (whose `texts` are kept for it).
 */
export interface TableExtension {
  columns: readonly string[];
  add(table: FrameTable): FrameTable;
}

/** The Parquet type of a count-table column: text for `doc` and metadata, numbers for the rest. */
export function countColumnTypes(categories: readonly string[], shape: { rate?: boolean; meta?: readonly string[] }): ColumnSpec[] {
  const rates = new Set(shape.rate ? categories.map((c) => rateColumn(c)) : []);
  const text = new Set(['doc', ...(shape.meta ?? [])]);
  return countColumns(categories, shape).map((name) => ({ name, type: text.has(name) ? 'text' : rates.has(name) ? 'double' : 'integer' }));
}

/**
 * Counts files and folders through the streaming engine and writes the count table as a Parquet
 * file (atomically): whole numbers as integers, rates as doubles, `doc` and metadata as text. The
 * counted rows are held in compact form (a few bytes a number) until the file is written.
 *
 * @example
 * await countFilesParquet(['data/news-sample'], loadDictionary(), 'counts.parquet', { idField: 'url', meta: ['date', 'topics'] });
 */
export async function countFilesParquet(
  paths: string | readonly string[],
  dictionary: Dictionary,
  file: string,
  options: CountCorpusOptions & { rate?: boolean } = {},
): Promise<CountSummary> {
  const categories = dictionary.categories.map((c) => c.name);
  const batches: CountedRows[] = [];
  let meta: string[] = [];
  const summary = await countCorpus(paths, dictionary, (c) => batches.push(c), {
    ...options,
    onStart: (m) => {
      meta = m;
      options.onStart?.(m);
    },
  });
  const shape = { rate: options.rate, meta };
  const writer = await ParquetWriter.open(file, countColumnTypes(categories, shape));
  try {
    for (const c of batches) for (const row of tableRows(c, categories, shape)) writer.append(row);
  } catch (err) {
    writer.abort();
    throw err;
  }
  await writer.commit();
  return summary;
}
