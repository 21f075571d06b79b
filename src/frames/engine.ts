/**
 * The batch counter: the one place where paragraphs become counted rows. A batch of corpus items
 * (read from files) or of in-memory documents is cut into paragraphs, scanned into form ids,
 * classified once per new form and counted; the same code runs in the calling thread and in every
 * worker thread (see `pool.ts`), and `count.ts` drives it.
 */
import type { CorpusFile } from '../corpus/files';
import { DROP_BOILERPLATE, DROP_REPEAT, ParagraphCutter, type CutOptions, type Item } from '../corpus/read';
import type { Document } from '../corpus/types';
import { FramelabError } from '../errors';
import type { FormTable, LemmaLookup } from '../text/forms';
import type { Tokenizer, TokenizerState } from '../text/scan';
import { sharedVocabulary } from '../text/vocabulary';
import { paragraphTokens } from '../corpus/tokens';
import type { Dictionary } from './dictionary';
import type { ContextSource, FrameMatcher } from './matcher';
import { runContext, runContextOfBytes } from './rules';
import { ROW, type CountedRows, type TableDocument, type WordRule } from '../table/frame-table';
import { newVocabulary, type Vocabulary } from './vocabularies';
import { grown } from '../util/arrays';

/** What a batch counter needs to know, the same in the calling thread and in every worker: how items are cut (see `CutOptions`), and counted. */
export interface EngineOptions extends CutOptions {
  skipBadLines: boolean;
  /** Lemmatize every form, not only those a pattern could reach (for verification). */
  fullLemmas: boolean;
  /** Keep each paragraph's text. */
  texts: boolean;
  /** Count only words holding a letter in `tokens` (see {@link WordRule}). */
  lettersOnly: boolean;
}

/** A document counted in a batch, with where it came from (for the id check). */
export interface BatchDocument extends TableDocument {
  source: string;
  line: number;
}

/** A batch scanned into words, waiting (maybe) for lemmas before it is counted. */
interface ScannedBatch {
  docs: BatchDocument[];
  /** Per kept paragraph: document, paragraph number, duplicate_of, first word, end word. */
  par: Int32Array;
  paragraphs: number;
  ids: Int32Array;
  waiting: number[];
  dropped: number;
  repeats: number;
  skipped: Array<{ file: string; line: number; message: string }>;
  error?: { message: string };
  texts?: string[];
  /** With a dictionary that has rules: the sentences and case of the paragraphs (by row) holding a word that may start a ruled pattern. */
  contexts?: Map<number, ContextSource>;
  /** Paragraphs dropped as boilerplate. */
  boilerplate: number;
  /** Per kept paragraph, the boilerplate item it is (-1: none), when boilerplate is looked for. */
  boilerplateOf?: number[];
  /** JSONL documents with no text (records read whole are noted where they are read). */
  empty?: string[];
  /** JSONL documents whose id field is empty: [id field, the name they got]. */
  emptyIds?: Array<[string, string]>;
}

/** What a batch produced: counted rows and what the reader must check or report. */
export interface BatchResult {
  counted: CountedRows;
  docs: BatchDocument[];
  dropped: number;
  repeats: number;
  skipped: Array<{ file: string; line: number; message: string }>;
  /** A bad line without `skipBadLines`: the whole run stops when this batch's turn comes. */
  error?: { message: string };
  /** Paragraphs dropped as boilerplate. */
  boilerplate?: number;
  /** Ids of JSONL documents with no text. */
  empty?: string[];
  /** JSONL documents whose id field is empty: [id field, the name they got]. */
  emptyIds?: Array<[string, string]>;
}

const PAR = 5;

/**
 * Counts batches of corpus items: parses records, cuts paragraphs, scans words into its own
 * vocabulary, classifies each new form once, and counts. The same code runs in the calling thread
 * (`jobs: 1`) and in every worker thread; in a worker the lemmas come from the main thread, so
 * that the morphology dictionaries are loaded once per run, not once per thread.
 */
export class BatchCounter {
  readonly forms: FormTable;
  private readonly tokenizer: Tokenizer;
  private readonly cutter: ParagraphCutter;
  readonly matcher: FrameMatcher;
  private readonly width: number;

  constructor(
    private readonly files: readonly CorpusFile[],
    dictionary: Dictionary,
    private readonly options: EngineOptions,
    lemmas: LemmaLookup,
    vocabulary?: Vocabulary,
  ) {
    const v = vocabulary ?? newVocabulary(dictionary, lemmas, options.fullLemmas);
    this.forms = v.forms;
    this.tokenizer = v.tokenizer;
    this.matcher = v.matcher;
    this.cutter = new ParagraphCutter(files, options, this.tokenizer);
    this.width = ROW.counts + dictionary.categories.length;
  }

  /** The raw forms this counter's scanner has met (see `Tokenizer.exportState`), to hand to another thread. */
  rawForms(): TokenizerState {
    return this.tokenizer.exportState();
  }

  /**
   * Takes the raw forms another thread met into this counter's vocabulary and classifies the new
   * forms (lemmas must be at hand), so that the vocabulary kept for the next run holds the words
   * of every thread.
   */
  learn(raw: TokenizerState): void {
    const known = this.forms.size;
    this.tokenizer.learn(raw);
    for (let id = known; id < this.forms.size; id++) this.matcher.classify(id);
  }

  /**
   * A new, empty scanned batch with room for `words` word ids. Every field is there from the start,
   * the optional ones undefined: a field added later (the first empty document of a run) would
   * change the object's shape, and V8 would throw away the optimized code that reads it.
   */
  private newBatch(words: number): ScannedBatch {
    return {
      docs: [],
      par: new Int32Array(256 * PAR),
      paragraphs: 0,
      ids: new Int32Array(words),
      waiting: [],
      dropped: 0,
      repeats: 0,
      skipped: [],
      error: undefined,
      texts: this.options.texts ? [] : undefined,
      contexts: undefined,
      boilerplate: 0,
      boilerplateOf: this.options.boilerplate ? [] : undefined,
      empty: undefined,
      emptyIds: undefined,
    };
  }

  /** Parses and scans a batch; its `waiting` lists the forms whose lemmas must come first. */
  scan(items: readonly Item[]): ScannedBatch {
    const b = this.newBatch(0);
    const t = this.tokenizer;
    const cutter = this.cutter;
    const doc = cutter.doc;
    const known = this.forms.size;
    const rules = this.matcher.hasRules;
    let classified = known;
    t.n = 0;
    for (const item of items) {
      let record;
      try {
        record = cutter.cut(item);
      } catch (err) {
        if (!(err instanceof FramelabError)) throw err;
        if (this.options.skipBadLines && item.kind === 'line') {
          b.skipped.push({ file: this.files[item.file].file, line: item.line, message: err.message });
          continue;
        }
        b.error = { message: err.message };
        break;
      }
      if (!record) continue;
      const cf = this.files[record.fileIndex];
      const d = b.docs.length;
      b.docs.push({ id: record.id, meta: record.meta, file: cf.relative, source: cf.file, line: record.line });
      const par = doc.paragraphs;
      if (rules) for (; classified < this.forms.size; classified++) this.matcher.classify(classified);
      if (cutter.empty) (b.empty ??= []).push(record.id);
      if (cutter.emptyIdField !== undefined) (b.emptyIds ??= []).push([cutter.emptyIdField, record.id]);
      for (let p = 0; p < par.count; p++) {
        const fate = cutter.fate(p);
        if (fate === DROP_REPEAT) {
          b.dropped++;
          continue;
        }
        if (fate === DROP_BOILERPLATE) {
          b.boilerplate++;
          continue;
        }
        const dup = par.duplicateOf[p];
        if (dup >= 0) b.repeats++;
        if ((b.paragraphs + 1) * PAR > b.par.length) b.par = grown(b.par);
        const o = b.paragraphs * PAR;
        b.par[o] = d;
        b.par[o + 1] = p;
        b.par[o + 2] = dup;
        b.par[o + 3] = par.tokenStart[p];
        b.par[o + 4] = par.tokenEnd[p];
        b.paragraphs++;
        if (b.boilerplateOf) b.boilerplateOf.push(fate);
        if (b.texts) b.texts.push(doc.text(p));
        if (rules) this.keepContext(b, b.paragraphs - 1, par.tokenStart[p], par.tokenEnd[p], p);
      }
    }
    b.ids = t.ids.slice(0, t.n);
    for (let id = known; id < this.forms.size; id++) this.matcher.classify(id);
    b.waiting = [...this.matcher.waiting];
    return b;
  }

  /**
   * Scans in-memory documents, already cut into paragraphs (as `loadCorpus` gives them), into a
   * batch: each paragraph's text is scanned as it stands, its number, `duplicateOf` and
   * `boilerplateOf` are kept, and, with `texts`, its text.
   */
  scanDocuments(documents: readonly Document[]): ScannedBatch {
    const b = this.newBatch(1024);
    const t = this.tokenizer;
    // over the process's shared vocabulary a paragraph's words are scanned once and kept with it
    const shared = this.forms === sharedVocabulary();
    const rules = this.matcher.hasRules;
    let n = 0;
    for (const document of documents) {
      const d = b.docs.length;
      b.docs.push({ id: document.id, meta: document.meta, file: document.file, source: document.source, line: 0 });
      for (const p of document.paragraphs) {
        let words: number;
        let ids: Int32Array;
        let starts: Int32Array;
        let ends: Int32Array;
        if (shared) {
          ({ ids, starts, ends } = paragraphTokens(p));
          words = ids.length;
        } else {
          words = t.tokenizeText(p.text);
          ({ ids, starts, ends } = t);
        }
        if (n + words > b.ids.length) b.ids = grown(b.ids, n + words);
        b.ids.set(ids.subarray(0, words), n);
        // every word, not only new forms: a shared vocabulary holds forms this matcher has not seen
        for (let k = 0; k < words; k++) this.matcher.classify(ids[k]);
        if ((b.paragraphs + 1) * PAR > b.par.length) b.par = grown(b.par);
        const dup = p.duplicateOf ?? -1;
        if (dup >= 0) b.repeats++;
        const o = b.paragraphs * PAR;
        b.par[o] = d;
        b.par[o + 1] = p.index;
        b.par[o + 2] = dup;
        b.par[o + 3] = n;
        b.par[o + 4] = n + words;
        b.paragraphs++;
        n += words;
        if (b.boilerplateOf) b.boilerplateOf.push(p.boilerplateOf ?? -1);
        if (b.texts) b.texts.push(p.text);
        if (rules) {
          const ruled = this.matcher.ruledForms;
          let k = 0;
          while (k < words && ruled[ids[k]] === 0) k++;
          if (k < words) {
            // made only if the count needs it (from the cached offsets, or from copies of the scanner's)
            const text = p.text;
            const at = shared ? { starts, ends } : { starts: starts.slice(0, words), ends: ends.slice(0, words) };
            (b.contexts ??= new Map()).set(b.paragraphs - 1, () => runContext(text, at.starts, at.ends, 0, words));
          }
        }
      }
    }
    b.ids = b.ids.slice(0, n);
    b.waiting = [...this.matcher.waiting];
    return b;
  }

  /**
   * Keeps the sentences and case of a paragraph that holds a word which may start a pattern with
   * rules (or is not classified yet): only such paragraphs are read again.
   */
  private keepContext(b: ScannedBatch, row: number, from: number, to: number, p: number): void {
    const t = this.tokenizer;
    const ruled = this.matcher.ruledForms;
    const ids = t.ids;
    let i = from;
    while (i < to && ruled[ids[i]] === 0) i++;
    if (i === to) return;
    // read from the bytes the words were scanned from, with the paragraph's lines
    const layout = this.cutter.doc.layout;
    const first = layout.parFirst[p];
    const segments = new Int32Array(2 * layout.parCount[p]);
    for (let k = 0; k < layout.parCount[p]; k++) {
      segments[2 * k] = layout.segStart[first + k];
      segments[2 * k + 1] = layout.segEnd[first + k];
    }
    (b.contexts ??= new Map()).set(row, runContextOfBytes(layout.bytes, t.starts, t.ends, from, to, segments, { ids, ruled }));
  }

  /** The folded forms whose lemmas a batch waits for. */
  formsWaiting(b: ScannedBatch): string[] {
    return [...new Set(b.waiting.flatMap((id) => this.matcher.needsOf(id)))];
  }

  /** Whether every form of a batch is classified (after lemmas arrived). */
  ready(b: ScannedBatch): boolean {
    b.waiting = b.waiting.filter((id) => !this.matcher.classify(id));
    return b.waiting.length === 0;
  }

  /** Counts a ready batch. */
  finish(b: ScannedBatch): BatchResult {
    const width = this.width;
    const data = new Int32Array(b.paragraphs * width);
    const counts = new Int32Array(width - ROW.counts);
    for (let r = 0; r < b.paragraphs; r++) {
      const p = r * PAR;
      const o = r * width;
      counts.fill(0);
      const from = b.par[p + 3];
      const to = b.par[p + 4];
      const matched = this.matcher.countIds(b.ids, from, to, counts, b.contexts?.get(r));
      data[o + ROW.doc] = b.par[p];
      data[o + ROW.paragraph] = b.par[p + 1];
      data[o + ROW.tokens] = this.matcher.wordCount(b.ids, from, to, this.options.lettersOnly);
      data[o + ROW.duplicateOf] = b.par[p + 2];
      data[o + ROW.matched] = matched;
      data.set(counts, o + ROW.counts);
    }
    return {
      counted: { docs: b.docs, data, rows: b.paragraphs, width, texts: b.texts, ...(b.boilerplateOf ? { boilerplateOf: Int32Array.from(b.boilerplateOf) } : {}) },
      docs: b.docs,
      dropped: b.dropped,
      repeats: b.repeats,
      skipped: b.skipped,
      error: b.error,
      boilerplate: b.boilerplate,
      empty: b.empty,
      emptyIds: b.emptyIds,
    };
  }

  /** Scans and counts a batch in this thread (lemmas must be at hand): corpus items, or in-memory documents. */
  process(items: readonly Item[] | { documents: readonly Document[] }): BatchResult {
    const b = 'documents' in items ? this.scanDocuments(items.documents) : this.scan(items);
    if (!this.ready(b)) throw new Error('lemmas missing in a thread that has the lemmatizer');
    return this.finish(b);
  }
}

