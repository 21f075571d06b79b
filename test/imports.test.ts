import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runAsync, tempDir } from './helpers';

const CHECKER = path.join(ROOT, 'scripts', 'check-imports.js');

describe('npm run check:imports', () => {
  it('finds no circle and no import pointing up or sideways in src/', async () => {
    const r = await runAsync(process.execPath, [CHECKER]);
    expect(r.stdout).toMatch(/\nno circle, no import pointing up or sideways\n$/);
    expect(r.code).toBe(0);
  });

  it('names each circle, upward, sideways, missing and unplaced import in a tree built to have them', async () => {
    // Layers are declared bottom up as base (util) < text < corpus < … < analysis < studies (validate, rhetoric).
    const dir = tempDir({
      // text is below corpus: an upward arrow. The commented-out import is not an import.
      'text/a.ts': "import { b } from '../corpus/b';\n// import { q } from '../cli/q';\nexport const a = b;\n",
      // a circle of two files, closed by a type-only import (types count as arrows too)
      'corpus/b.ts': "import { c } from './c';\nexport const b = c;\n",
      'corpus/c.ts': "import type { B } from './d';\nexport const c = 1 as B;\n",
      'corpus/d.ts': "import { b } from './b';\nexport type B = typeof b;\n",
      // validate and rhetoric share a layer: siblings stay apart
      'validate/v.ts': "export { r } from '../rhetoric/r';\n",
      'rhetoric/r.ts': "import { u } from '../util/u';\nexport const r = u;\n",
      // an import of no file, and a dynamic import downward (allowed)
      'util/u.ts': "export const u = 1;\nexport const later = () => import('./missing');\n",
      'analysis/k.ts': "export const k = () => import('../text/a');\n",
      // a folder no layer names
      'lib/z.ts': 'export const z = 1;\n',
    });
    const r = await runAsync(process.execPath, [CHECKER, dir]);
    const problems = r.stdout.split('\n').filter((l) => /^(missing:|no layer:|circle of|up:|sideways:)/.test(l));
    expect(problems.sort()).toEqual(
      [
        "missing: util/u.ts imports './missing', which is no file",
        'no layer: lib/z.ts (place "lib" in LAYERS of scripts/check-imports.js)',
        'circle of 3 files (corpus/b.ts, corpus/c.ts, corpus/d.ts), one way round: corpus/b.ts → corpus/c.ts → corpus/d.ts → corpus/b.ts',
        'up: text/a.ts (text) imports corpus/b.ts (corpus)',
        'sideways: validate/v.ts imports rhetoric/r.ts (both studies; siblings stay apart)',
      ].sort(),
    );
    expect(r.stdout).toMatch(/\n5 problem\(s\)\n$/);
    expect(r.code).toBe(1);
  });

  it('refuses a folder that does not exist with exit code 2', async () => {
    const r = await runAsync(process.execPath, [CHECKER, path.join(ROOT, 'no-such-folder')]);
    expect(r.stderr).toMatch(/no-such-folder is not a folder/);
    expect(r.code).toBe(2);
  });

  it('finds every compiled file that code names by path (cache keys, the worker) where a move may have left it', () => {
    // path.join(__dirname, 'x.js') is no import, so the checker does not see it; codeHash hashes a
    // missing file as "missing", which would silently stop a cache from noticing changed code
    const src = path.join(ROOT, 'src');
    const named: string[] = [];
    for (const file of fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(src, file), 'utf8');
      for (const m of text.matchAll(/path\.join\(__dirname((?:,\s*'[^']+')+)\)/g)) {
        const parts = [...m[1].matchAll(/'([^']+)'/g)].map((p) => p[1]);
        if (!parts[parts.length - 1].endsWith('.js') || parts.includes('dist')) continue;
        named.push(path.relative(src, path.join(src, path.dirname(file), ...parts)).replace(/\.js$/, '.ts'));
      }
    }
    // at least the dictionary cache key's pattern and count-table files and the worker
    expect(named).toEqual(expect.arrayContaining(['frames/pattern.ts', 'table/frame-table.ts', 'frames/worker.ts']));
    expect(named.filter((f) => !fs.existsSync(path.join(src, f)))).toEqual([]);
  });
});
