import type { Corpus } from '../corpus/types';
import { FramelabError } from '../errors';
import { sharedLemmatizer } from '../text/lemma-cache';
import { CONTENT_POS, type Lemmatizer } from '../text/lemmatizer';
import { keynessOfCounts } from './keyness';
import { targetMatches, tokensByDocument, type DocToken, type Target } from './targets';

/** A word found near a pattern more often than elsewhere (see {@link contextTerms}). */
export interface ContextRow {
  /** The lemma (or the folded form, with `by: 'form'`). */
  word: string;
  /** Occurrences inside the windows around the matches, and everywhere else in the corpus. */
  inside: number;
  outside: number;
  inside_per_1k: number;
  outside_per_1k: number;
  /** log2 of the ratio of its relative frequencies inside and outside (Hardie), with its 95 % interval. */
  log_ratio: number;
  lr_low: number;
  lr_high: number;
  /** Log-likelihood G² (Rayson & Garside; Dunning) and its p-value, with Holm and Benjamini–Hochberg adjusted p. */
  g2: number;
  p: number;
  p_holm: number;
  p_bh: number;
  /** A few windows holding the word, in corpus order: the match in [brackets], the word in {braces}; ` | ` between them. */
  examples: string;
  test: string;
}

/** Options of {@link contextTerms}. */
export interface ContextOptions {
  /**
   * Words on each side of a match (default 10, the default of `textstat_context` in the quanteda
   * family, LSX package). Windows stay inside the match's paragraph.
   */
  window?: number;
  /** Count lemmas (default) or folded word forms. */
  by?: 'lemma' | 'form';
  /**
   * Smallest count inside the windows for a word to be compared (default 2; quanteda's
   * `min_count` is 10, meant for large corpora). Only the words compared form the family of the
   * adjusted p-values.
   */
  minCount?: number;
  /** Compare content words only (nouns, adjectives, verbs, adverbs), as `collocates --content-only`. */
  contentOnly?: boolean;
  /** The first `top` rows only (after sorting by G²). */
  top?: number;
  /** Example windows per word (default 2). */
  examples?: number;
  lemmatizer?: Lemmatizer;
}

/**
 * The context words of a pattern or category (like quanteda's `textstat_context`): the words that
 * stand within `window` words of its matches more often than elsewhere. Every word position of
 * the corpus is either a match's own word (left out on both sides, as are the match words' lemmas
 * from the rows, like `keyness --category`), inside a window (counted once where windows overlap),
 * or outside; a word's counts inside and outside are then compared as keyness is: G², log ratio
 * with its interval, p adjusted over every word compared (Holm; Benjamini–Hochberg). Rows: the
 * words more frequent inside (log ratio > 0), strongest G² first, ties by word. A target that
 * matches nothing is an error.
 *
 * @example
 * // 'коррупц*' in the bundled article, ±10 words, lemmas seen at least twice near it
 * const rows = contextTerms(corpus, { pattern: 'коррупц*' }, { window: 10, minCount: 2 });
 * rows.every((r) => r.log_ratio > 0 && r.inside >= 2) // true
 * rows.some((r) => r.word.startsWith('коррупц')) // false
 * contextTerms(corpus, { pattern: 'квазар*' }) // throws: matches nothing
 */
export function contextTerms(corpus: Corpus, target: Target, options: ContextOptions = {}): ContextRow[] {
  const window = options.window ?? 10;
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a whole number ≥ 1, not ${window}`);
  const minCount = options.minCount ?? 2;
  if (!Number.isInteger(minCount) || minCount < 1) throw new RangeError(`minCount must be a whole number ≥ 1, not ${minCount}`);
  const nExamples = options.examples ?? 2;
  const byLemma = (options.by ?? 'lemma') === 'lemma';
  const lemmatizer = options.lemmatizer ?? (target.lemmatizer as Lemmatizer | undefined) ?? sharedLemmatizer();
  const matches = targetMatches(corpus, { ...target, lemmatizer });
  const what = target.pattern !== undefined ? `pattern "${target.pattern}"` : `category "${target.category}"`;
  if (matches.length === 0) throw new FramelabError(`${what} matches nothing in the corpus: no windows to compare`);
  const docs = tokensByDocument(corpus);
  const keys: string[] = [];
  const keyOf = (t: DocToken) => (keys[t.id] ??= byLemma ? lemmatizer.lemma(t.norm) : t.norm);
  const content = new Set<string>();
  const noteContent = (t: DocToken, key: string) => {
    if (options.contentOnly && !content.has(key)) {
      const pos = lemmatizer.analyze(t.norm).pos;
      if (pos !== null && CONTENT_POS.has(pos)) content.add(key);
    }
  };

  const inside = new Map<string, number>();
  const outside = new Map<string, number>();
  const nodeWords = new Set<string>();
  let insideSize = 0;
  let outsideSize = 0;
  // per word, the matches whose windows hold it (first ones, corpus order), for the examples
  const seenIn = new Map<string, number[]>();
  const spans: Array<{ doc: string; first: number; last: number; lo: number; hi: number }> = [];
  const byDoc = new Map<string, number[]>();
  matches.forEach((m, k) => {
    if (!byDoc.has(m.doc)) byDoc.set(m.doc, []);
    byDoc.get(m.doc)!.push(k);
  });
  for (const [id, { tokens }] of docs) {
    const ks = byDoc.get(id) ?? [];
    const node = new Set<number>();
    const cover = new Map<number, number>(); // position → first match covering it
    for (const k of ks) {
      const m = matches[k];
      const first = m.word;
      const last = m.word + m.form.split(' ').length; // exclusive
      const p = tokens[first].p;
      let lo = Math.max(0, first - window);
      let hi = Math.min(tokens.length, last + window);
      while (tokens[lo].p !== p) lo++;
      while (hi > last && tokens[hi - 1].p !== p) hi--;
      spans[k] = { doc: id, first, last, lo, hi };
      for (let i = first; i < last; i++) node.add(i);
      for (let i = lo; i < hi; i++) if (!cover.has(i)) cover.set(i, k);
    }
    tokens.forEach((t, i) => {
      const key = keyOf(t);
      if (node.has(i)) {
        nodeWords.add(key);
        return;
      }
      const k = cover.get(i);
      if (k === undefined) {
        outside.set(key, (outside.get(key) ?? 0) + 1);
        outsideSize++;
        return;
      }
      inside.set(key, (inside.get(key) ?? 0) + 1);
      insideSize++;
      noteContent(t, key);
      const list = seenIn.get(key) ?? [];
      if (list.length < nExamples && !list.includes(k)) list.push(k);
      seenIn.set(key, list);
    });
  }
  // the words compared: those seen minCount times inside the windows
  const compared = new Set([...inside].filter(([w, n]) => n >= minCount && (!options.contentOnly || content.has(w))).map(([w]) => w));
  const only = (freq: Map<string, number>) => new Map([...freq].filter(([w]) => compared.has(w)));
  const rows = keynessOfCounts(
    { freq: only(inside), size: insideSize },
    { freq: only(outside), size: outsideSize },
    { minFreq: 1, exclude: nodeWords, what: ['inside the windows', 'elsewhere', `of the ${what} itself`] },
  );
  const render = (k: number, key: string): string => {
    const { doc, first, last, lo, hi } = spans[k];
    const { doc: d, tokens } = docs.get(doc)!;
    const text = d.paragraphs[tokens[first].p].text;
    let out = '';
    let at = tokens[lo].start;
    for (let i = lo; i < hi; i++) {
      const t = tokens[i];
      out += text.slice(at, t.start);
      const word = text.slice(t.start, t.end);
      const open = i === first ? '[' : '';
      const close = i === last - 1 ? ']' : '';
      out += open + (i >= first && i < last ? word : keyOf(t) === key ? `{${word}}` : word) + close;
      at = t.end;
    }
    return out.replace(/\s+/gu, ' ').trim();
  };
  const scope = `; window ±${window} words within the paragraph around ${matches.length} match(es) of the ${what}; ${options.contentOnly ? 'content ' : ''}words seen ≥ ${minCount} times inside compared, both directions`;
  const kept = rows
    .filter((r) => r.log_ratio > 0)
    .map((r) => ({
      word: r.word,
      inside: r.target_freq,
      outside: r.reference_freq,
      inside_per_1k: r.target_per_1k,
      outside_per_1k: r.reference_per_1k,
      log_ratio: r.log_ratio,
      lr_low: r.lr_low,
      lr_high: r.lr_high,
      g2: r.g2,
      p: r.p,
      p_holm: r.p_holm,
      p_bh: r.p_bh,
      examples: (seenIn.get(r.word) ?? []).map((k) => render(k, r.word)).join(' | '),
      test: r.test + scope,
    }));
  return options.top === undefined ? kept : kept.slice(0, options.top);
}
