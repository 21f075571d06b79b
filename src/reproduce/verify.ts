import * as fs from 'node:fs';
import * as path from 'node:path';
import { FramelabError } from '../errors';
import { framelabIdentity, jupyterVersions, packageVersions, sha256File, type Manifest } from './manifest';

/** One way a folder differs from its manifest: an error (a file or the code differs) or a warning (a version). */
export interface VerifyFinding {
  level: 'error' | 'warning';
  message: string;
}

/** The first characters of a hash, enough to tell two apart in a message. */
const short = (h: string | null | undefined) => (h ? `${h.slice(0, 12)}…` : 'none');

/**
 * Compares a folder with a manifest that `framelab reproduce` wrote: every input, notebook and
 * output file must exist with the recorded SHA-256, and the framelab code must be the one that ran
 * (errors); Node, package and Jupyter versions that differ are warnings. `python` (when given)
 * reports Jupyter's versions.
 *
 * @example
 * verifyManifest('.', JSON.parse(fs.readFileSync('out/manifest.json', 'utf8')))
 * // [] when nothing differs; else e.g. [{ level: 'error', message: 'changed: data/a.txt (…)' }]
 */
export function verifyManifest(root: string, manifest: Manifest, options: { python?: string; framelabRoot?: string } = {}): VerifyFinding[] {
  const found: VerifyFinding[] = [];
  const error = (message: string) => found.push({ level: 'error', message });
  const warn = (message: string) => found.push({ level: 'warning', message });
  const check = (what: string, entries: Array<{ file: string; sha256: string }> | undefined) => {
    for (const e of entries ?? []) {
      const file = path.resolve(root, e.file);
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) error(`missing ${what}: ${e.file}`);
      else {
        const now = sha256File(file);
        if (now !== e.sha256) error(`changed ${what}: ${e.file} (sha256 ${short(e.sha256)} in the manifest, ${short(now)} now)`);
      }
    }
  };
  check('input', manifest.inputs);
  check('notebook', manifest.notebooks);
  check('output', manifest.outputs);
  const recorded = manifest.framelab;
  if (typeof recorded !== 'object' || !recorded?.sha256) {
    error('the manifest does not record the framelab code that ran (an older framelab wrote it): run "framelab reproduce" again');
  } else {
    const now = framelabIdentity(root, options.framelabRoot);
    if (now.sha256 !== recorded.sha256) {
      error(`different framelab code: ${recorded.version} (sha256 ${short(recorded.sha256)}) ran, ${now.version} (sha256 ${short(now.sha256)}) is installed`);
    }
    if (recorded.tarball && (now.tarball?.file !== recorded.tarball.file || now.tarball?.integrity !== recorded.tarball.integrity)) {
      error(`different vendored framelab: ${recorded.tarball.file} (${short(recorded.tarball.integrity)}) in the manifest, ${now.tarball ? `${now.tarball.file} (${short(now.tarball.integrity)})` : 'none'} now`);
    }
  }
  if (manifest.node !== process.version) warn(`Node ${manifest.node} ran, this is ${process.version}`);
  const packages = packageVersions(root);
  for (const [name, v] of Object.entries(manifest.packages ?? {})) if ((packages[name] ?? null) !== v) warn(`${name} ${v ?? 'absent'} ran, ${packages[name] ?? 'absent'} here`);
  if (options.python && manifest.jupyter && Object.keys(manifest.jupyter).length) {
    const now = jupyterVersions(options.python);
    for (const [name, v] of Object.entries(manifest.jupyter)) if ((now[name] ?? null) !== v) warn(`${name} ${v ?? 'absent'} ran, ${now[name] ?? 'absent'} here`);
  }
  return found;
}

/** Reads a manifest file, or an error naming it. */
export function readManifest(file: string): Manifest {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FramelabError(code === 'ENOENT' ? 'no manifest: run "framelab reproduce" first (it writes out/manifest.json)' : `cannot read the manifest: ${code}`, { file });
  }
  try {
    return JSON.parse(text) as Manifest;
  } catch (err) {
    throw new FramelabError(`not a JSON manifest: ${(err as Error).message}`, { file });
  }
}
