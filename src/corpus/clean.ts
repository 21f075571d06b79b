import { FramelabError } from '../errors';

/** What `--clean` can take out of a text before it is cut into words. */
export const CLEAN_KINDS = ['urls', 'emails', 'markdown', 'emoji'] as const;
export type CleanKind = (typeof CLEAN_KINDS)[number];

/** How many of each were taken out. */
export type CleanCounts = Record<CleanKind, number>;

const TLD = 'com|ru|org|net|io|ly|me|info|su|ua|by|kz|uk|de|tv|fm|co|gov|edu|рф|cc|site|online|news|media|link|to|be|gl|gd|am|tj|uz|ge|eu|us|app|page|live|ai';
/** A web address: with a scheme, with www., or a bare host under a common top-level domain (bit.ly/bbcrussian, meduza.io), with its path; trailing punctuation is left. */
const URL_RE = new RegExp(
  `(?:https?:\\/\\/|www\\.)[^\\s<>"«»]*[^\\s<>"«».,;:!?)\\]]|(?<![\\p{L}\\d@.-])(?:[a-z0-9][a-z0-9-]*\\.)+(?:${TLD})(?![\\p{L}\\d-])(?:\\/[^\\s<>"«»]*[^\\s<>"«».,;:!?)\\]])?\\/?`,
  'giu',
);
const EMAIL_RE = /(?<![\p{L}\d._%+-])[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/gu;
/** A pictographic character with its modifiers, joiners and variation selectors, or a pair of regional indicators (a flag), or a keycap. */
const EMOJI_RE = /(?:\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F\u20E3]*(?:\u200D\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]*)*|[\u{1F1E6}-\u{1F1FF}]{2}|[#*0-9]\uFE0F?\u20E3)/gu;

/** Markdown marks, each replaced by what it shows: links and images by their text, emphasis and code by their content, heading and quote marks removed. */
const MARKDOWN: Array<[RegExp, string]> = [
  [/!\[([^\]\n]*)\]\([^)\s]*(?:\s+"[^"\n]*")?\)/g, '$1'],
  [/\[([^\]\n]+)\]\([^)\s]*(?:\s+"[^"\n]*")?\)/g, '$1'],
  [/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '$2'],
  [/(?<![\p{L}\d*])\*(?=\S)([^*\n]*?\S)\*(?![\p{L}\d*])/gu, '$1'],
  [/(?<![\p{L}\d_])_(?=\S)([^_\n]*?\S)_(?![\p{L}\d_])/gu, '$1'],
  [/~~(?=\S)([^\n]*?\S)~~/g, '$1'],
  [/`([^`\n]+)`/g, '$1'],
  [/^[ \t]{0,3}#{1,6}[ \t]+/gm, ''],
  [/^[ \t]{0,3}>[ \t]?/gm, ''],
];

/**
 * The `--clean` kinds from a comma-separated list (`all`: every kind).
 *
 * @example
 * cleanKinds('urls,emoji') // ['urls', 'emoji']
 */
export function cleanKinds(value: string): CleanKind[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 1 && items[0] === 'all') return [...CLEAN_KINDS];
  if (items.length === 0) throw new FramelabError(`--clean needs one or more of ${CLEAN_KINDS.join(', ')} (or all)`);
  for (const i of items) if (!(CLEAN_KINDS as readonly string[]).includes(i)) throw new FramelabError(`--clean: unknown kind "${i}" (use ${CLEAN_KINDS.join(', ')} or all)`);
  return [...new Set(items)] as CleanKind[];
}

/**
 * Counts of zero for every kind: where {@link cleanText} adds what it takes out.
 *
 * @example
 * noCleanCounts() // { urls: 0, emails: 0, markdown: 0, emoji: 0 }
 */
export function noCleanCounts(): CleanCounts {
  return { urls: 0, emails: 0, markdown: 0, emoji: 0 };
}

/**
 * Takes web addresses, e-mail addresses, Markdown marks and emoji out of a text, as asked, before
 * it is cut into words, and adds how many of each it took to `counts`. Line breaks are kept, so
 * paragraphs stay where they were; a Markdown link keeps its text. E-mail addresses go before web
 * addresses (so that the host of one is not read as the other).
 *
 * @example
 * const counts = noCleanCounts();
 * cleanText('Читать нас без VPN можно здесь: bit.ly/bbcrussian', ['urls'], counts) // 'Читать нас без VPN можно здесь: '
 * counts.urls // 1
 * cleanText('**Главное** за день 🔥 [подробнее](https://t.me/x)', ['markdown', 'emoji', 'urls'], counts) // 'Главное за день  подробнее'
 */
export function cleanText(text: string, kinds: readonly CleanKind[], counts: CleanCounts): string {
  let out = text;
  const take = (kind: CleanKind, re: RegExp, by: string) => {
    out = out.replace(re, (...args) => {
      counts[kind]++;
      // a replacement with groups ($1, $2): put the group back
      return by.replace(/\$(\d)/g, (_, k) => (args[Number(k)] as string | undefined) ?? '');
    });
  };
  if (kinds.includes('markdown')) for (const [re, by] of MARKDOWN) take('markdown', re, by);
  if (kinds.includes('emails')) take('emails', EMAIL_RE, '');
  if (kinds.includes('urls')) take('urls', URL_RE, '');
  if (kinds.includes('emoji')) take('emoji', EMOJI_RE, '');
  return out;
}

/** What `--clean` took out, as one line for the notes, or null when nothing. */
export function cleanNote(kinds: readonly CleanKind[], counts: CleanCounts): string | null {
  if (kinds.length === 0) return null;
  const names: Record<CleanKind, string> = { urls: 'web address(es)', emails: 'e-mail address(es)', markdown: 'Markdown mark(s)', emoji: 'emoji' };
  return `--clean took out ${kinds.map((k) => `${counts[k]} ${names[k]}`).join(', ')} before counting words (the files are unchanged; run without --clean to count them)`;
}
