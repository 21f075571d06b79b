#!/usr/bin/env node
// Writes data/coding/validation-report.md: the bundled dictionary against real news coded by two
// readers under the codebook, before the rework (v0), as first written and frozen (v1, before the
// Wikinews sheet was coded: held out there) and as shipped (data/dictionaries/framing-ru.yaml).
// Every number comes from `framelab validate` (the CLI, built in dist/), so the report can be
// re-made with `node scripts/validation-report.js` and checked by anyone.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli', 'main.js');
const FLATTENED = 'pattern:(?<=[\\p{Ll}\\d.!?…»")])n+(?=[\\p{Lu}«"—–])';
const CODEBOOK = ['гранты', 'коррупция', 'диалог', 'нпо', 'запад'];

const dictionaries = [
  ['v0 (before)', 'data/coding/validation/framing-ru.v0.yaml'],
  ['v1 (frozen)', 'data/coding/validation/framing-ru.v1.yaml'],
  ['shipped', 'data/dictionaries/framing-ru.yaml'],
];
const sheets = [
  {
    name: 'news sample (325 paragraphs, 2008–2019 news of six outlets)',
    corpus: ['data/news-sample', '--id-column', 'url', '--paragraphs', FLATTENED],
    coded: ['data/coding/news-sample-coded-a.csv', 'data/coding/news-sample-coded-b.csv'],
  },
  {
    name: 'Wikinews politics (303 paragraphs, 50 articles)',
    corpus: ['data/news-wikinews/wikinews-ru.jsonl'],
    coded: ['data/coding/news-wikinews-coded-a.csv', 'data/coding/news-wikinews-coded-b.csv'],
  },
];

function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

function validate(dict, sheet) {
  const args = [cli, 'validate', ...sheet.corpus, '--dict', dict, '--format', 'csv', '-q'];
  for (const c of sheet.coded) args.push('--coded', c);
  const out = execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  return parseCsv(out).filter((r) => r.reference === 'majority' && CODEBOOK.includes(r.category));
}

const fmt = (v) => (v === '' || v === undefined ? '–' : Number(v).toFixed(2));
const interval = (r, k) => (r[k] === '' ? '–' : `${fmt(r[k])} [${fmt(r[`${k}_low`])}, ${fmt(r[`${k}_high`])}]`);

const lines = [
  '# Validation of the bundled dictionary on real news',
  '',
  'Made by `node scripts/validation-report.js` (after `npm run build`); every number is printed by',
  '`framelab validate` against the paragraphs on which the two coders agree (their majority; ties left out).',
  'Intervals are the 95 % bootstrap intervals `validate` prints. The coding, the coders\' agreement and',
  'the sources are described in `README.md` beside this file; the dictionaries compared are',
  '`validation/framing-ru.v0.yaml` (the dictionary before the rework), `validation/framing-ru.v1.yaml`',
  '(the rework as first written from the codebook and the news sample, frozen before the Wikinews',
  'sheet was coded, so its Wikinews scores are held out) and the shipped `data/dictionaries/framing-ru.yaml`',
  '(revised after reading the disagreements on both sheets: its scores are no longer held out anywhere).',
  '',
];
const pooled = {};
for (const sheet of sheets) {
  lines.push(`## ${sheet.name}`, '');
  lines.push('| dictionary | category | TP | FP | FN | precision | recall | F1 |', '|---|---|---|---|---|---|---|---|');
  const sheetMacro = [];
  for (const [label, dict] of dictionaries) {
    const rows = validate(dict, sheet);
    const f1s = rows.filter((r) => r.f1 !== '').map((r) => Number(r.f1));
    sheetMacro.push(`${label} ${(f1s.reduce((x, y) => x + y, 0) / f1s.length).toFixed(2)} (${f1s.length} categories)`);
    for (const r of rows) {
      lines.push(`| ${label} | ${r.category} | ${r.tp} | ${r.fp} | ${r.fn} | ${interval(r, 'precision')} | ${interval(r, 'recall')} | ${interval(r, 'f1')} |`);
      const key = `${label}\t${r.category}`;
      const p = (pooled[key] ??= { tp: 0, fp: 0, fn: 0 });
      p.tp += Number(r.tp);
      p.fp += Number(r.fp);
      p.fn += Number(r.fn);
    }
  }
  lines.push('', `Macro F1 over the categories with an F1 on this sheet: ${sheetMacro.join(', ')}.`, '');
}
lines.push('## Both sheets pooled (628 paragraphs; point estimates from the summed counts)', '');
lines.push('| dictionary | category | TP | FP | FN | precision | recall | F1 |', '|---|---|---|---|---|---|---|---|');
const macro = {};
for (const [label] of dictionaries) {
  for (const category of CODEBOOK) {
    const p = pooled[`${label}\t${category}`];
    if (!p) continue;
    const precision = p.tp + p.fp ? p.tp / (p.tp + p.fp) : NaN;
    const recall = p.tp + p.fn ? p.tp / (p.tp + p.fn) : NaN;
    const f1 = 2 * p.tp + p.fp + p.fn ? (2 * p.tp) / (2 * p.tp + p.fp + p.fn) : NaN;
    (macro[label] ??= []).push(f1);
    const f = (x) => (Number.isNaN(x) ? '–' : x.toFixed(2));
    lines.push(`| ${label} | ${category} | ${p.tp} | ${p.fp} | ${p.fn} | ${f(precision)} | ${f(recall)} | ${f(f1)} |`);
  }
}
lines.push('');
lines.push('Macro F1 over the five codebook categories, pooled: ' +
  dictionaries.map(([label]) => `${label} ${(macro[label].reduce((a, b) => a + b, 0) / macro[label].length).toFixed(2)}`).join(', ') + '.');
lines.push('');
const out = path.join(root, 'data', 'coding', 'validation-report.md');
fs.writeFileSync(out, lines.join('\n'));
process.stderr.write(`wrote ${path.relative(root, out)}\n`);
