import { isUtf8 } from 'node:buffer';
import { FramelabError } from '../errors';

/** Encodings that {@link detectEncoding} recognizes by itself. Any other name iconv-lite knows can be forced. */
export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'koi8-r';

/** A decoded file: its text (without BOM) and the encoding it was read with. */
export interface Decoded {
  text: string;
  encoding: string;
}

/** iconv-lite, loaded when a file is not UTF-8 (most runs never need it). */
export function iconv(): typeof import('iconv-lite') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('iconv-lite') as typeof import('iconv-lite');
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

/** Line (1-based) of a byte offset: counts LF bytes before it, which is right for ASCII-compatible encodings. */
export function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Byte offset of the first invalid UTF-8 sequence (`bytes.length` when there is none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
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

/** The canonical name of an encoding (`cp1251` → `windows-1251`), or an error naming the unknown one. */
export function encodingName(name: string): string {
  const n = name.trim().toLowerCase().replace(/_/g, '-');
  const canonical =
    n === 'utf8' ? 'utf-8' : n === 'cp1251' || n === 'win1251' || n === 'windows1251' ? 'windows-1251' : n === 'koi8r' ? 'koi8-r' : n;
  if (canonical !== 'utf-8' && !iconv().encodingExists(canonical)) {
    throw new FramelabError(`unknown encoding "${name}" (try utf-8, utf-16le, windows-1251, koi8-r)`);
  }
  return canonical;
}

/** Length of a byte-order mark at the start of `bytes` for an encoding (0 when none). */
export function bomLength(bytes: Uint8Array, encoding: string): number {
  if (encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 3;
  if (encoding === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) return 2;
  if (encoding === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff) return 2;
  return 0;
}

/**
 * Decides the encoding of a file from its first bytes (the whole file, or its first MiB cut at
 * a line break), once for the whole file. Without `forced`: a UTF-8 or UTF-16 byte-order mark
 * decides; else UTF-8 when the bytes are valid UTF-8; else Windows-1251 or KOI8-R, whichever
 * reads as Russian ({@link russianScore}). Bytes that are none of these raise a
 * {@link FramelabError} naming the file and line, rather than yielding mojibake.
 *
 * @example
 * detectEncoding(iconv.encode('Гранты и диалог', 'koi8-r'), 'a.txt') // 'koi8-r'
 */
export function detectEncoding(sample: Uint8Array, file: string, forced?: string): string {
  if (forced) {
    try {
      return encodingName(forced);
    } catch (err) {
      throw new FramelabError((err as Error).message, { file });
    }
  }
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (isUtf8(sample)) return 'utf-8';
  const zero = sample.indexOf(0);
  if (zero >= 0) {
    throw new FramelabError(
      `cannot decode: a NUL byte at line ${lineOfByte(sample, zero)} — a binary file, or UTF-16 without a byte-order mark (pass --encoding utf-16le)`,
      { file },
    );
  }
  const candidates = (['windows-1251', 'koi8-r'] as const).map((enc) => {
    const text = iconv().decode(Buffer.from(sample), enc);
    return { text, encoding: enc, score: russianScore(text) };
  });
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (best.score < 0.35 || mixedScriptShare(best.text) > 0.2) {
    const bad = firstInvalidUtf8(sample);
    throw new FramelabError(
      `cannot decode: invalid UTF-8 at line ${lineOfByte(sample, bad)} (byte ${bad}), and the text does not read as Russian in Windows-1251 or KOI8-R; pass --encoding NAME if you know it`,
      { file },
    );
  }
  return best.encoding;
}

/**
 * Decodes the bytes of a whole file into text, with the encoding {@link detectEncoding} decides
 * (or `encoding`, forced); UTF-8 strictly, an invalid byte sequence being an error naming the line.
 *
 * @example
 * decodeText(iconv.encode('Гранты и диалог', 'koi8-r'), 'a.txt').encoding // 'koi8-r'
 */
export function decodeText(bytes: Uint8Array, file: string, encoding?: string): Decoded {
  const enc = detectEncoding(bytes, file, encoding);
  const body = bytes.subarray(bomLength(bytes, enc));
  if (enc === 'utf-8') {
    if (!isUtf8(body)) {
      const bad = firstInvalidUtf8(body);
      throw new FramelabError(`not valid UTF-8: bad byte sequence at line ${lineOfByte(body, bad)} (byte ${bad})`, { file });
    }
    return { text: UTF8.decode(body), encoding: enc };
  }
  return { text: iconv().decode(Buffer.from(body), enc), encoding: enc };
}
