import { benjaminiHochberg, holm } from '../stats/adjust';
import type { Corpus } from '../corpus/types';
import { sharedLemmatizer } from '../text/lemma-cache';
import { CONTENT_POS, Lemmatizer, type Analysis } from '../text/lemmatizer';
import { g2Table, mutualInformation } from '../stats/tests';
import { targetMatches, tokensByDocument, type Target } from './targets';

/** A collocate of a node pattern or category. */
export interface CollocateRow {
  collocate: string;
  pos: string | null;
  /** Occurrences within the windows around the node (O11). */
  freq: number;
  /** Occurrences in the whole corpus. */
  total: number;
  /** O11 expected if the collocate were spread at random (E11 = window words × total / corpus words). */
  expected: number;
  /** log2(O11 / E11): the effect size. */
  mi: number;
  g2: number;
  p: number;
  /** Holm and Benjamini–Hochberg adjusted p over every candidate word tested (all words in the windows, content words only with contentOnly), not only the ones reported. */
  p_holm: number;
  p_bh: number;
  test: string;
}

/** Options of {@link collocates}. */
export interface CollocateOptions {
  /** Words on each side of the node (default 5). */
  window?: number;
  /**
   * Smallest window frequency reported (default 2). At 1, any word seen once in the corpus and
   * once inside a window reaches p < 0.05 by that single occurrence (G² = 5.44 in a corpus of a
   * thousand words), so such rows say nothing about association.
   */
  minFreq?: number;
  /** Group collocates by lemma (default) or by word form. */
  by?: 'lemma' | 'form';
  /** Keep content words only (nouns, adjectives, verbs, adverbs). */
  contentOnly?: boolean;
  /** Let windows run into neighbouring paragraphs of the same document. Default: stay in the paragraph. */
  crossParagraphs?: boolean;
}

/**
 * Collocates of a pattern or category: words within `window` words of a match, with their
 * association by log-likelihood G² (Dunning) and mutual information. The 2×2 table per collocate
 * counts word positions: O11 its occurrences inside the windows, R1 all window positions (each
 * position counted once even where windows overlap, the node's own words excluded), C1 its
 * corpus frequency, N the corpus size. Sorted by G², strongest first.
 *
 * @example
 * collocates(corpus, { pattern: 'коррупц*' }, { window: 5, minFreq: 2, contentOnly: true })
 */
export function collocates(corpus: Corpus, target: Target, options: CollocateOptions = {}): CollocateRow[] {
  const window = options.window ?? 5;
  const minFreq = options.minFreq ?? 2;
  const byLemma = (options.by ?? 'lemma') === 'lemma';
  const lemmatizer = (target.lemmatizer as Lemmatizer | undefined) ?? sharedLemmatizer();
  const matches = targetMatches(corpus, { ...target, lemmatizer });
  const docs = tokensByDocument(corpus);
  const analyses: Array<Analysis | undefined> = [];
  const keyOf = (t: { id: number; norm: string }) => {
    const a = (analyses[t.id] ??= lemmatizer.analyze(t.norm));
    return { key: byLemma ? a.lemma : t.norm, pos: a.pos };
  };
  const keep = (pos: string | null) => !options.contentOnly || (pos !== null && CONTENT_POS.has(pos));
  // corpus frequencies and size
  const total = new Map<string, { n: number; pos: string | null }>();
  let n = 0;
  for (const { tokens } of docs.values()) {
    for (const t of tokens) {
      n++;
      const { key, pos } = keyOf(t);
      const e = total.get(key);
      if (e) e.n++;
      else total.set(key, { n: 1, pos });
    }
  }
  // window positions, per document, counted once; node words excluded
  let r1 = 0;
  const inWindow = new Map<string, number>();
  const byDoc = new Map<string, typeof matches>();
  for (const m of matches) {
    if (!byDoc.has(m.doc)) byDoc.set(m.doc, []);
    byDoc.get(m.doc)!.push(m);
  }
  for (const [id, ms] of byDoc) {
    const { tokens } = docs.get(id)!;
    const node = new Set<number>();
    const covered = new Set<number>();
    for (const m of ms) {
      const length = m.form.split(' ').length;
      for (let k = m.word; k < m.word + length; k++) node.add(k);
      const p = tokens[m.word].p;
      for (let k = Math.max(0, m.word - window); k < Math.min(tokens.length, m.word + length + window); k++) {
        if (options.crossParagraphs || tokens[k].p === p) covered.add(k);
      }
    }
    for (const k of covered) {
      if (node.has(k)) continue;
      r1++;
      const { key } = keyOf(tokens[k]);
      inWindow.set(key, (inWindow.get(key) ?? 0) + 1);
    }
  }
  // every word seen in a window is a candidate tested; the family of the adjustment is all of them,
  // not the ones kept by --min-freq (a filter on the outcome itself)
  const tested: Array<Omit<CollocateRow, 'p_holm' | 'p_bh'>> = [];
  for (const [key, o11] of inWindow) {
    const t = total.get(key)!;
    if (!keep(t.pos)) continue;
    const o12 = r1 - o11;
    const o21 = t.n - o11;
    const o22 = n - r1 - o21;
    const g = g2Table(o11, o12, o21, o22);
    tested.push({
      collocate: key,
      pos: t.pos,
      freq: o11,
      total: t.n,
      expected: (r1 * t.n) / n,
      mi: mutualInformation(o11, o12, o21, o22),
      g2: g.statistic,
      p: g.p,
      test: `${g.test}; window ±${window}${options.crossParagraphs ? '' : ' within the paragraph'}`,
    });
  }
  const holmAll = holm(tested.map((r) => r.p));
  const bhAll = benjaminiHochberg(tested.map((r) => r.p));
  const rows = tested.map((r, k) => ({ ...r, p_holm: holmAll[k], p_bh: bhAll[k] })).filter((r) => r.freq >= minFreq);
  rows.sort((a, b) => b.g2 - a.g2 || b.freq - a.freq || (a.collocate < b.collocate ? -1 : 1));
  const single = minFreq < 2 ? '; min-freq 1: a word seen once can be "significant" by that one occurrence' : '';
  return rows.map((r) => {
    const { test, p_holm, p_bh, ...head } = r;
    return { ...head, p_holm, p_bh, test: `${test}; family of all ${tested.length} candidate words in the windows (before the min-freq filter): Holm and Benjamini–Hochberg${single}` };
  });
}
