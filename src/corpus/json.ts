import { FramelabError } from '../errors';

/** One element of a JSON array of records, as bytes, with the line it starts on. */
export interface JsonElement {
  bytes: Buffer;
  line: number;
}

/** What a JSON file held besides its records: the key of the array of records, and the top-level scalar fields beside it. */
export interface JsonHeader {
  /** Key of the array of records in a top-level object (`messages`), or null for a top-level array. */
  key: string | null;
  /** Top-level scalar fields met before the records (`name`, `type` of a Telegram export). */
  fields: Record<string, unknown>;
}

/** Values beside the records longer than this are skipped, not kept as fields. */
const HEADER_VALUE_MAX = 1 << 16;

/**
 * Streams the records of a JSON file without parsing the whole file: the file is either an array
 * of objects, or an object one of whose keys holds an array of objects (the first such array is
 * the records; its scalar fields before it go to `header.fields`). Each element is handed out as
 * its own bytes with the line it starts on; memory holds one chunk and one element. The bytes are
 * UTF-8 chunks as `readChunks` gives them. Malformed JSON is an error naming the file and line.
 *
 * @example
 * const header = { key: null, fields: {} };
 * [...jsonElements([{ bytes: Buffer.from('{"name":"c","messages":[{"id":1},{"id":2}]}') }], 'x.json', header)].length // 2
 * header.key // 'messages'
 */
export function* jsonElements(chunks: Iterable<{ bytes: Buffer }>, file: string, header: JsonHeader): Generator<JsonElement> {
  const it = chunks[Symbol.iterator]();
  let buf: Buffer = Buffer.alloc(0);
  let pos = 0;
  let line = 1;
  /** Start of the bytes that must be kept (an element being read), or -1. */
  let keep = -1;
  let ended = false;
  const fill = (): boolean => {
    if (ended) return false;
    const next = it.next();
    if (next.done) {
      ended = true;
      return false;
    }
    const from = keep >= 0 ? keep : pos;
    buf = Buffer.concat([buf.subarray(from), next.value.bytes]);
    pos -= from;
    if (keep >= 0) keep = 0;
    return true;
  };
  const fail = (what: string): never => {
    throw new FramelabError(`invalid JSON at line ${line}: ${what}`, { file, line });
  };
  const ws = (): number => {
    for (;;) {
      while (pos < buf.length) {
        const c = buf[pos];
        if (c === 0x0a) line++;
        else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return c;
        pos++;
      }
      if (!fill()) return -1;
    }
  };
  /** Moves past the string whose opening quote is at `pos`. */
  const skipString = (): void => {
    pos++;
    for (;;) {
      while (pos < buf.length) {
        const c = buf[pos];
        if (c === 0x22) {
          pos++;
          return;
        }
        if (c === 0x5c) {
          if (pos + 1 >= buf.length && !fill()) fail('the file ends inside a string');
          pos += 2;
          continue;
        }
        if (c === 0x0a) fail('a line break inside a string');
        pos++;
      }
      if (!fill()) fail('the file ends inside a string');
    }
  };
  /** Moves past the value at `pos` (string, number, literal, object or array). */
  const skipValue = (): void => {
    const c = ws();
    if (c === 0x22) return skipString();
    if (c === 0x7b || c === 0x5b) {
      let depth = 0;
      for (;;) {
        while (pos < buf.length) {
          const d = buf[pos];
          if (d === 0x22) {
            skipString();
            continue;
          }
          if (d === 0x0a) line++;
          else if (d === 0x7b || d === 0x5b) depth++;
          else if (d === 0x7d || d === 0x5d) {
            depth--;
            if (depth === 0) {
              pos++;
              return;
            }
          }
          pos++;
        }
        if (!fill()) fail('the file ends inside an object or array');
      }
    }
    if (c === -1) fail('the file ends where a value should be');
    const start = pos;
    for (;;) {
      while (pos < buf.length) {
        const d = buf[pos];
        if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) {
          if (pos === start) fail(`unexpected "${String.fromCharCode(d)}"`);
          return;
        }
        pos++;
      }
      if (!fill()) return;
    }
  };
  /** The value at `pos`, parsed (for short header values). */
  const readValue = (): unknown => {
    ws();
    keep = pos;
    skipValue();
    const bytes = buf.subarray(keep, pos);
    keep = -1;
    if (bytes.length > HEADER_VALUE_MAX) return undefined;
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch (err) {
      return fail((err as Error).message);
    }
  };
  /** After `[`: the elements, yielded when `records`, else skipped. */
  function* arrayBody(records: boolean): Generator<JsonElement> {
    let n = 0;
    for (;;) {
      let c = ws();
      if (c === 0x5d) {
        if (n > 0) fail('a comma before "]"');
        pos++;
        return;
      }
      if (c === -1) fail('the file ends inside an array');
      n++;
      if (records) {
        if (c !== 0x7b) fail(`element ${n} of the array of records is not an object`);
        const at = line;
        keep = pos;
        skipValue();
        const bytes = Buffer.from(buf.subarray(keep, pos));
        keep = -1;
        yield { bytes, line: at };
      } else skipValue();
      c = ws();
      if (c === 0x2c) {
        pos++;
        if (ws() === 0x5d) fail('a comma before "]"');
        continue;
      }
      if (c === 0x5d) {
        pos++;
        return;
      }
      fail(c === -1 ? 'the file ends inside an array' : `expected "," or "]", found "${String.fromCharCode(c)}"`);
    }
  }
  const first = ws();
  if (first === 0x5b) {
    pos++;
    header.key = null;
    yield* arrayBody(true);
  } else if (first === 0x7b) {
    pos++;
    let found = false;
    let c = ws();
    if (c === 0x7d) pos++;
    else {
      for (;;) {
        if (c !== 0x22) fail('expected a key in double quotes');
        const key = readValue() as string;
        if (ws() !== 0x3a) fail(`expected ":" after "${key}"`);
        pos++;
        const v = ws();
        if (v === 0x5b && !found) {
          pos++;
          if (ws() === 0x7b) {
            found = true;
            header.key = key;
            yield* arrayBody(true);
          } else yield* arrayBody(false);
        } else if (v === 0x7b || v === 0x5b) skipValue();
        else if (!found) {
          const value = readValue();
          if (value !== undefined && key !== '__proto__') header.fields[key] = value;
        } else skipValue();
        c = ws();
        if (c === 0x2c) {
          pos++;
          c = ws();
          continue;
        }
        if (c === 0x7d) {
          pos++;
          break;
        }
        fail(c === -1 ? 'the file ends inside an object' : `expected "," or "}", found "${String.fromCharCode(c)}"`);
      }
    }
    if (!found) {
      throw new FramelabError(
        'this JSON file holds no array of records (a list of objects, or an object with one such list); if it is the metadata of another file, read it with --sidecar, or leave it out with --exclude',
        { file },
      );
    }
  } else if (first === -1) {
    throw new FramelabError('an empty JSON file', { file });
  } else fail('a JSON corpus file is an array of records or an object holding one');
  if (ws() !== -1) fail('text after the end of the JSON value');
}

/**
 * The plain text of a Telegram message's `text`: a string as it is, or a list of strings and
 * entities (`{"type": "bold", "text": "…"}`, links, mentions, hashtags) joined in order.
 *
 * @example
 * telegramText(['Читайте ', { type: 'bold', text: 'главное' }, ' за день']) // 'Читайте главное за день'
 * telegramText('просто текст') // 'просто текст'
 */
export function telegramText(text: unknown): string {
  if (typeof text === 'string') return text;
  if (!Array.isArray(text)) return '';
  let out = '';
  for (const part of text) {
    if (typeof part === 'string') out += part;
    else if (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string') out += (part as { text: string }).text;
  }
  return out;
}

/** Whether a JSON file's header is a Telegram Desktop export (`name`, `type` and a `messages` array). */
export function isTelegramExport(header: JsonHeader): boolean {
  return header.key === 'messages' && typeof header.fields.name === 'string' && typeof header.fields.type === 'string';
}
