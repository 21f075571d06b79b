import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runAsync, tempDir } from './helpers';
import { jupyterReady } from './jupyter';

const framelab = (args: string[], cwd?: string) => runAsync(process.execPath, [CLI, ...args], { cwd, timeoutMs: 240_000 });

describe('framelab init: a study folder of ones own', () => {
  it('is a command npx can run: the built entry point is executable', () => {
    // `npx framelab init` runs dist/cli/main.js through its #! line (npm ci links no bin before the build)
    expect(fs.readFileSync(path.join(ROOT, 'dist', 'cli', 'main.js'), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    expect(fs.statSync(path.join(ROOT, 'dist', 'cli', 'main.js')).mode & 0o111).not.toBe(0);
  });

  it('makes the folder and refuses one that is not empty, writing nothing', async () => {
    const base = tempDir({ 'taken/notes.txt': 'mine\n' });
    const r = await framelab(['init', path.join(base, 'study'), '--no-install']);
    expect(r.code, r.stderr).toBe(0);
    const dir = path.join(base, 'study');
    expect(fs.readdirSync(dir).sort()).toEqual(['.gitignore', 'README.md', 'data', 'dictionary.yaml', 'notebooks', 'package.json', 'results']);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    // framelab by a relative path (no absolute path of this clone), tslab for the kernel, the same overrides
    expect(pkg.dependencies.framelab).toMatch(/^file:\.\.?\//);
    expect(path.resolve(dir, pkg.dependencies.framelab.slice('file:'.length))).toBe(ROOT);
    expect(pkg.devDependencies.tslab).toBeDefined();
    expect(pkg.overrides['@tensorflow/tfjs-node']).toMatch(/tfjs/);
    expect(pkg.scripts.reproduce).toBe('framelab setup && framelab reproduce');
    expect(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')).toMatch(/\.jupyter\//);
    const refused = await framelab(['init', path.join(base, 'taken'), '--no-install']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/taken exists and is not an empty folder/);
    expect(fs.readdirSync(path.join(base, 'taken'))).toEqual(['notes.txt']);
  });

  it.runIf(jupyterReady())('runs its starter notebook headlessly: charts, tables, a snapshot, then a check against it', { timeout: 300_000 }, async () => {
    const base = tempDir();
    const dir = path.join(base, 'my-study');
    expect((await framelab(['init', dir, '--no-install'])).code).toBe(0);
    // what npm install would link: framelab (this build) and tslab
    fs.mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
    fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'framelab'));
    fs.symlinkSync(path.join(ROOT, 'node_modules', 'tslab'), path.join(dir, 'node_modules', 'tslab'));
    fs.symlinkSync(path.join(ROOT, 'node_modules', 'tslab', 'bin', 'tslab'), path.join(dir, 'node_modules', '.bin', 'tslab'));
    const setup = await framelab(['setup'], dir);
    expect(setup.code, setup.stderr).toBe(0);
    // the kernel is registered in the study's own .jupyter/, with the study's path
    const kernel = fs.readFileSync(path.join(dir, '.jupyter', 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json'), 'utf8');
    expect(kernel).toContain(dir);
    expect(kernel).not.toContain(path.join(ROOT, 'node_modules'));
    const first = await framelab(['reproduce'], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/no snapshot yet: recorded this run's 1 table\(s\)/);
    // the bundled article, deduplicated: 30 paragraphs, every category of the dictionary a column
    const counts = parse(fs.readFileSync(path.join(dir, 'out', 'tables', '01-start', 'counts.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(counts).toHaveLength(30);
    expect(Object.keys(counts[0])).toContain('гранты_per_1k');
    for (const chart of ['paragraphs', 'totals']) {
      for (const ext of ['svg', 'png', 'html', 'json']) expect(fs.existsSync(path.join(dir, 'out', 'charts', '01-start', `${chart}.${ext}`)), `${chart}.${ext}`).toBe(true);
    }
    // the executed notebook holds each chart as an image for any viewer
    const executed = fs.readFileSync(path.join(dir, 'out', 'notebooks', '01-start.ipynb'), 'utf8');
    expect(executed.match(/"image\/png"/g)?.length).toBeGreaterThanOrEqual(2);
    const second = await framelab(['reproduce'], dir);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/reproduced: 1 notebook\(s\), 1 table\(s\) equal to the snapshot/);
  });
});
