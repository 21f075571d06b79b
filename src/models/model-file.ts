/** The frame model's JSON file: written atomically, read back with its format checked. */
import * as fs from 'node:fs';
import { FramelabError } from '../errors';
import { writeFileAtomic } from '../util/atomic';
import { MODEL_METHODS, type FrameModel } from './classifier';

/** The model file versions this framelab reads. */
export const MODEL_FILE_VERSIONS: readonly number[] = [1, 2];

/**
 * Writes a model as JSON (atomically: the file appears only when complete).
 *
 * @example
 * const model = trainFrameModel(codedExamples(corpus, dict, ['data/coding/article-coded.csv']), dict);
 * saveFrameModel(model, 'model.json');
 * loadFrameModel('model.json').categories[0].weights.length === model.categories[0].weights.length // true
 */
export function saveFrameModel(model: FrameModel, file: string): void {
  writeFileAtomic(file, frameModelJson(model));
}

/**
 * A model as the text of its file: the header fields first, one category per line.
 *
 * @example
 * const model = trainFrameModel(codedExamples(corpus, dict, ['data/coding/article-coded.csv']), dict);
 * JSON.parse(frameModelJson(model)).format // 'framelab-frame-model'
 */
export function frameModelJson(model: FrameModel): string {
  const { categories, ...head } = model;
  const lines = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  lines.push(`  "categories": [\n${categories.map((c) => `    ${JSON.stringify(c)}`).join(',\n')}\n  ]`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

/**
 * Reads a model file written by {@link saveFrameModel}, checking that it is one and that this
 * framelab reads its version. Errors name the file.
 *
 * @example
 * saveFrameModel(trainFrameModel(codedExamples(corpus, dict, ['data/coding/article-coded.csv']), dict, { method: 'nb' }), 'nb.json');
 * loadFrameModel('nb.json').method // 'nb'
 */
export function loadFrameModel(file: string): FrameModel {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new FramelabError(`cannot read the model: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file });
  }
  let m: FrameModel;
  try {
    m = JSON.parse(text) as FrameModel;
  } catch (err) {
    throw new FramelabError(`not a model file: not JSON (${(err as Error).message})`, { file });
  }
  if (m === null || typeof m !== 'object' || m.format !== 'framelab-frame-model') throw new FramelabError('not a framelab model file (no "format": "framelab-frame-model"; train one with framelab train)', { file });
  if (!MODEL_FILE_VERSIONS.includes(m.version)) throw new FramelabError(`model file version ${JSON.stringify(m.version)} is not one this framelab reads (${MODEL_FILE_VERSIONS.join(', ')}): train the model again`, { file });
  if (m.version === 2 && !['binary', 'tfidf'].includes(m.options?.dictionaryFeatures)) throw new FramelabError(`model file version 2 needs options.dictionaryFeatures binary or tfidf, not ${JSON.stringify(m.options?.dictionaryFeatures)} (a damaged model file?)`, { file });
  if (!MODEL_METHODS.includes(m.method)) throw new FramelabError(`unknown method "${m.method}" in the model`, { file });
  if (!Array.isArray(m.categories)) throw new FramelabError('the model has no categories', { file });
  for (const c of m.categories) {
    if (c.weights === null) continue;
    const n = Array.isArray(c.vocabulary) ? c.vocabulary.length : -1;
    if (!Array.isArray(c.weights) || c.weights.length !== n || (c.idf !== null && (!Array.isArray(c.idf) || c.idf.length !== n)) || typeof c.intercept !== 'number') {
      throw new FramelabError(`category "${c.name}": its vocabulary, idf and weights do not match (a damaged model file?)`, { file });
    }
  }
  return m;
}
