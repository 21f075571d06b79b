/**
 * What the command line does before it loads its modules: a `count` of a big input starts its
 * worker threads now (see frames/prestart.ts), so that they boot while this thread loads the
 * engine, the dictionary and the vocabulary (about 0.15 s on the bench's 100 MiB corpus). The
 * arguments are only looked at, not checked: commander checks them later, and a worker that no
 * count takes is left unreferenced and never keeps the process from exiting. main.ts imports this
 * module first, for its effect.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cores, prestartWorkers, SMALL_CORPUS } from '../frames/prestart';

/** Entries of a folder looked at (one level) when sizing the input early: past these, no guess. */
const FOLDER_ENTRIES = 1000;

/**
 * The bytes of the files an argument list names (a folder: the files right inside it), or -1 when
 * it cannot tell cheaply. Arguments that are no file (options, their values) add nothing.
 *
 * @example
 * inputBytes(['corpus.jsonl', '-q']) // the size of corpus.jsonl
 */
export function inputBytes(args: readonly string[]): number {
  let total = 0;
  for (const a of args) {
    if (a.startsWith('-')) continue;
    let st: fs.Stats;
    try {
      st = fs.statSync(a);
    } catch {
      continue;
    }
    if (st.isFile()) total += st.size;
    else if (st.isDirectory()) {
      const names = fs.readdirSync(a);
      if (names.length > FOLDER_ENTRIES) return -1;
      for (const name of names) {
        try {
          const s = fs.statSync(path.join(a, name));
          if (s.isFile()) total += s.size;
        } catch {
          // a file gone or unreadable: the count says so later
        }
      }
    }
  }
  return total;
}

/**
 * The worker threads `framelab count` will want, judged from its arguments alone: none for
 * another command, a help page, a model's predictions, `--jobs 1` or an input under
 * {@link SMALL_CORPUS}; else one fewer than `--jobs` or the cores.
 *
 * @example
 * earlyWorkers(['count', 'big.jsonl', '--jobs', '2']) // 1, when big.jsonl has 32 MiB or more
 */
export function earlyWorkers(args: readonly string[]): number {
  if (args[0] !== 'count') return 0;
  let jobs = cores();
  for (let k = 1; k < args.length; k++) {
    const a = args[k];
    if (a === '-h' || a === '--help' || a === '--model' || a.startsWith('--model=')) return 0;
    // (-j2: commander takes a short option's value joined to it too)
    const given = a === '-j' || a === '--jobs' ? args[k + 1] : a.startsWith('--jobs=') ? a.slice(7) : a.startsWith('-j') ? a.slice(2) : undefined;
    if (given !== undefined) {
      if (!/^\d+$/.test(given)) return 0;
      jobs = Math.min(Number(given), cores());
    }
  }
  if (jobs < 2) return 0;
  return inputBytes(args.slice(1)) >= SMALL_CORPUS ? jobs - 1 : 0;
}

try {
  const n = earlyWorkers(process.argv.slice(2));
  if (n > 0) prestartWorkers(n);
} catch {
  // only a head start: the count starts its workers itself
}
