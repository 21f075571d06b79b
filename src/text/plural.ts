/**
 * Russian numerals and their nouns: the form a noun takes after a number, ranges that collapse
 * when both ends are equal, and lists that name every member of a tie.
 */

/**
 * The three forms a Russian noun takes after a number, in the order grammars give them:
 * after 1 (21, 101 …), after 2–4 (22, 103 …), after 5–20 and 0 (25, 111 …). For the nominative
 * `['документ', 'документа', 'документов']`; any other case works the same way, e.g. the
 * prepositional after «в» `['группе', 'группах', 'группах']`.
 */
export type RuForms = readonly [one: string, few: string, many: string];

const RULES = new Intl.PluralRules('ru');

/**
 * The form of a noun that agrees with the number `n`, by the Unicode CLDR plural rules of
 * Russian (`Intl.PluralRules('ru')`): 1, 21, 101 take the first form; 2–4, 22–24 the second;
 * 0, 5–20, 25–30, 111 the third. A fraction (1,5) takes the second form, the genitive singular
 * («1,5 процента»).
 *
 * @example
 * ruPlural(21, ['документ', 'документа', 'документов']) // 'документ'
 * ruPlural(54, ['документ', 'документа', 'документов']) // 'документа'
 * ruPlural(111, ['документ', 'документа', 'документов']) // 'документов'
 */
export function ruPlural(n: number, forms: RuForms): string {
  switch (RULES.select(n)) {
    case 'one':
      return forms[0];
    case 'few':
    case 'other':
      return forms[1];
    default:
      return forms[2];
  }
}

/**
 * A number with its noun in agreement: `54 документа`, `2 строки`.
 *
 * @example
 * ruCount(54, ['документ', 'документа', 'документов']) // '54 документа'
 * ruCount(2, ['строка', 'строки', 'строк']) // '2 строки'
 */
export function ruCount(n: number, forms: RuForms): string {
  return `${n} ${ruPlural(n, forms)}`;
}

/**
 * A range of counts with its noun, which agrees with the upper end (`5–9 статей`, `1–2 статьи`);
 * when both ends are equal it is one number (`9 статей`, never `9–9 статей`).
 *
 * @example
 * ruRange(5, 9, ['статья', 'статьи', 'статей']) // '5–9 статей'
 * ruRange(9, 9, ['статья', 'статьи', 'статей']) // '9 статей'
 */
export function ruRange(low: number, high: number, forms: RuForms): string {
  return low === high ? ruCount(high, forms) : `${low}–${high} ${ruPlural(high, forms)}`;
}

/**
 * Names joined as Russian prose lists them: `А`, `А и Б`, `А, Б и В`.
 *
 * @example
 * ruList(['«гранты»', '«диалог»', '«запад»']) // '«гранты», «диалог» и «запад»'
 */
export function ruList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} и ${names[names.length - 1]}`;
}

/**
 * The items that share the first place of a ranking: every item whose value equals the first
 * one's (a tie is named as a tie, never as one leader). The items must be sorted by value.
 *
 * @example
 * tiedFirst([{ c: 'а', n: 3 }, { c: 'б', n: 3 }, { c: 'в', n: 1 }], (x) => x.n).map((x) => x.c) // ['а', 'б']
 */
export function tiedFirst<T>(sorted: readonly T[], value: (item: T) => number | null): T[] {
  if (sorted.length === 0) return [];
  const top = value(sorted[0]);
  return sorted.filter((item) => value(item) === top);
}
