import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTables } from '../src';
import { ROOT, runAsync, tempDir } from './helpers';
import { jupyterEnv, jupyterReady, PYTHON } from './jupyter';

const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

function reproduce(...args: string[]) {
  return runAsync(process.execPath, [CLI, 'reproduce', ...args], { cwd: ROOT, env: jupyterEnv() });
}

/** Every file under a folder with the given ending, relative path → contents. */
function filesOf(dir: string, ending: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith(ending)) out.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe.runIf(jupyterReady())('npm run reproduce (every notebook, headless, in the tslab kernel)', () => {
  it('matches the committed snapshot, twice in a row with byte-identical tables and chart specs', { timeout: 300_000 }, async () => {
    const a = tempDir();
    const b = tempDir();
    const first = await reproduce('--out', a);
    const notebooks = fs.readdirSync(path.join(ROOT, 'notebooks')).filter((f) => f.endsWith('.ipynb'));
    const tables = listTables(path.join(ROOT, 'results')).length;
    expect(first.stderr).toContain(`reproduced: ${notebooks.length} notebook(s), ${tables} table(s) equal to the snapshot`);
    expect(first.code).toBe(0);
    const second = await reproduce('--out', b);
    expect(second.code).toBe(0);
    expect(listTables(path.join(a, 'tables'))).toEqual(listTables(path.join(ROOT, 'results')));
    expect(filesOf(path.join(a, 'tables'), '.csv')).toEqual(filesOf(path.join(b, 'tables'), '.csv'));
    const specs = filesOf(path.join(a, 'charts'), '.json');
    // one spec per out.chart(…) call in the notebooks' code
    const chartCalls = notebooks
      .map((f) => JSON.parse(fs.readFileSync(path.join(ROOT, 'notebooks', f), 'utf8')) as { cells: Array<{ cell_type: string; source: string[] }> })
      .flatMap((nb) => nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join('')))
      .reduce((n, src) => n + (src.match(/out\.chart\(/g) ?? []).length, 0);
    expect(specs.size).toBe(chartCalls);
    expect(specs).toEqual(filesOf(path.join(b, 'charts'), '.json'));
    for (const kind of ['svg', 'png', 'html']) expect(fs.existsSync(path.join(a, 'charts', '02-framing', `heatmap.${kind}`))).toBe(true);

    const manifest = JSON.parse(fs.readFileSync(path.join(a, 'manifest.json'), 'utf8'));
    expect(manifest.node).toBe(process.version);
    expect(manifest.packages['vega-lite']).toMatch(/^5\./);
    expect(manifest.inputs.map((i: { file: string }) => i.file)).toContain('data/ngo-grants-dialogue-2025.ru.txt');
    expect(manifest.dictionaries[0]).toMatchObject({ file: 'data/dictionaries/framing-ru.yaml', name: 'framing-ru' });
    expect(manifest.inputs.every((i: { sha256: string }) => /^[0-9a-f]{64}$/.test(i.sha256))).toBe(true);
  });

  it('fails naming the table cell that differs from the snapshot', { timeout: 120_000 }, async () => {
    const results = tempDir();
    fs.cpSync(path.join(ROOT, 'results'), results, { recursive: true });
    const file = path.join(results, '03-your-own-dictionary', 'before-after.csv');
    // first data row is гранты: change its "черновик" count
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^гранты,(\d+),/m, (_, n) => `гранты,${Number(n) + 1},`));
    const r = await reproduce('--out', tempDir(), '--results', results, '--notebooks', notebooksOnly('03-your-own-dictionary.ipynb'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/03-your-own-dictionary\/before-after\.csv: row 1, column черновик: expected \d+, got \d+/);
    expect(r.stderr).toMatch(/run with --update/);
  });

  it('fails naming the notebook and the cell that raised', { timeout: 120_000 }, async () => {
    const dir = notebooksOnly('03-your-own-dictionary.ipynb', 'bad.ipynb');
    const nb = JSON.parse(fs.readFileSync(path.join(dir, 'bad.ipynb'), 'utf8'));
    nb.cells.splice(2, 0, { cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: ["const broken: number = 'текст';"] });
    fs.writeFileSync(path.join(dir, 'bad.ipynb'), JSON.stringify(nb));
    const r = await reproduce('--out', tempDir(), '--notebooks', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.ipynb: cell 3 \(const broken: number = 'текст';\): .*not assignable to type 'number'/);
  });
});

describe.runIf(jupyterReady())('the notebook runner', () => {
  it('starts a kernel that never answered once more, and runs the notebook in the second', { timeout: 120_000 }, async () => {
    // a kernel that hangs silently at its first start (as tslab once did for nbclient's 60 s) and
    // is Python's ipykernel at the second: the runner must start it again and run the cell
    const dir = tempDir();
    const marker = path.join(dir, 'started-once');
    const kernels = path.join(dir, 'share', 'jupyter', 'kernels', 'hang-once');
    fs.mkdirSync(kernels, { recursive: true });
    const script = path.join(dir, 'hang_once.py');
    fs.writeFileSync(
      script,
      [
        'import os, sys, time',
        `marker = ${JSON.stringify(marker)}`,
        'if not os.path.exists(marker):',
        '    open(marker, "w").close()',
        '    time.sleep(3600)',
        'from ipykernel import kernelapp',
        'kernelapp.launch_new_instance()',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(kernels, 'kernel.json'), JSON.stringify({ argv: [PYTHON, script, '-f', '{connection_file}'], display_name: 'hang once', language: 'python' }));
    const nb = {
      cells: [{ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: ['print(6 * 7)'] }],
      metadata: { kernelspec: { name: 'hang-once', display_name: 'hang once', language: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    fs.writeFileSync(path.join(dir, 'nb.ipynb'), JSON.stringify(nb));
    const out = path.join(dir, 'out.ipynb');
    const env = { ...process.env, JUPYTER_PATH: path.join(dir, 'share', 'jupyter'), FRAMELAB_KERNEL_START_SECONDS: '8' };
    const r = await runAsync(PYTHON, [path.join(ROOT, 'scripts', 'run-notebook.py'), path.join(dir, 'nb.ipynb'), out, '60'], { env, timeoutMs: 100_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/the kernel did not start .*; starting a new one/);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!).ok).toBe(true);
    // the cell ran in the second kernel: 6 × 7
    const done = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(done.cells[0].outputs[0].text.join('')).toBe('42\n');
  });
});

/**
 * A notebooks folder holding one notebook of the project (as `as`), so that a run covers it alone;
 * it sits in out/e2e/<as>/notebooks beside a link to data/, so the notebook's `../data` paths hold.
 */
function notebooksOnly(name: string, as = name): string {
  const base = path.join(ROOT, 'out', 'e2e', as.replace('.ipynb', ''));
  fs.rmSync(base, { recursive: true, force: true });
  fs.mkdirSync(path.join(base, 'notebooks'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'data'), path.join(base, 'data'));
  fs.copyFileSync(path.join(ROOT, 'notebooks', name), path.join(base, 'notebooks', as));
  return path.join(base, 'notebooks');
}
