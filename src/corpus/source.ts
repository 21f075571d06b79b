import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import { FramelabError } from '../errors';
import { limit, limitHint } from '../util/limits';
import { bomLength, detectEncoding, firstInvalidUtf8, iconv, lineOfByte } from './encoding';
import type { CorpusFile } from './files';
import { recordRead } from '../util/reads';

/** A piece of a file as UTF-8, ending at a line break (but the last). */
export interface Chunk {
  /** UTF-8 bytes, without byte-order mark. */
  bytes: Buffer;
  /** 1-based line of the file where the chunk starts. */
  line: number;
  /** Bytes of the file (as stored, compressed or not) read so far: for progress. */
  read: number;
}

/** Bytes read from disk at a time. */
const READ_SIZE = 1 << 20;
/** How much of a file decides its encoding. */
const SAMPLE = 1 << 20;

/** The raw bytes of a file in pieces, gunzipped when it is compressed; `onRead` gets the bytes read from disk. */
function* rawPieces(cf: CorpusFile, onRead: (n: number) => void): Generator<Buffer> {
  let fd: number;
  try {
    fd = fs.openSync(cf.file, 'r');
    recordRead(cf.file, 'corpus');
  } catch (err) {
    throw new FramelabError(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file: cf.file });
  }
  try {
    // one read buffer: each piece is copied out (or decoded) before the next read
    const buf = Buffer.allocUnsafe(READ_SIZE);
    let compressed = 0;
    const readPiece = (): Buffer | null => {
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, READ_SIZE, null);
      } catch (err) {
        throw new FramelabError(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file: cf.file });
      }
      onRead(n);
      compressed += n;
      return n > 0 ? buf.subarray(0, n) : null;
    };
    if (!cf.gzip) {
      for (let piece = readPiece(); piece; piece = readPiece()) yield piece;
      return;
    }
    // minizlib's streams are synchronous: what a write produces is there when the write returns
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Gunzip } = require('minizlib') as typeof import('minizlib');
    const gunzip = new Gunzip({});
    const out: Buffer[] = [];
    let failure: Error | undefined;
    // a gzip bomb (1 GiB of newlines in 4.6 MB) is stopped once it expands past the ratio limit
    const maxRatio = limit('gzipRatio');
    let expanded = 0;
    gunzip.on('data', (d: Buffer) => {
      expanded += d.length;
      if (expanded > 64 * 1048576 && expanded > maxRatio * Math.max(compressed, 1)) {
        throw new FramelabError(`the gzip file expands more than ${maxRatio} times its size (a gzip bomb?); nothing of it was counted (${limitHint('gzipRatio')})`, { file: cf.file });
      }
      out.push(d);
    });
    gunzip.on('error', (e: unknown) => (failure ??= e as Error));
    const fail = (e: Error) =>
      new FramelabError(
        /unexpected end/i.test(e.message)
          ? 'the gzip file is truncated (it ends before its compressed data does); nothing of it was counted'
          : `not a valid gzip file (${e.message.replace(/^zlib: /, '')})`,
        { file: cf.file },
      );
    let sawAny = false;
    for (let piece = readPiece(); piece; piece = readPiece()) {
      sawAny = true;
      // in slices of 64 KiB: zlib inflates a whole write before the ratio check sees any of it (1 MiB can make 1 GiB)
      for (let at = 0; at < piece.length; at += 65536) {
        gunzip.write(Buffer.from(piece.subarray(at, at + 65536)));
        if (failure) throw fail(failure);
      }
      if (out.length) yield Buffer.concat(out.splice(0));
    }
    if (!sawAny) throw new FramelabError('an empty file is not a gzip file', { file: cf.file });
    gunzip.end();
    if (failure) throw fail(failure);
    if (out.length) yield Buffer.concat(out.splice(0));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a corpus file as UTF-8 in chunks that end at line breaks: gunzipped when compressed,
 * its encoding decided once from its first MiB (see {@link detectEncoding}) or forced, and
 * converted to UTF-8 when it is another. The whole file is held to that decision: a byte sequence
 * invalid in it, or a NUL byte (a binary file), is an error naming the file and the first bad
 * line, wherever it is. `state.encoding` tells the encoding once the first chunk is out.
 * A chunk's bytes are valid until the chunk after next is read (two buffers serve in turn).
 *
 * @example
 * for (const chunk of readChunks(file, {}, state)) handle(chunk.bytes);
 */
export function* readChunks(cf: CorpusFile, options: { encoding?: string }, state: { encoding: string; read: number }): Generator<Chunk> {
  const pieces = rawPieces(cf, (n) => (state.read += n));
  // chunks are written into two buffers in turn: a chunk stays valid while the next one is read
  const ring: Buffer[] = [Buffer.allocUnsafe(0), Buffer.allocUnsafe(0)];
  let turn = 0;
  let pending: Buffer = Buffer.alloc(0);
  let done = false;
  const more = (): boolean => {
    if (pending.length) pending = Buffer.from(pending); // the next read reuses the read buffer
    const next = pieces.next();
    if (next.done) {
      done = true;
      return false;
    }
    pending = pending.length ? Buffer.concat([pending, next.value]) : next.value;
    return true;
  };
  while (pending.length < SAMPLE && more());
  // the sample: the first MiB, cut at its last line break (or at a character boundary) unless it is the whole file
  let cut = Math.min(pending.length, SAMPLE);
  if (cut < pending.length || !done) {
    const nl = pending.lastIndexOf(0x0a, cut - 1);
    if (nl >= 0) cut = nl + 1;
    else cut = charBoundary(pending, cut);
  }
  const encoding = detectEncoding(pending.subarray(0, cut), cf.file, options.encoding);
  state.encoding = encoding;
  pending = pending.subarray(bomLength(pending, encoding));
  const decoder = encoding === 'utf-8' ? null : iconv().getDecoder(encoding);
  let line = 1;
  let carry: Buffer = Buffer.alloc(0);
  const maxLine = limit('lineMiB') * 1048576;
  const emit = (utf8: Buffer, last: boolean): Chunk | null => {
    const size = carry.length + utf8.length;
    turn ^= 1;
    if (ring[turn].length < size) ring[turn] = Buffer.allocUnsafe(Math.max(size, READ_SIZE + (1 << 16)));
    let bytes = ring[turn].subarray(0, size);
    carry.copy(bytes, 0);
    utf8.copy(bytes, carry.length);
    // the whole piece is checked before any of its lines is handed out (the unfinished last line
    // too, up to its last whole character), so that every reader, line by line or in batches,
    // meets the same first error
    check(bytes, last ? bytes.length : charBoundary(bytes, bytes.length));
    let keep = bytes.length;
    if (!last) {
      const nl = bytes.lastIndexOf(0x0a);
      keep = nl + 1;
    }
    carry = Buffer.from(bytes.subarray(keep));
    if (carry.length > maxLine) {
      // an endless line would be copied again with every read (and held whole): stop it
      throw new FramelabError(`line ${line + countLf(bytes.subarray(0, keep))} is longer than ${limit('lineMiB')} MiB (${limitHint('lineMiB')})`, { file: cf.file });
    }
    bytes = bytes.subarray(0, keep);
    if (bytes.length === 0) return null;
    const chunk = { bytes, line, read: state.read };
    line += countLf(bytes);
    return chunk;
  };
  /** The first invalid UTF-8 sequence (in `bytes[0, end)`) or NUL byte of a piece, whichever comes first, as an error naming its line. */
  const check = (bytes: Buffer, end: number): void => {
    const bad = decoder === null && !isUtf8(bytes.subarray(0, end)) ? firstInvalidUtf8(bytes.subarray(0, end)) : -1;
    const zero = bytes.indexOf(0);
    if (bad >= 0 && (zero < 0 || bad < zero)) {
      throw new FramelabError(
        `not valid UTF-8 at line ${line + lineOfByte(bytes, bad) - 1}, though the file's first MiB reads as UTF-8; convert it, or pass --encoding if you know its encoding`,
        { file: cf.file },
      );
    }
    if (zero >= 0) {
      throw new FramelabError(`a NUL byte at line ${line + lineOfByte(bytes, zero) - 1}: this looks like a binary file, not text`, { file: cf.file });
    }
  };
  const convert = (raw: Buffer): Buffer => (decoder === null ? raw : Buffer.from(decoder.write(raw), 'utf8'));
  for (;;) {
    const out = emit(convert(pending), false);
    pending = Buffer.alloc(0);
    if (out) yield out;
    if (done || !more()) break;
  }
  const tail = decoder === null ? Buffer.alloc(0) : Buffer.from(decoder.end() ?? '', 'utf8');
  const last = emit(tail, true);
  if (last) yield last;
}

/** Number of LF bytes in a buffer. */
export function countLf(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(0x0a); i >= 0; i = b.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** The largest offset ≤ `cut` that does not split a UTF-8 sequence of `b`. */
export function charBoundary(b: Uint8Array, cut: number): number {
  let j = cut - 1;
  while (j >= 0 && cut - j < 4 && (b[j] & 0xc0) === 0x80) j--;
  if (j < 0) return cut;
  const lead = b[j];
  const len = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return j + len > cut ? j : cut;
}
