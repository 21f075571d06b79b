/**
 * A study owns its toolkit: `framelab init` puts a packed copy of the running framelab in the
 * study's `vendor/` and depends on it as `file:vendor/framelab-<version>.tgz`, so that npm's lock
 * file records the tarball's integrity and the folder installs framelab from inside itself, wherever
 * it is moved, zipped or cloned. `framelab upgrade` replaces that copy on purpose.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FramelabError } from '../errors';

/** The folder of a study that holds its framelab tarball. */
export const VENDOR_DIR = 'vendor';

/** How a study's npm scripts run framelab: the copy installed in the study, never one from a registry. */
export const LOCAL_FRAMELAB = 'node node_modules/framelab/dist/cli/main.js';

/** A packed framelab: the tarball's file name in `vendor/`, its version and its npm integrity. */
export interface PackedFramelab {
  file: string;
  version: string;
  integrity: string;
}

/** npm's integrity string of some bytes (`sha512-<base64>`), as package-lock.json records it. */
export function npmIntegrity(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/**
 * Packs the framelab at `frameworkRoot` (its `files`: dist, data, scripts) with `npm pack` into
 * `destDir`, without running its scripts (a build would replace the dist/ that is running).
 */
export function packFramelab(frameworkRoot: string, destDir: string): PackedFramelab {
  if (!fs.existsSync(path.join(frameworkRoot, 'dist', 'cli', 'main.js'))) {
    throw new FramelabError(`framelab at ${frameworkRoot} is not built: run "npm run build" there first`);
  }
  fs.mkdirSync(destDir, { recursive: true });
  const r = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destDir], { cwd: frameworkRoot, encoding: 'utf8' });
  let made: Array<{ filename: string; version: string; integrity: string }> | undefined;
  try {
    made = JSON.parse(r.stdout);
  } catch {
    made = undefined;
  }
  if (r.status !== 0 || !made?.[0]) {
    throw new FramelabError(`npm pack of ${frameworkRoot} failed (exit ${r.status}): ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`);
  }
  const file = made[0].filename.replace(/^.*[\\/]/, '');
  return { file, version: made[0].version, integrity: npmIntegrity(fs.readFileSync(path.join(destDir, file))) };
}

/** The framelab tarballs in a study's `vendor/`. */
export function vendoredTarballs(study: string): string[] {
  const dir = path.join(study, VENDOR_DIR);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^framelab-.*\.tgz$/.test(f)).sort() : [];
}

/** Puts a packed copy of the running framelab in `<study>/vendor/`; returns it. */
export function vendorFramelab(frameworkRoot: string, study: string): PackedFramelab {
  return packFramelab(frameworkRoot, path.join(study, VENDOR_DIR));
}

/**
 * Replaces a study's vendored framelab with a packed copy of the running one: the old tarball goes,
 * package.json names the new one, and `npm install` (unless `install` is false) installs it and
 * writes its integrity to the lock file. Returns the old and the new tarball.
 */
export function upgradeStudy(frameworkRoot: string, study: string, options: { install?: boolean } = {}): { before: string[]; after: PackedFramelab; changed: boolean } {
  const pkgFile = path.join(study, 'package.json');
  if (!fs.existsSync(pkgFile)) throw new FramelabError('no package.json here: give the folder of a study made with "framelab init"', { file: study });
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { dependencies?: Record<string, string> };
  if (!pkg.dependencies?.framelab) throw new FramelabError('package.json does not depend on framelab: not a study made with "framelab init"', { file: pkgFile });
  const before = vendoredTarballs(study);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'framelab-pack-'));
  try {
    const after = packFramelab(frameworkRoot, tmp);
    const packed = fs.readFileSync(path.join(tmp, after.file));
    const vendor = path.join(study, VENDOR_DIR);
    const same = before.length === 1 && before[0] === after.file && npmIntegrity(fs.readFileSync(path.join(vendor, before[0]))) === after.integrity;
    const spec = `file:${VENDOR_DIR}/${after.file}`;
    if (same && pkg.dependencies.framelab === spec) return { before, after, changed: false };
    fs.mkdirSync(vendor, { recursive: true });
    for (const f of before) fs.rmSync(path.join(vendor, f));
    fs.writeFileSync(path.join(vendor, after.file), packed);
    pkg.dependencies.framelab = spec;
    fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
    // the lock file still records the old tarball's integrity: drop its entry so that npm takes the new one
    const lockFile = path.join(study, 'package-lock.json');
    if (fs.existsSync(lockFile)) {
      const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { packages?: Record<string, unknown> };
      if (lock.packages) delete lock.packages['node_modules/framelab'];
      fs.writeFileSync(lockFile, JSON.stringify(lock, null, 2) + '\n');
    }
    fs.rmSync(path.join(study, 'node_modules', 'framelab'), { recursive: true, force: true });
    if (options.install !== false) npmInstall(study);
    return { before, after, changed: true };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** `npm install` in a study, from the local cache where it can; an error naming the folder when it fails. */
export function npmInstall(study: string): void {
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: study, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new FramelabError(`npm install failed in ${study} (exit ${r.status}); run it there again`);
}
