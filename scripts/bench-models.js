#!/usr/bin/env node
// Costs of the models (docs/performance.md): `node scripts/bench-models.js corpus DIR` writes a
// 100 MiB JSONL corpus of the bundled news repeated under new ids; `train` times training and
// cross-validation on 2,000 coded paragraphs; `svd ROWS K` times the randomised SVD on a synthetic
// Zipf-like matrix of 20,000 columns. Run `npm run build` first.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const f = require('../dist/index.js');

const root = path.join(__dirname, '..');
const data = (p) => path.join(root, 'data', p);
const [what, ...args] = process.argv.slice(2);

if (what === 'corpus') {
  const docs = [...f.loadCorpus(data('news-wikinews/wikinews-ru.jsonl')).documents, ...f.loadCorpus(data('news-sample'), { idField: 'url', paragraphs: f.FLATTENED_LINE_BREAKS }).documents];
  fs.mkdirSync(args[0], { recursive: true });
  const out = fs.openSync(path.join(args[0], 'news-100mb.jsonl'), 'w');
  let bytes = 0;
  let i = 0;
  while (bytes < 100 * 1048576) {
    const d = docs[i % docs.length];
    const date = new Date(Date.UTC(2015, 0, 1) + (i % 3650) * 86400000).toISOString().slice(0, 10);
    const line = JSON.stringify({ id: `doc${i}`, date, text: d.paragraphs.map((p) => p.text).join('\n\n') }) + '\n';
    fs.writeSync(out, line);
    bytes += Buffer.byteLength(line);
    i++;
  }
  fs.closeSync(out);
  console.log(`${i} documents, ${bytes} bytes`);
} else if (what === 'train') {
  const dict = f.loadDictionary();
  const news = f.codedExamples(f.loadCorpus(data('coding/news-sample.corpus.yaml')), dict, [data('coding/news-sample-coded-a.csv'), data('coding/news-sample-coded-b.csv')]);
  const wiki = f.codedExamples(f.loadCorpus(data('news-wikinews/wikinews-ru.jsonl')), dict, [data('coding/news-wikinews-coded-a.csv'), data('coding/news-wikinews-coded-b.csv')]);
  const one = f.mergeExamples(news, wiki);
  const all = f.mergeExamples(one, one, one, one);
  all.examples = all.examples.slice(0, 2000);
  for (const method of ['logistic', 'nb']) {
    let t = Date.now();
    const model = f.trainFrameModel(all, dict, { method });
    const train = (Date.now() - t) / 1000;
    t = Date.now();
    f.crossValidate(all, dict, { method, replicates: 2000 });
    console.log(`${method}: ${all.examples.length} paragraphs, train ${train} s, 5-fold cross-validation ${(Date.now() - t) / 1000} s`);
    if (args[0]) f.saveFrameModel(model, path.join(args[0], `model-${method}.json`));
  }
} else if (what === 'svd') {
  const rows = Number(args[0] ?? 300000);
  const k = Number(args[1] ?? 300);
  const cols = 20000;
  const per = 30;
  const rnd = f.seededRandom(1);
  const offsets = new Float64Array(rows + 1);
  const indices = new Int32Array(rows * per);
  const values = new Float64Array(rows * per);
  for (let r = 0; r < rows; r++) {
    const set = new Set();
    while (set.size < per) set.add(Math.min(cols - 1, Math.floor(Math.exp(rnd() * Math.log(cols))) - 1));
    [...set].sort((x, y) => x - y).forEach((j, t) => {
      indices[r * per + t] = j;
      values[r * per + t] = rnd() < 0.2 ? 2 : 1;
    });
    offsets[r + 1] = (r + 1) * per;
  }
  const t = Date.now();
  f.randomizedSvd({ rows, cols, offsets, indices, values }, k, { seed: 1 });
  console.log(`SVD ${rows} × ${cols}, ${rows * per} non-zeros, k ${k}: ${(Date.now() - t) / 1000} s, RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
} else {
  console.error('usage: node scripts/bench-models.js corpus DIR | train [DIR] | svd [ROWS] [K]');
  process.exit(2);
}
