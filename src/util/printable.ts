/**
 * Text safe for a terminal and for one line: control characters (an ANSI escape from a corpus, a
 * carriage return, a line break inside a message) shown escaped, as `\\x1b` or `\\n`, instead
 * of acting on the terminal; so are the bidirectional controls (U+202A–U+202E, U+2066–U+2069)
 * that make a terminal show text reversed. Tabs stay.
 *
 * @example
 * printable('a\x1b[31mb\nc') // 'a\\x1b[31mb\\nc'
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, (c) =>
    c === '\n' ? '\\n' : c.charCodeAt(0) > 0xff ? `\\u${c.charCodeAt(0).toString(16)}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
