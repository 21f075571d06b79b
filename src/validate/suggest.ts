import { partitionCorpus } from '../analysis/keyness';
import type { Corpus, Paragraph } from '../corpus/types';
import { FramelabError } from '../errors';
import { countFrameRows } from '../frames/count';
import { dictionaryFromObject, type Dictionary } from '../frames/dictionary';
import { frameMatches, type MatchRow } from '../frames/matches';
import { parsePattern } from '../frames/pattern';
import { sharedLemmatizer } from '../text/lemma-cache';
import { CONTENT_POS, type Lemmatizer } from '../text/lemmatizer';
import { paragraphTokens } from '../corpus/tokens';
import { sharedVocabulary } from '../text/vocabulary';
import { readCodedSheet, type CodedSheet } from './sheet';

/** A word or two-word phrase that would find paragraphs the readers coded and the dictionary missed. */
export interface SuggestionRow {
  category: string;
  /** 1 = best by the score (see {@link suggestTerms}). */
  rank: number;
  kind: 'lemma' | 'bigram';
  /** The lemma, or the two lemmas of a phrase. */
  candidate: string;
  /** A dictionary pattern to paste: a stem glob (`поддержк*`) or the lemma; a phrase is two of them (`переговор* о`). The counts below are this pattern's hits. */
  pattern: string;
  /** Missed paragraphs (coded 1, not found by the category) that the pattern hits, and how many were missed in all. */
  support: number;
  missed: number;
  /** The weighted share of the missed paragraphs it hits. */
  support_share: number;
  /** Documents those missed paragraphs come from: support from one article is that article's topic as much as the frame's words. */
  support_docs: number;
  /** Paragraphs coded 0 that the dictionary also left alone (true negatives) but the pattern hits. */
  tn_hits: number;
  /** All coded paragraphs the pattern hits, by their coding. */
  hits_coded_1: number;
  hits_coded_0: number;
  /** Weighted share of coded-1 paragraphs among those it hits: its precision on the sheet. */
  precision: number;
  /** Weighted share of all coded-1 paragraphs it adds to what the category finds. */
  recall_gain: number;
  /** The category's recall and precision on the sheet before and with the pattern added. */
  recall_before: number;
  recall_after: number;
  precision_before: number;
  precision_after: number;
  /** Missed paragraphs it hits, the pattern's words in [brackets]; ` | ` between them. */
  examples: string;
  note: string;
}

/** A pattern of the dictionary whose hits the readers rejected: it hits paragraphs coded 0. */
export interface RejectedPatternRow {
  category: string;
  pattern: string;
  /** Coded paragraphs the pattern hits, by their coding. */
  hits_coded_0: number;
  hits_coded_1: number;
  /** Weighted share of coded-1 paragraphs among those it hits. */
  precision: number;
  /** The word forms it matched in paragraphs coded 0. */
  forms: string;
  /** Paragraphs coded 0 it hits, the match in [brackets]; ` | ` between them. */
  examples: string;
}

/** Per category: the reference coding {@link suggestTerms} works from. */
export interface SuggestSummaryRow {
  category: string;
  /** Paragraphs with a reference coding (the coders agree, with several sheets). */
  coded: number;
  /** Paragraphs left out because the coders disagree (several sheets only). */
  disagreed: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  recall: number;
  precision: number;
  /** Candidate patterns tried (seen in `minSupport` missed paragraphs) and kept (precision ≥ `minPrecision`). */
  tried: number;
  kept: number;
}

export interface SuggestReport {
  candidates: SuggestionRow[];
  rejected: RejectedPatternRow[];
  summary: SuggestSummaryRow[];
  sheets: CodedSheet[];
}

/** Options of {@link suggestTerms}. */
export interface SuggestOptions {
  /** Only this category (default: every category the sheets code). */
  category?: string;
  /** Smallest number of missed paragraphs a candidate lemma or phrase must stand in to be tried (default 2). */
  minSupport?: number;
  /** Smallest precision on the sheet for a candidate to be listed (default 0.8). */
  minPrecision?: number;
  /** Try two-word phrases (lemma bigrams) too (default true). */
  bigrams?: boolean;
  /** The first `top` candidates per category only. */
  top?: number;
  /** Example paragraphs per row (default 2). */
  examples?: number;
  lemmatizer?: Lemmatizer;
}

/**
 * A pattern that matches a lemma's forms: the longest beginning the lemma shares with the forms
 * seen, with `*`, when it is 4 letters or longer; else the lemma itself (a bare word matches by
 * lemma, so it still counts every form). A lemma seen only as itself stays as it is.
 *
 * @example
 * stemPattern('поддержка', ['поддержки', 'поддержку']) // 'поддержк*'
 * stemPattern('о', ['об'])                            // 'о'
 * stemPattern('идти', ['шли'])                        // 'идти'
 * stemPattern('диалог', ['диалог'])                   // 'диалог'
 */
export function stemPattern(lemma: string, forms: Iterable<string>): string {
  let prefix = lemma;
  let same = true;
  for (const f of forms) {
    if (f !== lemma) same = false;
    let k = 0;
    while (k < prefix.length && k < f.length && prefix[k] === f[k]) k++;
    prefix = prefix.slice(0, k);
  }
  if (same) return lemma;
  return Array.from(prefix).length >= 4 ? `${prefix}*` : lemma;
}

/** The reference value per table row for category k: one sheet's coding, or the paragraphs several coders agree on. */
function reference(sheets: readonly CodedSheet[], k: number): { rows: Map<number, { value: 0 | 1; weight: number }>; disagreed: number } {
  const by = new Map<number, { values: number[]; weight: number }>();
  for (const sheet of sheets) {
    for (const r of sheet.rows) {
      const v = r.values[k];
      if (v === null) continue;
      const u = by.get(r.index) ?? { values: [], weight: r.weight };
      u.values.push(v > 0 ? 1 : 0);
      by.set(r.index, u);
    }
  }
  const rows = new Map<number, { value: 0 | 1; weight: number }>();
  let disagreed = 0;
  for (const [index, u] of [...by].sort((a, b) => a[0] - b[0])) {
    if (sheets.length > 1 && u.values.length < 2) continue;
    if (u.values.some((v) => v !== u.values[0])) {
      disagreed++;
      continue;
    }
    rows.set(index, { value: u.values[0] as 0 | 1, weight: u.weight });
  }
  return { rows, disagreed };
}

/** A paragraph's text around a match, the match in [brackets], about `words` words on each side. */
function snippet(text: string, start: number, end: number, words = 8): string {
  const left = text.slice(0, start).split(/\s+/u).filter(Boolean);
  const right = text.slice(end).split(/\s+/u).filter(Boolean);
  const l = left.slice(-words).join(' ');
  const r = right.slice(0, words).join(' ');
  const glue = (a: string, b: string) => (a && b && !/\s$/u.test(a) ? `${a} ${b}` : a + b);
  return `${left.length > words ? '… ' : ''}${glue(l, `[${text.slice(start, end)}]`)}${r ? (/^\s/u.test(text.slice(end)) ? ' ' : '') + r : ''}${right.length > words ? ' …' : ''}`;
}

const wsum = (xs: Iterable<number>, weight: (i: number) => number) => {
  let s = 0;
  for (const i of xs) s += weight(i);
  return s;
};

/**
 * Words the dictionary is missing, found from a coded sheet: per category, the lemmas and
 * two-word phrases (lemma bigrams) of the paragraphs the readers coded 1 but the category did not
 * find (false negatives), each tried as the pattern it would be pasted as ({@link stemPattern})
 * on every coded paragraph. Reported per candidate: its support (missed paragraphs it hits,
 * their weighted share and the documents they come from), the true negatives it hits, its
 * precision on the sheet (coded-1 paragraphs among those it hits, weighted by the sampling
 * weights) and the recall it adds.
 *
 * The score: candidates whose precision is at least `minPrecision` are ranked by recall gain,
 * then by precision, then by the coded-1 paragraphs they hit in all (found ones too: a word
 * the category's paragraphs share), a lemma before a phrase, then alphabetically; the others are
 * not listed. Single words must be content words (nouns, adjectives, verbs,
 * adverbs); a phrase must hold one. These are counts on one sheet, not tests: the candidates were
 * found in the very paragraphs they are scored on, so their precision is optimistic, and a
 * candidate with support 1 or 2 is an anecdote to read, not evidence.
 *
 * With several sheets, the reference is the coding of the paragraphs the coders agree on (coded by
 * two or more, all alike); the rest are left out. The `rejected` table lists, per pattern of the
 * dictionary, the coded paragraphs it hits by their coding when it hits any coded 0.
 *
 * @example
 * const report = suggestTerms(corpus, dict, ['data/coding/article-coded.csv'], { category: 'гранты', minSupport: 1 });
 * report.summary[0].fn // 1: one grants paragraph the dictionary missed
 * report.candidates.every((c) => c.support >= 1 && c.precision >= 0.8) // true
 */
export function suggestTerms(corpus: Corpus, dictionary: Dictionary, files: readonly string[], options: SuggestOptions = {}): SuggestReport {
  if (files.length === 0) throw new FramelabError('suggestTerms needs at least one coded sheet');
  const minSupport = options.minSupport ?? 2;
  const minPrecision = options.minPrecision ?? 0.8;
  const nExamples = options.examples ?? 2;
  const lemmatizer = options.lemmatizer ?? sharedLemmatizer();
  const table = countFrameRows(corpus, dictionary);
  const sheets = files.map((f) => readCodedSheet(f, table));
  const cats = table.categories;
  if (options.category !== undefined && !cats.includes(options.category)) {
    throw new FramelabError(`no category "${options.category}" in dictionary ${dictionary.name} (it has ${cats.join(', ')})`);
  }
  const chosen = options.category !== undefined ? [cats.indexOf(options.category)] : cats.map((_, k) => k);
  const refs = new Map(chosen.map((k) => [k, reference(sheets, k)]));
  if (options.category !== undefined && refs.get(chosen[0])!.rows.size === 0) {
    const why = sheets.length > 1 ? ' that the coders agree on' : '';
    throw new FramelabError(`${files.join(', ')}: no paragraph${why} is coded for category "${options.category}" (its column is empty)`);
  }
  // the coded paragraphs, as a corpus of their own
  const rowKey = (doc: string, paragraph: number) => `${doc}\u0000${paragraph}`;
  const indexOf = new Map<string, number>();
  table.rows.forEach((r, i) => indexOf.set(rowKey(r.doc as string, r.paragraph as number), i));
  const codedIndexes = new Set(sheets.flatMap((s) => s.rows.map((r) => r.index)));
  const { target: sub } = partitionCorpus(corpus, (doc, p) => codedIndexes.has(indexOf.get(rowKey(doc.id, p.index)) ?? -1));
  const paragraphOf = new Map<number, Paragraph>();
  for (const doc of sub.documents) for (const p of doc.paragraphs) paragraphOf.set(indexOf.get(rowKey(doc.id, p.index))!, p);
  const found = (i: number, category: string) => (table.rows[i][category] as number) > 0;

  // candidates per category, from the missed paragraphs' words
  const forms = sharedVocabulary();
  type Candidate = { kind: 'lemma' | 'bigram'; candidate: string; pattern: string; k: number };
  const candidates: Candidate[] = [];
  const tried = new Map<number, number>();
  const wordsOf = (p: Paragraph) => {
    const ids = paragraphTokens(p).ids;
    return Array.from(ids, (id) => {
      const norm = forms.text(id);
      const a = lemmatizer.analyze(norm);
      return { norm, lemma: a.lemma, content: a.pos !== null && CONTENT_POS.has(a.pos), letter: /\p{L}/u.test(norm) };
    });
  };
  for (const k of chosen) {
    const { rows } = refs.get(k)!;
    const missed = [...rows].filter(([i, r]) => r.value === 1 && !found(i, cats[k])).map(([i]) => i);
    const support = new Map<string, { kind: 'lemma' | 'bigram'; lemmas: string[]; n: number }>();
    const seenForms = new Map<string, Set<string>>();
    for (const i of missed) {
      const words = wordsOf(paragraphOf.get(i)!);
      const here = new Map<string, { kind: 'lemma' | 'bigram'; lemmas: string[] }>();
      words.forEach((w, j) => {
        if (!w.letter) return;
        if (!seenForms.has(w.lemma)) seenForms.set(w.lemma, new Set());
        seenForms.get(w.lemma)!.add(w.norm);
        if (w.content) here.set(w.lemma, { kind: 'lemma', lemmas: [w.lemma] });
        const next = words[j + 1];
        if (options.bigrams !== false && next && next.letter && (w.content || next.content)) here.set(`${w.lemma} ${next.lemma}`, { kind: 'bigram', lemmas: [w.lemma, next.lemma] });
      });
      for (const [key, c] of here) {
        const s = support.get(key) ?? { ...c, n: 0 };
        s.n++;
        support.set(key, s);
      }
    }
    const patterns = new Set<string>();
    let n = 0;
    for (const [key, s] of [...support].filter(([, s]) => s.n >= minSupport).sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))) {
      const pattern = s.lemmas.map((l) => stemPattern(l, seenForms.get(l) ?? [])).join(' ');
      if (patterns.has(pattern)) continue;
      try {
        parsePattern(pattern);
      } catch {
        continue; // a lemma that is no pattern (a sign Az.js kept); nothing to paste
      }
      patterns.add(pattern);
      candidates.push({ kind: s.kind, candidate: key, pattern, k });
      if (++n >= 5000) break;
    }
    tried.set(k, n);
  }

  // every candidate's hits on the coded paragraphs, by the matcher the dictionary will use
  const hits = new Map<string, Map<number, MatchRow>>();
  const unique = [...new Set(candidates.map((c) => c.pattern))];
  if (unique.length) {
    const trial = dictionaryFromObject(Object.fromEntries(unique.map((p, j) => [`k${j}`, [p]])), 'candidates');
    for (const m of frameMatches(sub, trial)) {
      const p = unique[Number(m.category.slice(1))];
      const i = indexOf.get(rowKey(m.doc, m.paragraph))!;
      if (!hits.has(p)) hits.set(p, new Map());
      if (!hits.get(p)!.has(i)) hits.get(p)!.set(i, m);
    }
  }
  const example = (i: number, m: MatchRow) => snippet(paragraphOf.get(i)!.text, m.start, m.end);

  const out: SuggestionRow[] = [];
  const summary: SuggestSummaryRow[] = [];
  for (const k of chosen) {
    const category = cats[k];
    const { rows, disagreed } = refs.get(k)!;
    if (rows.size === 0) continue;
    const w = (i: number) => rows.get(i)!.weight;
    const coded1 = [...rows.keys()].filter((i) => rows.get(i)!.value === 1);
    const tp = coded1.filter((i) => found(i, category));
    const fn = coded1.filter((i) => !found(i, category));
    const fp = [...rows.keys()].filter((i) => rows.get(i)!.value === 0 && found(i, category));
    const tn = [...rows.keys()].filter((i) => rows.get(i)!.value === 0 && !found(i, category));
    const [wP, wTP, wFP, wFN] = [wsum(coded1, w), wsum(tp, w), wsum(fp, w), wsum(fn, w)];
    const recallBefore = wP > 0 ? wTP / wP : NaN;
    const precisionBefore = wTP + wFP > 0 ? wTP / (wTP + wFP) : NaN;
    const rowsHere: Array<Omit<SuggestionRow, 'rank'>> = [];
    for (const c of candidates.filter((c) => c.k === k)) {
      const h = hits.get(c.pattern) ?? new Map<number, MatchRow>();
      const on = [...h.keys()].filter((i) => rows.has(i));
      const hit1 = on.filter((i) => rows.get(i)!.value === 1);
      const hit0 = on.filter((i) => rows.get(i)!.value === 0);
      const newFound = fn.filter((i) => h.has(i));
      if (newFound.length === 0) continue;
      const newWrong = tn.filter((i) => h.has(i));
      const precision = wsum(hit1, w) / wsum(on, w);
      if (precision < minPrecision) continue;
      const gain = wsum(newFound, w);
      rowsHere.push({
        category,
        kind: c.kind,
        candidate: c.candidate,
        pattern: c.pattern,
        support: newFound.length,
        missed: fn.length,
        support_share: gain / wFN,
        support_docs: new Set(newFound.map((i) => table.rows[i].doc)).size,
        tn_hits: newWrong.length,
        hits_coded_1: hit1.length,
        hits_coded_0: hit0.length,
        precision,
        recall_gain: gain / wP,
        recall_before: recallBefore,
        recall_after: (wTP + gain) / wP,
        precision_before: precisionBefore,
        precision_after: (wTP + gain) / (wTP + wFP + gain + wsum(newWrong, w)),
        examples: newFound.slice(0, nExamples).map((i) => example(i, h.get(i)!)).join(' | '),
        note:
          newFound.length < 3
            ? `${newFound.length} of ${fn.length} missed paragraph(s): an anecdote to read, not evidence`
            : new Set(newFound.map((i) => table.rows[i].doc)).size === 1
              ? `${newFound.length} of ${fn.length} missed paragraphs, all of one document: its topic as much as the frame's words`
              : `${newFound.length} of ${fn.length} missed paragraphs; precision measured where the candidate was found (optimistic)`,
      });
    }
    rowsHere.sort(
      (a, b) =>
        b.recall_gain - a.recall_gain ||
        b.precision - a.precision ||
        b.hits_coded_1 - a.hits_coded_1 ||
        (a.kind === b.kind ? 0 : a.kind === 'lemma' ? -1 : 1) ||
        (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0),
    );
    const kept = options.top === undefined ? rowsHere : rowsHere.slice(0, options.top);
    kept.forEach((r, j) => out.push({ ...r, rank: j + 1 }));
    summary.push({
      category,
      coded: rows.size,
      disagreed,
      tp: tp.length,
      fp: fp.length,
      fn: fn.length,
      tn: tn.length,
      recall: recallBefore,
      precision: precisionBefore,
      tried: tried.get(k) ?? 0,
      kept: rowsHere.length,
    });
  }

  // the dictionary's own patterns that hit paragraphs coded 0
  const rejected: RejectedPatternRow[] = [];
  const own = frameMatches(sub, dictionary);
  for (const k of chosen) {
    const category = cats[k];
    const { rows } = refs.get(k)!;
    if (rows.size === 0) continue;
    const byPattern = new Map<string, Map<number, MatchRow[]>>();
    for (const m of own) {
      if (m.category !== category) continue;
      const i = indexOf.get(rowKey(m.doc, m.paragraph))!;
      if (!rows.has(i)) continue;
      if (!byPattern.has(m.pattern)) byPattern.set(m.pattern, new Map());
      const at = byPattern.get(m.pattern)!;
      at.set(i, [...(at.get(i) ?? []), m]);
    }
    const here: RejectedPatternRow[] = [];
    for (const [pattern, at] of byPattern) {
      const on = [...at.keys()];
      const zero = on.filter((i) => rows.get(i)!.value === 0);
      if (zero.length === 0) continue;
      const one = on.filter((i) => rows.get(i)!.value === 1);
      const w = (i: number) => rows.get(i)!.weight;
      here.push({
        category,
        pattern,
        hits_coded_0: zero.length,
        hits_coded_1: one.length,
        precision: wsum(one, w) / wsum(on, w),
        forms: [...new Set(zero.flatMap((i) => at.get(i)!.map((m) => m.form)))].sort().join(', '),
        examples: zero.slice(0, nExamples).map((i) => example(i, at.get(i)![0])).join(' | '),
      });
    }
    here.sort((a, b) => b.hits_coded_0 - a.hits_coded_0 || a.precision - b.precision || (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
    rejected.push(...here);
  }
  return { candidates: out, rejected, summary, sheets };
}
