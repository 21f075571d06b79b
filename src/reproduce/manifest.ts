import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadDictionary, loadLexicon } from '../frames/dictionary';

/** SHA-256 of a file, hex. */
export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Files below a folder, sorted, relative to `root` with `/` separators. */
export function filesUnder(root: string, dir: string, filter: (name: string) => boolean = () => true): string[] {
  const base = path.join(root, dir);
  if (!fs.existsSync(base)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (filter(e.name)) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(base);
  return out;
}

function versionOf(pkg: string): string | null {
  try {
    return (JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    try {
      // packages whose exports hide package.json: walk up from the entry point
      let dir = path.dirname(require.resolve(pkg));
      while (dir !== path.dirname(dir)) {
        const p = path.join(dir, 'package.json');
        if (fs.existsSync(p)) {
          const j = JSON.parse(fs.readFileSync(p, 'utf8')) as { name?: string; version: string };
          if (j.name === pkg) return j.version;
        }
        dir = path.dirname(dir);
      }
    } catch {
      // not installed
    }
    return null;
  }
}

function gitState(root: string): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** What produced a reproduction run: versions, and the SHA-256 of every input, dictionary and output. */
export interface Manifest {
  framelab: string;
  node: string;
  packages: Record<string, string | null>;
  git: { commit: string | null; dirty: boolean | null };
  inputs: Array<{ file: string; bytes: number; sha256: string }>;
  dictionaries: Array<{ file: string; name: string; categories: string[]; sha256: string }>;
  /** Lexicons (`form<TAB>lemma` files beside the dictionaries) that override the built-in lemmas. */
  lexicons: Array<{ file: string; entries: number; sha256: string }>;
  notebooks: Array<{ file: string; sha256: string; seconds: number }>;
  outputs: Array<{ file: string; sha256: string }>;
}

/**
 * Builds the manifest of a run: no clock time in it, so two runs of the same commit on the same
 * machine give the same manifest but for the notebooks' timings.
 */
export function buildManifest(options: {
  root: string;
  dataDir: string;
  outDir: string;
  notebooks: Array<{ file: string; seconds: number }>;
}): Manifest {
  const { root } = options;
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  const data = filesUnder(root, rel(options.dataDir));
  const dictFiles = data.filter((f) => /\.(ya?ml|json|dic|cat|ykd|lc3|lcd)$/i.test(f) && f.includes('dictionaries/'));
  const lexiconFiles = data.filter((f) => /\.tsv$/i.test(f) && f.includes('dictionaries/'));
  const outRel = rel(options.outDir);
  const outputs = [...filesUnder(root, `${outRel}/tables`), ...filesUnder(root, `${outRel}/charts`, (n) => n.endsWith('.json') || n.endsWith('.svg'))];
  return {
    framelab: versionOf('framelab') ?? (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version,
    node: process.version,
    packages: Object.fromEntries(
      ['vega', 'vega-lite', 'vega-embed', 'danfojs-node', 'simple-statistics', 'az', 'tslab', '@resvg/resvg-js', 'dejavu-fonts-ttf'].map((p) => [p, versionOf(p)]),
    ),
    git: gitState(root),
    inputs: data.map((f) => ({ file: f, bytes: fs.statSync(path.join(root, f)).size, sha256: sha256File(path.join(root, f)) })),
    dictionaries: dictFiles.map((f) => {
      const d = loadDictionary(path.join(root, f));
      return { file: f, name: d.name, categories: d.categories.map((c) => c.name), sha256: d.sha256 };
    }),
    lexicons: lexiconFiles.map((f) => {
      const l = loadLexicon(path.join(root, f));
      return { file: f, entries: Object.keys(l.entries).length, sha256: l.sha256 };
    }),
    notebooks: options.notebooks.map((n) => ({ file: rel(n.file), sha256: sha256File(n.file), seconds: Math.round(n.seconds * 10) / 10 })),
    outputs: outputs.map((f) => ({ file: f, sha256: sha256File(path.join(root, f)) })),
  };
}
