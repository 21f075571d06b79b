import type { Command } from 'commander';
import { loadCorpus } from '../corpus/load';
import type { Corpus, ParagraphMode } from '../corpus/types';
import { BUNDLED_DICTIONARY, loadDictionary, type Dictionary } from '../frames/dictionary';
import type { Cell } from '../frames/count';
import { toCsv, toJson, toTextTable, type TableFormat } from '../table/format';
import { choice, emit, UsageError } from './run';

/** Flags every corpus command shares. */
export interface CorpusFlags {
  dict?: string;
  paragraphs: string;
  encoding?: string;
  dedupe?: boolean;
  format: string;
  out?: string;
  quiet?: boolean;
}

/** Adds the shared corpus and output options to a command, as `framelab count` has them. */
export function corpusOptions(cmd: Command, defaultFormat: TableFormat = 'csv'): Command {
  return cmd
    .option('-d, --dict <file>', 'dictionary: .yaml/.yml, .json or LIWC .dic (default: the bundled framing-ru.yaml)')
    .option('-p, --paragraphs <mode>', 'auto (blank lines if any, else lines) | lines | blank', 'auto')
    .option('-e, --encoding <name>', 'force an encoding (utf-8, utf-16le, windows-1251, koi8-r, ...) instead of detecting it')
    .option('--dedupe', 'drop paragraphs that repeat an earlier one of the same document')
    .option('-f, --format <format>', 'csv | json | table', defaultFormat)
    .option('-o, --out <file>', 'write to this file (atomically) instead of stdout')
    .option('-q, --quiet', 'no notes on stderr');
}

/** Loads the corpus (and the dictionary) the shared flags describe. */
export function loadInputs(
  paths: string[],
  flags: CorpusFlags,
  defaultDictionary: string = BUNDLED_DICTIONARY,
): { corpus: Corpus; dictionary: Dictionary; format: TableFormat } {
  const format = choice<TableFormat>('--format', flags.format, ['csv', 'json', 'table']);
  const paragraphs = choice<ParagraphMode>('--paragraphs', flags.paragraphs, ['auto', 'lines', 'blank']);
  const dictionary = loadDictionary(flags.dict ?? defaultDictionary);
  const corpus = loadCorpus(paths, { paragraphs, encoding: flags.encoding, dedupe: flags.dedupe });
  return { corpus, dictionary, format };
}

/** Writes rows of plain objects in the chosen format (text tables cut long cells). */
export function emitRows(rows: ReadonlyArray<object>, columns: string[], format: TableFormat, out: string | undefined): void {
  const table = { columns, rows: rows as Array<Record<string, Cell>> };
  const text = format === 'json' ? toJson(table) : format === 'table' ? toTextTable(table) : toCsv(table);
  emit(text, out);
}

/** A note on stderr unless --quiet. */
export function note(flags: { quiet?: boolean }, message: string): void {
  if (!flags.quiet) process.stderr.write(`framelab: ${message}\n`);
}

/** Parses a whole number option. */
export function wholeNumber(option: string, value: string, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`${option} must be a whole number ≥ ${min}, not "${value}"`);
  }
  return n;
}
