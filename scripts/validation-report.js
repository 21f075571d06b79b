#!/usr/bin/env node
// Writes data/coding/validation-report.md: the bundled dictionary against real news coded by two
// readers under the codebook, before the rework (v0), as first written and frozen (v1, before the
// Wikinews sheet was coded: held out there), as revised for war-time news and frozen (v2, before the
// second Wikinews sheet was coded: held out there) and as shipped (data/dictionaries/framing-ru.yaml).
// Every number comes from `validateDictionary` (what `framelab validate` runs, built in dist/), so the report can be
// re-made with `node scripts/validation-report.js` and checked by anyone (`--check`: exit 1 when the
// committed report differs from what the code and data give now).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const framelab = require(path.join(root, 'dist', 'index.js'));
const CODEBOOK = ['гранты', 'коррупция', 'диалог', 'нпо', 'запад'];

const dictionaries = [
  ['v0 (before)', 'data/coding/validation/framing-ru.v0.yaml'],
  ['v1 (frozen)', 'data/coding/validation/framing-ru.v1.yaml'],
  ['v2 (frozen)', 'data/coding/validation/framing-ru.v2.yaml'],
  ['v3 (frozen)', 'data/coding/validation/framing-ru.v3.yaml'],
  ['shipped', 'data/dictionaries/framing-ru.yaml'],
];
const sheets = [
  {
    name: 'news sample (325 paragraphs, 2008–2019 news of six outlets)',
    corpus: 'data/coding/news-sample.corpus.yaml', // the news sample as its sheets read it
    coded: ['data/coding/news-sample-coded-a.csv', 'data/coding/news-sample-coded-b.csv'],
  },
  {
    name: 'Wikinews politics (303 paragraphs, 50 articles)',
    corpus: 'data/news-wikinews/wikinews-ru.jsonl',
    coded: ['data/coding/news-wikinews-coded-a.csv', 'data/coding/news-wikinews-coded-b.csv'],
  },
];

/** The dictionary against the coders' majority on a sheet's paragraphs, for the codebook's categories. */
function validate(dict, sheet) {
  const at = (f) => path.join(root, f);
  const report = framelab.validateDictionary(framelab.loadCorpus(at(sheet.corpus)), framelab.loadDictionary(at(dict)), sheet.coded.map(at));
  return report.rows.filter((r) => r.reference === 'majority' && CODEBOOK.includes(r.category));
}

const fmt = (v) => (v === null || Number.isNaN(v) ? '–' : v.toFixed(2));
const interval = (r, k) => (r[k] === null || Number.isNaN(r[k]) ? '–' : `${fmt(r[k])} [${fmt(r[`${k}_low`])}, ${fmt(r[`${k}_high`])}]`);

const lines = [
  '# Validation of the bundled dictionary on real news',
  '',
  'Made by `node scripts/validation-report.js` (after `npm run build`); every number is what',
  '`framelab validate` (`validateDictionary`) gives against the paragraphs on which the two coders agree',
  '(their majority; ties left out), with its 95 % intervals: a bootstrap over paragraphs, and Wilson\'s',
  'score interval where a precision or recall is 0 or 1. The coding, the coders\' agreement and',
  'the sources are described in `README.md` beside this file; the dictionaries compared are',
  '`validation/framing-ru.v0.yaml` (the dictionary before the rework), `validation/framing-ru.v1.yaml`',
  '(the rework as first written from the codebook and the news sample, frozen before the Wikinews',
  'sheet was coded, so its Wikinews scores are held out), `validation/framing-ru.v2.yaml` (revised',
  'after reading the disagreements on both sheets and for the senses of war-time news of 2022–2024, then',
  'frozen before the second Wikinews sheet was coded: its scores here are not held out, its scores on',
  'that sheet will be) and the shipped `data/dictionaries/framing-ru.yaml` (v2 until it is edited again).',
  '',
];
const pooled = {};
for (const sheet of sheets) {
  lines.push(`## ${sheet.name}`, '');
  lines.push('| dictionary | category | TP | FP | FN | precision | recall | F1 |', '|---|---|---|---|---|---|---|---|');
  const sheetMacro = [];
  for (const [label, dict] of dictionaries) {
    const rows = validate(dict, sheet);
    const f1s = rows.filter((r) => !Number.isNaN(r.f1)).map((r) => r.f1);
    sheetMacro.push(`${label} ${(f1s.reduce((x, y) => x + y, 0) / f1s.length).toFixed(2)} (${f1s.length} categories)`);
    for (const r of rows) {
      lines.push(`| ${label} | ${r.category} | ${r.tp} | ${r.fp} | ${r.fn} | ${interval(r, 'precision')} | ${interval(r, 'recall')} | ${interval(r, 'f1')} |`);
      const key = `${label}\t${r.category}`;
      const p = (pooled[key] ??= { tp: 0, fp: 0, fn: 0 });
      p.tp += r.tp;
      p.fp += r.fp;
      p.fn += r.fn;
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
if (process.argv.includes('--check')) {
  // the committed report must be what the current code and data give (a test runs this)
  if (fs.readFileSync(out, 'utf8') !== lines.join('\n')) {
    process.stderr.write(`${path.relative(root, out)} is stale: run node scripts/validation-report.js\n`);
    process.exit(1);
  }
} else {
  fs.writeFileSync(out, lines.join('\n'));
  process.stderr.write(`wrote ${path.relative(root, out)}\n`);
}
