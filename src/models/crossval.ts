/**
 * Stratified k-fold cross-validation of the frame classifiers: every coded paragraph is scored by
 * a model trained without it (its vocabulary included), and the scores are compared with the
 * coding in the table `framelab validate` prints.
 */
import type { Dictionary } from '../frames/dictionary';
import { DEFAULT_REPLICATES, DEFAULT_SEED } from '../defaults';
import { presenceMetrics, type ValidationRow } from '../validate/metrics';
import { categoryMatrix, exampleFeatures, fitCategory, resolveTrainOptions, untrainable, type TrainOptions } from './classifier';
import type { CodedExamples } from './examples';
import { stratifiedFolds } from './folds';
import { predictLinear } from './logistic';

export { stratifiedFolds } from './folds';

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions extends TrainOptions {
  /** Folds (default 5). */
  folds?: number;
  /** Seed of the fold assignment and of the bootstrap intervals. */
  seed?: number;
  /** Bootstrap resamples of the intervals (default 2000). */
  replicates?: number;
  /** Also report the dictionary (a count above 0) on the same paragraphs, as a baseline (default true). */
  dictionary?: boolean;
}

/** What {@link crossValidate} gives. */
export interface CrossValidation {
  /** The validate table: per category the cross-validated model, then the dictionary on the same paragraphs. */
  rows: ValidationRow[];
  /** Per category, each example's out-of-fold probability (NaN where unlabelled or untrained). */
  probabilities: Float64Array[];
  /** Per category, each example's fold (−1 where unlabelled or untrained). */
  folds: Int32Array[];
  /** Per category, logistic regression's C in each outer fold (chosen by the inner search with `c: 'auto'`); null for naive Bayes or an untrained category. */
  c: Array<number[] | null>;
}

/**
 * Cross-validates one classifier per category (stratified k-fold, seeded): for each fold the
 * vocabulary and the model are built from the other folds' paragraphs only, and the fold's
 * paragraphs are scored by that model; with `c: 'auto'` C is chosen in each fold by an
 * inner cross-validation on that fold's training rows only (nested cross-validation). Precision, recall and F1 of presence (probability ≥ 0.5)
 * against the coding come with seeded bootstrap intervals, weighted by the sheets' sampling
 * weights (see `presenceMetrics`). Categories with too few positives get a row that says why.
 *
 * @example
 * const cv = crossValidate(codedExamples(corpus, dict, ['data/coding/article-coded.csv']), dict, { folds: 5, seed: 1, replicates: 200 });
 * cv.rows.map((r) => r.category) // ['гранты', 'гранты', 'коррупция', 'коррупция', 'диалог', 'диалог']
 * cv.rows[0].reference // 'cross-validated logistic (5 folds)'
 * cv.rows[0].coded // 30
 */
export function crossValidate(data: CodedExamples, dictionary: Dictionary | null, options: CrossValidateOptions = {}): CrossValidation {
  const o = resolveTrainOptions(options);
  const k = options.folds ?? 5;
  const seed = options.seed ?? DEFAULT_SEED;
  const replicates = options.replicates ?? DEFAULT_REPLICATES;
  const features = exampleFeatures(data, o);
  const rows: ValidationRow[] = [];
  const probabilities: Float64Array[] = [];
  const folds: Int32Array[] = [];
  const chosen: Array<number[] | null> = [];
  const reference = `cross-validated ${o.method} (${k} folds)`;
  data.categories.forEach((category, c) => {
    const labels = data.examples.map((e) => e.labels[c]);
    const p = new Float64Array(labels.length).fill(NaN);
    const coded = labels.filter((y) => y !== null).length;
    const reason = untrainable(labels, Math.max(o.minPositives, 2));
    const fold = reason ? new Int32Array(labels.length).fill(-1) : stratifiedFolds(labels, k, seed + c);
    probabilities.push(p);
    folds.push(fold);
    const cs: number[] = [];
    chosen.push(reason || o.method !== 'logistic' ? null : cs);
    if (coded === 0) return; // a category nobody coded: no row, as in validate
    if (reason) {
      rows.push(emptyRow(reference, category, coded, `untrainable: ${reason}`));
    } else {
      for (let f = 0; f < k; f++) {
        const train = labels.map((y, i) => i).filter((i) => fold[i] >= 0 && fold[i] !== f);
        const test = labels.map((y, i) => i).filter((i) => fold[i] === f);
        if (test.length === 0) continue;
        // the inner search for C (c: 'auto') sees these training rows only, never the fold's test rows
        const fit = fitCategory(train.map((i) => features[i]), train.map((i) => labels[i] as number), o, seed + c + 7919 * (f + 1));
        if (fit.c !== null) cs.push(fit.c);
        const scores = predictLinear(categoryMatrix(test.map((i) => features[i]), fit), fit.model);
        test.forEach((i, t) => (p[i] = scores[t]));
      }
      const pairs = labels.flatMap((y, i) => (y === null ? [] : [{ dictionary: p[i] >= 0.5 ? 1 : 0, coded: y, weight: data.examples[i].weight, stratum: data.examples[i].stratum }]));
      rows.push(row(reference, category, pairs, replicates, seed + c, `presence (probability ≥ 0.5) of ${coded} coded paragraph(s), each scored by a model fitted on the other ${k - 1} of ${k} stratified folds (seed ${seed + c}); ${o.method === 'nb' ? `Bernoulli naive Bayes, α ${o.alpha}` : `L2 logistic regression, ${o.c === 'auto' ? `C chosen in each fold by an inner ${o.innerFolds}-fold cross-validation on its training rows from ${o.cGrid.join(', ')} (by fold: ${cs.join(', ')})` : `C ${o.c}`}, ${o.weighting} features${o.weighting === 'tfidf' ? ` (dictionary hits ${o.dictionaryFeatures})` : ''}`}, ${o.classWeight} class weights`));
    }
    if (options.dictionary !== false && dictionary !== null && dictionary.categories.some((d) => d.name === category)) {
      const pairs = labels.flatMap((y, i) => (y === null ? [] : [{ dictionary: data.examples[i].counts[category] ?? 0, coded: y, weight: data.examples[i].weight, stratum: data.examples[i].stratum }]));
      rows.push(row('dictionary', category, pairs, replicates, seed + c, `presence (count > 0) of ${coded} coded paragraph(s): dictionary ${dictionary.name}, the same paragraphs`));
    }
  });
  return { rows, probabilities, folds, c: chosen };
}

function row(reference: string, category: string, pairs: Array<{ dictionary: number; coded: number; weight: number; stratum: string }>, replicates: number, seed: number, what: string): ValidationRow {
  const m = presenceMetrics(pairs, { replicates, seed });
  const weighted = pairs.some((q) => q.weight !== pairs[0].weight);
  const strata = new Set(pairs.map((q) => q.stratum)).size > 1;
  return {
    reference,
    category,
    coded: pairs.length,
    ...m,
    mean_abs_diff: null,
    r: null,
    test: `${what}; ${weighted ? 'weighted by sampling weights; ' : ''}95 % percentile bootstrap over paragraphs${strata ? ' within strata' : ''} (${replicates} resamples, seed ${seed})`,
  };
}

function emptyRow(reference: string, category: string, coded: number, test: string): ValidationRow {
  return {
    reference,
    category,
    coded,
    tp: 0,
    fp: 0,
    fn: 0,
    tn: 0,
    precision: NaN,
    precision_low: NaN,
    precision_high: NaN,
    recall: NaN,
    recall_low: NaN,
    recall_high: NaN,
    f1: NaN,
    f1_low: NaN,
    f1_high: NaN,
    mean_abs_diff: null,
    r: null,
    test,
  };
}
