#!/usr/bin/env node
// Writes data/coding/validation-report.md: the bundled dictionary against real news coded by two
// readers under the codebook: before the rework (v0), and each version of the rework as frozen
// (v1, v2, v3), on four coded sheets, with the sheets each version never saw marked as held out.
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
// heldOut: the dictionaries written and frozen without this sheet in view (its scores are held out)
const sheets = [
  {
    name: 'news sample (325 paragraphs, 2008–2019 news of six outlets)',
    short: 'news sample',
    corpus: 'data/coding/news-sample.corpus.yaml', // the news sample as its sheets read it
    coded: ['data/coding/news-sample-coded-a.csv', 'data/coding/news-sample-coded-b.csv'],
    heldOut: ['v0 (before)'],
  },
  {
    name: 'Wikinews politics (303 paragraphs, 50 articles)',
    short: 'Wikinews 1',
    corpus: 'data/news-wikinews/wikinews-ru.jsonl',
    coded: ['data/coding/news-wikinews-coded-a.csv', 'data/coding/news-wikinews-coded-b.csv'],
    heldOut: ['v0 (before)', 'v1 (frozen)'],
  },
  {
    name: 'Wikinews politics, second sheet (284 paragraphs, 45 articles)',
    short: 'Wikinews 2',
    corpus: 'data/news-wikinews/wikinews-ru-2.jsonl',
    coded: ['data/coding/news-wikinews-2-coded-a.csv', 'data/coding/news-wikinews-2-coded-b.csv'],
    heldOut: ['v0 (before)', 'v1 (frozen)', 'v2 (frozen)'],
  },
  {
    name: 'Wikinews politics, third sheet (251 paragraphs, 43 articles)',
    short: 'Wikinews 3',
    corpus: 'data/news-wikinews/wikinews-ru-3.jsonl',
    coded: ['data/coding/news-wikinews-3-coded-a.csv', 'data/coding/news-wikinews-3-coded-b.csv'],
    heldOut: ['v0 (before)', 'v1 (frozen)', 'v2 (frozen)', 'v3 (frozen)', 'shipped'],
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
  'the sources are described in `README.md` beside this file. The dictionaries compared:',
  '`validation/framing-ru.v0.yaml` (before the rework); `v1` (the rework as first written from the',
  'codebook and the news sample); `v2` (revised after reading the disagreements on the first two sheets,',
  'and for the senses of war-time news of 2022–2024); `v3` (revised after reading the second Wikinews',
  'sheet); and the shipped `data/dictionaries/framing-ru.yaml` (v3 until it is edited again). Each was',
  'frozen before the sheets after it were coded or opened, so its scores on those sheets are **held out**:',
  'what to expect of it on news it has not seen.',
  '',
];
const pooled = {};
const heldPooled = {};
const macroOf = {};
for (const sheet of sheets) {
  lines.push(`## ${sheet.name}`, '');
  lines.push('| dictionary | category | TP | FP | FN | precision | recall | F1 |', '|---|---|---|---|---|---|---|---|');
  const sheetMacro = [];
  for (const [label, dict] of dictionaries) {
    const rows = validate(dict, sheet);
    const f1s = rows.filter((r) => !Number.isNaN(r.f1)).map((r) => r.f1);
    const m = f1s.reduce((x, y) => x + y, 0) / f1s.length;
    sheetMacro.push(`${label} ${m.toFixed(2)} (${f1s.length} categories)`);
    (macroOf[label] ??= {})[sheet.short] = m;
    for (const r of rows) {
      lines.push(`| ${label} | ${r.category} | ${r.tp} | ${r.fp} | ${r.fn} | ${interval(r, 'precision')} | ${interval(r, 'recall')} | ${interval(r, 'f1')} |`);
      const key = `${label}\t${r.category}`;
      for (const into of sheet.heldOut.includes(label) ? [pooled, heldPooled] : [pooled]) {
        const p = (into[key] ??= { tp: 0, fp: 0, fn: 0 });
        p.tp += r.tp;
        p.fp += r.fp;
        p.fn += r.fn;
      }
    }
  }
  lines.push('', `Macro F1 over the categories with an F1 on this sheet: ${sheetMacro.join(', ')}.`);
  lines.push('', `Held out on this sheet: ${sheet.heldOut.join(', ')}.`, '');
}
/** A pooled table (point estimates from the summed counts) and its macro F1 line. */
function pooledTable(title, counts, note) {
  lines.push(`## ${title}`, '');
  if (note) lines.push(note, '');
  lines.push('| dictionary | category | TP | FP | FN | precision | recall | F1 |', '|---|---|---|---|---|---|---|---|');
  const macro = {};
  for (const [label] of dictionaries) {
    for (const category of CODEBOOK) {
      const p = counts[`${label}\t${category}`];
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
  lines.push('Macro F1 over the five codebook categories: ' +
    dictionaries.filter(([label]) => macro[label]).map(([label]) => `${label} ${(macro[label].reduce((a, b) => a + b, 0) / macro[label].length).toFixed(2)}`).join(', ') + '.');
  lines.push('');
}

const total = sheets.reduce((n, s) => n + Number(/\((\d+) paragraphs/.exec(s.name)[1]), 0);
pooledTable(`All four sheets pooled (${total} paragraphs)`, pooled, 'Every sheet counted for every dictionary, whether it was tuned on the sheet or not.');
pooledTable(
  'Held out only: each dictionary on the sheets it never saw, pooled',
  heldPooled,
  'What each version gives on news that was coded after it was frozen, and never read to revise it: v0 and v1 on three or four sheets, v2 on the second and third Wikinews sheets, v3 (and the shipped dictionary) on the third alone.',
);
lines.push('## Macro F1 by sheet (held-out cells in bold)', '');
lines.push(`| dictionary | ${sheets.map((s) => s.short).join(' | ')} |`, `|---|${sheets.map(() => '---|').join('')}`);
for (const [label] of dictionaries) {
  const cells = sheets.map((s) => {
    const m = macroOf[label][s.short];
    const text = Number.isNaN(m) ? '–' : m.toFixed(2);
    return s.heldOut.includes(label) ? `**${text}**` : text;
  });
  lines.push(`| ${label} | ${cells.join(' | ')} |`);
}
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
