/**
 * Active learning: the paragraphs a frame model is least sure of, drawn as a coding sheet, so that
 * the next hour of coding teaches the model most.
 */
import { FramelabError } from '../errors';
import type { FrameTable } from '../table/frame-table';
import { DEFAULT_SEED } from '../defaults';
import { seededRandom } from '../stats/random';
import { codingColumn, type CodingScale, type SampleRow } from '../validate/sheet';
import { probabilityColumn } from './predict';

/**
 * How unsure a model is of a paragraph: over the categories with a probability, the largest
 * closeness of p to 0.5, 1 − 2·|p − 0.5| (1 at p = 0.5, 0 at p = 0 or 1).
 *
 * @example
 * uncertainty([0.1, 0.45, 0.99]) // 0.9 (the 0.45)
 */
export function uncertainty(probabilities: readonly number[]): number {
  let u = -Infinity;
  for (const p of probabilities) if (!Number.isNaN(p)) u = Math.max(u, 1 - 2 * Math.abs(p - 0.5));
  return u;
}

/** Options of {@link uncertaintySample}. */
export interface UncertaintyOptions {
  n: number;
  seed?: number;
  scale?: CodingScale;
  /** Paragraphs to leave out (already coded), as `doc` and `paragraph`. */
  exclude?: ReadonlyArray<{ doc: string; paragraph: number }>;
}

/**
 * Draws the `n` paragraphs a model is least sure of (see {@link uncertainty}) from a table with
 * probability columns (see `addPredictions`), as a coding sheet of the shape `codingSample` makes
 * (stratum `uncertain`, weight 1: not a probability sample, so weighted estimates from it describe
 * the sheet, not the corpus). Repeats, paragraphs without words and the `exclude` ones are left
 * out; ties are broken by a seeded shuffle; rows come back in corpus order.
 *
 * @example
 * const model = trainFrameModel(codedExamples(corpus, dict, ['data/coding/article-coded.csv']), dict);
 * const sheet = uncertaintySample(addPredictions(countFrameRows(corpus, dict), model), { n: 5, seed: 1 });
 * sheet.rows.length // 5
 * sheet.rows.every((r) => r.stratum === 'uncertain') // true
 */
export function uncertaintySample(table: FrameTable, options: UncertaintyOptions): { columns: string[]; rows: Array<SampleRow & { uncertainty: number }> } {
  const scale = options.scale ?? 'presence';
  if (!Number.isInteger(options.n) || options.n < 1) throw new RangeError(`n must be a whole number ≥ 1, not ${options.n}`);
  if (table.texts.length !== table.rows.length) throw new FramelabError('uncertaintySample needs the paragraph texts: count with texts kept');
  const pcols = table.categories.map(probabilityColumn).filter((c) => table.columns.includes(c));
  if (pcols.length === 0) throw new FramelabError('the table has no probability columns (<category>_p): add a model\'s with addPredictions');
  const excluded = new Set((options.exclude ?? []).map((e) => `${e.doc}\u0000${e.paragraph}`));
  const rnd = seededRandom(options.seed ?? DEFAULT_SEED);
  const candidates = table.rows
    .map((r, i) => ({ i, u: uncertainty(pcols.map((c) => r[c] as number)), tie: rnd() }))
    .filter(({ i, u }) => {
      const r = table.rows[i];
      return r.duplicate_of === null && (r.tokens as number) > 0 && u > -Infinity && !excluded.has(`${r.doc}\u0000${r.paragraph}`);
    })
    .sort((a, b) => b.u - a.u || a.tie - b.tie)
    .slice(0, options.n)
    .sort((a, b) => a.i - b.i);
  const categoryColumns = table.categories.map((c) => codingColumn(c, scale));
  const rows = candidates.map(({ i, u }) => {
    const row = { doc: table.rows[i].doc as string, paragraph: table.rows[i].paragraph as number, stratum: 'uncertain', weight: 1, text: table.texts[i], uncertainty: u } as SampleRow & { uncertainty: number };
    for (const c of categoryColumns) row[c] = '';
    return row;
  });
  return { columns: ['doc', 'paragraph', 'stratum', 'weight', 'text', ...categoryColumns], rows };
}
