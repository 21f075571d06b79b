import type { Corpus } from '../corpus/types';
import type { Cell, FrameTable } from '../table/frame-table';
import { UsageError } from './run';

/**
 * The document fields `--meta` names for a table of rows that carry a `doc` id (kwic, sample):
 * `all` is the fields of the first document and `file`; a field no document has is a usage error.
 */
export function metaFieldsOf(corpus: Corpus, meta: readonly string[] | 'all' | undefined): string[] {
  if (meta === undefined) return [];
  if (meta === 'all') {
    const first = corpus.documents[0];
    return first ? [...Object.keys(first.meta), ...('file' in first.meta ? [] : ['file'])] : [];
  }
  for (const f of meta) {
    if (f === 'file') continue;
    if (!corpus.documents.some((d) => Object.prototype.hasOwnProperty.call(d.meta, f))) {
      throw new UsageError(`--meta: no document has the field "${f}"; check the spelling or the file's columns`);
    }
  }
  return [...meta];
}

/** Rows with the documents' fields put after `doc` (the `file` field is the document's file). */
export function withMeta<T extends { doc: string }>(rows: readonly T[], corpus: Corpus, fields: readonly string[]): Array<Record<string, unknown>> {
  const byId = new Map(corpus.documents.map((d) => [d.id, d]));
  return rows.map((r) => {
    const d = byId.get(r.doc);
    const out: Record<string, unknown> = { doc: r.doc };
    for (const f of fields) out[f] = f === 'file' && !(d && 'file' in d.meta) ? (d?.file ?? '') : (d?.meta[f] ?? '');
    return { ...out, ...r };
  });
}

/** A coding sheet with the count table's metadata columns after `doc` (validate reads columns by name). */
export function sheetWithMeta<R extends { doc: string; paragraph: number }>(sheet: { columns: string[]; rows: R[] }, table: FrameTable): { columns: string[]; rows: R[] } {
  const fields = table.meta ?? [];
  if (fields.length === 0) return sheet;
  const byRow = new Map<string, Record<string, Cell>>();
  for (const row of table.rows) byRow.set(`${row.doc}\u0000${row.paragraph}`, row);
  const rows = sheet.rows.map((r) => {
    const source = byRow.get(`${r.doc}\u0000${r.paragraph}`) ?? {};
    const out: Record<string, unknown> = { doc: r.doc };
    for (const f of fields) out[f] = source[f] ?? '';
    return { ...out, ...r } as R;
  });
  const [doc, ...rest] = sheet.columns;
  return { columns: [doc, ...fields, ...rest], rows };
}
