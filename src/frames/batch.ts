import { parseJsonlLine, type RawDocument } from '../corpus/load';
import { markDuplicates, splitParagraphs } from '../corpus/paragraphs';
import type { Corpus, ParagraphMode } from '../corpus/types';
import { FramelabError } from '../errors';
import { Lemmatizer } from '../text/lemmatizer';
import { toCsv, toJson } from '../table/format';
import { countFrameRows, FrameMatcher } from './count';
import type { Dictionary } from './dictionary';

/** A unit of work: a JSONL line still to parse, or a document already read. */
export type BatchItem =
  | { kind: 'line'; file: string; fileId: string; line: number; text: string }
  | { kind: 'doc'; file: string; id: string; text: string };

/** What a batch produced: its rows already formatted, and what the reader must check or report. */
export interface BatchResult {
  /** CSV records (no header) or JSON rows joined with ",\n" (no brackets). */
  out: string;
  rows: number;
  /** Every document id with the file and line it came from, for the uniqueness check. */
  ids: Array<{ id: string; file: string; line: number }>;
  dropped: number;
  /** Rows that repeat an earlier paragraph (kept, with duplicate_of). */
  repeats: number;
  /** JSONL lines skipped as bad (with `skipBadLines`). */
  skipped: Array<{ file: string; line: number; message: string }>;
  /** A bad line without `skipBadLines`: the whole run stops. */
  error?: { message: string; file?: string; line?: number };
}

/** Options of a batch processor. */
export interface BatchOptions {
  paragraphs: ParagraphMode;
  dedupe: boolean;
  rate: boolean;
  format: 'csv' | 'json';
  skipBadLines: boolean;
  /** Lemmatize every form instead of only those a pattern could reach (for verification). */
  fullLemmas?: boolean;
}

/**
 * Turns batches of corpus items into formatted count rows, keeping its matcher (and lemma cache)
 * between batches. The same code runs inline (`--jobs 1`) and inside worker threads.
 */
export class BatchProcessor {
  private readonly matcher: FrameMatcher;

  constructor(
    private readonly dictionary: Dictionary,
    private readonly options: BatchOptions,
    lemmatizer: Lemmatizer = new Lemmatizer(),
  ) {
    this.matcher = new FrameMatcher(dictionary, lemmatizer, { lemmaFilter: !options.fullLemmas });
  }

  process(items: readonly BatchItem[]): BatchResult {
    const result: BatchResult = { out: '', rows: 0, ids: [], dropped: 0, repeats: 0, skipped: [] };
    const docs: Array<RawDocument & { file: string }> = [];
    for (const item of items) {
      if (item.kind === 'doc') {
        docs.push({ id: item.id, text: item.text, meta: {}, file: item.file });
        result.ids.push({ id: item.id, file: item.file, line: 1 });
        continue;
      }
      try {
        const doc = parseJsonlLine(item.text, { file: item.file, id: item.fileId }, item.line);
        if (!doc) continue;
        docs.push({ ...doc, file: item.file });
        result.ids.push({ id: doc.id, file: item.file, line: item.line });
      } catch (err) {
        if (!(err instanceof FramelabError)) throw err;
        if (this.options.skipBadLines) result.skipped.push({ file: item.file, line: item.line, message: err.message });
        else {
          result.error = { message: err.message };
          return result;
        }
      }
    }
    const corpus: Corpus = {
      documents: docs.map((d) => {
        const all = markDuplicates(splitParagraphs(d.text, this.options.paragraphs));
        const paragraphs = this.options.dedupe ? all.filter((p) => p.duplicateOf === null) : all;
        result.dropped += all.length - paragraphs.length;
        return { id: d.id, source: d.file, encoding: '', meta: d.meta, paragraphs };
      }),
      droppedDuplicates: 0,
      options: { paragraphs: this.options.paragraphs, dedupe: this.options.dedupe, encoding: null },
    };
    const table = countFrameRows(corpus, this.dictionary, { rate: this.options.rate, matcher: this.matcher });
    result.rows = table.rows.length;
    result.repeats = table.rows.filter((r) => r.duplicate_of !== null).length;
    if (table.rows.length) {
      if (this.options.format === 'csv') {
        // toCsv writes a header line first: keep the records only
        const csv = toCsv(table);
        result.out = csv.slice(csv.indexOf('\r\n') + 2);
      } else {
        const json = toJson(table);
        result.out = json.slice(2, json.length - 3); // strip "[\n" and "\n]\n"
      }
    }
    return result;
  }
}
