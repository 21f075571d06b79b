import * as fs from 'node:fs';
import * as path from 'node:path';
import { foldCase, hasCyrillic } from './normalize';

type Morph = (word: string) => Array<{ word: string; parser: string; normalize(): { word?: string } }>;

let morph: Morph | undefined;

/**
 * Loads Az.js's OpenCorpora dictionaries (shipped inside the `az` package) once, synchronously.
 * Az.js loads its files with callbacks; here its loader is pointed at a queue that is drained
 * right after `init`, so the whole load finishes before this function returns.
 */
function loadMorph(): Morph {
  if (morph) return morph;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Az = require('az') as typeof import('az');
  const dicts = path.join(path.dirname(require.resolve('az')), '..', 'dicts');
  const original = Az.load;
  const queue: Array<() => void> = [];
  Az.load = (url, responseType, callback) => {
    queue.push(() => {
      let data: unknown;
      try {
        const bytes = fs.readFileSync(url);
        data =
          responseType === 'json'
            ? JSON.parse(bytes.toString('utf8'))
            : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      } catch (err) {
        callback(err as Error);
        return;
      }
      callback(null, data);
    });
  };
  let failure: Error | null | undefined;
  try {
    Az.Morph.init(dicts, (err) => {
      failure = err;
    });
    while (queue.length > 0) queue.shift()!();
  } finally {
    Az.load = original;
  }
  if (failure !== null) {
    throw new Error(`could not load the Russian morphology dictionaries from ${dicts}: ${failure?.message ?? 'init did not finish'}`);
  }
  morph = Az.Morph as unknown as Morph;
  return morph;
}

/**
 * The lemma of one folded word, computed without a cache: the most probable OpenCorpora parse.
 * Words without Cyrillic letters (Latin, digits) are their own lemma. A hyphenated word that the
 * dictionary does not know as a whole keeps its first parts and lemmatizes the last one
 * (`стран-участниц` → `стран-участница`), since Az.js drops or loses the prefix there.
 */
export function lemmaOf(norm: string): string {
  if (!hasCyrillic(norm)) return norm;
  const parses = loadMorph()(norm);
  const best = parses[0];
  if (best && best.parser === 'Dictionary') {
    const lemma = best.normalize().word;
    if (lemma) return foldCase(lemma);
  }
  const dash = norm.lastIndexOf('-');
  if (dash > 0) return norm.slice(0, dash + 1) + lemmaOf(norm.slice(dash + 1));
  const lemma = best?.normalize().word;
  return lemma ? foldCase(lemma) : norm;
}

/**
 * Maps folded word forms to lemmas, parsing each distinct form once.
 *
 * @example
 * const lemmas = new Lemmatizer();
 * lemmas.lemma('грантов') // 'грант'
 * lemmas.lemma('пытаются') // 'пытаться'
 */
export class Lemmatizer {
  private readonly cache = new Map<string, string>();

  /** Lemma of a folded word form (see {@link foldCase}). */
  lemma(norm: string): string {
    let lemma = this.cache.get(norm);
    if (lemma === undefined) {
      lemma = lemmaOf(norm);
      this.cache.set(norm, lemma);
    }
    return lemma;
  }

  /** Number of distinct forms parsed so far. */
  get size(): number {
    return this.cache.size;
  }
}
