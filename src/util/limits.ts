import * as fs from 'node:fs';
import { FramelabError } from '../errors';

/**
 * The limits that keep hostile or broken input from exhausting memory or time. Each has a default
 * large enough for real corpora and can be raised through its environment variable, e.g.
 * `FRAMELAB_MAX_LINE_MIB=512 framelab count huge.jsonl`. The README's guarantees list them.
 */
export const LIMITS = {
  /** Resampling rounds (`--replicates`, `--permutations`): 1,000,000 take minutes already. */
  replicates: { env: 'FRAMELAB_MAX_REPLICATES', value: 1_000_000, what: 'resampling rounds' },
  /** Columns of a Parquet file (categories and metadata fields). */
  parquetColumns: { env: 'FRAMELAB_MAX_PARQUET_COLUMNS', value: 10_000, what: 'Parquet columns' },
  /** Letters of one word sent to the lemmatiser; longer words are counted as they are written. */
  lemmaLetters: { env: 'FRAMELAB_MAX_WORD_LETTERS', value: 40, what: 'letters of a word to lemmatise' },
  /** Size of a dictionary, lexicon or coding sheet, in MiB. */
  sideFileMiB: { env: 'FRAMELAB_MAX_SIDE_FILE_MIB', value: 64, what: 'MiB in a dictionary, lexicon or sheet' },
  /** Marks of a dispersion chart (one per match): 600,000 made a 211 MB SVG and took 2.4 GB. */
  chartMarks: { env: 'FRAMELAB_MAX_CHART_MARKS', value: 50_000, what: 'matches in a dispersion chart' },
  /** One line of a corpus file, or one CSV field, in MiB (a paragraph of a book is a few KiB). */
  lineMiB: { env: 'FRAMELAB_MAX_LINE_MIB', value: 64, what: 'MiB in one line or CSV field' },
  /** How many times a gzip file may expand (text gzips 3–10 times; 1 GiB of newlines 230 times), once past 64 MiB. */
  gzipRatio: { env: 'FRAMELAB_MAX_GZIP_RATIO', value: 100, what: 'times expansion of a gzip file' },
} as const;

export type LimitName = keyof typeof LIMITS;

/**
 * A limit's value: its environment variable when that holds a positive whole number, else the
 * default.
 *
 * @example
 * limit('replicates') // 1000000 (unless FRAMELAB_MAX_REPLICATES is set)
 */
export function limit(name: LimitName): number {
  const l = LIMITS[name];
  const raw = process.env[l.env];
  if (raw === undefined || raw.trim() === '') return l.value;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new FramelabError(`${l.env}=${raw}: give a positive whole number`);
  return n;
}

/** How to raise a limit, for the end of an error message: `(at most 1000000 resampling rounds; raise it with FRAMELAB_MAX_REPLICATES)`. */
export function limitHint(name: LimitName): string {
  return `at most ${limit(name)} ${LIMITS[name].what}; raise it with ${LIMITS[name].env}=N`;
}

/**
 * The bytes of a file the run reads beside the corpus (a dictionary, a lexicon, a coding sheet),
 * refused before reading when it is not a regular file (`ln -s /dev/zero d.yaml` read without end)
 * or larger than the side-file limit (64 MiB; FRAMELAB_MAX_SIDE_FILE_MIB raises it).
 *
 * @example
 * readSideFile('my.yaml', 'dictionary').length // the file's size in bytes
 */
export function readSideFile(file: string, what: string): Buffer {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // a dictionary or lexicon says what is missing; a sheet keeps the system's code (cannot read: ENOENT)
    throw new FramelabError(code === 'ENOENT' && what !== 'sheet' ? `no such ${what} file` : `cannot read: ${code}`, { file });
  }
  if (st.isDirectory()) throw new FramelabError(`a folder, not a ${what} file`, { file });
  if (!st.isFile()) throw new FramelabError(`not a regular file (a device, FIFO or socket); a ${what} must be a file`, { file });
  const max = limit('sideFileMiB');
  if (st.size > max * 1048576) {
    throw new FramelabError(`${(st.size / 1048576).toFixed(0)} MiB is too large for a ${what} (${limitHint('sideFileMiB')})`, { file });
  }
  return fs.readFileSync(file);
}
