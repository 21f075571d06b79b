import type { DataFrame } from 'danfojs-node';
import type { FrameTable } from './frame-table';

/**
 * The count table as a danfojs DataFrame, columns in table order. Empty cells (a paragraph that
 * repeats no other, a rate without words) become NaN, as danfo expects for missing numbers.
 * danfojs (and TensorFlow.js behind it) is loaded on the first call, not when framelab is imported.
 *
 * @example
 * const df = toDataFrame(countFrameRows(corpus, dict));
 * df.column('гранты').sum()
 */
export function toDataFrame(table: Pick<FrameTable, 'columns' | 'rows'>): DataFrame {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const danfo = require('danfojs-node') as typeof import('danfojs-node');
  const data = table.rows.map((r) => table.columns.map((c) => (r[c] === null || r[c] === undefined ? NaN : r[c])));
  return new danfo.DataFrame(data, { columns: table.columns });
}
