import type { Period } from '../corpus/dates';
import { FramelabError } from '../errors';
import type { Cell, FrameTable } from '../frames/table';
import { timeSeries, type SeriesOptions, type SeriesRow } from './groups';

/** A category in a period of one group's time series: the group's fields, then the series row. */
export type GroupSeriesRow = Record<string, Cell> & SeriesRow;

/**
 * The time series of each group of documents ("how does each outlet's framing change over the
 * years"): the rows of the count table are split by the values of the `by` fields, and each
 * group gets its own {@link timeSeries} — a row per period and category, empty periods between
 * its first and last date included, with the same rate intervals (resampling that group's
 * documents) and the same trend test per category as the series alone. Groups in sorted order;
 * the group's fields come first in each row. Bootstrap and permutations are seeded per group
 * with the same seed, so that a group's rows do not depend on the other groups.
 *
 * @example
 * const t = countFrameRows(loadCorpus('data/mixed-corpus/corpus.yaml'), dict, { meta: ['outlet', 'date'] });
 * const s = groupTimeSeries(t, ['outlet'], 'date', 'year', { seed: 1, replicates: 200, permutations: 99 });
 * [...new Set(s.rows.map((r) => r.outlet))] // ['RT', 'Газета.Ru', 'Известия', 'Интерфакс', 'РИА Новости', 'ТАСС']
 * s.rows.filter((r) => r.outlet === 'Газета.Ru').length / dict.categories.length // 8
 */
export function groupTimeSeries(
  table: FrameTable,
  by: readonly string[],
  dateField: string,
  every: Period,
  options: SeriesOptions = {},
): { rows: GroupSeriesRow[]; skipped: Array<{ doc: string; value: string }> } {
  if (by.length === 0) throw new FramelabError('compare: give the fields to group by');
  for (const f of by) if (!table.columns.includes(f)) throw new FramelabError(`compare: the table has no column "${f}" (count with meta: ['${f}'])`);
  const groups = new Map<string, { values: Cell[]; rows: Array<Record<string, Cell>>; texts: string[] }>();
  table.rows.forEach((r, k) => {
    const values = by.map((f) => r[f] ?? null);
    const key = JSON.stringify(values);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { values, rows: [], texts: [] }));
    g.rows.push(r);
    g.texts.push(table.texts[k] ?? '');
  });
  const order = [...groups.values()].sort((a, b) => {
    const x = a.values.map((v) => String(v ?? '')).join('\u0000');
    const y = b.values.map((v) => String(v ?? '')).join('\u0000');
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const rows: GroupSeriesRow[] = [];
  const skipped: Array<{ doc: string; value: string }> = [];
  for (const g of order) {
    const series = timeSeries({ ...table, rows: g.rows, texts: g.texts }, dateField, every, options);
    skipped.push(...series.skipped);
    for (const row of series.rows) {
      const out: Record<string, Cell> = {};
      by.forEach((f, i) => (out[f] = g.values[i]));
      rows.push({ ...out, ...(row as unknown as Record<string, Cell>) } as GroupSeriesRow);
    }
  }
  return { rows, skipped };
}
