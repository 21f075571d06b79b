/**
 * What a chart writes for a document, a metadata field and a group: short, readable and unique
 * labels instead of raw ids (a URL cut from the right reads `https://www.sport-interfax.r…` nine
 * times), file names and field names.
 */

/**
 * A text no longer than `max` characters, cut in the middle (`начало…конец`), so that both the
 * start and the distinguishing end stay visible.
 *
 * @example
 * shortenMiddle('644595-avto-ekspert-rossiya-novosti', 20) // '644595-avt…a-novosti'
 * shortenMiddle('коротко', 20) // 'коротко'
 */
export function shortenMiddle(text: string, max = 32): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const keep = Math.max(2, max - 1);
  const head = Math.ceil(keep / 2);
  return chars.slice(0, head).join('') + '…' + chars.slice(chars.length - (keep - head)).join('');
}

/** A path segment that reads as a name (a slug), not as a number or code: four letters or more. */
function readable(segment: string): boolean {
  return (segment.match(/\p{L}/gu) ?? []).length >= 4;
}

/**
 * A short id for a document: for a URL its last path segment when that reads as a name
 * (`…/chtoby-pomnili`), else the host and the last segment (`sport-interfax.ru/659837`), without
 * `www.` and a page extension; any other id as it is. Long ids are shortened in the middle.
 *
 * @example
 * shortDocumentId('https://www.sport-interfax.ru/659837') // 'sport-interfax.ru/659837'
 * shortDocumentId('https://iz.ru/699785/nataliia-portiakova/chtoby-pomnili') // 'chtoby-pomnili'
 * shortDocumentId('https://ria.ru/20190810/1557366973.html') // 'ria.ru/1557366973'
 * shortDocumentId('ngo-grants-dialogue-2025.ru') // 'ngo-grants-dialogue-2025.ru'
 */
export function shortDocumentId(id: string, max = 28): string {
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)([^?#]*)/i.exec(id);
  if (!url) return shortenMiddle(id, max);
  const host = url[1].replace(/^www\./i, '');
  const segments = url[2].split('/').filter((s) => s !== '');
  if (segments.length === 0) return shortenMiddle(host, max);
  let last = segments[segments.length - 1].replace(/\.(s?html?|php|aspx?)$/i, '');
  try {
    last = decodeURIComponent(last);
  } catch {
    // a malformed escape stays as written
  }
  return shortenMiddle(readable(last) ? last : `${host}/${last}`, max);
}

/**
 * A label per document, in the order given: its title where one is given (cut at `max`
 * characters), else its {@link shortDocumentId}; labels that would repeat get the document's
 * number in parentheses, so every label is unique.
 *
 * @example
 * documentLabels(['https://tass.ru/nauka/6747980', 'https://tass.ru/nauka/6748360'])
 * // ['tass.ru/6747980', 'tass.ru/6748360']
 * documentLabels(['a', 'b'], ['Заголовок', 'Заголовок']) // ['Заголовок', 'Заголовок (2)']
 */
export function documentLabels(ids: readonly string[], titles: ReadonlyArray<string | null | undefined> = [], max = 28): string[] {
  const labels = ids.map((id, i) => {
    const title = (titles[i] ?? '').replace(/\s+/gu, ' ').trim();
    if (title === '') return shortDocumentId(id, Math.min(max, 28));
    const chars = [...title];
    return chars.length <= max ? title : chars.slice(0, max - 1).join('').trimEnd() + '…';
  });
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return n === 1 ? label : `${label} (${n})`;
  });
}

/** Russian names of the metadata fields framelab and its corpora use, for axis titles. */
const RUSSIAN_FIELD_TITLES: Record<string, string> = {
  file: 'Файл',
  outlet: 'Издание',
  edition: 'Издание',
  source: 'Источник',
  date: 'Дата',
  year: 'Год',
  month: 'Месяц',
  topics: 'Рубрика',
  topic: 'Рубрика',
  rubric: 'Рубрика',
  authors: 'Автор',
  author: 'Автор',
  title: 'Заголовок',
  doc: 'Документ',
  lang: 'Язык',
  language: 'Язык',
};

/**
 * The axis title of a metadata field: its Russian name where framelab knows one (`file` →
 * «Файл», `outlet` → «Издание»), else the field's own name; with `en`, the field's name.
 *
 * @example
 * fieldTitle('outlet') // 'Издание'
 * fieldTitle('рубрика') // 'рубрика'
 * fieldTitle('file', 'en') // 'file'
 */
export function fieldTitle(field: string, language: 'ru' | 'en' = 'ru'): string {
  return language === 'ru' ? (RUSSIAN_FIELD_TITLES[field] ?? field) : field;
}

/**
 * A group's value as a chart shows it: a `file` group without its corpus extension
 * (`rt.csv.gz` → `rt`), any other value as it is.
 *
 * @example
 * groupValueLabel('file', 'rt.csv.gz') // 'rt'
 * groupValueLabel('file', 'press/2019.jsonl') // 'press/2019'
 * groupValueLabel('outlet', 'rt.csv.gz') // 'rt.csv.gz'
 */
export function groupValueLabel(field: string, value: string): string {
  return field === 'file' ? value.replace(/\.(csv|jsonl|txt|md)(\.gz)?$/i, '') : value;
}
