import { FramelabError } from '../errors';
import { paragraphKey } from '../text/normalize';
import { printable } from '../util/printable';
import type { CorpusFile } from './files';

/** A paragraph that stands in many documents of one source: a footer, a signature, a call to subscribe. */
export interface BoilerplateItem {
  /** Number of the source (see `CorpusFile.source`). */
  source: number;
  /** The paragraph's text, as first met. */
  text: string;
  /** Documents of the source that hold it. */
  documents: number;
}

/** The boilerplate of a corpus: paragraphs repeated across at least `minDocuments` documents of one source. */
export interface Boilerplate {
  minDocuments: number;
  /** Most documents first. */
  items: BoilerplateItem[];
  /** {@link boilerplateKey} → index into `items`. */
  index: Map<string, number>;
}

/**
 * The key of a paragraph in a source: the source's number and the paragraph's duplicate key
 * (case folded, ё → е, white space collapsed), so that the same footer in two outlets counts
 * apart.
 *
 * @example
 * boilerplateKey(0, 'Читать  нас без VPN') === boilerplateKey(0, 'читать нас без vpn') // true
 */
export function boilerplateKey(source: number | undefined, text: string): string {
  return `${source ?? 0}\u0000${paragraphKey(text)}`;
}

/**
 * Finds the paragraphs that stand in at least `minDocuments` documents of one source (a paragraph
 * repeated inside one document counts once for it), reading the corpus once with `read` (the
 * document reader, given so that this module needs no import cycle). Most frequent first, ties by
 * text. The paragraphs are then marked `boilerplateOf` (an index into `items`) when the corpus is
 * read with `boilerplate`, and dropped with `dropBoilerplate`.
 *
 * @example
 * const b = findBoilerplate(readDocuments('data/mixed-corpus/ria-posts.json'), 3);
 * b.items // [{ source: 0, text: 'МОСКВА, 10 авг - РИА Новости.', documents: 5 }]
 */
export function findBoilerplate(documents: Iterable<{ paragraphs: Array<{ text: string }>; sourceIndex?: number }>, minDocuments: number): Boilerplate {
  if (!Number.isInteger(minDocuments) || minDocuments < 2) throw new FramelabError(`boilerplate needs a number of documents ≥ 2, not ${minDocuments}`);
  const counts = new Map<string, { n: number; text: string; source: number }>();
  for (const doc of documents) {
    const seen = new Set<string>();
    for (const p of doc.paragraphs) {
      const key = boilerplateKey(doc.sourceIndex, p.text);
      if (seen.has(key)) continue;
      seen.add(key);
      const c = counts.get(key);
      if (c) c.n++;
      else counts.set(key, { n: 1, text: p.text, source: doc.sourceIndex ?? 0 });
    }
  }
  const found = [...counts.entries()].filter(([, c]) => c.n >= minDocuments);
  found.sort((a, b) => b[1].n - a[1].n || (a[1].text < b[1].text ? -1 : a[1].text > b[1].text ? 1 : 0));
  const items = found.map(([, c]) => ({ source: c.source, text: c.text, documents: c.n }));
  return { minDocuments, items, index: new Map(found.map(([key], i) => [key, i])) };
}

/** Boilerplate as a note: how many paragraphs, the most frequent ones with their text and count. */
export function boilerplateNote(b: Boilerplate, sourceName: (source: number) => string, drop: boolean): string {
  if (b.items.length === 0) return `no paragraph stands in ${b.minDocuments} or more documents of one source: no boilerplate`;
  const shown = b.items
    .slice(0, 5)
    .map((i) => `«${printable(i.text.length > 70 ? i.text.slice(0, 70) + '…' : i.text)}» (${i.documents} documents of ${sourceName(i.source)})`)
    .join('; ');
  return (
    `boilerplate: ${b.items.length} paragraph(s) stand in ${b.minDocuments} or more documents of one source, ${drop ? 'dropped' : 'kept (--drop-boilerplate drops them)'}: ${shown}` +
    (b.items.length > 5 ? `; and ${b.items.length - 5} more` : '')
  );
}

/** The name of a source in notes: its path, from the report's files. */
export function sourceNamer(report: { files: readonly CorpusFile[] }, paths?: readonly string[]): (source: number) => string {
  return (source) => {
    const f = report.files.find((cf) => cf.source === source);
    return paths?.[source] ?? (f ? f.file : `source ${source + 1}`);
  };
}

