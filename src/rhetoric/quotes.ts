import { Lemmatizer } from '../text/lemmatizer';
import { foldCase } from '../text/normalize';
import { tokenize } from '../text/tokenize';

/** What a quoted span does in the text. */
export type QuoteClass = 'quotation' | 'name' | 'scare_quote' | 'unbalanced';

/** A quoted span of a paragraph, quote marks included in `start`–`end`. */
export interface QuoteSpan {
  /** Offset of the opening mark (or of the lone mark, when unbalanced). */
  start: number;
  /** Offset just past the closing mark. */
  end: number;
  /** The text between the marks. */
  text: string;
  open: string;
  close: string;
  /** 0 for a span not inside another, 1 inside one, … */
  depth: number;
}

/** The rules that classify quoted spans; every field has a documented default. */
export interface QuoteRules {
  /** Nouns (lemmas) that, standing just before the quote, make it a name: фонд «…», орган «…», доклад «…». */
  namingNouns: string[];
  /** A span of at least this many words is a quotation. */
  quotationMinWords: number;
  /** A span of at most this many words, without a verb, is a scare quote. */
  scareMaxWords: number;
}

/** Default rules: see the README's rhetoric section for why each is there. */
export const DEFAULT_QUOTE_RULES: QuoteRules = {
  namingNouns: [
    'фонд', 'организация', 'орган', 'площадка', 'платформа', 'коалиция', 'партия', 'движение', 'объединение', 'альянс',
    'союз', 'ассоциация', 'центр', 'бюро', 'институт', 'комитет', 'совет', 'общество', 'клуб', 'сеть', 'компания',
    'корпорация', 'холдинг', 'банк', 'агентство', 'газета', 'журнал', 'издание', 'портал', 'сайт', 'канал', 'телеканал',
    'радио', 'программа', 'проект', 'инициатива', 'кампания', 'акция', 'операция', 'форум', 'конференция', 'премия',
    'закон', 'кодекс', 'доклад', 'книга', 'фильм', 'стратегия', 'концепция',
  ],
  quotationMinWords: 4,
  scareMaxWords: 3,
};

/**
 * Quotes nested deeper than this are not followed: their marks are reported as unbalanced.
 * Real text nests two or three levels; each level holds a copy of the text inside it, so an
 * unbounded depth made 80 KB of nested «» take 48 s and 20,000 levels exhaust memory.
 */
export const MAX_QUOTE_DEPTH = 64;

const OPENERS: Record<string, string[]> = { '«': ['»'], '„': ['“', '”'], '“': ['”'], '"': ['"'] };

/**
 * Finds the quoted spans of a text: «…», „…“, “…” and "…", nested to any depth, matched with a
 * stack. `“` opens after white space and otherwise closes a `„` (Russian inner quotes); a
 * straight `"` closes an open `"` unless it follows white space. A mark without its partner is returned as an
 * `unbalanced` span of that one mark, so that it never swallows the rest of the text. Quotes
 * nested more than 64 deep (`MAX_QUOTE_DEPTH`) are not followed (their marks are unbalanced).
 *
 * @example
 * findQuotes('«так называемая «системная» практика»').spans.map(q => [q.text, q.depth])
 * // [['так называемая «системная» практика', 0], ['системная', 1]]
 */
export function findQuotes(text: string): { spans: QuoteSpan[]; unbalanced: QuoteSpan[] } {
  const spans: QuoteSpan[] = [];
  const unbalanced: QuoteSpan[] = [];
  const stack: Array<{ mark: string; at: number }> = [];
  const lone = (mark: string, at: number) => unbalanced.push({ start: at, end: at + 1, text: '', open: mark, close: '', depth: stack.length });
  const open = (mark: string, at: number) => (stack.length < MAX_QUOTE_DEPTH ? stack.push({ mark, at }) : lone(mark, at));
  const closeAt = (k: number, mark: string, at: number) => {
    // marks opened after the one being closed never found their partner
    while (stack.length - 1 > k) {
      const m = stack.pop()!;
      lone(m.mark, m.at);
    }
    const o = stack.pop()!;
    spans.push({ start: o.at, end: at + 1, text: text.slice(o.at + 1, at), open: o.mark, close: mark, depth: stack.length });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const k = stack.map((s) => s.mark).lastIndexOf('"');
      const before = i === 0 ? ' ' : text[i - 1];
      if (k >= 0 && !/\s/u.test(before)) closeAt(k, c, i);
      else open(c, i);
    } else if (c === '“') {
      // after white space (or an opening mark) “ opens an English-style quote; after a word it
      // closes the Russian „…“ on top of the stack
      const before = i === 0 ? ' ' : text[i - 1];
      const top = stack[stack.length - 1];
      if (/[\s(«„"“\[—–-]/u.test(before)) open(c, i);
      else if (top && top.mark === '„') closeAt(stack.length - 1, c, i);
      else lone(c, i);
    } else if (c === '«' || c === '„') {
      open(c, i);
    } else if (c === '»' || c === '”') {
      let k = stack.length - 1;
      while (k >= 0 && !OPENERS[stack[k].mark].includes(c)) k--;
      if (k >= 0) closeAt(k, c, i);
      else lone(c, i);
    }
  }
  while (stack.length) {
    const m = stack.pop()!;
    lone(m.mark, m.at);
  }
  spans.sort((a, b) => a.start - b.start);
  unbalanced.sort((a, b) => a.start - b.start);
  return { spans, unbalanced };
}

/**
 * Classifies a quoted span by the first rule that applies, and names it:
 * 1. `latin-name`: all its letters are Latin → name («National Endowment for Prosperity»);
 * 2. `named-by-noun`: the word before it is a naming noun (фонд, орган, доклад …) → name;
 * 3. `long-quotation`: `quotationMinWords` words or more → quotation;
 * 4. `has-verb`: it holds a verb → quotation (a reported utterance);
 * 5. `short-phrase`: at most `scareMaxWords` words → scare quote («доверенным НПО»);
 * 6. `default`: quotation.
 *
 * @example
 * classifyQuote('технического задания', 'в качестве «технического задания»', 11) // { class: 'scare_quote', rule: 'short-phrase' }
 */
export function classifyQuote(
  inner: string,
  paragraph: string,
  start: number,
  rules: QuoteRules = DEFAULT_QUOTE_RULES,
  lemmatizer: Lemmatizer = new Lemmatizer(),
): { class: QuoteClass; rule: string } {
  const before = tokenize(paragraph.slice(0, start));
  return classifyQuoteAfter(inner, before[before.length - 1]?.norm, rules, lemmatizer);
}

const foldedNouns = new WeakMap<readonly string[], Set<string>>();

/** The naming nouns of a rule set, folded, once per list (not once per quote). */
function namingNounsOf(rules: QuoteRules): Set<string> {
  let set = foldedNouns.get(rules.namingNouns);
  if (!set) foldedNouns.set(rules.namingNouns, (set = new Set(rules.namingNouns.map(foldCase))));
  return set;
}

/**
 * {@link classifyQuote} given the folded word just before the quote (undefined when none), as
 * the rhetoric table finds it from the paragraph's tokens without scanning the text again.
 */
export function classifyQuoteAfter(
  inner: string,
  previous: string | undefined,
  rules: QuoteRules = DEFAULT_QUOTE_RULES,
  lemmatizer: Lemmatizer = new Lemmatizer(),
): { class: QuoteClass; rule: string } {
  const letters = inner.match(/\p{L}/gu) ?? [];
  if (letters.length > 0 && letters.every((l) => /[A-Za-z\u00C0-\u024F]/u.test(l))) return { class: 'name', rule: 'latin-name' };
  if (previous !== undefined && namingNounsOf(rules).has(lemmatizer.lemma(previous))) return { class: 'name', rule: 'named-by-noun' };
  const words = tokenize(inner);
  if (words.length >= rules.quotationMinWords) return { class: 'quotation', rule: 'long-quotation' };
  if (words.some((w) => lemmatizer.analyze(w.norm).pos === 'VERB')) return { class: 'quotation', rule: 'has-verb' };
  if (words.length <= rules.scareMaxWords) return { class: 'scare_quote', rule: 'short-phrase' };
  return { class: 'quotation', rule: 'default' };
}
