/** How a document's text is cut into paragraphs (see also `pattern:<regex>` in {@link LoadOptions}). */
export type ParagraphMode = 'auto' | 'lines' | 'blank';

/** One paragraph of a document. */
export interface Paragraph {
  /** 0-based number within its document, counted before any duplicates are dropped. */
  index: number;
  /** The paragraph's text, trimmed. */
  text: string;
  /** 1-based line of the source file (or of the document's text, for JSONL and CSV) where it starts. */
  line: number;
  /** Number of the earlier paragraph of the same document with the same normalized text, if any. */
  duplicateOf: number | null;
  /** Index of the boilerplate paragraph it is (see `Corpus.boilerplate`), null when it is none; absent when boilerplate was not looked for. */
  boilerplateOf?: number | null;
}

/** One document of a corpus. */
export interface Document {
  /** The id field, else the file name (relative to the folder given) without extension, or `<file>:<line>` / `<file>:<row>`. */
  id: string;
  /** File it was read from. */
  source: string;
  /** That file relative to the folder given (its name, for a file given by itself): the built-in `file` field. */
  file?: string;
  /** Encoding the file was decoded with. */
  encoding: string;
  /** Other fields of a JSONL or CSV record. */
  meta: Record<string, unknown>;
  paragraphs: Paragraph[];
  /** Number of the source (corpus file entry, or path given) it was read from. */
  sourceIndex?: number;
}

/** Documents in the order they were read, with how they were read. */
export interface Corpus {
  documents: Document[];
  /** Paragraphs dropped as duplicates by `dedupe` (0 when not asked). */
  droppedDuplicates: number;
  /** Paragraphs repeated across documents of a source, when looked for (`boilerplateMin`): what `boilerplateOf` points at. */
  boilerplate?: import('./boilerplate').Boilerplate;
  /** Paragraphs dropped as boilerplate (`dropBoilerplate`). */
  droppedBoilerplate?: number;
  options: { paragraphs: string; dedupe: boolean; encoding: string | null };
}
