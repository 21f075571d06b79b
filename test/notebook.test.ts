import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { formatNumber, FramelabError, setNumberLocale, tableDisplay } from '../src';
import { errorReply } from '../src/notebook/kernel';
import { ROOT, tempDir } from './helpers';
import { jupyterEnv, jupyterReady, PYTHON } from './jupyter';

afterEach(() => setNumberLocale('ru'));

describe('formatNumber: one number format per notebook', () => {
  it('writes decimal commas in ru (the default) and points in en', () => {
    expect(formatNumber(0.4215)).toBe('0,42');
    expect(formatNumber(0.4215, { locale: 'en' })).toBe('0.42');
    expect(formatNumber(-12.5, { digits: 1 })).toBe('-12,5');
    setNumberLocale('en');
    expect(formatNumber(0.4215)).toBe('0.42');
    expect(formatNumber(0.4215, { locale: 'ru' })).toBe('0,42');
  });

  it('keeps whole numbers whole (years, paragraph numbers) unless asked for fixed decimals', () => {
    expect(formatNumber(2015)).toBe('2015');
    expect(formatNumber(3, { digits: 1 })).toBe('3');
    expect(formatNumber(3, { fixed: true })).toBe('3,00');
    expect(formatNumber(0, { fixed: true, locale: 'en' })).toBe('0.00');
  });

  it('never rounds a small p-value to zero: two significant digits below 0.01', () => {
    expect(formatNumber(0.0049)).toBe('0,0049');
    expect(formatNumber(0.000123, { locale: 'en' })).toBe('0.00012');
    // below 1e-6, JavaScript's toPrecision switches to exponent notation
    expect(formatNumber(1.5239706e-23, { locale: 'en' })).toBe('1.5e-23');
  });

  it('leaves null and NaN empty and refuses an unknown locale', () => {
    expect(formatNumber(null)).toBe('');
    expect(formatNumber(Number.NaN)).toBe('');
    expect(() => setNumberLocale('de' as 'ru')).toThrow(/locale must be one of ru, en, not "de"/);
  });
});

describe('tableDisplay: text left, numbers right, a KWIC as a concordance', () => {
  it('aligns text columns left and number columns right, with one number of decimals per column', () => {
    const { html, text } = tableDisplay({ columns: ['категория', 'всего', 'на_1000'], rows: [['гранты', 20, 12.345], ['диалог', 4, 3]] });
    // 12.345 → 12,35 (two decimals, half up in binary: 12.345 is stored just above, toFixed gives 12.35)
    // 3 in a column that holds fractions → 3,00; whole-number column stays whole
    expect(text.split('\n')).toEqual([
      'категория  всего  на_1000',
      '---------  -----  -------',
      'гранты        20    12,35',
      'диалог         4     3,00',
    ]);
    expect(html).toContain('<th style="text-align:left">категория</th><th style="text-align:right">всего</th>');
    expect(html).toContain('<td style="text-align:left">гранты</td><td style="text-align:right">20</td><td style="text-align:right">12,35</td>');
  });

  it('uses the locale given, and says how many rows it left out', () => {
    const rows = Array.from({ length: 5 }, (_, i) => ['a', i + 0.5]);
    const { html, text } = tableDisplay({ columns: ['x', 'y'], rows }, { locale: 'en', limit: 2 });
    expect(text.split('\n').slice(2)).toEqual(['a  0.50', 'a  1.50', '… ещё 3 строки']);
    expect(html).toContain('<p>… ещё 3 строки</p>');
  });

  it('lays KWIC rows out as a concordance: left context right-aligned, the match centred, right context left', () => {
    const rows = [
      [3, 'получают иностранные', 'гранты', 'и отчитываются'],
      [7, 'о', 'грантах', 'речи нет'],
    ];
    const { html, text } = tableDisplay({ columns: ['paragraph', 'left', 'match', 'right'], rows });
    expect(text.split('\n')).toEqual([
      'paragraph                  left   match   right',
      '---------  --------------------  -------  --------------',
      '        3  получают иностранные  гранты   и отчитываются',
      '        7                     о  грантах  речи нет',
    ]);
    expect(html).toContain('<td style="text-align:right;white-space:nowrap">о</td><td style="text-align:center;font-weight:bold">грантах</td>');
    // renamed columns are named, and a wrong name is an error that lists the table's columns
    const named = tableDisplay({ columns: ['абзац', 'слева', 'слово', 'справа'], rows }, { concordance: ['слева', 'слово', 'справа'] });
    expect(named.html).toContain('<th style="text-align:center;font-weight:bold">слово</th>');
    expect(() => tableDisplay({ columns: ['a'], rows: [] }, { concordance: ['l', 'm', 'r'] })).toThrow(/concordance columns "l", "m", "r" are not all in the table \(a\)/);
  });

  it('escapes HTML in cells and shows terminal control characters escaped in the text copy', () => {
    const { html, text } = tableDisplay({ columns: ['t'], rows: [['<b>x</b>\u001b[31m']] });
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(text).not.toContain('\u001b');
  });
});

describe('errors in notebook cells', () => {
  it('a FramelabError prints as its one line; other errors keep their stack', () => {
    const util = require('node:util') as typeof import('node:util');
    const e = new FramelabError('no such file or folder', { file: 'a.txt' });
    expect(util.inspect(e)).toBe('FramelabError: a.txt: no such file or folder');
    expect(util.inspect(new TypeError('boom')).split('\n').length).toBeGreaterThan(1);
  });

  it('reads the name and message of the error the kernel printed', () => {
    expect(errorReply('FramelabError: a.txt: no such file or folder\n')).toEqual({
      ename: 'FramelabError',
      evalue: 'a.txt: no such file or folder',
      traceback: ['FramelabError: a.txt: no such file or folder'],
    });
    const r = errorReply('TypeError: boom\n    at f (x.js:1:1)\n');
    expect([r.ename, r.evalue, r.traceback.length]).toEqual(['TypeError', 'boom', 2]);
    // tslab's own lines (TypeScript errors) have no name: the whole first line is the message
    expect(errorReply('2:1 - Cannot find name \'x\'.\n')).toMatchObject({ ename: 'Error', evalue: "2:1 - Cannot find name 'x'." });
  });

  it.runIf(jupyterReady())('in the tslab kernel: a table aligned, the error named by nbconvert, one line in the cell', { timeout: 180_000 }, () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'framelab'));
    const cell = (source: string) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source });
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
      cells: [
        cell("import { showTable, loadCorpus } from 'framelab';\nshowTable([{ слово: 'грант', доля: 0.5 }]);"),
        cell("loadCorpus('missing.txt');"),
      ],
    };
    fs.writeFileSync(path.join(dir, 'cells.ipynb'), JSON.stringify(notebook));
    const r = spawnSync(PYTHON, ['-m', 'nbconvert', '--to', 'notebook', '--execute', '--allow-errors', '--output', 'done.ipynb', 'cells.ipynb'], {
      cwd: dir,
      env: jupyterEnv(),
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const done = JSON.parse(fs.readFileSync(path.join(dir, 'done.ipynb'), 'utf8'));
    const html = [done.cells[0].outputs[0].data['text/html']].flat().join('');
    expect(html).toContain('<td style="text-align:left">грант</td><td style="text-align:right">0,50</td>');
    const printed = done.cells[1].outputs.map((o: { text?: string[] }) => [o.text ?? ''].flat().join('')).join('');
    expect(printed).toBe('FramelabError: missing.txt: no such file or folder\n');
    // without --allow-errors, nbconvert names the error from the kernel's reply (not "<Error>: ")
    const failed = spawnSync(PYTHON, ['-m', 'nbconvert', '--to', 'notebook', '--execute', '--output', 'failed.ipynb', 'cells.ipynb'], {
      cwd: dir,
      env: jupyterEnv(),
      encoding: 'utf8',
    });
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain('FramelabError: missing.txt: no such file or folder');
    expect(failed.stderr).not.toContain('<Error>');
  });
});

describe('notebooks read without scrolling sideways', () => {
  it('keeps every code line of the bundled notebooks and the starter notebook within 100 characters', async () => {
    const { initStudy } = await import('../src/cli/study');
    const study = path.join(tempDir(), 'study');
    initStudy(study, ROOT);
    const notebooks = [
      ...fs.readdirSync(path.join(ROOT, 'notebooks')).filter((f) => f.endsWith('.ipynb')).map((f) => path.join(ROOT, 'notebooks', f)),
      path.join(study, 'notebooks', '01-start.ipynb'),
    ];
    expect(notebooks.length).toBeGreaterThanOrEqual(8);
    const long: string[] = [];
    for (const file of notebooks) {
      const nb = JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: Array<{ cell_type: string; source: string | string[] }> };
      nb.cells.forEach((cell, i) => {
        if (cell.cell_type !== 'code') return;
        for (const line of [cell.source].flat().join('').split('\n')) {
          if ([...line].length > 100) long.push(`${path.basename(file)} cell ${i + 1}: ${[...line].length} characters`);
        }
      });
    }
    expect(long).toEqual([]);
  });
});

describe('tableDisplay: decimals per column', () => {
  it('gives p-value columns three decimals and takes digits per column', () => {
    const rows = [[0.0261, 0.2704, 1.23456], [0.0024, 1, 2]];
    const { text } = tableDisplay({ columns: ['fisher_p', 'p', 'g2'], rows });
    // 0.0261 → 0,026; 0.0024 < 0.01 → two significant digits 0,0024; 1 in a fractional column → 1,000
    expect(text.split('\n').slice(2)).toEqual(['   0,026  0,270  1,23', '  0,0024  1,000  2,00']);
    const perColumn = tableDisplay({ columns: ['fisher_p', 'p', 'g2'], rows }, { digits: { g2: 1 } }).text;
    expect(perColumn.split('\n')[2]).toBe('   0,026  0,270  1,2');
    expect(tableDisplay({ columns: ['p'], rows: [[0.5]] }, { digits: 1 }).text.split('\n')[2]).toBe('0,5');
  });
});
