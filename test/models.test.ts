import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addPredictions,
  binaryMatrix,
  codedExamples,
  compareGroups,
  countFrameRows,
  crossValidate,
  dictionaryColumns,
  modelProbabilities,
  fitLogistic,
  fitNaiveBayes,
  frameModelJson,
  loadCorpus,
  loadDictionary,
  loadFrameModel,
  predictedPresence,
  predictFrames,
  predictFilesStreaming,
  toCsv,
  predictLinear,
  saveFrameModel,
  sigmoid,
  stratifiedFolds,
  tfidfMatrix,
  trainFrameModel,
  uncertainty,
  uncertaintySample,
  type CodedExamples,
  seededRandom,
} from '../src';
import { categoryMatrix, chooseC, classWeights, exampleFeatures, fitCategory, resolveTrainOptions } from '../src/models/classifier';
import { ARTICLE, CLI, errorOf, ROOT, runAsync, tempDir } from './helpers';

const CODED = path.join(ROOT, 'data', 'coding', 'article-coded.csv');
const corpus = loadCorpus(ARTICLE, { dedupe: true });
const dict = loadDictionary();

/**
 * An independent fit for the tests: Newton's method on the full (d + 1)-dimensional objective
 * ½‖w‖² + C Σ log-loss, with a dense Hessian solved by Gaussian elimination. Small problems only.
 */
function newtonLogistic(x: number[][], y: number[], c: number, sampleWeights?: number[]): { intercept: number; weights: number[] } {
  const d = x[0].length;
  const theta = new Array(d + 1).fill(0); // weights, then intercept
  for (let iter = 0; iter < 100; iter++) {
    const g = new Array(d + 1).fill(0);
    const h = Array.from({ length: d + 1 }, () => new Array(d + 1).fill(0));
    for (let j = 0; j < d; j++) {
      g[j] = theta[j];
      h[j][j] = 1;
    }
    x.forEach((row, i) => {
      const xi = [...row, 1];
      const z = xi.reduce((t, v, j) => t + v * theta[j], 0);
      const p = 1 / (1 + Math.exp(-z));
      const w = c * (sampleWeights ? sampleWeights[i] : 1);
      for (let a = 0; a <= d; a++) {
        g[a] += w * (p - y[i]) * xi[a];
        for (let b = 0; b <= d; b++) h[a][b] += w * p * (1 - p) * xi[a] * xi[b];
      }
    });
    // solve h · step = g
    const m = h.map((r, i) => [...r, g[i]]);
    for (let col = 0; col <= d; col++) {
      let piv = col;
      for (let r = col + 1; r <= d; r++) if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) piv = r;
      [m[col], m[piv]] = [m[piv], m[col]];
      for (let r = 0; r <= d; r++) {
        if (r === col) continue;
        const f = m[r][col] / m[col][col];
        for (let k = col; k <= d + 1; k++) m[r][k] -= f * m[col][k];
      }
    }
    const step = m.map((r, i) => r[d + 1] / r[i]);
    for (let j = 0; j <= d; j++) theta[j] -= step[j];
    if (Math.max(...step.map(Math.abs)) < 1e-13) break;
  }
  return { intercept: theta[d], weights: theta.slice(0, d) };
}

describe('logistic regression', () => {
  it('without a penalty, one binary feature: the fitted probabilities are the observed shares', () => {
    // x = 1 in rows with labels 1, 1, 0 (share 2/3); x = 0 in rows with 0, 1, 0 (share 1/3): the
    // unpenalised optimum gives p = 2/3 and 1/3, so intercept = logit(1/3) = −log 2 and
    // weight = logit(2/3) − logit(1/3) = 2 log 2
    const m = binaryMatrix([['a'], ['a'], ['a'], [], [], []], ['a']);
    const fit = fitLogistic(m, [1, 1, 0, 0, 1, 0], { c: 1e9 });
    expect(fit.intercept).toBeCloseTo(-Math.log(2), 6);
    expect(fit.weights[0]).toBeCloseTo(2 * Math.log(2), 6);
    const p = predictLinear(m, fit);
    expect(p[0]).toBeCloseTo(2 / 3, 6);
    expect(p[5]).toBeCloseTo(1 / 3, 6);
  });

  it('with the L2 penalty, agrees with an independent Newton fit (non-separable and separable data)', () => {
    const rows = [['a', 'b'], ['a'], ['b', 'c'], ['c'], ['a', 'c'], [], ['b']];
    const vocab = ['a', 'b', 'c'];
    const dense = rows.map((r) => vocab.map((v) => (r.includes(v) ? 1 : 0)));
    for (const [labels, c] of [
      [[1, 1, 0, 0, 1, 0, 1], 1], // non-separable
      [[1, 1, 0, 0, 1, 0, 0], 0.5], // separable by feature a: the penalty keeps the weights finite
    ] as Array<[number[], number]>) {
      const ours = fitLogistic(binaryMatrix(rows, vocab), labels, { c });
      const ref = newtonLogistic(dense, labels, c);
      expect(ours.intercept).toBeCloseTo(ref.intercept, 6);
      ours.weights.forEach((w, j) => expect(w).toBeCloseTo(ref.weights[j], 6));
    }
  });

  it('with tf-idf values and sample weights, also agrees with the Newton fit', () => {
    const rows = [['a', 'b'], ['a'], ['b', 'c'], ['c'], ['a', 'c'], ['b'], ['a', 'b', 'c']];
    const vocab = ['a', 'b', 'c'];
    const m = tfidfMatrix(binaryMatrix(rows, vocab), Float64Array.of(1, 2, 3));
    const dense = rows.map((r, i) => {
      const out = [0, 0, 0];
      for (let k = m.offsets[i]; k < m.offsets[i + 1]; k++) out[m.indices[k]] = m.values![k];
      return out;
    });
    const labels = [1, 1, 0, 0, 1, 0, 1];
    const weights = [2, 1, 1, 3, 1, 1, 0.5];
    const ours = fitLogistic(m, labels, { c: 2, sampleWeights: weights });
    const ref = newtonLogistic(dense, labels, 2, weights);
    expect(ours.intercept).toBeCloseTo(ref.intercept, 6);
    ours.weights.forEach((w, j) => expect(w).toBeCloseTo(ref.weights[j], 6));
  });
});

describe('dictionary hits as binary features (model file version 2)', () => {
  it('keeps the dictionary columns at 1, outside the tf-idf length of the row', () => {
    // one row: a (idf 3), b (idf 4), dict:x (idf 2); the lemmas' length is √(3² + 4²) = 5, so a and b
    // get 3/5 and 4/5, and the hit stays 1; scaled with them (version 1) all three share the length
    // √(9 + 16 + 4) = √29
    const m = binaryMatrix([['a', 'b', 'dict:x'], ['dict:x']], ['a', 'b', 'dict:x']);
    const idf = Float64Array.of(3, 4, 2);
    expect(dictionaryColumns(['a', 'b', 'dict:x'])).toEqual([false, false, true]);
    const binary = tfidfMatrix(m, idf, { binaryColumns: [false, false, true] });
    expect(Array.from(binary.values!)).toEqual([0.6, 0.8, 1, 1]);
    const scaled = tfidfMatrix(m, idf);
    [3, 4, 2].forEach((v, k) => expect(scaled.values![k]).toBeCloseTo(v / Math.sqrt(29), 12));
    // a row holding only the hit: 1 either way (2 / 2 when scaled)
    expect(scaled.values![3]).toBe(1);
  });

  it('weighs the classes as scikit-learn\'s balanced weights: n / (2 n_y)', () => {
    // 1 positive and 3 negatives of 4 rows: the positive weighs 4 / (2·1) = 2, each negative
    // 4 / (2·3) = 2/3, so both classes weigh 2 in all
    expect(Array.from(classWeights([1, 0, 0, 0], 'balanced'))).toEqual([2, 2 / 3, 2 / 3, 2 / 3]);
    expect(Array.from(classWeights([1, 0, 0, 0], 'none'))).toEqual([1, 1, 1, 1]);
  });

  it('fits on those values: agrees with the Newton fit on the hand-built matrix', () => {
    const rows = [['a', 'b', 'dict:x'], ['a'], ['b', 'dict:x'], ['c'], ['a', 'c', 'dict:x'], ['b', 'c']];
    const labels = [1, 0, 1, 0, 1, 0];
    const o = resolveTrainOptions({ minDf: 1 });
    expect(o.dictionaryFeatures).toBe('binary');
    const fit = fitCategory(rows, labels, o);
    expect(fit.vocabulary).toEqual(['a', 'b', 'c', 'dict:x']);
    // idf = ln((1 + n) / (1 + df)) + 1 with n = 6: a, b, c in 3 rows each, dict:x in 3
    const idf = Math.log(7 / 4) + 1;
    expect(Array.from(fit.idf!)).toEqual([idf, idf, idf, idf]);
    // each row: the lemmas present share the unit length equally (same idf), the hit is 1
    const dense = rows.map((r) => {
      const lemmas = r.filter((f) => !f.startsWith('dict:')).length;
      return [...['a', 'b', 'c'].map((f) => (r.includes(f) ? 1 / Math.sqrt(lemmas) : 0)), r.includes('dict:x') ? 1 : 0];
    });
    const ref = newtonLogistic(dense, labels, 1); // balanced weights are 1 with 3 positives and 3 negatives
    expect(fit.model.intercept).toBeCloseTo(ref.intercept, 6);
    fit.model.weights.forEach((w, j) => expect(w).toBeCloseTo(ref.weights[j], 6));
    // the hit, worth 1 in every paragraph, carries the class
    expect(fit.model.weights[3]).toBeGreaterThan(Math.max(...Array.from(fit.model.weights.slice(0, 3))));
  });

  it('applies a version 1 file as it was trained (hits scaled with the lemmas), a version 2 file with them at 1', () => {
    const dir = tempDir();
    const trained = JSON.parse(frameModelJson(trainFrameModel(codedExamples(corpus, dict, [CODED]), dict)));
    expect(trained.version).toBe(2);
    expect(trained.options.dictionaryFeatures).toBe('binary');
    // one category by hand: intercept −1, weight 2 on the hit, 0 on «фонд», idf 1 for both
    const category = { name: 'гранты', positives: 5, negatives: 5, intercept: -1, c: 1, vocabulary: ['dict:гранты', 'фонд'], idf: [1, 1], weights: [2, 0] };
    const { dictionaryFeatures: _, ...v1Options } = trained.options;
    fs.writeFileSync(path.join(dir, 'v1.json'), JSON.stringify({ ...trained, version: 1, options: v1Options, categories: [category] }));
    fs.writeFileSync(path.join(dir, 'v2.json'), JSON.stringify({ ...trained, categories: [category] }));
    const paragraph = [{ text: 'Фонд получил деньги', counts: { гранты: 1 } }];
    // version 1: the hit and «фонд» share the length √2, so z = −1 + 2/√2 = √2 − 1
    expect(modelProbabilities(loadFrameModel(path.join(dir, 'v1.json')), paragraph)[0][0]).toBeCloseTo(sigmoid(Math.SQRT2 - 1), 12);
    // version 2: the hit is 1, so z = −1 + 2 = 1
    expect(modelProbabilities(loadFrameModel(path.join(dir, 'v2.json')), paragraph)[0][0]).toBeCloseTo(sigmoid(1), 12);
    fs.writeFileSync(path.join(dir, 'v2-bad.json'), JSON.stringify({ ...trained, options: v1Options }));
    expect(errorOf(() => loadFrameModel(path.join(dir, 'v2-bad.json'))).message).toBe(`${path.join(dir, 'v2-bad.json')}: model file version 2 needs options.dictionaryFeatures binary or tfidf, not undefined (a damaged model file?)`);
  });
});

describe('naive Bayes', () => {
  it('gives the probabilities Bayes rule gives by hand', () => {
    // positives: {a, b}, {a}; negatives: {b}, {}, {b}. α = 1:
    // θ₁a = (2+1)/(2+2) = 3/4, θ₁b = (1+1)/4 = 1/2; θ₀a = (0+1)/(3+2) = 1/5, θ₀b = (2+1)/5 = 3/5; π₁ = 2/5
    // for x = {a}: P₁ ∝ 2/5 · 3/4 · (1 − 1/2) = 3/20; P₀ ∝ 3/5 · 1/5 · (1 − 3/5) = 6/125
    // P(1 | {a}) = (3/20) / (3/20 + 6/125) = 375/495 = 25/33
    const m = binaryMatrix([['a', 'b'], ['a'], ['b'], [], ['b']], ['a', 'b']);
    const nb = fitNaiveBayes(m, [1, 1, 0, 0, 0]);
    const p = predictLinear(binaryMatrix([['a'], ['b']], ['a', 'b']), nb);
    expect(p[0]).toBeCloseTo(25 / 33, 12);
    // x = {b}: P₁ ∝ 2/5 · 1/4 · 1/2 = 1/20; P₀ ∝ 3/5 · 4/5 · 3/5 = 36/125: P = (1/20) / (1/20 + 36/125) = 25/169
    expect(p[1]).toBeCloseTo(25 / 169, 12);
  });
});

describe('cross-validation', () => {
  it('deals each class to the folds in turn', () => {
    const labels: Array<0 | 1 | null> = [1, 1, 1, 0, 0, 0, 0, 0, 0, null];
    const folds = stratifiedFolds(labels, 3, 5);
    expect(folds[9]).toBe(-1);
    for (let f = 0; f < 3; f++) {
      expect(labels.filter((y, i) => y === 1 && folds[i] === f)).toHaveLength(1);
      expect(labels.filter((y, i) => y === 0 && folds[i] === f)).toHaveLength(2);
    }
  });

  it('never scores a paragraph with a model that saw it', () => {
    // every paragraph is one word of its own, and the labels are arbitrary: a model that saw the
    // paragraph knows its word and scores it towards its label; a model that did not knows none of
    // its words (vocabulary from the training folds) and can only give the intercept, the same for
    // every paragraph of the fold
    const n = 40;
    const words = Array.from({ length: n }, (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    const labels: Array<0 | 1> = words.map((_, i) => ((i * 7) % 5 < 2 ? 1 : 0));
    const data: CodedExamples = {
      categories: ['x'],
      examples: words.map((w, i) => ({ doc: 'd', paragraph: i, text: w, counts: {}, labels: [labels[i]], weight: 1, stratum: 'all' })),
      sheets: [],
    };
    const cv = crossValidate(data, null, { folds: 4, minDf: 1, replicates: 10 });
    const p = cv.probabilities[0];
    const folds = cv.folds[0];
    for (let f = 0; f < 4; f++) {
      const ps = [...p].filter((_, i) => folds[i] === f);
      expect(ps.length).toBe(10);
      for (const q of ps) expect(q).toBeCloseTo(ps[0], 12);
    }
    // the leak the test would catch: the model trained on all rows separates its own rows
    const o = resolveTrainOptions({ minDf: 1 });
    const features = exampleFeatures(data, o);
    const fit = fitCategory(features, labels, o);
    const own = predictLinear(categoryMatrix(features, fit), fit.model);
    const pos = [...own].filter((_, i) => labels[i] === 1);
    const neg = [...own].filter((_, i) => labels[i] === 0);
    expect(Math.min(...pos)).toBeGreaterThan(Math.max(...neg));
  });

  it('chooses C by an inner cross-validation that sees the training folds only', () => {
    // 60 paragraphs of three words drawn (seeded) from 12; positives hold "zsig" with chance 0.7,
    // negatives with chance 0.2, so the best C is not obvious and may differ between folds
    const rnd = seededRandom(11);
    const make = (i: number, y: 0 | 1) => [...Array.from({ length: 3 }, () => `zw${Math.floor(rnd() * 12)}`), ...(rnd() < (y ? 0.7 : 0.2) ? ['zsig'] : [])].join(' ');
    const labels: Array<0 | 1> = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const examples = labels.map((y, i) => ({ doc: 'd', paragraph: i, text: make(i, y), counts: {}, labels: [y], weight: 1, stratum: 'all' }));
    const data: CodedExamples = { categories: ['x'], examples, sheets: [] };
    const options = { folds: 4, minDf: 1, replicates: 10, c: 'auto' as const, seed: 5 };
    const cv = crossValidate(data, null, options);
    expect(cv.c[0]).toHaveLength(4);
    for (const c of cv.c[0]!) expect([0.01, 0.1, 1, 10, 100]).toContain(c);
    // the folds depend on the labels only; rewrite the texts of fold 0's paragraphs (its test rows):
    // fold 0's inner search never read them, so its C stays; the other folds trained on them
    const fold0 = new Set([...cv.folds[0]].flatMap((f, i) => (f === 0 ? [i] : [])));
    const changed: CodedExamples = { ...data, examples: examples.map((e, i) => (fold0.has(i) ? { ...e, text: 'zother zwords zonly' } : e)) };
    const cv2 = crossValidate(changed, null, options);
    expect(Array.from(cv2.folds[0])).toEqual(Array.from(cv.folds[0]));
    expect(cv2.c[0]![0]).toBe(cv.c[0]![0]);
    const untouched = [...cv.probabilities[0]].filter((_, i) => !fold0.has(i));
    const retrained = [...cv2.probabilities[0]].filter((_, i) => !fold0.has(i));
    expect(retrained).not.toEqual(untouched);
    // a one-value grid is that C fixed: the same out-of-fold probabilities
    const one = crossValidate(data, null, { ...options, cGrid: [10] });
    const fixed = crossValidate(data, null, { ...options, c: 10 });
    expect(Array.from(one.probabilities[0])).toEqual(Array.from(fixed.probabilities[0]));
    expect(one.c[0]).toEqual([10, 10, 10, 10]);
  });

  it('prefers, among values of C of equal F1, the one of lower log-loss', () => {
    // a word that marks the class perfectly: every C finds it (inner F1 1); the larger C pushes the
    // probabilities nearer 0 and 1, so its log-loss is lower
    const words = [...Array.from({ length: 6 }, () => ['a']), ...Array.from({ length: 6 }, () => ['b'])];
    const labels = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const choice = chooseC(words, labels, resolveTrainOptions({ minDf: 1, cGrid: [0.1, 100] }));
    expect(choice.grid.map((g) => g.f1)).toEqual([1, 1]);
    expect(choice.grid[1].logLoss).toBeLessThan(choice.grid[0].logLoss);
    expect(choice.c).toBe(100);
    expect(() => resolveTrainOptions({ c: 0 })).toThrow(/c must be above 0 or 'auto'/);
  });

  it('reports a category with too few positives as untrainable, with the reason', () => {
    const data = codedExamples(corpus, dict, [CODED]);
    // коррупция is coded present in 5 of the 30 paragraphs
    const cv = crossValidate(data, dict, { minPositives: 6, replicates: 10 });
    const row = cv.rows.find((r) => r.category === 'коррупция' && r.reference !== 'dictionary')!;
    expect(row.test).toBe('untrainable: 5 positive paragraph(s), fewer than the 6 a classifier needs (minPositives)');
    expect(Number.isNaN(row.f1)).toBe(true);
    // categories nobody coded get no row, as in validate
    expect(cv.rows.some((r) => r.category === 'запад')).toBe(false);
  });
});

describe('the model file and predictions', () => {
  const data = codedExamples(corpus, dict, [CODED]);
  const model = trainFrameModel(data, dict);

  it('records method, options, version and fingerprints, and round-trips through its file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'model.json');
    saveFrameModel(model, file);
    const back = loadFrameModel(file);
    expect(back).toEqual(JSON.parse(frameModelJson(model)));
    expect(back.categories.map((c) => c.weights)).toEqual(model.categories.map((c) => c.weights));
    expect(back.dictionary.sha256).toBe(dict.sha256);
    expect(back.sheets).toEqual([{ file: CODED, sha256: require('node:crypto').createHash('sha256').update(fs.readFileSync(CODED)).digest('hex') }]);
    expect(back.method).toBe('logistic');
    expect(back.options.c).toBe(1);
  });

  it('predicts the probabilities the fitted models give their training paragraphs', () => {
    const o = resolveTrainOptions();
    const features = exampleFeatures(data, o);
    const table = predictFrames(corpus, dict, model);
    for (const [k, name] of ['гранты', 'коррупция', 'диалог'].entries()) {
      const fit = fitCategory(features, data.examples.map((e) => e.labels[k] as number), o);
      const own = predictLinear(categoryMatrix(features, fit), fit.model);
      data.examples.forEach((e, i) => {
        const row = table.rows.find((r) => r.doc === e.doc && r.paragraph === e.paragraph)!;
        expect(row[`${name}_p`]).toBeCloseTo(own[i], 12);
      });
    }
    // the probability columns come after the count columns; untrained categories get none
    expect(table.columns.slice(-3)).toEqual(['гранты_p', 'коррупция_p', 'диалог_p']);
    // predicted presence reads as a count table
    const presence = predictedPresence(table);
    expect(presence.categories).toEqual(['гранты', 'коррупция', 'диалог']);
    const i = presence.rows.findIndex((r) => (table.rows[presence.rows.indexOf(r)]['гранты_p'] as number) >= 0.5);
    expect(presence.rows[i]['гранты']).toBe(1);
    // compare reads it like the dictionary's counts: one document, so its count is the number of paragraphs predicted present
    const groups = compareGroups(presence, ['doc'], { replicates: 10 });
    expect(groups.map((g) => g.category)).toEqual(['гранты', 'коррупция', 'диалог']);
    expect(groups[0].count).toBe(presence.rows.filter((r) => r['гранты'] === 1).length);
  });

  it('streams the same table as it predicts in memory', async () => {
    const chunks: string[] = [];
    await predictFilesStreaming([ARTICLE], dict, model, (s) => chunks.push(s), { dedupe: true, jobs: 1 });
    expect(chunks.join('')).toBe(toCsv(predictFrames(corpus, dict, model)));
  });

  it('draws the paragraphs the model is least sure of, leaving out coded ones', () => {
    expect(uncertainty([0.1, 0.45, 0.99])).toBeCloseTo(0.9, 12);
    expect(sigmoid(0)).toBe(0.5);
    const table = addPredictions(countFrameRows(corpus, dict), model);
    const sheet = uncertaintySample(table, { n: 4, seed: 3 });
    const all = table.rows.map((r) => uncertainty(['гранты_p', 'коррупция_p', 'диалог_p'].map((c) => r[c] as number))).sort((a, b) => b - a);
    expect(sheet.rows.map((r) => r.uncertainty).sort((a, b) => b - a)).toEqual(all.slice(0, 4));
    const first = sheet.rows[0];
    const again = uncertaintySample(table, { n: 4, seed: 3, exclude: [{ doc: first.doc, paragraph: first.paragraph }] });
    expect(again.rows.some((r) => r.paragraph === first.paragraph)).toBe(false);
  });
});

describe('errors', () => {
  it('a sheet without a category column, a model of an unknown version, a file that is not a model', () => {
    const dir = tempDir();
    // the диалог column renamed to a column of notes: the sheet no longer codes a category of the dictionary
    fs.writeFileSync(path.join(dir, 'no-dialog.csv'), fs.readFileSync(CODED, 'utf8').replace('диалог [0/1]', 'заметки'));
    expect(errorOf(() => codedExamples(corpus, dict, [path.join(dir, 'no-dialog.csv')])).message).toContain('no column "диалог [0/1]" for category "диалог"');
    const model = JSON.parse(frameModelJson(trainFrameModel(codedExamples(corpus, dict, [CODED]), dict)));
    fs.writeFileSync(path.join(dir, 'v9.json'), JSON.stringify({ ...model, version: 9 }));
    expect(errorOf(() => loadFrameModel(path.join(dir, 'v9.json'))).message).toBe(`${path.join(dir, 'v9.json')}: model file version 9 is not one this framelab reads (1, 2): train the model again`);
    fs.writeFileSync(path.join(dir, 'other.json'), '{"a": 1}');
    expect(errorOf(() => loadFrameModel(path.join(dir, 'other.json'))).message).toContain('not a framelab model file');
  });

  it('the command line: train, predict, count --model, sample --uncertain, and one-line errors', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const model = path.join(dir, 'model.json');
    const train = await runAsync(process.execPath, [CLI, 'train', ARTICLE, '--dedupe', '--coded', CODED, '--out', model, '--replicates', '50', '--format', 'csv']);
    expect(train.code, train.stderr).toBe(0);
    const header = train.stdout.split('\n')[0].split(',');
    expect(header.slice(0, 4)).toEqual(['reference', 'category', 'coded', 'tp']);
    expect(train.stdout).toContain('cross-validated logistic (5 folds),гранты,30,');
    const written = JSON.parse(fs.readFileSync(model, 'utf8'));
    expect([written.version, written.options.dictionaryFeatures]).toEqual([2, 'binary']);
    const badMode = await runAsync(process.execPath, [CLI, 'train', ARTICLE, '--dedupe', '--coded', CODED, '--out', path.join(dir, 'x.json'), '--dictionary-features', 'scaled']);
    expect(badMode.code).toBe(2);
    expect(badMode.stderr.trim()).toBe('framelab: error: --dictionary-features must be one of binary, tfidf, not "scaled"');
    expect(fs.existsSync(path.join(dir, 'x.json'))).toBe(false);
    const predict = await runAsync(process.execPath, [CLI, 'predict', model, ARTICLE, '--dedupe', '--format', 'json']);
    expect(predict.code, predict.stderr).toBe(0);
    const rows = JSON.parse(predict.stdout) as Array<Record<string, number>>;
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r['гранты_p'] > 0 && r['гранты_p'] < 1)).toBe(true);
    const count = await runAsync(process.execPath, [CLI, 'count', ARTICLE, '--dedupe', '--model', model]);
    expect(count.stdout.split(/\r?\n/)[0].split(',').slice(-3)).toEqual(['гранты_p', 'коррупция_p', 'диалог_p']);
    const sample = await runAsync(process.execPath, [CLI, 'sample', ARTICLE, '--dedupe', '--model', model, '--uncertain', '--n', '3', '--exclude-coded', CODED]);
    // every paragraph of the article is on the coded sheet: nothing is left to draw
    expect(sample.code, sample.stderr).toBe(0);
    expect(sample.stdout.trim().split(/\r?\n/)).toHaveLength(1);
    const noModel = await runAsync(process.execPath, [CLI, 'sample', ARTICLE, '--uncertain', '--n', '3']);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr.trim()).toBe('framelab: error: --uncertain needs --model FILE (from framelab train)');
    fs.writeFileSync(path.join(dir, 'bad.json'), '{');
    const bad = await runAsync(process.execPath, [CLI, 'predict', path.join(dir, 'bad.json'), ARTICLE]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('not a model file: not JSON');
  });
});

describe('compare --model', () => {
  it('tests predicted presence by group and over time as it tests the dictionary', async () => {
    // a hand-made model: P(гранты) = σ(−5 + 10·[the paragraph holds the lemma грант]), so a
    // paragraph is predicted present (σ(5) ≈ 0.99 ≥ 0.5) exactly when it has a form of «грант»
    const d = dict;
    const model = {
      format: 'framelab-frame-model', version: 1, framelab: '0.1.0', method: 'logistic',
      options: { method: 'logistic', c: 1, alpha: 1, minDf: 1, bigrams: false, lemmas: 'content', weighting: 'binary', classWeight: 'balanced', minPositives: 5 },
      categories: [{ name: 'гранты', positives: 5, negatives: 5, intercept: -5, vocabulary: ['грант'], idf: null, weights: [10] }],
      dictionary: { name: d.name, sha256: d.sha256, categories: d.categories.map((c) => c.name) },
      sheets: [], paragraphs: 10,
    };
    const docs = [
      { id: 'a1', group: 'а', date: '2020-03-01', text: 'Фонд получил грант от министерства.\n\nПогода в городе была хорошей.' },
      { id: 'a2', group: 'а', date: '2021-05-02', text: 'Гранты выдали дважды за год.' },
      { id: 'b1', group: 'б', date: '2020-07-03', text: 'Новости спорта пришли вечером.' },
      { id: 'b2', group: 'б', date: '2021-09-04', text: 'Конкурс грантов отменили.\n\nСпортсмены вернулись домой.' },
    ];
    const dir = tempDir({ 'c.jsonl': docs.map((x) => JSON.stringify(x)).join('\n') + '\n', 'm.json': JSON.stringify(model) });
    const run = (...args: string[]) => runAsync(process.execPath, [CLI, 'compare', path.join(dir, 'c.jsonl'), '--model', path.join(dir, 'm.json'), '--format', 'json', '--replicates', '50', '--permutations', '50', ...args]);
    const byGroup = await run('--by', 'group');
    expect(byGroup.code).toBe(0);
    const g = JSON.parse(byGroup.stdout) as Array<Record<string, unknown>>;
    // only the model's category; group а: paragraphs with грант, гранты (2) of 5 + 5 + 5 = 15 words;
    // group б: грантов (1) of 4 + 3 + 3 = 10 words
    expect(g.map((r) => [r.group, r.category, r.paragraphs, r.words, r.count])).toEqual([
      ['а', 'гранты', 3, 15, 2],
      ['б', 'гранты', 3, 10, 1],
    ]);
    expect(g[0].rate_per_1k).toBeCloseTo((2 / 15) * 1000, 3);
    expect(byGroup.stderr).toMatch(/predicted presence \(probability ≥ 0\.5\) of гранты/);
    // by year: 2020 is a1 (10 words, 1 paragraph with грант) and b1 (4 words, none); 2021 is a2 (5, 1) and b2 (6, 1)
    const byYear = await run('--date', 'date', '--every', 'year');
    expect(byYear.code).toBe(0);
    expect((JSON.parse(byYear.stdout) as Array<Record<string, unknown>>).map((r) => [r.period, r.words, r.count])).toEqual([
      ['2020', 14, 1],
      ['2021', 11, 2],
    ]);
    // a file that is not a model: one line naming it
    const bad = await runAsync(process.execPath, [CLI, 'compare', path.join(dir, 'c.jsonl'), '--by', 'group', '--model', path.join(dir, 'c.jsonl')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/c\.jsonl/);
  });
});
