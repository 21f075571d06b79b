import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesScript, exampleWorld, expectedValue, publicExamples } from './examples';
import { ROOT, runAsync, tempDir } from './helpers';

describe('reading the value a comment states', () => {
  it('takes literals, the … shorthands and throws, and leaves prose alone', () => {
    expect(expectedValue("['гранты', 'гранты']")).toEqual({ literal: "['гранты', 'гранты']" });
    expect(expectedValue('0.4857')).toEqual({ literal: '__NUM("0.4857")' });
    expect(expectedValue('{ ratio: 3, low: 1.4666…, high: 6.1367… }')).toEqual({ literal: '{ ratio: __NUM("3"), low: __CUT("1.4666"), high: __CUT("6.1367") }' });
    expect(expectedValue("['финансируемых', 'грантового', ...]")).toEqual({ literal: "['финансируемых', 'грантового', __REST]" });
    expect(expectedValue('1: every later value is higher')).toEqual({ literal: '__NUM("1")' });
    expect(expectedValue('throws: "." is never part of a word')).toEqual({ throws: '"." is never part of a word' });
    expect(expectedValue('leading frame per third')).toBeUndefined();
    expect(expectedValue('log2((10/1000)/(20/5000)) = 1.3219')).toBeUndefined();
  });
});

describe('the API reference examples', () => {
  const api = publicExamples(ROOT);

  it('every exported function and class has an @example', () => {
    expect(api.missing).toEqual([]);
    expect(api.examples.length).toBeGreaterThan(100);
  });

  it('every @example runs against the built package, and every value it states is what the code returns', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    exampleWorld(dir, ROOT);
    fs.writeFileSync(path.join(dir, 'examples.js'), examplesScript(api.examples, ROOT));
    const r = await runAsync(process.execPath, [path.join(dir, 'examples.js')], { cwd: dir, timeoutMs: 230_000, env: { ...process.env, FRAMELAB_CACHE_DIR: path.join(dir, 'cache') } });
    expect(r.code, r.stderr).toBe(0);
    const results = r.stdout.split('\n').filter((l) => l.startsWith('@@example ')).map((l) => JSON.parse(l.slice('@@example '.length)) as { name: string; where: string; ok: boolean; error?: string; checks?: number; displays?: number });
    expect(results).toHaveLength(api.examples.length);
    const failed = results.filter((x) => !x.ok).map((x) => `${x.name} (${x.where}): ${x.error}`);
    expect(failed).toEqual([]);
    // the examples state values, and the notebook verbs display something
    const checks = results.reduce((s, x) => s + (x.checks ?? 0), 0);
    expect(checks).toBe(api.examples.reduce((s, e) => s + e.checks, 0));
    expect(checks).toBeGreaterThan(60);
    for (const x of results.filter((x) => ['show', 'showTable', 'showMarkdown'].includes(x.name))) expect(x.displays, x.where).toBeGreaterThan(0);
  });
});

describe('the API reference in docs/api', () => {
  it('is what `npm run docs` builds from the current sources (rebuild it after changing a doc comment)', { timeout: 120_000 }, async () => {
    const out = path.join(tempDir(), 'api');
    const r = await runAsync(process.execPath, [path.join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', out], { cwd: ROOT, timeoutMs: 110_000 });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
    const committed = path.join(ROOT, 'docs', 'api');
    expect(files(committed)).toEqual(files(out));
    const stale = files(out).filter((f) => fs.readFileSync(path.join(out, f), 'utf8') !== fs.readFileSync(path.join(committed, f), 'utf8'));
    expect(stale).toEqual([]);
    // the reference is organised by pipeline stage, and names what the issue asked to find there
    const index = fs.readFileSync(path.join(committed, 'README.md'), 'utf8');
    expect(index.indexOf('## Corpus')).toBeLessThan(index.indexOf('## Frames'));
    for (const name of ['kwic', 'categoryTotals', 'readCountTable', 'showTable']) expect(index).toContain(`[${name}](functions/${name}.md)`);
    // every page is linked from the index (a category the theme writes inline, as it does one holding a
    // re-export under another name, once left twenty pages out: validateDictionary, FramelabError, …)
    const unlinked = files(committed).filter((f) => f !== 'README.md' && !index.includes(`](${f.split(path.sep).join('/')})`));
    expect(unlinked).toEqual([]);
    expect(fs.existsSync(path.join(committed, 'type-aliases', 'ChartSpec.md'))).toBe(true);
    expect(fs.readFileSync(path.join(committed, 'interfaces', 'Target.md'), 'utf8')).toMatch(/category/);
  });
});
