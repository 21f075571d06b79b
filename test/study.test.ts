import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { CLI, ROOT, runAsync, tempDir } from './helpers';
import { freePort, jupyterReady, PYTHON } from './jupyter';
import { jupyterEnv as jupyterEnvOf } from '../src/cli/study';

const framelab = (args: string[], cwd?: string) => runAsync(process.execPath, [CLI, ...args], { cwd, timeoutMs: 240_000 });
/** npm in a study, with no JUPYTER_PATH of the shell running the tests */
const npmRun = (args: string[], cwd: string) => runAsync('npm', args, { cwd, timeoutMs: 300_000, env: { ...process.env, JUPYTER_PATH: '' } });

describe('framelab init: a study folder of ones own', () => {
  it('is a command npx can run: the built entry point is executable', () => {
    // `npx framelab init` runs dist/cli/main.js through its #! line (npm ci links no bin before the build)
    expect(fs.readFileSync(path.join(ROOT, 'dist', 'cli', 'main.js'), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    expect(fs.statSync(path.join(ROOT, 'dist', 'cli', 'main.js')).mode & 0o111).not.toBe(0);
  });

  it('makes the folder with its own framelab (a packed tarball in vendor/) and refuses one that is not empty, writing nothing', async () => {
    const base = tempDir({ 'taken/notes.txt': 'mine\n' });
    const r = await framelab(['init', path.join(base, 'study'), '--no-install']);
    expect(r.code, r.stderr).toBe(0);
    const dir = path.join(base, 'study');
    expect(fs.readdirSync(dir).sort()).toEqual(['.gitignore', 'README.md', 'data', 'dictionary.yaml', 'notebooks', 'package.json', 'results', 'vendor']);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    // framelab from inside the folder: no path of this clone, no registry
    expect(pkg.dependencies.framelab).toBe(`file:vendor/framelab-${version}.tgz`);
    expect(fs.readdirSync(path.join(dir, 'vendor'))).toEqual([`framelab-${version}.tgz`]);
    // the tarball holds what framelab needs at run time: the built code, its data, the notebook runner
    const listing = spawnSync('tar', ['tzf', path.join(dir, 'vendor', `framelab-${version}.tgz`)], { encoding: 'utf8' }).stdout.split('\n');
    for (const f of ['package/package.json', 'package/dist/cli/main.js', 'package/dist/index.js', 'package/data/dictionaries/framing-ru.yaml', 'package/scripts/run-notebook.py']) expect(listing).toContain(f);
    expect(listing.some((f) => f.startsWith('package/src/') || f.startsWith('package/test/') || f.startsWith('package/node_modules/'))).toBe(false);
    expect(pkg.devDependencies.tslab).toBeDefined();
    expect(pkg.overrides['@tensorflow/tfjs-node']).toMatch(/tfjs/);
    // every script runs the study's installed copy by its path: never a framelab found on PATH or in a registry
    for (const script of ['setup', 'notebook', 'reproduce', 'verify']) {
      expect(pkg.scripts[script]).toMatch(/^node node_modules\/framelab\/dist\/cli\/main\.js /);
      expect(pkg.scripts[script].replace(/node node_modules\/framelab\/dist\/cli\/main\.js/g, '')).not.toMatch(/framelab|npx/);
    }
    expect(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')).toMatch(/\.jupyter\//);
    expect(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')).not.toMatch(/vendor/);
    const refused = await framelab(['init', path.join(base, 'taken'), '--no-install']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/taken exists and is not an empty folder/);
    expect(fs.readdirSync(path.join(base, 'taken'))).toEqual(['notes.txt']);
  });

  it('upgrade replaces the vendored framelab on purpose: the old tarball goes, package.json and the lock file follow', async () => {
    const base = tempDir();
    const dir = path.join(base, 'study');
    expect((await framelab(['init', dir, '--no-install'])).code).toBe(0);
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    // a study made by an older framelab: another tarball, named in package.json and pinned in the lock file
    fs.renameSync(path.join(dir, 'vendor', `framelab-${version}.tgz`), path.join(dir, 'vendor', 'framelab-0.0.9.tgz'));
    const pkgFile = path.join(dir, 'package.json');
    fs.writeFileSync(pkgFile, fs.readFileSync(pkgFile, 'utf8').replace(`framelab-${version}.tgz`, 'framelab-0.0.9.tgz'));
    const old = { version: '0.0.9', resolved: 'file:vendor/framelab-0.0.9.tgz', integrity: 'sha512-old' };
    fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/framelab': old, 'node_modules/yaml': { version: '2.8.0' } } }));
    const r = await framelab(['upgrade', dir, '--no-install']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`vendor/framelab-${version.replace(/\./g, '\\.')}\\.tgz \\(sha512-.*replaces vendor/framelab-0\\.0\\.9\\.tgz`));
    expect(fs.readdirSync(path.join(dir, 'vendor'))).toEqual([`framelab-${version}.tgz`]);
    expect(JSON.parse(fs.readFileSync(pkgFile, 'utf8')).dependencies.framelab).toBe(`file:vendor/framelab-${version}.tgz`);
    // the old pin is gone (npm install writes the new integrity), the other entries stay
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
    expect(Object.keys(lock.packages)).toEqual(['', 'node_modules/yaml']);
    // the same framelab again: nothing to do
    const again = await framelab(['upgrade', dir, '--no-install']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/already has this framelab/);
    // a folder that is no study is refused with one line
    const none = await framelab(['upgrade', tempDir(), '--no-install']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no package\.json here/);
  });

  it('takes Jupyter options through "framelab notebook" (no "too many arguments")', async () => {
    // without a kernel set up it stops before starting Jupyter, but only after commander accepted the options
    const dir = tempDir();
    const r = await framelab(['notebook', '--no-browser', '--port', '8899'], dir);
    expect(r.stderr).not.toMatch(/too many arguments|unknown option/);
    expect(r.stderr).toMatch(/the tslab kernel is not set up here/);
    expect(r.code).toBe(1);
  });

  it.runIf(jupyterReady())(
    'travels: made outside the clone, edited, reproduced, copied elsewhere, installed with npm ci, reproduced and verified there',
    { timeout: 900_000 },
    async () => {
      const base = tempDir();
      const dir = path.join(base, 'my-study');
      const made = await framelab(['init', dir]);
      expect(made.code, made.stderr).toBe(0);
      expect(fs.existsSync(path.join(dir, 'package-lock.json'))).toBe(true);
      // the starter notebook is written as nbformat (and Jupyter's save) writes it: opening it changes nothing
      const roundTrip = 'import sys, nbformat\nb = open(sys.argv[1], encoding="utf-8").read()\nnb = nbformat.reads(b, as_version=4)\nnbformat.validate(nb)\nsys.exit(0 if nbformat.writes(nb) + "\\n" == b else 3)';
      expect((await runAsync(PYTHON, ['-c', roundTrip, path.join(dir, 'notebooks', '01-start.ipynb')])).code).toBe(0);
      // the lock file records the vendored tarball with the integrity of its bytes
      const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
      const tarball = fs.readdirSync(path.join(dir, 'vendor'))[0];
      expect(lock.packages['node_modules/framelab'].resolved).toBe(`file:vendor/${tarball}`);
      expect(lock.packages['node_modules/framelab'].integrity).toBe(`sha512-${createHash('sha512').update(fs.readFileSync(path.join(dir, 'vendor', tarball))).digest('base64')}`);
      // a text and a dictionary edit of one's own
      fs.writeFileSync(path.join(dir, 'data', 'sport.txt'), 'Футбол и футболисты.\n\nВторой абзац без нужных слов.\n');
      fs.appendFileSync(path.join(dir, 'dictionary.yaml'), '\n# Sport.\nспорт:\n  - футбол*\n');
      const first = await npmRun(['run', 'reproduce'], dir);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toMatch(/no snapshot yet: recorded this run's 1 table\(s\)/);
      const counts = parse(fs.readFileSync(path.join(dir, 'results', '01-start', 'counts.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
      // the bundled article deduplicated (30 paragraphs) and the new text's 2 (split at the blank line)
      expect(counts).toHaveLength(32);
      const sport = counts.filter((r) => r.doc === 'sport');
      // «Футбол и футболисты»: 3 words, two of them match футбол*; the second paragraph has none
      expect(sport.map((r) => [r.paragraph, r.tokens, r['спорт']])).toEqual([['0', '3', '2'], ['1', '5', '0']]);
      // the manifest fingerprints what the notebook read: the new text and the edited dictionary
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'manifest.json'), 'utf8'));
      const sha = (f: string) => createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex');
      expect(manifest.inputs).toContainEqual({ file: 'dictionary.yaml', kind: 'dictionary', bytes: fs.statSync(path.join(dir, 'dictionary.yaml')).size, sha256: sha('dictionary.yaml') });
      expect(manifest.inputs).toContainEqual(expect.objectContaining({ file: 'data/sport.txt', kind: 'corpus', sha256: sha('data/sport.txt') }));
      expect(manifest.dictionaries.map((d: { file: string; categories: string[] }) => [d.file, d.categories.at(-1)])).toEqual([['dictionary.yaml', 'спорт']]);
      expect(manifest.framelab.tarball).toEqual({ file: `vendor/${tarball}`, integrity: lock.packages['node_modules/framelab'].integrity });
      expect(manifest.framelab.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(manifest.packages.tslab).toMatch(/^\d+\./);
      expect(manifest.packages.az).toMatch(/^\d+\./);
      expect(manifest.jupyter.notebook).toMatch(/^\d+\./);

      // what a git clone of the study would hold: everything but .gitignore's node_modules/, out/ and .jupyter/
      const elsewhere = path.join(base, 'projects', '2025', 'moved-study');
      await fs.promises.cp(dir, elsewhere, { recursive: true, filter: (src) => !/[\\/](node_modules|out|\.jupyter)$/.test(src) });
      await fs.promises.rm(dir, { recursive: true, force: true }); // the original is gone: nothing may point back to it
      const ci = await runAsync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: elsewhere, timeoutMs: 600_000 });
      expect(ci.code, ci.stderr).toBe(0);
      expect(fs.lstatSync(path.join(elsewhere, 'node_modules', 'framelab')).isSymbolicLink()).toBe(false);
      const again = await npmRun(['run', 'reproduce'], elsewhere);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toMatch(/reproduced: 1 notebook\(s\), 1 table\(s\) equal to the snapshot/);
      const kernel = fs.readFileSync(path.join(elsewhere, '.jupyter', 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json'), 'utf8');
      expect(kernel).toContain(elsewhere);
      const verified = await npmRun(['run', 'verify'], elsewhere);
      expect(verified.code, verified.stderr).toBe(0);
      // the two texts and the edited dictionary
      expect(verified.stderr).toMatch(/verified: 3 input\(s\), 1 notebook\(s\)/);
      // one byte of the corpus changes: verify names the file and fails
      const text = path.join(elsewhere, 'data', 'sport.txt');
      const bytes = fs.readFileSync(text);
      bytes[0] ^= 1;
      fs.writeFileSync(text, bytes);
      const changed = await npmRun(['run', 'verify'], elsewhere);
      expect(changed.code).not.toBe(0);
      expect(changed.stderr).toMatch(/differs: changed input: data\/sport\.txt \(sha256 /);
      expect(changed.stderr).toMatch(/1 difference\(s\)/);
      fs.writeFileSync(text, fs.readFileSync(text).map((b, i) => (i === 0 ? b ^ 1 : b)));

      // plain Jupyter finds the study's kernel through `framelab env`, with an empty home folder
      const home = tempDir();
      const env = await framelab(['env'], elsewhere);
      expect(env.code, env.stderr).toBe(0);
      const converted = path.join(base, 'converted');
      // (framelab's own lemma cache lives in ~/.cache/framelab unless FRAMELAB_CACHE_DIR says otherwise, as
      // the README documents; it is pointed elsewhere here, so that the check below is about Jupyter alone)
      const plain = await runAsync(
        'bash',
        ['-c', `${env.stdout}\n/usr/bin/python3 -m jupyter kernelspec list && /usr/bin/python3 -m jupyter nbconvert --to notebook --execute notebooks/01-start.ipynb --output-dir ${converted}`],
        { cwd: elsewhere, env: { ...process.env, HOME: home, JUPYTER_PATH: '', JUPYTER_DATA_DIR: '', FRAMELAB_CACHE_DIR: tempDir() }, timeoutMs: 240_000 },
      );
      expect(plain.code, plain.stderr).toBe(0);
      expect(plain.stdout).toMatch(new RegExp(`tslab\\s+${elsewhere.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\.jupyter/share/jupyter/kernels/tslab`));
      expect(fs.readFileSync(path.join(converted, '01-start.ipynb'), 'utf8')).toMatch(/"image\/png"/);
      expect(fs.readdirSync(home)).toEqual([]);
      // the home folder gets the kernel only when asked
      const user = await runAsync(process.execPath, [CLI, 'kernel', '--user'], { cwd: elsewhere, env: { ...process.env, HOME: home, JUPYTER_PATH: '', JUPYTER_DATA_DIR: '' } });
      expect(user.code, user.stderr).toBe(0);
      expect(fs.readFileSync(path.join(home, '.local', 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json'), 'utf8')).toContain(path.join(elsewhere, 'node_modules'));
      fs.rmSync(path.join(home, '.local'), { recursive: true, force: true });

      // a notebook from elsewhere, with a script in an output, stays untrusted through setup, notebook and reproduce
      const foreign = path.join(elsewhere, 'notebooks', '99-foreign.ipynb');
      fs.writeFileSync(foreign, JSON.stringify(foreignNotebook(), null, 1));
      const study = jupyterEnvOf(elsewhere, { ...process.env, JUPYTER_PATH: '' });
      // whether the study's trust store (.jupyter/data) holds the notebook's signature, as the notebook server checks it
      const trusted = async (file: string) => {
        const code = 'import sys, nbformat\nfrom nbformat.sign import NotebookNotary\nsys.exit(0 if NotebookNotary().check_signature(nbformat.read(sys.argv[1], as_version=4)) else 3)';
        const r = await runAsync(PYTHON, ['-c', code, file], { env: study });
        if (r.code !== 0 && r.code !== 3) throw new Error(r.stderr);
        return r.code === 0;
      };
      expect((await npmRun(['run', 'setup'], elsewhere)).code).toBe(0);
      expect(await trusted(foreign)).toBe(false);
      const token = 'foreign-test';
      const port = await freePort();
      const server = spawn(process.execPath, [CLI, 'notebook', '--no-browser', '--port', String(port), `--NotebookApp.token=${token}`, '--ip=127.0.0.1'], {
        cwd: elsewhere,
        detached: true,
        stdio: 'ignore',
        env: { ...process.env, HOME: home, JUPYTER_PATH: '' },
      });
      try {
        const url = `http://127.0.0.1:${port}`;
        const deadline = Date.now() + 60_000;
        for (;;) {
          const ok = await fetch(`${url}/api/status?token=${token}`).then((r) => r.ok, () => false);
          if (ok) break;
          if (Date.now() > deadline) throw new Error('framelab notebook did not answer within 60 s');
          await new Promise((r) => setTimeout(r, 300));
        }
        // it opens at the study root: the dictionary can be edited from the browser
        expect((await fetch(`${url}/api/contents/dictionary.yaml?token=${token}`)).status).toBe(200);
        // the server reads the foreign notebook as untrusted: its cells come back marked so
        const model = (await (await fetch(`${url}/api/contents/notebooks/99-foreign.ipynb?token=${token}`)).json()) as { content: { cells: Array<{ metadata: { trusted?: boolean } }> } };
        expect(model.content.cells.map((c) => c.metadata.trusted)).toEqual([false]);
      } finally {
        process.kill(-server.pid!, 'SIGTERM');
        await new Promise((r) => setTimeout(r, 2000));
      }
      expect(await trusted(foreign)).toBe(false);
      const third = await npmRun(['run', 'reproduce'], elsewhere);
      expect(third.code, third.stderr).toBe(0);
      expect(await trusted(foreign)).toBe(false);
      // what reproduce wrote itself is trusted: its executed copies (the check can tell the two apart)
      expect(await trusted(path.join(elsewhere, 'out', 'notebooks', '99-foreign.ipynb'))).toBe(true);
      expect(await trusted(path.join(elsewhere, 'out', 'notebooks', '01-start.ipynb'))).toBe(true);
      // and the re-executed copy no longer carries the foreign script
      expect(fs.readFileSync(path.join(elsewhere, 'out', 'notebooks', '99-foreign.ipynb'), 'utf8')).not.toContain('<script>');
    },
  );
});

/** A notebook "received from someone else": one code cell whose saved output holds a script. */
function foreignNotebook(): object {
  return {
    cells: [
      {
        cell_type: 'code',
        execution_count: 1,
        id: 'foreign-1',
        metadata: {},
        outputs: [{ output_type: 'display_data', data: { 'text/html': '<b>harmless?</b><script>window.foreignScriptRan = true;</script>', 'text/plain': 'x' }, metadata: {} }],
        source: '1 + 1',
      },
    ],
    metadata: { kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}
