import * as fs from 'node:fs';
import iconv from 'iconv-lite';
import { FramelabError } from '../errors';
import { decodeText } from './encoding';

/** One line of a file, with its 1-based number and how many bytes of the file have been read so far. */
export interface Line {
  text: string;
  line: number;
  bytesRead: number;
}

const CHUNK = 1 << 20;

/**
 * Reads a text file line by line in 1 MiB chunks, never holding more than one chunk and the
 * current line in memory. The encoding is detected on the first chunk (cut at its last line
 * break) the way {@link decodeText} detects it, or forced. LF, CRLF and CR end lines. A byte
 * sequence invalid in the encoding raises a {@link FramelabError} naming the file and line.
 *
 * @example
 * for (const { text, line } of readLines('corpus.jsonl')) handle(JSON.parse(text), line);
 */
export function* readLines(file: string, encoding?: string): Generator<Line> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw new FramelabError(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file });
  }
  try {
    const buf = Buffer.alloc(CHUNK);
    let n = fs.readSync(fd, buf, 0, CHUNK, null);
    let bytesRead = n;
    const first = buf.subarray(0, n);
    const cut = n === CHUNK ? Math.max(first.lastIndexOf(0x0a) + 1, 1) : n;
    const detected = decodeText(first.subarray(0, cut), file, encoding).encoding;
    const decode = decoderFor(detected, file);
    let pending = '';
    let lineNo = 0;
    let skipLf = false;
    while (n > 0) {
      let text: string;
      try {
        text = decode.write(Buffer.from(buf.subarray(0, n)));
      } catch {
        throw new FramelabError(`not valid ${detected} after line ${lineNo + 1}`, { file, line: lineNo + 1 });
      }
      if (lineNo === 0 && pending === '' && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      let start = 0;
      if (skipLf && text[0] === '\n') start = 1;
      skipLf = false;
      for (let i = start; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) {
          const line = pending + text.slice(start, i);
          pending = '';
          lineNo++;
          yield { text: line, line: lineNo, bytesRead };
          if (c === 13) {
            if (i + 1 < text.length) {
              if (text.charCodeAt(i + 1) === 10) i++;
            } else skipLf = true;
          }
          start = i + 1;
        }
      }
      pending += text.slice(start);
      n = fs.readSync(fd, buf, 0, CHUNK, null);
      bytesRead += n;
    }
    try {
      pending += decode.end();
    } catch {
      throw new FramelabError(`not valid ${detected}: the file ends inside a character`, { file, line: lineNo + 1 });
    }
    if (pending !== '') yield { text: pending, line: lineNo + 1, bytesRead };
  } finally {
    fs.closeSync(fd);
  }
}

/** A streaming decoder: strict TextDecoder for UTF-8, iconv-lite for the rest. */
function decoderFor(encoding: string, file: string): { write(b: Buffer): string; end(): string } {
  if (encoding === 'utf-8') {
    const d = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  if (!iconv.encodingExists(encoding)) throw new FramelabError(`unknown encoding "${encoding}"`, { file });
  const d = iconv.getDecoder(encoding);
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}
