import * as path from 'node:path';
import type { Corpus } from '../corpus/types';
import { countFrameRows } from '../frames/count';
import type { Cell, FrameTable } from '../table/frame-table';
import { loadDictionary, type Dictionary } from '../frames/dictionary';
import type { Lemmatizer } from '../text/lemmatizer';
import { sharedLemmatizer } from '../text/lemma-cache';
import { paragraphTokens } from '../corpus/tokens';
import { sharedVocabulary } from '../text/vocabulary';
import { classifyQuoteAfter, DEFAULT_QUOTE_RULES, findQuotes, type QuoteClass, type QuoteRules } from './quotes';
import { countSentences } from '../text/sentences';

/** The marker dictionary that ships with framelab. */
export const BUNDLED_RHETORIC_DICTIONARY = path.join(__dirname, '..', '..', 'data', 'dictionaries', 'rhetoric-ru.yaml');

/** One quoted span of the corpus with its class and the rule that decided it. */
export interface QuoteRow {
  doc: string;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  class: QuoteClass;
  rule: string;
  depth: number;
  duplicate_of: number | null;
}

/** Options of {@link rhetoric}. */
export interface RhetoricOptions {
  /** Marker dictionary (default: the bundled rhetoric-ru.yaml). */
  dictionary?: Dictionary;
  /** Override some of the quote rules. */
  quoteRules?: Partial<QuoteRules>;
  lemmatizer?: Lemmatizer;
}

/** Columns that follow the marker categories in the rhetoric table. */
export const STRUCTURE_COLUMNS = ['sentences', 'questions', 'exclamations', 'quotations', 'names', 'scare_quotes', 'unbalanced_quotes'] as const;

/** The rhetoric of a corpus: markers and structure per paragraph, and every quoted span. */
export interface RhetoricResult {
  /** Key columns as the frame counts, one column per marker category, then {@link STRUCTURE_COLUMNS}. */
  table: FrameTable;
  quotes: QuoteRow[];
}

const CLASS_COLUMN: Record<QuoteClass, (typeof STRUCTURE_COLUMNS)[number]> = {
  quotation: 'quotations',
  name: 'names',
  scare_quote: 'scare_quotes',
  unbalanced: 'unbalanced_quotes',
};

/**
 * Rhetoric markers per paragraph (distancing, in-group, out-group, self-presentation, boosters,
 * hedges: the bundled rhetoric-ru.yaml, counted like frames), sentences, questions and
 * exclamations, and every quoted span classified as quotation, name or scare quote by readable
 * rules (see {@link classifyQuote}).
 *
 * @example
 * const { table, quotes } = rhetoric(loadCorpus('data/ngo-grants-dialogue-2025.ru.txt', { dedupe: true }));
 * quotes.filter(q => q.class === 'scare_quote').map(q => q.text) // ['системная', 'технического задания', …]
 */
export function rhetoric(corpus: Corpus, options: RhetoricOptions = {}): RhetoricResult {
  const dictionary = options.dictionary ?? loadDictionary(BUNDLED_RHETORIC_DICTIONARY);
  const lemmatizer = options.lemmatizer ?? sharedLemmatizer();
  const forms = sharedVocabulary();
  const rules = { ...DEFAULT_QUOTE_RULES, ...options.quoteRules };
  const markers = countFrameRows(corpus, dictionary, { lemmatizer });
  const quotes: QuoteRow[] = [];
  let row = 0;
  for (const doc of corpus.documents) {
    for (const p of doc.paragraphs) {
      const r = markers.rows[row++];
      Object.assign(r, countSentences(p.text));
      for (const c of Object.values(CLASS_COLUMN)) r[c] = 0;
      const { spans, unbalanced } = findQuotes(p.text);
      const tokens = paragraphTokens(p);
      // the word just before a quote: the last one ending at or before its opening mark
      const previous = (at: number): string | undefined => {
        let lo = 0;
        let hi = tokens.ids.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (tokens.ends[mid] <= at) lo = mid + 1;
          else hi = mid;
        }
        return lo > 0 ? forms.text(tokens.ids[lo - 1]) : undefined;
      };
      const found: QuoteRow[] = [
        ...spans.map((s) => ({ s, ...classifyQuoteAfter(s.text, previous(s.start), rules, lemmatizer) })),
        ...unbalanced.map((s) => ({ s, class: 'unbalanced' as const, rule: s.open === '»' || s.open === '”' ? 'no-opening-mark' : 'no-closing-mark' })),
      ]
        .sort((a, b) => a.s.start - b.s.start)
        .map(({ s, class: cls, rule }) => ({
          doc: doc.id,
          paragraph: p.index,
          start: s.start,
          end: s.end,
          text: cls === 'unbalanced' ? s.open : s.text,
          class: cls,
          rule,
          depth: s.depth,
          duplicate_of: p.duplicateOf,
        }));
      for (const q of found) (r[CLASS_COLUMN[q.class]] as number)++;
      for (const q of found) quotes.push(q); // not push(...found): a paragraph may hold more quotes than a call takes arguments
    }
  }
  return { table: { ...markers, columns: [...markers.columns, ...STRUCTURE_COLUMNS], rows: markers.rows as Array<Record<string, Cell>> }, quotes };
}

/** Russian names of the quote classes, as charts and notebooks show them. */
export const QUOTE_CLASS_LABELS: Record<Exclude<QuoteClass, 'unbalanced'>, string> = {
  quotation: 'цитаты',
  name: 'названия',
  scare_quote: 'дистанцирующие кавычки',
};

/**
 * The quote classes of a rhetoric result as a count table (one category per class, in Russian),
 * so that every chart of the frame counts can draw them.
 *
 * @example
 * paragraphChart(quoteClassTable(rhetoric(corpus)), { title: 'Кавычки по абзацам' })
 */
export function quoteClassTable(result: RhetoricResult): FrameTable {
  const classes = Object.keys(QUOTE_CLASS_LABELS) as Array<keyof typeof QUOTE_CLASS_LABELS>;
  const categories = classes.map((c) => QUOTE_CLASS_LABELS[c]);
  const rows = result.table.rows.map((r) => {
    const out: Record<string, Cell> = { doc: r.doc, paragraph: r.paragraph, tokens: r.tokens, duplicate_of: r.duplicate_of };
    classes.forEach((c, k) => (out[categories[k]] = r[CLASS_COLUMN[c]]));
    out.matched = classes.reduce((sum, c) => sum + (r[CLASS_COLUMN[c]] as number), 0);
    return out;
  });
  return { columns: ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', ...categories], categories, rows, texts: result.table.texts };
}
