/**
 * Every file a run reads, recorded by the readers themselves (the corpus reader, the dictionary and
 * lexicon loaders, the table and coding-sheet readers), so that the manifest of `framelab
 * reproduce` names the inputs a notebook actually used, wherever they are, without the notebook
 * declaring them. A notebook's kernel is another process: when `FRAMELAB_READS` names a file (as
 * `framelab reproduce` sets it), each first read of a file appends one JSON line to it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What kind of input a file was read as. */
export type InputKind = 'corpus' | 'dictionary' | 'lexicon' | 'table';

/** One file read: its absolute path and what it was read as. */
export interface FileRead {
  file: string;
  kind: InputKind;
}

const seen = new Map<string, FileRead>();

/**
 * Records that the run read a file (once per file and kind); appends it to `$FRAMELAB_READS` when
 * that is set. Never throws: a record that cannot be written must not stop the analysis.
 *
 * @example
 * recordRead('data/a.txt', 'corpus');
 * filesRead().some((r) => r.file.endsWith('a.txt')) // true
 */
export function recordRead(file: string, kind: InputKind): void {
  const abs = path.resolve(file);
  const key = `${kind}\u0000${abs}`;
  if (seen.has(key)) return;
  const read = { file: abs, kind };
  seen.set(key, read);
  const log = process.env.FRAMELAB_READS;
  if (!log) return;
  try {
    fs.appendFileSync(log, JSON.stringify(read) + '\n');
  } catch {
    // the manifest then lacks this file; the analysis goes on
  }
}

/**
 * The files this process has read so far, in the order of their first read.
 *
 * @example
 * filesRead() // [{ file: '/study/data/a.txt', kind: 'corpus' }, …]
 */
export function filesRead(): FileRead[] {
  return [...seen.values()];
}

/**
 * The reads recorded in a `FRAMELAB_READS` file, each file and kind once, in order; lines that are
 * not records (a write cut short) are skipped.
 *
 * @example
 * readsOf('out/reads.jsonl') // [{ file: '/study/dictionary.yaml', kind: 'dictionary' }, …]
 */
export function readsOf(logFile: string): FileRead[] {
  if (!fs.existsSync(logFile)) return [];
  const out = new Map<string, FileRead>();
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    try {
      const r = JSON.parse(line) as FileRead;
      if (typeof r.file === 'string' && typeof r.kind === 'string') out.set(`${r.kind}\u0000${r.file}`, { file: r.file, kind: r.kind });
    } catch {
      // an empty or partial line
    }
  }
  return [...out.values()];
}
