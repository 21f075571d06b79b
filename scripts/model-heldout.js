#!/usr/bin/env node
// A frame model scored on held-out coding: trains on the coded sheets of some corpora, applies the
// model once to the coded sheets of others it never saw, and prints precision, recall and F1 per
// category with 95 % intervals (`presenceMetrics`, what `framelab validate` prints) for the model,
// the dictionary, and the two combined (either says present: "or"; both: "and"), on the same
// paragraphs (the coders' majority; ties left out). With --cv K it also cross-validates on the
// training sheets (`crossValidate`, K stratified folds), so that settings can be chosen there and
// the held-out sheet read once per setting kept. Uses dist/: run `npm run build` first.
//
//   node scripts/model-heldout.js \
//     --train data/news-wikinews/wikinews-ru.jsonl=data/coding/news-wikinews-coded-a.csv,data/coding/news-wikinews-coded-b.csv \
//     --train data/news-wikinews/wikinews-ru-2.jsonl=data/coding/news-wikinews-2-coded-a.csv,data/coding/news-wikinews-2-coded-b.csv \
//     --test data/news-wikinews/wikinews-ru-3.jsonl=data/coding/news-wikinews-3-coded-a.csv,data/coding/news-wikinews-3-coded-b.csv
//
// Each --train / --test is CORPUS=SHEET[,SHEET…] (the corpus the sheets were drawn from; a corpus
// file such as data/coding/news-sample.corpus.yaml for the news sample); repeat them to pool
// corpora. A --train may end in @DICTIONARY: that group's dictionary features come from another
// dictionary with the same categories (say a version frozen before the sheet was coded, so that the
// model learns how far to trust hits the dictionary was not tuned on: cross-fitting); the test
// sheets and the model's file keep --dict. --set NAME=VALUE passes a training option (trainFrameModel's: c=auto, minDf=1,
// bigrams=false, dictionaryFeatures=tfidf, method=nb …); --dict FILE another dictionary;
// --categories a,b,c (default the codebook's five); --replicates N (2000); --seed N (1); --cv K (0: none);
// --threshold cv: the model's threshold per category chosen (0.05 to 0.95 by 0.05, the highest F1, ties
// to the value nearest 0.5) on out-of-fold probabilities of a 3-fold cross-validation of the training
// sheets only, instead of 0.5.
'use strict';
const path = require('node:path');

const root = path.join(__dirname, '..');
const framelab = require(path.join(root, 'dist', 'index.js'));
const { modelProbabilities } = framelab;
const classifier = require(path.join(root, 'dist', 'models', 'classifier.js'));

const CODEBOOK = ['гранты', 'коррупция', 'диалог', 'нпо', 'запад'];

function fail(message) {
  process.stderr.write(`model-heldout: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const a = { train: [], test: [], set: {}, dict: null, categories: CODEBOOK, replicates: 2000, seed: 1, cv: 0, threshold: '0.5' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) fail(`${flag} needs a value`);
    i++;
    if (flag === '--train' || flag === '--test') {
      const at = value.indexOf('=');
      if (at <= 0 || at === value.length - 1) fail(`${flag} takes CORPUS=SHEET[,SHEET…], not "${value}"`);
      const [list, dict] = value.slice(at + 1).split('@');
      if (dict !== undefined && flag === '--test') fail('--test takes no @DICTIONARY: the test sheets are counted with --dict');
      a[flag.slice(2)].push({ corpus: value.slice(0, at), sheets: list.split(','), dict });
    } else if (flag === '--set') {
      const at = value.indexOf('=');
      if (at <= 0) fail(`--set takes NAME=VALUE, not "${value}"`);
      const v = value.slice(at + 1);
      a.set[value.slice(0, at)] = v === 'true' ? true : v === 'false' ? false : v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
    } else if (flag === '--dict') a.dict = value;
    else if (flag === '--categories') a.categories = value.split(',');
    else if (flag === '--replicates') a.replicates = Number(value);
    else if (flag === '--seed') a.seed = Number(value);
    else if (flag === '--cv') a.cv = Number(value);
    else if (flag === '--threshold') a.threshold = value;
    else fail(`unknown option ${flag}`);
  }
  if (a.train.length === 0 || a.test.length === 0) fail('give at least one --train and one --test (CORPUS=SHEET[,SHEET…])');
  return a;
}

const args = parseArgs(process.argv.slice(2));
// bad input (a missing file, a sheet that does not match its corpus): one line naming it, exit 1
process.on('uncaughtException', (err) => {
  process.stderr.write(err instanceof framelab.FramelabError ? `model-heldout: ${err.message}\n` : `${err.stack}\n`);
  process.exit(1);
});
const at = (f) => (path.isAbsolute(f) ? f : path.join(process.cwd(), f));
const dictionary = framelab.loadDictionary(args.dict ? at(args.dict) : undefined);
const examples = (groups) => framelab.mergeExamples(...groups.map((g) => framelab.codedExamples(framelab.loadCorpus(at(g.corpus)), g.dict ? framelab.loadDictionary(at(g.dict)) : dictionary, g.sheets.map(at))));
const train = examples(args.train);
const test = examples(args.test);
const options = { ...args.set, seed: args.set.seed ?? args.seed };

const started = Date.now();
const model = framelab.trainFrameModel(train, dictionary, options);
const seconds = (Date.now() - started) / 1000;
const probabilities = modelProbabilities(model, test.examples);

/** The threshold of category k: 0.5, or (--threshold cv) chosen on the training sheets' out-of-fold probabilities. */
function thresholdOf(k) {
  if (args.threshold === '0.5') return 0.5;
  if (args.threshold !== 'cv') fail(`--threshold takes 0.5 or cv, not "${args.threshold}"`);
  const o = classifier.resolveTrainOptions(options);
  const rows = train.examples.flatMap((e, i) => (e.labels[k] === null ? [] : [i]));
  const y = rows.map((i) => train.examples[i].labels[k]);
  if (classifier.untrainable(y, o.minPositives)) return 0.5;
  const features = classifier.exampleFeatures({ ...train, examples: rows.map((i) => train.examples[i]) }, o);
  const folds = framelab.stratifiedFolds(y, 3, o.seed + 31 * (k + 1));
  const p = new Float64Array(y.length);
  for (let f = 0; f < 3; f++) {
    const fit = rows.map((_, j) => j).filter((j) => folds[j] !== f);
    const held = rows.map((_, j) => j).filter((j) => folds[j] === f);
    const m = classifier.fitCategory(fit.map((j) => features[j]), fit.map((j) => y[j]), o);
    const s = framelab.predictLinear(classifier.categoryMatrix(held.map((j) => features[j]), m), m.model);
    held.forEach((j, t) => (p[j] = s[t]));
  }
  let best = 0.5;
  let bestF1 = -1;
  for (let t = 0.05; t < 0.96; t += 0.05) {
    const tt = Math.round(t * 100) / 100;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    y.forEach((v, j) => (p[j] >= tt ? (v ? tp++ : fp++) : v ? fn++ : 0));
    const f1 = tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
    if (f1 > bestF1 + 1e-12 || (Math.abs(f1 - bestF1) <= 1e-12 && Math.abs(tt - 0.5) < Math.abs(best - 0.5))) [best, bestF1] = [tt, f1];
  }
  return best;
}

const fmt = (v) => (v === null || Number.isNaN(v) ? '–' : v.toFixed(2));
const cell = (m, k) => (Number.isNaN(m[k]) ? '–' : `${fmt(m[k])} [${fmt(m[`${k}_low`])}, ${fmt(m[`${k}_high`])}]`);
const out = [];
const methods = ['model', 'dictionary', 'model or dictionary', 'model and dictionary'];
const macro = Object.fromEntries(methods.map((m) => [m, []]));
const recallOf = {};
const f1Of = {};
out.push(`Trained on ${train.examples.length} coded paragraphs (${train.sheets.map((s) => path.relative(root, s.file)).join(', ')}) in ${seconds.toFixed(1)} s;`);
out.push(`tested on ${test.examples.length} (${test.sheets.map((s) => path.relative(root, s.file)).join(', ')}). Options: ${JSON.stringify(model.options)}.`);
out.push('', '| category | positives | method | TP | FP | FN | precision | recall | F1 |', '|---|---|---|---|---|---|---|---|---|');
args.categories.forEach((category, n) => {
  const k = test.categories.indexOf(category);
  if (k < 0) fail(`category ${category} is not in the dictionary`);
  const fit = model.categories[k];
  const p = probabilities[k];
  const threshold = fit.weights === null ? 0.5 : thresholdOf(k);
  const rows = test.examples.flatMap((e, i) => (e.labels[k] === null ? [] : [{ e, i, y: e.labels[k] }]));
  const positives = rows.filter((r) => r.y === 1).length;
  if (rows.length === 0 || positives === 0) return; // nothing to score on this sheet
  for (const method of methods) {
    if (fit.weights === null && method !== 'dictionary') continue;
    const says = (r) => {
      const m = p[r.i] >= threshold;
      const d = r.e.counts[category] > 0;
      return method === 'model' ? m : method === 'dictionary' ? d : method === 'model or dictionary' ? m || d : m && d;
    };
    const pairs = rows.map((r) => ({ dictionary: says(r) ? 1 : 0, coded: r.y, weight: r.e.weight, stratum: r.e.stratum }));
    const m = framelab.presenceMetrics(pairs, { replicates: args.replicates, seed: args.seed + n });
    macro[method].push(Number.isNaN(m.f1) ? 0 : m.f1);
    (recallOf[category] ??= {})[method] = m.recall;
    (f1Of[category] ??= {})[method] = m.f1;
    out.push(`| ${category} | ${positives} | ${method} | ${m.tp} | ${m.fp} | ${m.fn} | ${cell(m, 'precision')} | ${cell(m, 'recall')} | ${cell(m, 'f1')} |`);
  }
  if (threshold !== 0.5) out.push(`| ${category} | ${positives} | (model threshold ${threshold}, chosen on the training sheets) | | | | | | |`);
  if (fit.weights === null) out.push(`| ${category} | ${positives} | model | not trained: ${fit.reason} | | | | | |`);
});
const mean = (xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);
out.push('', `Held-out macro F1 (categories with positives on the test sheets; F1 0 where nothing is predicted): ${methods.map((m) => `${m} ${fmt(mean(macro[m]))}`).join(', ')}.`);
const weak = Object.keys(recallOf).filter((c) => recallOf[c].dictionary < 0.6);
if (weak.length) {
  out.push(`Where the dictionary's recall is below 0.6 (${weak.join(', ')}), the model's F1 against the dictionary's: ${weak.map((c) => `${c} ${fmt(f1Of[c].model)} vs ${fmt(f1Of[c].dictionary)}`).join(', ')}.`);
}

if (args.cv > 1) {
  const cv = framelab.crossValidate(train, dictionary, { ...options, folds: args.cv, seed: args.seed, replicates: args.replicates });
  const keep = cv.rows.filter((r) => args.categories.includes(r.category));
  out.push('', `Cross-validated on the training sheets (${args.cv} stratified folds, seed ${args.seed}):`, '');
  out.push('| category | method | coded | TP | FP | FN | precision | recall | F1 |', '|---|---|---|---|---|---|---|---|---|');
  const cvMacro = {};
  for (const r of keep) {
    const method = r.reference === 'dictionary' ? 'dictionary' : 'model';
    (cvMacro[method] ??= []).push(Number.isNaN(r.f1) ? 0 : r.f1);
    out.push(`| ${r.category} | ${method} | ${r.coded} | ${r.tp} | ${r.fp} | ${r.fn} | ${cell(r, 'precision')} | ${cell(r, 'recall')} | ${cell(r, 'f1')} |`);
  }
  out.push('', `Cross-validated macro F1: ${Object.entries(cvMacro).map(([m, xs]) => `${m} ${fmt(mean(xs))}`).join(', ')}.`);
}
process.stdout.write(out.join('\n') + '\n');
