/**
 * Folds a word or a text for matching: Unicode NFC, lower case, and ё read as е.
 *
 * @example
 * foldCase('Ёлки') // 'елки'
 */
export function foldCase(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е');
}

/**
 * The key under which two paragraphs count as the same text: folded case, collapsed white space.
 *
 * @example
 * paragraphKey('  Диалог  и\tДОВЕРИЕ ') // 'диалог и доверие'
 */
export function paragraphKey(text: string): string {
  return foldCase(text).replace(/\s+/gu, ' ').trim();
}

const CYRILLIC = /[\u0400-\u04FF]/u;

/** True when the string contains at least one Cyrillic letter. */
export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text);
}
