/**
 * One classifier per category, trained on coded paragraphs: binary lemma features (unigrams,
 * bigrams, the dictionary's categories) and L2-regularised logistic regression or Bernoulli naive
 * Bayes, both kept as a linear model (intercept and one weight per feature).
 */
import type { Dictionary } from '../frames/dictionary';
import { DEFAULT_SEED } from '../defaults';
import { FramelabError } from '../errors';
import type { CodedExamples } from './examples';
import { binaryMatrix, buildVocabulary, dictionaryColumns, idfOf, paragraphFeatures, paragraphLemmas, tfidfMatrix, type BinaryMatrix } from './features';
import { fitLogistic, predictLinear, type LinearModel } from './logistic';
import { fitNaiveBayes } from './naive-bayes';
import { stratifiedFolds } from './folds';

/** The classifiers: `logistic` (the default) or `nb` (Bernoulli naive Bayes, the fast baseline). */
export type ModelMethod = 'logistic' | 'nb';

export const MODEL_METHODS: readonly ModelMethod[] = ['logistic', 'nb'];

/** How the classifiers are trained. */
export interface TrainOptions {
  method?: ModelMethod;
  /**
   * Logistic regression's inverse regularisation strength: a number (default 1), or `auto`: chosen
   * per category from `cGrid` by an inner stratified cross-validation on the training rows only
   * (see {@link chooseC}; on the bundled coded news it did not raise the cross-validated macro F1,
   * see docs/models.md).
   */
  c?: number | 'auto';
  /** The values of C that `c: 'auto'` tries (default 0.01, 0.1, 1, 10, 100). */
  cGrid?: number[];
  /** Folds of the inner cross-validation that chooses C (default 3). */
  innerFolds?: number;
  /** Seed of the inner folds (default the project's seed). */
  seed?: number;
  /** Naive Bayes' Laplace smoothing (default 1). */
  alpha?: number;
  /** A lemma or bigram enters the vocabulary when at least this many training paragraphs hold it (default 2). */
  minDf?: number;
  /** Add bigrams of adjacent lemmas (default true). */
  bigrams?: boolean;
  /**
   * Which lemmas give features: `content` (the default: nouns, adjectives, verbs, adverbs, Latin
   * words, and bigrams of adjacent ones) or `all` (prepositions, conjunctions, pronouns too).
   */
  lemmas?: 'all' | 'content';
  /**
   * Feature values for logistic regression: `tfidf` (the default: binary presence × idf, each
   * paragraph scaled to unit length) or `binary` (1 where present). Naive Bayes always reads presence.
   */
  weighting?: 'tfidf' | 'binary';
  /**
   * How the dictionary's hits (`dict:<category>`) enter tf-idf features: `binary` (the default
   * since model file version 2: 1 where the dictionary found the category, outside the tf-idf
   * scaling, so a hit weighs the same in every paragraph) or `tfidf` (scaled with the lemmas, as
   * version 1 did: in a paragraph of 40 lemmas a hit was worth about 0.15, and with C = 1 the model
   * could not lean on it; held out on Wikinews 3 macro F1 0.29 against 0.61 with `binary`, see
   * docs/models.md). No effect with `weighting: 'binary'` or naive Bayes.
   */
  dictionaryFeatures?: 'binary' | 'tfidf';
  /**
   * Weight the classes so that positives and negatives weigh the same in the fit (`balanced`,
   * the default: frames are rare, and an unweighted fit predicts "absent" everywhere), or not.
   */
  classWeight?: 'balanced' | 'none';
  /** A category is trained only with at least this many positive and negative paragraphs (default 5). */
  minPositives?: number;
}

/** The values of C that `c: 'auto'` tries by default: 0.01 to 100, log spaced by factors of 10. */
export const C_GRID: readonly number[] = [0.01, 0.1, 1, 10, 100];

/** The options with their defaults filled in, as the model file records them. */
export type ResolvedTrainOptions = Required<TrainOptions>;

/**
 * The defaults of {@link TrainOptions} applied.
 *
 * @example
 * resolveTrainOptions({ method: 'nb' }).minDf // 2
 */
export function resolveTrainOptions(o: TrainOptions = {}): ResolvedTrainOptions {
  const r: ResolvedTrainOptions = {
    method: o.method ?? 'logistic',
    c: o.c ?? 1,
    cGrid: o.cGrid ?? [...C_GRID],
    innerFolds: o.innerFolds ?? 3,
    seed: o.seed ?? DEFAULT_SEED,
    alpha: o.alpha ?? 1,
    minDf: o.minDf ?? 2,
    bigrams: o.bigrams ?? true,
    lemmas: o.lemmas ?? 'content',
    weighting: o.weighting ?? 'tfidf',
    dictionaryFeatures: o.dictionaryFeatures ?? 'binary',
    classWeight: o.classWeight ?? 'balanced',
    minPositives: o.minPositives ?? 5,
  };
  if (!MODEL_METHODS.includes(r.method)) throw new RangeError(`method must be one of ${MODEL_METHODS.join(', ')}, not "${r.method}"`);
  if (!Number.isInteger(r.minDf) || r.minDf < 1) throw new RangeError(`minDf must be a whole number ≥ 1, not ${r.minDf}`);
  if (!Number.isInteger(r.minPositives) || r.minPositives < 1) throw new RangeError(`minPositives must be a whole number ≥ 1, not ${r.minPositives}`);
  if (r.dictionaryFeatures !== 'binary' && r.dictionaryFeatures !== 'tfidf') throw new RangeError(`dictionaryFeatures must be binary or tfidf, not "${r.dictionaryFeatures}"`);
  if (r.c !== 'auto' && !(r.c > 0)) throw new RangeError(`c must be above 0 or 'auto', not ${r.c}`);
  if (r.cGrid.length === 0 || !r.cGrid.every((c) => c > 0)) throw new RangeError(`cGrid must hold values above 0, not [${r.cGrid.join(', ')}]`);
  if (!Number.isInteger(r.innerFolds) || r.innerFolds < 2) throw new RangeError(`innerFolds must be a whole number ≥ 2, not ${r.innerFolds}`);
  return r;
}

/** One category's classifier in a model, or why there is none. */
export interface CategoryModel {
  name: string;
  positives: number;
  negatives: number;
  /** null when the category was not trained (see `reason`). */
  intercept: number | null;
  /** Logistic regression's C, as given or as the inner cross-validation chose it (absent for naive Bayes). */
  c?: number;
  /** Its features, sorted: lemmas, `lemma lemma` bigrams, `dict:<category>` (null when not trained). */
  vocabulary: string[] | null;
  /** Inverse document frequency per feature, for tf-idf weighting (null: binary features). */
  idf: number[] | null;
  /** One weight per feature, or null. */
  weights: number[] | null;
  reason?: string;
}

/**
 * The model file version {@link trainFrameModel} writes: 2 (dictionary hits outside the tf-idf
 * scaling, `options.dictionaryFeatures`). Version 1 files (hits scaled with the lemmas) are read
 * and applied as they were trained.
 */
export const MODEL_VERSION = 2;

/** A trained frame model, as saved in its JSON file. */
export interface FrameModel {
  format: 'framelab-frame-model';
  /** 1: dictionary features scaled with the lemmas (no `options.dictionaryFeatures`); 2: as `options.dictionaryFeatures` says. */
  version: 1 | 2;
  /** framelab's version that trained it. */
  framelab: string;
  method: ModelMethod;
  options: ResolvedTrainOptions;
  categories: CategoryModel[];
  dictionary: { name: string; sha256: string; categories: string[] };
  sheets: Array<{ file: string; sha256: string }>;
  /** Coded paragraphs it was trained on. */
  paragraphs: number;
}

/** The features of every example (lemmas looked up once per paragraph). */
export function exampleFeatures(data: CodedExamples, options: Pick<ResolvedTrainOptions, 'bigrams' | 'lemmas'>): string[][] {
  return data.examples.map((e) => paragraphFeatures(paragraphLemmas(e.text, undefined, { contentOnly: options.lemmas === 'content' }), e.counts, { bigrams: options.bigrams }));
}

/** Why a category cannot be trained on these labels, or null. */
export function untrainable(labels: ReadonlyArray<0 | 1 | null>, minPositives: number): string | null {
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.filter((y) => y === 0).length;
  if (pos + neg === 0) return 'not coded on any sheet';
  if (pos < minPositives) return `${pos} positive paragraph(s), fewer than the ${minPositives} a classifier needs (minPositives)`;
  if (neg < minPositives) return `${neg} negative paragraph(s), fewer than the ${minPositives} a classifier needs (minPositives)`;
  return null;
}

/** Per-row weights of a fit: class-balanced (n / (2 n_y)) or 1, times nothing else. */
export function classWeights(labels: ArrayLike<number>, mode: 'balanced' | 'none'): Float64Array {
  const w = new Float64Array(labels.length).fill(1);
  if (mode === 'none') return w;
  let pos = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > 0) pos++;
  const n = labels.length;
  const neg = n - pos;
  for (let i = 0; i < n; i++) w[i] = labels[i] > 0 ? n / (2 * pos) : n / (2 * neg);
  return w;
}

/** A fitted category: its vocabulary, idf (tf-idf only) and linear model. */
export interface CategoryFit {
  vocabulary: string[];
  idf: Float64Array | null;
  model: LinearModel;
  /** The C of a logistic fit (chosen, with `c: 'auto'`); null for naive Bayes. */
  c: number | null;
  /** How the dictionary features were scaled (see {@link TrainOptions.dictionaryFeatures}). */
  dictionaryFeatures: 'binary' | 'tfidf';
}

/**
 * Fits one category's classifier on the rows given (features as strings): vocabulary and idf from
 * these rows only, then the method's fit.
 */
export function fitCategory(features: ReadonlyArray<readonly string[]>, labels: ArrayLike<number>, o: ResolvedTrainOptions, seed: number = o.seed): CategoryFit {
  const c = o.method === 'logistic' && o.c === 'auto' ? chooseC(features, labels, o, seed).c : o.c;
  const vocabulary = buildVocabulary(features, o.minDf);
  const m = binaryMatrix(features, vocabulary);
  const sampleWeights = classWeights(labels, o.classWeight);
  const dictionaryFeatures = o.dictionaryFeatures;
  if (o.method === 'nb') return { vocabulary, idf: null, model: fitNaiveBayes(m, labels, { alpha: o.alpha, sampleWeights }), c: null, dictionaryFeatures };
  const idf = o.weighting === 'tfidf' ? idfOf(m) : null;
  const x = categoryMatrix(features, { vocabulary, idf, dictionaryFeatures }, m);
  return { vocabulary, idf, model: fitLogistic(x, labels, { c: c as number, sampleWeights }), c: c as number, dictionaryFeatures };
}

/** What {@link chooseC} found: the C chosen and, per value of the grid, the inner cross-validated F1 and log-loss. */
export interface CChoice {
  c: number;
  grid: Array<{ c: number; f1: number; logLoss: number }>;
}

/**
 * Chooses logistic regression's C for one category by an inner stratified k-fold cross-validation
 * (`innerFolds`, seeded) on the rows given, which are the training rows only: for each C of the
 * grid every row is scored by a model fitted (vocabulary and idf included) on the other inner
 * folds, and the C whose pooled out-of-fold predictions (probability ≥ 0.5) have the highest F1
 * wins; ties go to the lower mean class-weighted log-loss, then to the smaller C (the stronger
 * penalty). Unweighted by the sheets' sampling weights: the choice only ranks the values of C.
 *
 * @example
 * // a word that marks the class perfectly: every C finds it (F1 1), and the largest C fits the
 * // probabilities closest to 0 and 1, so its log-loss is lowest
 * const words = [['a'], ['a'], ['a'], ['a'], ['a'], ['a'], ['b'], ['b'], ['b'], ['b'], ['b'], ['b']];
 * const o = resolveTrainOptions({ minDf: 1, cGrid: [0.1, 100] });
 * chooseC(words, [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0], o).c // 100
 */
export function chooseC(features: ReadonlyArray<readonly string[]>, labels: ArrayLike<number>, o: ResolvedTrainOptions, seed: number = o.seed): CChoice {
  const y = Array.from(labels, (v) => (v > 0 ? 1 : 0) as 0 | 1);
  const folds = stratifiedFolds(y, o.innerFolds, seed);
  const grid = o.cGrid.map((c) => {
    const fixed: ResolvedTrainOptions = { ...o, c };
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let loss = 0;
    for (let f = 0; f < o.innerFolds; f++) {
      const train: number[] = [];
      const test: number[] = [];
      y.forEach((_, i) => (folds[i] === f ? test : train).push(i));
      if (test.length === 0 || !train.some((i) => y[i] === 1) || !train.some((i) => y[i] === 0)) continue;
      const fit = fitCategory(train.map((i) => features[i]), train.map((i) => y[i]), fixed);
      const p = predictLinear(categoryMatrix(test.map((i) => features[i]), fit), fit.model);
      test.forEach((i, t) => {
        const hit = p[t] >= 0.5;
        if (hit && y[i] === 1) tp++;
        else if (hit) fp++;
        else if (y[i] === 1) fn++;
        const q = Math.min(1 - 1e-15, Math.max(1e-15, p[t]));
        loss -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
      });
    }
    return { c, f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn), logLoss: loss / y.length };
  });
  const best = [...grid].sort((a, b) => b.f1 - a.f1 || a.logLoss - b.logLoss || a.c - b.c)[0];
  return { c: best.c, grid };
}

/**
 * The feature matrix of rows (features as strings) for a fitted category: binary, or tf-idf where
 * the fit has an idf, with the dictionary's columns kept at 1 when its `dictionaryFeatures` is
 * `binary` (absent: `tfidf`, as model file version 1). `binary` may pass the rows' binary matrix
 * over the vocabulary when it is already built.
 */
export function categoryMatrix(
  features: ReadonlyArray<readonly string[]>,
  fit: { vocabulary: readonly string[]; idf: ArrayLike<number> | null; dictionaryFeatures?: 'binary' | 'tfidf' },
  binary: BinaryMatrix = binaryMatrix(features, fit.vocabulary),
): BinaryMatrix {
  if (!fit.idf) return binary;
  return tfidfMatrix(binary, fit.idf, fit.dictionaryFeatures === 'binary' ? { binaryColumns: dictionaryColumns(fit.vocabulary) } : {});
}

/**
 * Trains one classifier per category on coded paragraphs (see {@link codedExamples}) and
 * returns the model to save (see `saveFrameModel`). A category with fewer than `minPositives`
 * positive (or negative) paragraphs is kept in the model as untrained, with the reason.
 *
 * @example
 * // the article's sheet codes гранты, коррупция and диалог (12, 5 and 14 of 30 paragraphs); the rest is empty
 * const model = trainFrameModel(codedExamples(corpus, dict, ['data/coding/article-coded.csv']), dict);
 * model.categories.filter((c) => c.weights !== null).map((c) => c.name) // ['гранты', 'коррупция', 'диалог']
 * model.categories[3].reason // 'not coded on any sheet'
 * trainFrameModel(codedExamples(corpus, dict, ['data/coding/article-coded.csv']), dict, { minPositives: 6 }).categories[1].reason
 * // '5 positive paragraph(s), fewer than the 6 a classifier needs (minPositives)'
 */
export function trainFrameModel(data: CodedExamples, dictionary: Dictionary, options: TrainOptions = {}): FrameModel {
  const o = resolveTrainOptions(options);
  if (data.examples.length === 0) throw new FramelabError('no coded paragraph to train on');
  const features = exampleFeatures(data, o);
  const categories: CategoryModel[] = data.categories.map((name, k) => {
    const rows = data.examples.map((e, i) => ({ i, y: e.labels[k] })).filter((r) => r.y !== null);
    const labels = data.examples.map((e) => e.labels[k]);
    const positives = labels.filter((y) => y === 1).length;
    const negatives = labels.filter((y) => y === 0).length;
    const reason = untrainable(labels, o.minPositives);
    if (reason) return { name, positives, negatives, intercept: null, vocabulary: null, idf: null, weights: null, reason };
    const fit = fitCategory(rows.map((r) => features[r.i]), rows.map((r) => r.y as number), o, o.seed + k);
    return { name, positives, negatives, intercept: fit.model.intercept, ...(fit.c !== null ? { c: fit.c } : {}), vocabulary: fit.vocabulary, idf: fit.idf ? [...fit.idf] : null, weights: [...fit.model.weights] };
  });
  return {
    format: 'framelab-frame-model',
    version: MODEL_VERSION,
    framelab: packageVersion(),
    method: o.method,
    options: o,
    categories,
    dictionary: { name: dictionary.name, sha256: dictionary.sha256, categories: dictionary.categories.map((c) => c.name) },
    sheets: data.sheets,
    paragraphs: data.examples.length,
  };
}

/** framelab's version, from its package.json. */
export function packageVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}

/**
 * The probability of each trained category for paragraphs given as text and dictionary counts:
 * one Float64Array per category of the model (NaN throughout for an untrained one).
 *
 * @example
 * const model = trainFrameModel(codedExamples(corpus, dict, ['data/coding/article-coded.csv']), dict);
 * const p = modelProbabilities(model, [{ text: 'Фонд получил иностранный грант', counts: { гранты: 1 } }]);
 * p.length // 8 (one per category; NaN for the 5 untrained)
 * Number.isNaN(p[3][0]) // true
 */
export function modelProbabilities(model: FrameModel, paragraphs: ReadonlyArray<{ text: string; counts: Readonly<Record<string, number>> }>): Float64Array[] {
  const contentOnly = model.options.lemmas === 'content';
  // version 1 files have no dictionaryFeatures: their hits were scaled with the lemmas
  const dictionaryFeatures = model.version === 1 ? 'tfidf' : (model.options.dictionaryFeatures ?? 'tfidf');
  const features = paragraphs.map((p) => paragraphFeatures(paragraphLemmas(p.text, undefined, { contentOnly }), p.counts, { bigrams: model.options.bigrams }));
  return model.categories.map((c) => {
    if (c.weights === null || c.intercept === null || c.vocabulary === null) return new Float64Array(paragraphs.length).fill(NaN);
    return predictLinear(categoryMatrix(features, { vocabulary: c.vocabulary, idf: c.idf, dictionaryFeatures }), { intercept: c.intercept, weights: Float64Array.from(c.weights) });
  });
}
