import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadDictionary, loadLexicon } from '../frames/dictionary';
import type { FileRead, InputKind } from '../util/reads';

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

/** The version of a package as the folder `root` would load it (else as framelab loads it). */
function versionOf(pkg: string, root?: string): string | null {
  const paths = root ? [root, __dirname] : [__dirname];
  try {
    return (JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`, { paths }), 'utf8')) as { version: string }).version;
  } catch {
    try {
      // packages whose exports hide package.json: walk up from the entry point
      let dir = path.dirname(require.resolve(pkg, { paths }));
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

/** The versions of the packages a run depends on (tslab, az, Vega, …) as the folder `root` loads them. */
export function packageVersions(root: string): Record<string, string | null> {
  return Object.fromEntries(
    ['vega', 'vega-lite', 'vega-embed', 'danfojs-node', 'simple-statistics', 'az', 'tslab', '@resvg/resvg-js', 'dejavu-fonts-ttf'].map((p) => [p, versionOf(p, root)]),
  );
}

/** The framelab that ran: its version and the SHA-256 of its code (see {@link codeSha256}). */
export interface FramelabIdentity {
  version: string;
  /** {@link codeSha256} of the package folder. */
  sha256: string;
  /** The study's vendored tarball and the integrity its lock file records, when the study has one. */
  tarball?: { file: string; integrity: string | null };
}

/** What produced a reproduction run: versions, and the SHA-256 of every input, dictionary and output. */
export interface Manifest {
  framelab: FramelabIdentity;
  node: string;
  packages: Record<string, string | null>;
  /** Python and the Jupyter packages that executed the notebooks (name to version), when known. */
  jupyter: Record<string, string | null>;
  git: { commit: string | null; dirty: boolean | null };
  /**
   * Every input: the files under the data folder, and every file the run read wherever it is
   * (corpus files, dictionaries, lexicons, tables and coding sheets, recorded by framelab's readers:
   * see ./reads.ts) but those under the output folder. Paths are relative to the folder, or absolute
   * outside it.
   */
  inputs: Array<{ file: string; kind: InputKind | 'data'; bytes: number; sha256: string }>;
  dictionaries: Array<{ file: string; name: string; categories: string[]; sha256: string }>;
  /** Lexicons (`form<TAB>lemma` files) that override the built-in lemmas. */
  lexicons: Array<{ file: string; entries: number; sha256: string }>;
  notebooks: Array<{ file: string; sha256: string; seconds: number }>;
  outputs: Array<{ file: string; sha256: string }>;
}

/** The files of a framelab package that make up its code: package.json and its `files` folders. */
function codeFiles(packageRoot: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { files?: string[] };
  return ['package.json', ...(pkg.files ?? ['dist']).flatMap((d) => (fs.existsSync(path.join(packageRoot, d)) && fs.statSync(path.join(packageRoot, d)).isDirectory() ? filesUnder(packageRoot, d) : [d]))]
    .filter((f) => fs.existsSync(path.join(packageRoot, f)))
    .sort();
}

/**
 * The SHA-256 of a framelab package's code: of the lines `<path> <sha256 of the file>`, one per file
 * of package.json and its `files` (dist, data, scripts), sorted by path. The same code gives the
 * same hash wherever it is installed (a clone after `npm run build`, or a study's node_modules).
 */
export function codeSha256(packageRoot: string): string {
  const lines = codeFiles(packageRoot).map((f) => `${f} ${sha256File(path.join(packageRoot, f))}\n`);
  return createHash('sha256').update(lines.join('')).digest('hex');
}

/** The root of the framelab package this code runs from. */
export const FRAMELAB_ROOT = path.resolve(__dirname, '..', '..');

/** The version and code hash of the framelab at `packageRoot`, and the vendored tarball of the study at `root`. */
export function framelabIdentity(root: string, packageRoot: string = FRAMELAB_ROOT): FramelabIdentity {
  const version = (JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const id: FramelabIdentity = { version, sha256: codeSha256(packageRoot) };
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const spec = pkg.dependencies?.framelab;
    if (spec?.startsWith('file:') && spec.endsWith('.tgz')) {
      let integrity: string | null = null;
      try {
        const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages?: Record<string, { integrity?: string }> };
        integrity = lock.packages?.['node_modules/framelab']?.integrity ?? null;
      } catch {
        // no lock file yet
      }
      id.tarball = { file: spec.slice('file:'.length), integrity };
    }
  } catch {
    // no package.json: not a study
  }
  return id;
}

/** Python's and Jupyter's versions, as the given python reports them (null for what it lacks). */
export function jupyterVersions(python: string): Record<string, string | null> {
  const code =
    'import json, importlib, platform\nout = {"python": platform.python_version()}\n' +
    'for m in ["notebook", "nbclient", "nbconvert", "nbformat", "jupyter_client", "jupyter_core"]:\n' +
    '    try:\n        out[m] = importlib.import_module(m).__version__\n    except Exception:\n        out[m] = None\n' +
    'print(json.dumps(out))';
  try {
    return JSON.parse(execFileSync(python, ['-c', code], { stdio: ['ignore', 'pipe', 'ignore'] }).toString()) as Record<string, string | null>;
  } catch {
    return { python: null };
  }
}

/**
 * Builds the manifest of a run: no clock time in it, so two runs of the same commit on the same
 * machine give the same manifest but for the notebooks' timings. `reads` are the files the run's
 * notebooks read (see ./reads.ts).
 */
export function buildManifest(options: {
  root: string;
  dataDir: string;
  outDir: string;
  notebooks: Array<{ file: string; seconds: number }>;
  reads?: FileRead[];
  jupyter?: Record<string, string | null>;
}): Manifest {
  const { root } = options;
  const rel = (f: string) => {
    const r = path.relative(root, f);
    return r.startsWith('..') || path.isAbsolute(r) ? path.resolve(f) : r.split(path.sep).join('/');
  };
  const under = (dir: string) => path.relative(root, dir).split(path.sep).join('/');
  // a data folder outside the folder: its files by absolute path, as the reads name them
  const data = filesUnder(root, under(options.dataDir)).map((f) => rel(path.resolve(root, f)));
  // files the run wrote under the output folder and read back (06-scale's generated corpus) are its products, not inputs
  const outPrefix = path.resolve(options.outDir) + path.sep;
  const reads = (options.reads ?? []).filter((r) => !r.file.startsWith(outPrefix) && fs.existsSync(r.file) && fs.statSync(r.file).isFile());
  const kindOf = new Map<string, InputKind | 'data'>(data.map((f) => [f, 'data']));
  for (const r of reads) kindOf.set(rel(r.file), r.kind);
  const inputs = [...kindOf.keys()].sort();
  const abs = (f: string) => path.resolve(root, f);
  const dictFiles = [...new Set([...data.filter((f) => /\.(ya?ml|json|dic|cat|ykd|lc3|lcd)$/i.test(f) && f.includes('dictionaries/')), ...inputs.filter((f) => kindOf.get(f) === 'dictionary')])];
  const lexiconFiles = [...new Set([...data.filter((f) => /\.tsv$/i.test(f) && f.includes('dictionaries/')), ...inputs.filter((f) => kindOf.get(f) === 'lexicon')])];
  const outRel = under(options.outDir);
  const outputs = [...filesUnder(root, `${outRel}/tables`), ...filesUnder(root, `${outRel}/charts`, (n) => n.endsWith('.json') || n.endsWith('.svg'))];
  return {
    framelab: framelabIdentity(root),
    node: process.version,
    packages: packageVersions(root),
    jupyter: options.jupyter ?? {},
    git: gitState(root),
    inputs: inputs.map((f) => ({ file: f, kind: kindOf.get(f)!, bytes: fs.statSync(abs(f)).size, sha256: sha256File(abs(f)) })),
    dictionaries: dictFiles.map((f) => {
      const d = loadDictionary(abs(f));
      return { file: f, name: d.name, categories: d.categories.map((c) => c.name), sha256: d.sha256 };
    }),
    lexicons: lexiconFiles.map((f) => {
      const l = loadLexicon(abs(f));
      return { file: f, entries: Object.keys(l.entries).length, sha256: l.sha256 };
    }),
    notebooks: options.notebooks.map((n) => ({ file: rel(n.file), sha256: sha256File(n.file), seconds: Math.round(n.seconds * 10) / 10 })),
    outputs: outputs.map((f) => ({ file: f, sha256: sha256File(path.join(root, f)) })),
  };
}
