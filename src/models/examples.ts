/**
 * Coded paragraphs as training examples: the text, the dictionary's counts and, per category, the
 * coders' label, read from the sheets `framelab sample` draws and `framelab validate` reads.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { Corpus } from '../corpus/types';
import { FramelabError } from '../errors';
import { countFrameRows } from '../frames/count';
import type { Dictionary } from '../frames/dictionary';
import { readCodedSheet } from '../validate/sheet';

/** One coded paragraph. */
export interface CodedExample {
  doc: string;
  paragraph: number;
  text: string;
  /** The dictionary's count per category. */
  counts: Record<string, number>;
  /** Per category (in {@link CodedExamples.categories} order): 1 present, 0 absent, null not coded or the coders disagree. */
  labels: Array<0 | 1 | null>;
  /** Sampling weight of the sheet (1 on a census). */
  weight: number;
  stratum: string;
}

/** Coded paragraphs with the categories they are coded for and where they came from. */
export interface CodedExamples {
  categories: string[];
  examples: CodedExample[];
  /** Each sheet read, with the SHA-256 of its bytes. */
  sheets: Array<{ file: string; sha256: string }>;
}

/**
 * SHA-256 of a file's bytes, in hex.
 *
 * @example
 * sha256File('data/coding/article-coded.csv').length // 64
 */
export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Reads coded sheets against the corpus they were drawn from (see `readCodedSheet`: errors name
 * the sheet, line and column) and gives one example per coded paragraph. With one sheet a label is
 * what its coder wrote (a count above 0 is presence). With several, as `framelab validate` forms
 * the coders' majority: a paragraph's label is the majority of two or more codings, and a tie
 * (two coders who disagree) leaves it unlabelled for that category.
 *
 * @example
 * // the bundled article without repeats (corpus) and its coded sheet: 30 paragraphs, гранты present in 12
 * const ex = codedExamples(corpus, dict, ['data/coding/article-coded.csv']);
 * ex.examples.length // 30
 * ex.examples.filter((e) => e.labels[0] === 1).length // 12
 */
export function codedExamples(corpus: Corpus, dictionary: Dictionary, files: readonly string[]): CodedExamples {
  if (files.length === 0) throw new FramelabError('no coded sheet given');
  const table = countFrameRows(corpus, dictionary);
  const sheets = files.map((f) => readCodedSheet(f, table));
  const categories = table.categories;
  const byIndex = new Map<number, { weight: number; stratum: string; values: Array<Array<number>> }>();
  for (const sheet of sheets) {
    for (const r of sheet.rows) {
      const e = byIndex.get(r.index) ?? { weight: r.weight, stratum: r.stratum, values: categories.map(() => []) };
      r.values.forEach((v, k) => {
        if (v !== null) e.values[k].push(v > 0 ? 1 : 0);
      });
      byIndex.set(r.index, e);
    }
  }
  const several = sheets.length >= 2;
  const examples: CodedExample[] = [...byIndex.keys()]
    .sort((a, b) => a - b)
    .map((i) => {
      const e = byIndex.get(i)!;
      const row = table.rows[i];
      const labels = e.values.map((vs): 0 | 1 | null => {
        if (vs.length === 0 || (several && vs.length < 2)) return null;
        const yes = vs.filter((v) => v === 1).length;
        const no = vs.length - yes;
        if (yes === no) return null;
        return yes > no ? 1 : 0;
      });
      const counts: Record<string, number> = {};
      for (const c of categories) counts[c] = row[c] as number;
      return { doc: row.doc as string, paragraph: row.paragraph as number, text: table.texts[i], counts, labels, weight: e.weight, stratum: e.stratum };
    });
  return { categories, examples, sheets: files.map((file) => ({ file, sha256: sha256File(file) })) };
}

/**
 * Examples of several corpora as one set (the notebook trains on two coded corpora): the
 * categories must be the same, in the same order.
 *
 * @example
 * const ex = codedExamples(corpus, dict, ['data/coding/article-coded.csv']);
 * mergeExamples(ex, ex).examples.length // 60
 */
export function mergeExamples(...sets: CodedExamples[]): CodedExamples {
  if (sets.length === 0) throw new RangeError('mergeExamples needs at least one set');
  const categories = sets[0].categories;
  for (const s of sets) {
    if (s.categories.join('\u0000') !== categories.join('\u0000')) throw new FramelabError(`examples coded for other categories (${s.categories.join(', ')}) than ${categories.join(', ')}: one dictionary for all`);
  }
  return { categories, examples: sets.flatMap((s) => s.examples), sheets: sets.flatMap((s) => s.sheets) };
}
