/**
 * Text safe for a terminal and for one line: control characters (an ANSI escape from a corpus, a
 * carriage return, a line break inside a message) shown escaped, as `\\x1b` or `\\n`, instead
 * of acting on the terminal. Tabs stay.
 *
 * @example
 * printable('a\x1b[31mb\nc') // 'a\\x1b[31mb\\nc'
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/g, (c) => (c === '\n' ? '\\n' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
