import * as path from 'node:path';
import { sampleCorrelation, quantile } from 'simple-statistics';
import { kwic } from '../analysis/kwic';
import { firstWords } from '../text/excerpt';
import type { Corpus } from '../corpus/types';
import { countFrameRows } from '../frames/count';
import type { Dictionary } from '../frames/dictionary';
import { wilsonInterval } from '../stats/clustered';
import { DEFAULT_REPLICATES, DEFAULT_SEED } from '../defaults';
import { seededRandom } from '../stats/random';
import { krippendorffAlpha } from '../stats/reliability';
import { readCodedSheet, type CodedSheet } from './sheet';

/** One coded paragraph of one category: the dictionary's count against the coder's value. */
export interface CodedPair {
  /** Words of the category the dictionary found. */
  dictionary: number;
  /** What the coder wrote (1/0 for presence, or a count). */
  coded: number;
  /** Sampling weight (default 1). */
  weight?: number;
  /** Sampling stratum; the bootstrap resamples within each (default one stratum). */
  stratum?: string;
}

/** Precision, recall and F1 of the dictionary against a coding, with bootstrap intervals. */
export interface PresenceMetrics {
  /** Paragraphs (unweighted) where both found the category, only the dictionary, only the coder, neither. */
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Weighted shares (with weights 1, the plain ones): NaN when undefined (nothing found by the dictionary, or by the coder). */
  precision: number;
  precision_low: number;
  precision_high: number;
  recall: number;
  recall_low: number;
  recall_high: number;
  f1: number;
  f1_low: number;
  f1_high: number;
}

/**
 * Compares the dictionary with a coder paragraph by paragraph, on presence (a count above 0):
 * precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic mean, each weighted by
 * the sampling weights, with seeded percentile bootstrap intervals that resample paragraphs within
 * each stratum (Wilson's score interval for precision and recall of an unweighted, unstratified
 * sample, and for F1 then too when there are no false positives, or no misses, since F1 is then
 * 2R / (1 + R), or 2P / (1 + P)). F1 is 2TP / (2TP + FP + FN), so a resample where the dictionary finds nothing
 * counts as F1 = 0 instead of being dropped; a precision or recall of exactly 0 or 1 (where every
 * resample repeats it) gets Wilson's score interval on its paragraphs instead of a point.
 *
 * @example
 * // 4 paragraphs: both found it, both found it, only the dictionary, only the coder
 * const m = presenceMetrics([
 *   { dictionary: 2, coded: 1 }, { dictionary: 1, coded: 1 }, { dictionary: 1, coded: 0 }, { dictionary: 0, coded: 1 },
 * ], { replicates: 200 });
 * [m.tp, m.fp, m.fn, m.tn] // [2, 1, 1, 0]
 * m.precision // 0.6667 (2 / 3)
 * m.recall    // 0.6667 (2 / 3)
 */
export function presenceMetrics(pairs: readonly CodedPair[], options: { replicates?: number; seed?: number } = {}): PresenceMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const p of pairs) {
    const d = p.dictionary > 0;
    const c = p.coded > 0;
    if (d && c) tp++;
    else if (d) fp++;
    else if (c) fn++;
    else tn++;
  }
  const point = shares(pairs);
  const replicates = options.replicates ?? DEFAULT_REPLICATES;
  const rnd = seededRandom(options.seed ?? DEFAULT_SEED);
  const strata = new Map<string, CodedPair[]>();
  for (const p of pairs) {
    const s = p.stratum ?? '';
    if (!strata.has(s)) strata.set(s, []);
    strata.get(s)!.push(p);
  }
  const boot = { precision: [] as number[], recall: [] as number[], f1: [] as number[] };
  for (let r = 0; r < replicates && pairs.length > 0; r++) {
    const sample: CodedPair[] = [];
    for (const group of strata.values()) for (let i = 0; i < group.length; i++) sample.push(group[Math.floor(rnd() * group.length)]);
    const s = shares(sample);
    for (const k of ['precision', 'recall', 'f1'] as const) if (!Number.isNaN(s[k])) boot[k].push(s[k]);
  }
  const interval = (xs: number[]) => (xs.length ? [quantile(xs, 0.025), quantile(xs, 0.975)] : [NaN, NaN]);
  // a share of 0 or 1 has no spread to resample: Wilson's score interval on the paragraphs it rests on
  // so does a simple random sample (weights 1, one stratum), where the score interval covers better than the percentile bootstrap
  const simple = strata.size <= 1 && pairs.every((p) => (p.weight ?? 1) === 1);
  const share = (estimate: number, xs: number[], hits: number, n: number) =>
    n > 0 && (simple || estimate === 0 || estimate === 1) ? wilsonInterval(hits, n) : interval(xs);
  const [pl, ph] = share(point.precision, boot.precision, tp, tp + fp);
  const [rl, rh] = share(point.recall, boot.recall, tp, tp + fn);
  // with no false positives F1 = 2R / (1 + R), with no misses 2P / (1 + P): a monotone function of one
  // proportion, so its interval is that proportion's Wilson interval carried through the function
  const f1Of = (x: number) => (2 * x) / (1 + x);
  const [fl, fh] =
    simple && tp > 0 && fp === 0 ? [f1Of(rl), f1Of(rh)] : simple && tp > 0 && fn === 0 ? [f1Of(pl), f1Of(ph)] : interval(boot.f1);
  return { tp, fp, fn, tn, precision: point.precision, precision_low: pl, precision_high: ph, recall: point.recall, recall_low: rl, recall_high: rh, f1: point.f1, f1_low: fl, f1_high: fh };
}

function shares(pairs: readonly CodedPair[]): { precision: number; recall: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of pairs) {
    const w = p.weight ?? 1;
    const d = p.dictionary > 0;
    const c = p.coded > 0;
    if (d && c) tp += w;
    else if (d) fp += w;
    else if (c) fn += w;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : NaN;
  const recall = tp + fn > 0 ? tp / (tp + fn) : NaN;
  // F1 = 2TP / (2TP + FP + FN): 0, not undefined, when the dictionary finds nothing but the coder does
  const f1 = tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : NaN;
  return { precision, recall, f1 };
}

/**
 * How far the dictionary's counts are from a coder's counts: the (weighted) mean absolute
 * difference and the Pearson correlation (NaN when either side never varies).
 *
 * @example
 * countAgreement([{ dictionary: 2, coded: 1 }, { dictionary: 0, coded: 0 }, { dictionary: 3, coded: 3 }])
 * // { mean_abs_diff: 0.3333, r: 0.9286 } (r = 39 / 42)
 */
export function countAgreement(pairs: readonly CodedPair[]): { mean_abs_diff: number; r: number } {
  if (pairs.length === 0) return { mean_abs_diff: NaN, r: NaN };
  let w = 0;
  let d = 0;
  for (const p of pairs) {
    w += p.weight ?? 1;
    d += (p.weight ?? 1) * Math.abs(p.dictionary - p.coded);
  }
  const xs = pairs.map((p) => p.dictionary);
  const ys = pairs.map((p) => p.coded);
  const varies = (v: number[]) => v.some((x) => x !== v[0]);
  return { mean_abs_diff: d / w, r: pairs.length > 1 && varies(xs) && varies(ys) ? sampleCorrelation(xs, ys) : NaN };
}

/** One row of {@link validateDictionary}'s main table: a category against one reference coding. */
export interface ValidationRow extends PresenceMetrics {
  /** The sheet's file name, or `majority` (the coders' majority, with two or more sheets). */
  reference: string;
  category: string;
  /** Paragraphs coded for the category. */
  coded: number;
  /** Count sheets only: mean absolute difference of the counts and their correlation. */
  mean_abs_diff: number | null;
  r: number | null;
  test: string;
}

/** Agreement between the coders of two or more sheets, per category. */
export interface AgreementRow {
  category: string;
  coders: number;
  /** Paragraphs with at least two codings. */
  units: number;
  /** Krippendorff's alpha on presence (nominal) with its bootstrap interval. */
  alpha_presence: number | null;
  alpha_presence_low: number | null;
  alpha_presence_high: number | null;
  /** On counts (interval), when every sheet codes counts. */
  alpha_count: number | null;
  test: string;
}

/** A paragraph where the dictionary and a coder disagree on a category, with what the dictionary matched. */
export interface DisagreementRow {
  reference: string;
  doc: string;
  paragraph: number;
  category: string;
  dictionary: number;
  coded: number;
  /** `dictionary only` (a false positive, or a coder's miss) or `coder only` (a word the dictionary lacks). */
  kind: 'dictionary only' | 'coder only';
  /** The dictionary's matches in context (`left [match] right`), or the paragraph's opening when it matched nothing. */
  context: string;
}

export interface ValidationReport {
  rows: ValidationRow[];
  agreement: AgreementRow[];
  disagreements: DisagreementRow[];
  /** Sheets read, with their scale and rows. */
  sheets: CodedSheet[];
}

/**
 * Validates a dictionary against human coding: reads each coded sheet (see
 * {@link readCodedSheet}; errors name the sheet, line and column), compares the dictionary's
 * counts with each coder per category ({@link presenceMetrics}, and {@link countAgreement} for
 * count sheets), lists every disagreement with the matched words in context, and with two or more
 * sheets reports the agreement between coders (Krippendorff's alpha) and the dictionary against
 * the coders' majority (a tie leaves the paragraph out).
 *
 * @example
 * const report = validateDictionary(corpus, dict, ['data/coding/article-coded.csv'], { seed: 1 });
 * report.rows.filter((r) => r.category === 'гранты').map((r) => r.reference) // ['article-coded.csv']
 */
export function validateDictionary(
  corpus: Corpus,
  dictionary: Dictionary,
  files: readonly string[],
  options: { replicates?: number; seed?: number } = {},
): ValidationReport {
  const table = countFrameRows(corpus, dictionary);
  const sheets = files.map((f) => readCodedSheet(f, table));
  const cats = table.categories;
  const seed = options.seed ?? DEFAULT_SEED;
  const replicates = options.replicates ?? DEFAULT_REPLICATES;
  const names = referenceNames(files);
  const rows: ValidationRow[] = [];
  const disagreements: DisagreementRow[] = [];
  // the dictionary's matches in context, per paragraph, for the categories that have a disagreement
  const contexts = new Map<string, string>();
  const withContexts = new Set<string>();
  const contextOf = (doc: string, paragraph: number, category: string, text: string): string => {
    if (!withContexts.has(category)) {
      withContexts.add(category);
      for (const k of kwic(corpus, { category, dictionary }, { window: 5 })) {
        const key = `${k.doc}\u0000${k.paragraph}\u0000${category}`;
        const line = `${k.left} [${k.match}] ${k.right}`.trim();
        contexts.set(key, contexts.has(key) ? `${contexts.get(key)} | ${line}` : line);
      }
    }
    return contexts.get(`${doc}\u0000${paragraph}\u0000${category}`) ?? firstWords(text, 12);
  };
  const compare = (reference: string, scale: 'presence' | 'count', coded: Array<{ index: number; weight: number; stratum: string; value: number | null }>, k: number) => {
    const category = cats[k];
    const pairs = coded.filter((c) => c.value !== null).map((c) => ({ dictionary: table.rows[c.index][category] as number, coded: c.value!, weight: c.weight, stratum: c.stratum, index: c.index }));
    if (pairs.length === 0) return; // a category nobody coded on this sheet
    const m = presenceMetrics(pairs, { replicates, seed: seed + k });
    const weighted = pairs.some((p) => p.weight !== pairs[0].weight);
    const counts = scale === 'count' ? countAgreement(pairs) : null;
    rows.push({
      reference,
      category,
      coded: pairs.length,
      ...m,
      mean_abs_diff: counts ? counts.mean_abs_diff : null,
      r: counts ? (Number.isNaN(counts.r) ? null : counts.r) : null,
      test:
        `presence (count > 0) of ${pairs.length} coded paragraph(s); ${weighted ? 'weighted by sampling weights; ' : ''}` +
        `95 % percentile bootstrap over paragraphs${new Set(pairs.map((p) => p.stratum)).size > 1 ? ' within strata' : ''} (${replicates} resamples, seed ${seed + k}); F1 = 2TP/(2TP+FP+FN) in every resample; Wilson score interval (Wilson 1927) for a precision or recall of 0 or 1`,
    });
    for (const p of pairs) {
      if (p.dictionary > 0 === p.coded > 0) continue;
      const r = table.rows[p.index];
      disagreements.push({
        reference,
        doc: r.doc as string,
        paragraph: r.paragraph as number,
        category,
        dictionary: p.dictionary,
        coded: p.coded,
        kind: p.dictionary > 0 ? 'dictionary only' : 'coder only',
        context: contextOf(r.doc as string, r.paragraph as number, category, table.texts[p.index]),
      });
    }
  };
  sheets.forEach((sheet, s) => {
    cats.forEach((_, k) => compare(names[s], sheet.scale, sheet.rows.map((r) => ({ ...r, value: r.values[k] })), k));
  });
  const agreement: AgreementRow[] = [];
  if (sheets.length >= 2) {
    const allCounts = sheets.every((s) => s.scale === 'count');
    cats.forEach((category, k) => {
      const long = sheets.flatMap((sheet, s) => sheet.rows.map((r) => ({ unit: r.index, coder: s, value: r.values[k] })));
      const presence = krippendorffAlpha(long.map((v) => ({ ...v, value: v.value === null ? null : v.value > 0 ? 1 : 0 })), { level: 'nominal', bootstrap: replicates, seed: seed + k });
      const count = allCounts ? krippendorffAlpha(long, { level: 'interval' }) : undefined;
      agreement.push({
        category,
        coders: sheets.length,
        units: presence.units,
        alpha_presence: nan(presence.alpha),
        alpha_presence_low: nan(presence.low ?? NaN),
        alpha_presence_high: nan(presence.high ?? NaN),
        alpha_count: count ? nan(count.alpha) : null,
        test: presence.test + (count ? `; counts: ${count.test}` : ''),
      });
      // the coders' majority on presence; a tie leaves the paragraph out
      const byUnit = new Map<number, { yes: number; no: number; weight: number; stratum: string }>();
      sheets.forEach((sheet) =>
        sheet.rows.forEach((r) => {
          const v = r.values[k];
          if (v === null) return;
          const u = byUnit.get(r.index) ?? { yes: 0, no: 0, weight: r.weight, stratum: r.stratum };
          if (v > 0) u.yes++;
          else u.no++;
          byUnit.set(r.index, u);
        }),
      );
      const majority = [...byUnit].filter(([, u]) => u.yes + u.no >= 2 && u.yes !== u.no).map(([index, u]) => ({ index, weight: u.weight, stratum: u.stratum, value: u.yes > u.no ? 1 : 0 }));
      compare('majority', 'presence', majority, k);
    });
  }
  rows.sort((a, b) => cats.indexOf(a.category) - cats.indexOf(b.category));
  return { rows, agreement, disagreements, sheets };
}

function nan(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/** Each sheet's name in the tables: its file name, or its path where two sheets share a file name. */
function referenceNames(files: readonly string[]): string[] {
  const base = files.map((f) => path.basename(f));
  return files.map((f, i) => (base.filter((b) => b === base[i]).length > 1 ? f : base[i]));
}
