import { DuplicateMarker, FLATTENED_LINE_BREAKS, LAYOUT_ROOM, Layout, layoutDocument } from './paragraphs';
import type { Paragraph, ParagraphMode } from './types';
import { FramelabError } from '../errors';
import { nestedQuantifier } from '../util/regex';
import { FormTable } from '../text/forms';
import { sharedVocabulary } from '../text/vocabulary';
import { paragraphKey } from '../text/normalize';
import { NeedsNormalization, Tokenizer, withoutNfcCheck } from '../text/scan';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** How documents are cut into paragraphs: a mode, or a pattern between paragraphs. */
export type Segmenter = 'auto' | 'lines' | 'blank' | RegExp;

/**
 * Reads a `--paragraphs` value: `auto`, `lines`, `blank`, `flattened` (the named pattern
 * {@link FLATTENED_LINE_BREAKS}: a dump that turned line breaks into a bare "n"), or
 * `pattern:<regex>` (a regular expression, JavaScript syntax, matching what stands between two
 * paragraphs).
 *
 * @example
 * segmenterOf('pattern:\\.n(?=\\p{Lu})') // /\.n(?=\p{Lu})/u
 * segmenterOf('flattened') instanceof RegExp // true
 */
export function segmenterOf(mode: ParagraphMode | string | RegExp | undefined): Segmenter {
  if (mode === undefined) return 'auto';
  if (mode instanceof RegExp) return mode;
  if (mode === 'auto' || mode === 'lines' || mode === 'blank') return mode;
  if (mode === 'flattened') mode = FLATTENED_LINE_BREAKS;
  if (typeof mode === 'string' && mode.startsWith('pattern:')) {
    const source = mode.slice('pattern:'.length);
    if (!source) throw new FramelabError('the paragraph pattern is empty: write pattern:<regular expression>');
    let re: RegExp;
    try {
      re = new RegExp(source, 'u');
    } catch (err) {
      throw new FramelabError(`invalid paragraph pattern /${source}/: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`);
    }
    const nested = nestedQuantifier(source);
    if (nested) {
      throw new FramelabError(
        `the paragraph pattern /${source}/ repeats a repetition (${nested}), which can take exponential time; write it without the nested repeat (e.g. (a+)+ as a+)`,
      );
    }
    if (re.test('')) throw new FramelabError(`the paragraph pattern /${source}/ matches the empty string; it must match the text between paragraphs`);
    return re;
  }
  throw new FramelabError(`unknown paragraph mode "${mode}" (use auto, lines, blank, flattened or pattern:<regex>)`);
}

/** The paragraphs of one document after {@link DocumentTokenizer.tokenize}, as parallel arrays. */
export interface DocumentParagraphs {
  count: number;
  /** 1-based line each paragraph starts on. */
  line: Int32Array;
  /** Number of the earlier paragraph it repeats, or -1. */
  duplicateOf: Int32Array;
  /** Its words in the tokenizer's output: `[tokenStart[p], tokenEnd[p])`. */
  tokenStart: Int32Array;
  tokenEnd: Int32Array;
}

/**
 * The tokens stage for whole documents: cuts a document's UTF-8 bytes into paragraphs, scans
 * each paragraph's words into the `Tokenizer` (which keeps appending: the caller resets
 * `tokenizer.n` when it has used them), and marks repeated paragraphs. A document holding code
 * points that Unicode normalization (NFC) changes is normalized first.
 */
export class DocumentTokenizer {
  readonly layout = new Layout(LAYOUT_ROOM);
  private readonly marker = new DuplicateMarker();
  readonly paragraphs: DocumentParagraphs = {
    count: 0,
    line: new Int32Array(LAYOUT_ROOM),
    duplicateOf: new Int32Array(LAYOUT_ROOM),
    tokenStart: new Int32Array(LAYOUT_ROOM),
    tokenEnd: new Int32Array(LAYOUT_ROOM),
  };

  constructor(readonly tokenizer: Tokenizer = new Tokenizer(new FormTable())) {}

  /** Cuts `bytes[start, end)` into paragraphs and scans them. */
  tokenize(bytes: Uint8Array, start: number, end: number, segmenter: Segmenter): void {
    const first = this.tokenizer.n;
    try {
      this.run(bytes, start, end, segmenter);
    } catch (err) {
      if (!(err instanceof NeedsNormalization)) throw err;
      this.tokenizer.n = first;
      const nfc = encoder.encode(decoder.decode(bytes.subarray(start, end)).normalize('NFC'));
      withoutNfcCheck(() => this.run(nfc, 0, nfc.length, segmenter));
    }
  }

  private run(bytes: Uint8Array, start: number, end: number, segmenter: Segmenter): void {
    // a pattern lays out the text normalized: its words are scanned without the check
    if (layoutDocument(bytes, start, end, segmenter, this.layout)) withoutNfcCheck(() => this.scanParagraphs());
    else this.scanParagraphs();
  }

  private scanParagraphs(): void {
    const layout = this.layout;
    const out = this.paragraphs;
    const n = layout.paragraphs;
    if (out.line.length < n) {
      const size = Math.max(n, out.line.length * 2);
      out.line = new Int32Array(size);
      out.duplicateOf = new Int32Array(size);
      out.tokenStart = new Int32Array(size);
      out.tokenEnd = new Int32Array(size);
    }
    out.count = n;
    this.marker.reset();
    const t = this.tokenizer;
    const b = layout.bytes;
    const keyOf = (p: number) => paragraphKey(layout.text(p));
    for (let p = 0; p < n; p++) {
      out.line[p] = layout.parLine[p];
      out.tokenStart[p] = t.n;
      t.startKey();
      const s0 = layout.parFirst[p];
      const s1 = s0 + layout.parCount[p];
      for (let s = s0; s < s1; s++) {
        if (s > s0) t.keySpace();
        t.scan(b, layout.segStart[s], layout.segEnd[s]);
      }
      out.tokenEnd[p] = t.n;
      const hash = t.keySpecial ? t.keyHashOf(keyOf(p)) : t.keyHash;
      out.duplicateOf[p] = this.marker.mark(p, hash, keyOf);
    }
  }

  /** The text of paragraph `p` of the last document. */
  text(p: number): string {
    return this.layout.text(p);
  }
}

/** The words of one paragraph: form ids and their offsets in the paragraph's text. */
export interface ParagraphTokens {
  ids: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
}

let sharedTokenizer: Tokenizer | undefined;
const cache = new WeakMap<Paragraph, ParagraphTokens & { text: string }>();

/**
 * The words of an in-memory paragraph (as {@link loadCorpus} gives them), scanned once and kept
 * while the paragraph object lives; ids refer to {@link sharedVocabulary}.
 *
 * @example
 * const t = paragraphTokens(corpus.documents[0].paragraphs[0]);
 * sharedVocabulary().text(t.ids[0]) // the first word, folded
 */
export function paragraphTokens(p: Paragraph): ParagraphTokens {
  const hit = cache.get(p);
  if (hit && hit.text === p.text) return hit;
  const t = (sharedTokenizer ??= new Tokenizer(sharedVocabulary()));
  const n = t.tokenizeText(p.text);
  const entry = { text: p.text, ids: t.ids.slice(0, n), starts: t.starts.slice(0, n), ends: t.ends.slice(0, n) };
  cache.set(p, entry);
  return entry;
}
