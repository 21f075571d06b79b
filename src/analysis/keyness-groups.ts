import type { Corpus, Document } from '../corpus/types';
import { FramelabError } from '../errors';
import { keyness, partitionCorpus, type KeynessOptions, type KeynessRow } from './keyness';

/** A keyness row of one group against the rest: the group's value, then the row. */
export type GroupKeynessRow = { group: string } & KeynessRow;

/** A document's value of a field (`file`: the file it was read from), as text; '' when it has none. */
function valueOf(doc: Document, field: string): string {
  const v = field === 'file' && !('file' in doc.meta) ? doc.file : doc.meta[field];
  return v === undefined || v === null ? '' : String(v);
}

/**
 * Keyness of each group of documents against all the others ("what is distinctive of each
 * outlet"): the documents are grouped by the value of `field`, and every group is the target of
 * {@link keyness} with the rest of the corpus as its reference, in one table, groups in sorted
 * order (each group's rows as `keyness` orders them, strongest G² first). The p-values are adjusted
 * within each group's comparison. `top` keeps the first rows of each group.
 *
 * @example
 * const c = loadCorpus('data/mixed-corpus/corpus.yaml');
 * const rows = keynessByGroup(c, 'outlet', { top: 3 });
 * [...new Set(rows.map((r) => r.group))] // ['RT', 'Газета.Ru', 'Известия', 'Интерфакс', 'РИА Новости', 'ТАСС']
 * rows.length // 18
 */
export function keynessByGroup(corpus: Corpus, field: string, options: KeynessOptions & { top?: number } = {}): GroupKeynessRow[] {
  if (!corpus.documents.some((d) => valueOf(d, field) !== '')) throw new FramelabError(`no document has the field "${field}"; check the spelling or the file's columns`);
  const groups = [...new Set(corpus.documents.map((d) => valueOf(d, field)))].sort();
  if (groups.length < 2) throw new FramelabError(`every document has the same ${field} ("${groups[0]}"): there is no rest to compare a group with`);
  const out: GroupKeynessRow[] = [];
  for (const g of groups) {
    const { target, rest } = partitionCorpus(corpus, (doc) => valueOf(doc, field) === g);
    const rows = keyness(target, rest, options);
    for (const r of options.top !== undefined ? rows.slice(0, options.top) : rows) out.push({ group: g, ...r });
  }
  return out;
}
