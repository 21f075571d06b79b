import iconv from 'iconv-lite';
import { FramelabError } from '../errors';

/** Encodings that {@link decodeText} detects by itself. Any other name iconv-lite knows can be forced. */
export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'koi8-r';

/** A decoded file: its text (without BOM) and the encoding it was read with. */
export interface Decoded {
  text: string;
  encoding: string;
}

const FREQUENT_RUSSIAN = new Set('оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъ'.slice(0, 12));

/**
 * How much a text looks like Russian: the share of its Cyrillic letters that are among the twelve
 * most frequent lower-case Russian letters (о е а и н т с р в л к м). Russian prose scores about
 * 0.6–0.75; Windows-1251 read as KOI8-R (or the reverse) swaps case and letters and scores near 0.1.
 *
 * @example
 * russianScore('Привет, мир') // 0.888… (8 of the 9 Cyrillic letters; П is upper case)
 */
export function russianScore(text: string): number {
  let cyrillic = 0;
  let frequent = 0;
  for (const ch of text) {
    if (ch >= '\u0400' && ch <= '\u04FF') {
      cyrillic++;
      if (FREQUENT_RUSSIAN.has(ch)) frequent++;
    }
  }
  return cyrillic === 0 ? 0 : frequent / cyrillic;
}

/** Share of the words holding Cyrillic letters that also hold Latin ones: mojibake of a Western text. */
function mixedScriptShare(text: string): number {
  let cyr = 0;
  let mixed = 0;
  for (const m of text.matchAll(/[\p{L}]+/gu)) {
    const w = m[0];
    if (/[\u0400-\u04FF]/u.test(w)) {
      cyr++;
      if (/[A-Za-z\u00C0-\u024F]/u.test(w)) mixed++;
    }
  }
  return cyr === 0 ? 1 : mixed / cyr;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Line (1-based) of a byte offset: counts LF bytes before it, which is right for ASCII-compatible encodings. */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Byte offset of the first invalid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    try {
      UTF8.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return bytes.length;
}

function normalizeName(name: string): string {
  const n = name.toLowerCase().replace(/_/g, '-');
  if (n === 'utf8') return 'utf-8';
  if (n === 'cp1251' || n === 'win1251' || n === 'windows1251') return 'windows-1251';
  if (n === 'koi8r') return 'koi8-r';
  return n;
}

/**
 * Decodes the bytes of a file into text.
 *
 * Without `encoding`: a UTF-8 or UTF-16 byte-order mark decides; else the bytes are read as UTF-8
 * when they are valid UTF-8; else as Windows-1251 or KOI8-R, whichever reads as Russian
 * ({@link russianScore}). Bytes that are none of these raise a {@link FramelabError} naming the file
 * and line, rather than yielding mojibake. With `encoding`, that encoding is used (UTF-8 strictly).
 *
 * @example
 * decodeText(iconv.encode('Гранты и диалог', 'koi8-r'), 'a.txt').encoding // 'koi8-r'
 */
export function decodeText(bytes: Uint8Array, file: string, encoding?: string): Decoded {
  if (encoding) return decodeAs(bytes, file, normalizeName(encoding));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeAs(bytes, file, 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs(bytes, file, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs(bytes, file, 'utf-16be');
  try {
    return { text: UTF8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: try the legacy Cyrillic code pages below
  }
  const zero = bytes.indexOf(0);
  if (zero >= 0) {
    throw new FramelabError(
      `cannot decode: a NUL byte at line ${lineOfByte(bytes, zero)} — a binary file, or UTF-16 without a byte-order mark (pass --encoding utf-16le)`,
      { file },
    );
  }
  const candidates = (['windows-1251', 'koi8-r'] as const).map((enc) => {
    const text = iconv.decode(Buffer.from(bytes), enc);
    return { text, encoding: enc, score: russianScore(text) };
  });
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (best.score < 0.35 || mixedScriptShare(best.text) > 0.2) {
    const bad = firstInvalidUtf8(bytes);
    throw new FramelabError(
      `cannot decode: invalid UTF-8 at line ${lineOfByte(bytes, bad)} (byte ${bad}), and the text does not read as Russian in Windows-1251 or KOI8-R; pass --encoding NAME if you know it`,
      { file },
    );
  }
  return { text: best.text, encoding: best.encoding };
}

function decodeAs(bytes: Uint8Array, file: string, encoding: string): Decoded {
  if (encoding === 'utf-8') {
    try {
      return { text: UTF8.decode(bytes), encoding };
    } catch {
      const bad = firstInvalidUtf8(bytes);
      throw new FramelabError(`not valid UTF-8: bad byte sequence at line ${lineOfByte(bytes, bad)} (byte ${bad})`, { file });
    }
  }
  if (!iconv.encodingExists(encoding)) {
    throw new FramelabError(`unknown encoding "${encoding}" (try utf-8, utf-16le, windows-1251, koi8-r)`, { file });
  }
  let text = iconv.decode(Buffer.from(bytes), encoding);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
}
