import * as fs from 'node:fs';
import * as path from 'node:path';
import { FramelabError } from '../errors';

/** File endings read as corpus files, each also gzip-compressed (`.csv.gz`). */
export const CORPUS_EXTENSIONS = ['.txt', '.md', '.jsonl', '.csv', '.json'] as const;

/** How a corpus file holds its documents. */
export type CorpusFormat = 'txt' | 'md' | 'jsonl' | 'csv' | 'json';

/** A corpus file: where it is, how to read it, and the names its documents take. */
export interface CorpusFile {
  /** Path to open. */
  file: string;
  /** Name without extensions, relative to the folder given (`2025/may` for `corpus/2025/may.txt`): the id of a text file's document. */
  id: string;
  /** Path relative to the folder given (the file name, for a file given by itself): the built-in `file` field. */
  relative: string;
  format: CorpusFormat;
  gzip: boolean;
  /** Size on disk, in bytes. */
  bytes: number;
  /** Number of the source (of a corpus file, or of the paths given) it belongs to: boilerplate is found per source. */
  source?: number;
  /** Fields from the file's name and sidecar: a record's own fields win over them. */
  meta?: Record<string, unknown>;
  /** Fixed fields of its source (`outlet: Meduza`): they win over a record's own. */
  fixed?: Record<string, unknown>;
  /** Id and text fields of its source, when they differ from the run's. */
  fields?: { id: string; text: string };
  /** Encoding of its source, when set there. */
  encoding?: string;
  /** Paragraph mode of its source, when set there. */
  paragraphs?: string;
  /** Found in a folder (not named by itself): a JSON file without records is then left out, not an error. */
  inFolder?: boolean;
}

/** Names of files in a folder that are about the corpus, not part of it: licences, readmes, changelogs. */
const NOT_DOCUMENTS = /^(licen[cs]e|copying|readme|notice|changelog|authors|contributing)([._-].*)?$/i;

/**
 * Whether a file in a folder is a licence or readme file (LICENSE, README.md, COPYING.txt), which
 * a folder of texts often holds beside its documents but which is no document.
 *
 * @example
 * isAboutFile('LICENSE.txt') // true
 * isAboutFile('README.md')   // true
 * isAboutFile('2019-05-17-Выселяторы.txt') // false
 */
export function isAboutFile(name: string): boolean {
  return NOT_DOCUMENTS.test(name);
}

/** A file of an input folder that framelab does not read, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** The files of a corpus and those left out. */
export interface CorpusListing {
  files: CorpusFile[];
  skipped: SkippedFile[];
}

/** Format and compression of a file name, or null when framelab does not read it. */
export function formatOf(name: string): { format: CorpusFormat; gzip: boolean } | null {
  const lower = name.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const inner = gzip ? lower.slice(0, -3) : lower;
  const ext = path.extname(inner);
  const format = ext.slice(1) as CorpusFormat;
  return (CORPUS_EXTENSIONS as readonly string[]).includes(ext) ? { format, gzip } : null;
}

function stripExtensions(name: string): string {
  const lower = name.toLowerCase();
  const base = lower.endsWith('.gz') ? name.slice(0, -3) : name;
  const ext = path.extname(base);
  return ext ? base.slice(0, -ext.length) : base;
}

const READS = `${CORPUS_EXTENSIONS.join(', ')} (also gzip-compressed, .gz)`;

/**
 * Lists the corpus files under the given paths: files as given, folders recursively in sorted
 * order, hidden entries left out. Symbolic links are followed; one that leads to a file or folder
 * already read is skipped (so a link loop ends). Files of other types inside a folder are listed in `skipped` with the
 * reason, so that a caller can name them; a file of another type given by itself is an error.
 *
 * @example
 * listCorpus(['data/news-sample']).files.map(f => f.id) // ['gazeta', 'interfax', 'iz', 'ria', 'rt', 'tass-001']
 */
export function listCorpus(paths: readonly string[]): CorpusListing {
  const files: CorpusFile[] = [];
  const skipped: SkippedFile[] = [];
  if (paths.length === 0) throw new FramelabError('no input: give at least one file or folder');
  for (const p of paths) {
    if (typeof p !== 'string' || p.trim() === '') throw new FramelabError('an input path is empty');
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new FramelabError(code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${code}`, { file: p });
    }
    if (stat.isDirectory()) {
      const before = files.length;
      walk(p, p, new Set([fs.realpathSync(p)]), files, skipped);
      if (files.length === before) {
        const note = skipped.filter((s) => s.file.startsWith(p)).length;
        throw new FramelabError(`no ${READS} files in this folder${note ? ` (${note} other file(s) left out)` : ''}`, { file: p });
      }
      continue;
    }
    const kind = formatOf(p);
    if (!kind || !stat.isFile()) {
      throw new FramelabError(`unsupported file type "${path.extname(p) || '(none)'}": framelab reads ${READS}`, { file: p });
    }
    files.push({ file: p, id: stripExtensions(path.basename(p)), relative: path.basename(p), ...kind, bytes: stat.size });
  }
  return { files, skipped };
}

function walk(root: string, dir: string, seen: Set<string>, files: CorpusFile[], skipped: SkippedFile[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new FramelabError(`cannot read folder: ${(err as NodeJS.ErrnoException).code}`, { file: dir });
  }
  const names = entries.filter((e) => !e.name.startsWith('.')).map((e) => e.name);
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const full = path.join(dir, name);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full); // follows symbolic links
    } catch {
      skipped.push({ file: full, reason: 'a broken symbolic link' });
      continue;
    }
    const real = fs.realpathSync(full);
    if (seen.has(real)) {
      skipped.push({ file: full, reason: `a symbolic link to a ${stat.isDirectory() ? 'folder' : 'file'} already read` });
      continue;
    }
    if (stat.isDirectory()) {
      seen.add(real);
      // a folder described by its own corpus file is read through it (its dates, sidecars, options), not as loose files
      const own = ['corpus.yaml', 'corpus.yml'].find((f) => fs.existsSync(path.join(full, f)));
      if (own) {
        skipped.push({ file: full, reason: `a corpus of its own: read it through ${path.join(full, own)}` });
        continue;
      }
      walk(root, full, seen, files, skipped);
      continue;
    }
    const kind = stat.isFile() ? formatOf(name) : null;
    if (kind && isAboutFile(name)) {
      skipped.push({ file: full, reason: 'a licence or readme file, not a document' });
      continue;
    }
    if (!kind) {
      skipped.push({ file: full, reason: stat.isFile() ? `not a type framelab reads (${READS})` : 'not a regular file' });
      continue;
    }
    seen.add(real);
    const relative = path.relative(root, full).split(path.sep).join('/');
    files.push({ file: full, id: stripExtensions(relative), relative, ...kind, bytes: stat.size, inFolder: true });
  }
}
