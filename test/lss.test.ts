import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SparseMatrix } from '../src';
import { seedLemmas, addLssScores, countFrameRows, loadDictionary, FLATTENED_LINE_BREAKS, latentSemanticScaling, loadCorpus, lssMatrix, lssPolarity, parseSeeds, randomizedSvd, mergeDuplicateRows, symmetricEigen, seededRandom, smoothByDate, weightSeeds, lssTermsChart } from '../src';
import { ARTICLE, CLI, errorOf, ROOT, runAsync, tempDir } from './helpers';
import * as fs from 'node:fs';

const NEWS = path.join(ROOT, 'data', 'news-sample');

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations, on plain arrays (the test's own). */
function jacobiEigen(input: number[][]): { values: number[]; vectors: number[][] } {
  const n = input.length;
  const a = input.map((r) => [...r]);
  const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j): number => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) off += a[i][j] * a[i][j];
    if (off < 1e-22) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const phi = 0.5 * Math.atan2(2 * a[p][q], a[q][q] - a[p][p]);
        const c = Math.cos(phi);
        const s = Math.sin(phi);
        for (let k = 0; k < n; k++) {
          const kp = a[k][p];
          const kq = a[k][q];
          a[k][p] = c * kp - s * kq;
          a[k][q] = s * kp + c * kq;
        }
        for (let k = 0; k < n; k++) {
          const pk = a[p][k];
          const qk = a[q][k];
          a[p][k] = c * pk - s * qk;
          a[q][k] = s * pk + c * qk;
        }
        for (let k = 0; k < n; k++) {
          const kp = v[k][p];
          const kq = v[k][q];
          v[k][p] = c * kp - s * kq;
          v[k][q] = s * kp + c * kq;
        }
      }
    }
  }
  const order = a.map((_, i) => i).sort((x, y) => a[y][y] - a[x][x]);
  return { values: order.map((i) => a[i][i]), vectors: v.map((row) => order.map((i) => row[i])) };
}

function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('the randomised SVD', () => {
  it('finds the singular values of a matrix whose SVD is known', () => {
    // a diagonal matrix with the rows shuffled: its singular values are the diagonal's, sorted
    const diag = [5, 1, 4, 2, 3];
    const a = { rows: 5, cols: 5, offsets: Int32Array.of(0, 1, 2, 3, 4, 5), indices: Int32Array.of(3, 0, 4, 1, 2), values: Float64Array.from([2, 5, 3, 1, 4]) };
    void diag;
    const svd = randomizedSvd(a, 3, { seed: 7 });
    expect([...svd.values].map((s) => +s.toFixed(9))).toEqual([5, 4, 3]);
    // the right singular vector of σ = 5 is the unit vector of column 0 (the row 5 is in)
    expect(Math.abs(svd.v[0 * 3 + 0])).toBeCloseTo(1, 9);
  });

  it('merges identical rows without changing AᵀA or the SVD', () => {
    // rows: (1 0 2) three times, (0 1 0) twice, (1 1 0) once, one empty row: three distinct rows,
    // weighted √3, √2 and 1
    const rows = [[1, 0, 2], [0, 1, 0], [1, 0, 2], [], [1, 1, 0], [1, 0, 2], [0, 1, 0]].map((r) => (r.length ? r : [0, 0, 0]));
    const entries = rows.map((r) => r.flatMap((x, j) => (x ? [[j, x]] : [])));
    const offsets = Int32Array.from([0, ...entries.map((_, i) => entries.slice(0, i + 1).reduce((t, e) => t + e.length, 0))]);
    const a = { rows: 7, cols: 3, offsets, indices: Int32Array.from(entries.flat().map((e) => e[0])), values: Float64Array.from(entries.flat().map((e) => e[1])) };
    const m = mergeDuplicateRows(a);
    expect(m.rows).toBe(3);
    const gram = (x: SparseMatrix) => {
      const g = new Float64Array(9);
      for (let r = 0; r < x.rows; r++) {
        for (let e = x.offsets[r]; e < x.offsets[r + 1]; e++) for (let f = x.offsets[r]; f < x.offsets[r + 1]; f++) g[x.indices[e] * 3 + x.indices[f]] += x.values[e] * x.values[f];
      }
      return [...g];
    };
    // AᵀA by hand: (0,0) 3·1 + 1 = 4; (0,1) 1 (the row 1 1 0); (0,2) 3·1·2 = 6; (1,1) 2·1 + 1 = 3;
    // (1,2) 0; (2,2) 3·2·2 = 12
    expect(gram(a)).toEqual([4, 1, 6, 1, 3, 0, 6, 0, 12]);
    gram(m).forEach((x, i) => expect(x).toBeCloseTo(gram(a)[i], 12));
    const before = randomizedSvd(a, 2, { seed: 3 });
    const after = randomizedSvd(m, 2, { seed: 3 });
    [...after.values].forEach((s, i) => expect(s).toBeCloseTo(before.values[i], 9));
    [...after.v].forEach((x, i) => expect(x).toBeCloseTo(before.v[i], 9));
  });

  it('solves the small symmetric eigenproblem', () => {
    // the tridiagonal Toeplitz matrix (2, 1) of order 3 has eigenvalues 2 + 2cos(kπ/4), k = 1, 2, 3
    const e = symmetricEigen(Float64Array.of(2, 1, 0, 1, 2, 1, 0, 1, 2), 3);
    [2 + Math.SQRT2, 2, 2 - Math.SQRT2].forEach((x, i) => expect(e.values[i]).toBeCloseTo(x, 12));
    // a random symmetric 40 × 40 matrix: A v = λ v, the vectors orthonormal, the values descending
    const n = 40;
    const rnd = seededRandom(4);
    const b = Array.from({ length: n * n }, () => rnd() - 0.5);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = b[i * n + j] + b[j * n + i];
    const { values, vectors } = symmetricEigen(a, n);
    for (let c = 0; c < n; c++) {
      if (c > 0) expect(values[c]).toBeLessThanOrEqual(values[c - 1]);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a[i * n + j] * vectors[j * n + c];
        expect(Math.abs(s - values[c] * vectors[i * n + c])).toBeLessThan(1e-12);
      }
      for (let c2 = 0; c2 <= c; c2++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += vectors[i * n + c] * vectors[i * n + c2];
        expect(Math.abs(s - (c === c2 ? 1 : 0))).toBeLessThan(1e-12);
      }
    }
  });
});

describe('Latent Semantic Scaling against a reference implementation', () => {
  it('word polarities correlate ≥ 0.99 with an exact SVD and LSX formulas written out here', () => {
    const corpus = loadCorpus(NEWS, { idField: 'url', paragraphs: FLATTENED_LINE_BREAKS });
    const seeds = { сотрудничество: 1, развитие: 1, 'рост': 1, конфликт: -1, 'санкц*': -1, война: -1 };
    const m = lssMatrix(corpus.documents, { minCount: 3, keep: Object.keys(seeds) });
    const k = 40;
    const ours = lssPolarity(m, seeds, { k, seed: 11 });
    expect(ours.k).toBe(k);
    // the reference: dense A (paragraphs × lemmas), the exact eigen-decomposition of A Aᵀ = U Σ² Uᵀ,
    // right singular vectors V = Aᵀ U Σ⁻¹ (LSX: svds(x)$v), the first k of them as word vectors
    const rows = m.matrix.rows;
    const cols = m.matrix.cols;
    const dense = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
    for (let r = 0; r < rows; r++) for (let e = m.matrix.offsets[r]; e < m.matrix.offsets[r + 1]; e++) dense[r][m.matrix.indices[e]] = m.matrix.values[e];
    const gram = dense.map((ri) => dense.map((rj) => ri.reduce((t, x, j) => t + x * rj[j], 0)));
    const eig = jacobiEigen(gram);
    const vectors = Array.from({ length: cols }, (_, j) =>
      Array.from({ length: k }, (_, c) => {
        let s = 0;
        for (let r = 0; r < rows; r++) s += dense[r][j] * eig.vectors[r][c];
        return s / Math.sqrt(eig.values[c]);
      }),
    );
    // singular values agree within a small relative error (a randomised method: the error grows
    // towards the cut at k, where the spectrum decays slowly)
    for (let c = 0; c < k; c++) expect(Math.abs(ours.singularValues[c] / Math.sqrt(eig.values[c]) - 1)).toBeLessThan(1e-2);
    // LSX's seed weights: each seed's sign over the number of seeds of that sign, shared among the lemmas it matches
    const matched: Record<string, string[]> = {};
    for (const s of Object.keys(seeds)) matched[s] = m.terms.filter((t) => (s.endsWith('*') ? t.startsWith(s.slice(0, -1)) : t === s));
    const weight: Record<string, number> = {};
    for (const [s, sign] of Object.entries(seeds)) for (const t of matched[s]) weight[t] = (weight[t] ?? 0) + sign / 3 / matched[s].length;
    expect(ours.seeds).toEqual(weight);
    const cos = (x: number[], y: number[]) => {
      const d = x.reduce((t, v, i) => t + v * y[i], 0);
      return d / Math.sqrt(x.reduce((t, v) => t + v * v, 0) * y.reduce((t, v) => t + v * v, 0));
    };
    const reference = m.terms.map((_, j) => Object.entries(weight).reduce((t, [s, w]) => t + w * cos(vectors[j], vectors[m.terms.indexOf(s)]), 0));
    const r = pearson(ours.polarity, reference);
    console.log(`LSS reference check: ${m.terms.length} lemmas, ${rows} paragraphs, k ${k}: r = ${r.toFixed(6)}`);
    expect(r).toBeGreaterThanOrEqual(0.99);
  });

  it('scores a paragraph by the frequency-weighted mean polarity of its lemmas, then centres and scales', () => {
    const corpus = loadCorpus(ARTICLE, { dedupe: true });
    const lss = latentSemanticScaling(corpus.documents, { диалог: 1, коррупция: -1 }, { minCount: 2, k: 5 });
    const m = lssMatrix(corpus.documents, { minCount: 2, keep: ['диалог', 'коррупция'] });
    const polarity = new Map(lss.terms.map((t, j) => [t, lss.polarity[j]]));
    // paragraph 3 by hand from its counts
    const r = 3;
    let s = 0;
    let n = 0;
    for (let e = m.matrix.offsets[r]; e < m.matrix.offsets[r + 1]; e++) {
      s += m.matrix.values[e] * polarity.get(m.terms[m.matrix.indices[e]])!;
      n += m.matrix.values[e];
    }
    expect(lss.paragraphs[r].raw).toBeCloseTo(s / n, 12);
    const scores = lss.paragraphs.filter((p) => p.score !== null).map((p) => p.score!);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (scores.length - 1));
    expect(mean).toBeCloseTo(0, 12);
    expect(sd).toBeCloseTo(1, 12);
    // one document: its score is its own raw mean, and alone it scales to 0
    expect(lss.documents).toHaveLength(1);
    expect(lss.documents[0].score).toBe(0);
    // the seeds are highlighted in the terms chart
    const chart = lssTermsChart(lss) as unknown as { data: { values: Array<{ слово: string; семя: string }> } };
    expect(chart.data.values.filter((v) => v.семя !== 'нет').map((v) => v.слово).sort()).toEqual(['диалог', 'коррупция']);
  });

  it('adds the paragraph scores to the count table as a column', () => {
    const corpus = loadCorpus(ARTICLE, { dedupe: true });
    const lss = latentSemanticScaling(corpus.documents, { диалог: 1, коррупция: -1 }, { minCount: 2, k: 5 });
    const t = addLssScores(countFrameRows(corpus, loadDictionary()), lss);
    expect(t.columns.at(-1)).toBe('lss');
    t.rows.forEach((r, i) => expect(r.lss).toBe(lss.paragraphs[i].score));
    expect(errorOf(() => addLssScores(t, lss)).message).toBe('the table already has a column "lss"');
  });

  it('is the same for the same seed', () => {
    const corpus = loadCorpus(ARTICLE, { dedupe: true });
    const a = latentSemanticScaling(corpus.documents, { диалог: 1, коррупция: -1 }, { minCount: 2, k: 5, seed: 3 });
    const b = latentSemanticScaling(corpus.documents, { диалог: 1, коррупция: -1 }, { minCount: 2, k: 5, seed: 3 });
    expect([...a.polarity]).toEqual([...b.polarity]);
  });
});

describe('seeds and smoothing', () => {
  it('weights seeds as LSX does', () => {
    // two positive seeds (½ each), the second a glob matching two lemmas (¼ each); one negative (1)
    expect(weightSeeds({ мир: 1, 'диалог*': 1, война: -1 }, ['война', 'диалог', 'диалоговый', 'мир'])).toEqual({ мир: 0.5, диалог: 0.25, диалоговый: 0.25, война: -1 });
    expect(errorOf(() => weightSeeds({ мир: 1, война: -1 }, ['грант'])).message).toContain('no seed word is in the corpus');
  });

  it('reads seed files and refuses bad ones', () => {
    expect(parseSeeds('positive: [Мир]\nnegative: [война, ёлка]')).toEqual({ мир: 1, война: -1, елка: -1 });
    expect(parseSeeds('мир: 2\nвойна: -1')).toEqual({ мир: 2, война: -1 });
    // words as written become lemmas (санкции → санкция; two forms of one lemma add up); globs stay
    expect(seedLemmas({ санкции: -1, санкций: -1, 'сотрудничеств*': 1 })).toEqual({ санкция: -2, 'сотрудничеств*': 1 });
    // a seed the corpus lacks is named
    const lss = latentSemanticScaling(loadCorpus(ARTICLE, { dedupe: true }).documents, { диалог: 1, баобаб: 1, коррупция: -1 }, { minCount: 2, k: 5 });
    expect(lss.unmatched).toEqual(['баобаб']);
    expect(errorOf(() => parseSeeds('positive: [мир]', 's.yaml')).message).toBe('s.yaml: seeds need at least one positive and one negative word');
    expect(errorOf(() => parseSeeds('мир: да\nвойна: -1', 's.yaml')).message).toBe('s.yaml: seed "мир": "да" is not a number other than 0');
  });

  it('smooths document scores by a rolling mean over dates', () => {
    const row = (doc: string, date: string, score: number) => ({ doc, date, terms: 1, raw: score, score });
    // window 10 days: 01-01 sees 01-01 and 01-05 (4 days away) but not 01-20: (1 + 3 + 5) / 3 = 3
    const s = smoothByDate([row('a', '2020-01-01', 1), row('b', '2020-01-01', 3), row('c', '2020-01-05', 5), row('d', '2020-01-20', 7)], 10);
    expect(s).toEqual([
      { date: '2020-01-01', documents: 2, mean: 2, smoothed: 3 },
      { date: '2020-01-05', documents: 1, mean: 5, smoothed: 3 },
      { date: '2020-01-20', documents: 1, mean: 7, smoothed: 7 },
    ]);
  });

  it('the command line writes the tables and the charts, and refuses a bad seed file in one line', { timeout: 120_000 }, async () => {
    const dir = tempDir({ 'seeds.yaml': 'positive: [диалог, сотрудничество]\nnegative: [коррупция, взятка]\n', 'bad.yaml': 'positive: [диалог]\n' });
    const r = await runAsync(process.execPath, [CLI, 'lss', ARTICLE, '--dedupe', '--seeds', path.join(dir, 'seeds.yaml'), '--min-count', '2', '--table', 'terms', '--format', 'json', '--charts', dir]);
    expect(r.code, r.stderr).toBe(0);
    const terms = JSON.parse(r.stdout) as Array<{ term: string; polarity: number; seed: number }>;
    expect(terms.find((t) => t.term === 'диалог')!.seed).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(dir, 'lss-terms.svg'))).toBe(true);
    const bad = await runAsync(process.execPath, [CLI, 'lss', ARTICLE, '--seeds', path.join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(`framelab: error: ${path.join(dir, 'bad.yaml')}: seeds need at least one positive and one negative word`);
  });
});
