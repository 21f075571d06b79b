import { openCorpus, readDocuments, withBoilerplate, type ReadOptions, type ReadReport } from './read';
import type { Corpus, Document } from './types';

/** Options of {@link loadCorpus}: those of the reader (see `ReadOptions`). */
export type { ReadOptions as LoadOptions } from './read';

/**
 * Loads a corpus into memory: files and folders of .txt, .md, .jsonl and .csv (also
 * gzip-compressed), each document cut into paragraphs, with repeated paragraphs marked
 * (`duplicateOf`) or dropped (`dedupe: true`). It collects {@link readDocuments}, the reader every
 * command uses; `report` (optional) receives what reading met (files left out, notes).
 *
 * @example
 * const corpus = loadCorpus('data/ngo-grants-dialogue-2025.ru.txt');
 * corpus.documents[0].paragraphs.length // 58
 * loadCorpus('data/ngo-grants-dialogue-2025.ru.txt', { dedupe: true }).droppedDuplicates // 28
 */
export function loadCorpus(paths: string | readonly string[], options: ReadOptions = {}, report?: ReadReport): Corpus {
  const documents: Document[] = [];
  let dropped = 0;
  const r = report ?? openCorpus(paths, options);
  const read = withBoilerplate(paths, options, r);
  for (const { dropped: d, ...doc } of readDocuments(paths, read, r)) {
    documents.push(doc);
    dropped += d;
  }
  return {
    documents,
    droppedDuplicates: dropped,
    ...(read.boilerplate ? { boilerplate: read.boilerplate, droppedBoilerplate: r.droppedBoilerplate ?? 0 } : {}),
    options: { paragraphs: String(options.paragraphs ?? 'auto'), dedupe: options.dedupe ?? false, encoding: options.encoding ?? null },
  };
}
