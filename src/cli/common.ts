import { loadCorpus } from '../corpus/load';
import { openCorpus, type ReadReport } from '../corpus/read';
import type { Corpus } from '../corpus/types';
import { BUNDLED_DICTIONARY, loadDictionary, type Dictionary } from '../frames/dictionary';
import type { Cell, FrameTable } from '../table/frame-table';
import { toCsv, toJson, toTextTable, type TableFormat } from '../table/format';
import { checkOut, dictEncodingOf, formatOf, readOptionsOf, type SharedFlags } from './options';
import { emit, printable, progressBar } from './run';
import { countRows, type CountCorpusOptions, type CountSummary } from '../frames/count';
import { tableSink, type RowSink } from '../table/sinks';

/** A note on stderr unless --quiet. */
export function note(flags: { quiet?: boolean }, message: string): void {
  if (!flags.quiet) process.stderr.write(`framelab: ${printable(message)}\n`);
}

/** Notes about what reading met: files left out of the input folders, CSV oddities, skipped lines. */
export function readingNotes(flags: { quiet?: boolean }, report: Pick<ReadReport, 'skippedFiles' | 'notes' | 'badLines'>): void {
  for (const line of skippedNotes(report.skippedFiles)) note(flags, line);
  for (const n of report.notes) note(flags, n);
  if (report.badLines.length > 0) note(flags, `skipped ${report.badLines.length} bad line(s); first: ${report.badLines[0].message}`);
}

/**
 * Files left out, as notes: one line each when there are a few, else one line per reason with
 * how many and the first names.
 *
 * @example
 * skippedNotes([{ file: 'a/LICENSE', reason: 'a licence or readme file, not a document' }])
 * // ['left out a/LICENSE: a licence or readme file, not a document']
 */
export function skippedNotes(skipped: ReadonlyArray<{ file: string; reason: string }>): string[] {
  if (skipped.length <= 3) return skipped.map((s) => `left out ${s.file}: ${s.reason}`);
  const byReason = new Map<string, string[]>();
  for (const s of skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.file]);
  const parts = [...byReason].map(([reason, files]) => `${files.length} ${reason} (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''})`);
  return [`left out ${skipped.length} file(s): ${parts.join('; ')}`];
}

/**
 * The dictionary the flags name (`--dict`, else the bundled one), read with `--dict-encoding`,
 * `--strict` and `--lexicon`; what reading simplified is noted on stderr.
 */
export function dictionaryOf(flags: SharedFlags): Dictionary {
  const encoding = dictEncodingOf(flags);
  const dictionary = loadDictionary(flags.dict ?? BUNDLED_DICTIONARY, { encoding, strict: flags.strict, lexicon: flags.lexicon });
  for (const n of dictionary.notes ?? []) note(flags, n);
  return dictionary;
}

/**
 * Reads the corpus (and the dictionary) the shared flags describe, into memory, checking the
 * options and `--out` before anything is read. `dictionary: false` for commands without one.
 */
export function loadInputs(
  paths: string[],
  flags: SharedFlags,
  options: { dictionary?: string | false; alsoReads?: readonly string[]; warnRepeats?: boolean } = {},
): { corpus: Corpus; dictionary: Dictionary; format: TableFormat; report: ReadReport } {
  const format = formatOf(flags) as TableFormat;
  const read = readOptionsOf(flags);
  const dictFile = options.dictionary === false ? undefined : (flags.dict ?? options.dictionary ?? BUNDLED_DICTIONARY);
  checkOut(flags.out, [...paths, ...(options.alsoReads ?? [])], [dictFile, flags.lexicon]);
  const dictionary = dictFile ? dictionaryOf({ ...flags, dict: dictFile }) : (undefined as unknown as Dictionary);
  const report = openCorpus(paths, read);
  const corpus = loadCorpus(paths, read, report);
  readingNotes(flags, report);
  if (options.warnRepeats && !flags.dedupe) {
    const repeats = corpus.documents.reduce((t, d) => t + d.paragraphs.filter((p) => p.duplicateOf !== null).length, 0);
    if (repeats > 0) note(flags, `warning: ${repeats} paragraph(s) repeat an earlier one of their document and count again, as if they were new data (add --dedupe to drop them)`);
  }
  return { corpus, dictionary, format, report };
}

/** Writes rows of plain objects in the chosen format (text tables cut long cells). */
export function emitRows(rows: ReadonlyArray<object>, columns: string[], format: TableFormat, out: string | undefined): void {
  const table = { columns, rows: rows as Array<Record<string, Cell>> };
  const text = format === 'json' ? toJson(table) : format === 'table' ? toTextTable(table) : toCsv(table);
  emit(text, out);
}

/**
 * Counts files through the streaming engine into a sink (default: a table), with the progress bar
 * on stderr (unless `--quiet`), then tells what was read: skipped files, notes, bad lines.
 */
export async function countWithProgress<T = FrameTable>(
  paths: string[],
  dictionary: Dictionary,
  flags: SharedFlags,
  options: CountCorpusOptions,
  sink?: RowSink<T>,
): Promise<{ table: Awaited<T>; summary: CountSummary }> {
  const bar = progressBar(!flags.quiet);
  let result;
  try {
    result = await countRows(paths, dictionary, sink ?? (tableSink() as unknown as RowSink<T>), { ...options, onProgress: bar.update });
  } finally {
    bar.done();
  }
  const { summary } = result;
  readingNotes(flags, { skippedFiles: summary.skippedFiles, notes: summary.notes, badLines: summary.skipped });
  return { table: result.result, summary };
}
