/**
 * A trained frame model applied to a corpus: per paragraph, the probability of each category next
 * to the dictionary's counts, in the count table every other part of framelab reads.
 */
import type { Corpus } from '../corpus/types';
import { FramelabError } from '../errors';
import { countFilesStreaming, countFrameRows, type CountOptions } from '../frames/count';
import type { Dictionary } from '../frames/dictionary';
import type { Cell, FrameTable } from '../table/frame-table';
import type { CountCorpusOptions, CountSummary } from '../frames/count';
import type { TableExtension } from '../table/sinks';
import { modelProbabilities, type FrameModel } from './classifier';

/**
 * Name of a category's probability column.
 *
 * @example
 * probabilityColumn('гранты') // 'гранты_p'
 */
export function probabilityColumn(category: string): string {
  return `${category}_p`;
}

/** The model's trained categories (those with weights). */
export function trainedCategories(model: FrameModel): string[] {
  return model.categories.filter((c) => c.weights !== null).map((c) => c.name);
}

/**
 * Adds a `<category>_p` column per trained category of the model to a count table that carries
 * its texts (see `countFrameRows`, or `countFiles` with `texts: true`): the probability that the
 * paragraph speaks of the category. The dictionary features come from the table's own counts, so
 * the table must be counted with the dictionary the model was trained with.
 *
 * @example
 * const model = trainFrameModel(codedExamples(corpus, dict, ['data/coding/article-coded.csv']), dict);
 * const t = addPredictions(countFrameRows(corpus, dict), model);
 * t.columns.filter((c) => c.endsWith('_p')) // ['гранты_p', 'коррупция_p', 'диалог_p']
 */
export function addPredictions(table: FrameTable, model: FrameModel): FrameTable {
  if (table.texts.length !== table.rows.length) throw new FramelabError('predictions need the paragraph texts: count with texts kept (countFrameRows keeps them)');
  const missing = model.dictionary.categories.filter((c) => !table.categories.includes(c));
  if (missing.length) throw new FramelabError(`the model was trained with dictionary ${model.dictionary.name}, whose categories ${missing.join(', ')} this table lacks: count with that dictionary`);
  const trained = model.categories.filter((c) => c.weights !== null);
  const columns = trained.map((c) => probabilityColumn(c.name));
  for (const c of columns) if (table.columns.includes(c)) throw new FramelabError(`the table already has a column "${c}"`);
  // in chunks, so that the features of a large corpus are never all held at once
  const rows = new Array<Record<string, Cell>>(table.rows.length);
  const chunk = 4096;
  for (let start = 0; start < table.rows.length; start += chunk) {
    const end = Math.min(table.rows.length, start + chunk);
    const paragraphs = [];
    for (let i = start; i < end; i++) {
      const counts: Record<string, number> = {};
      for (const c of table.categories) counts[c] = table.rows[i][c] as number;
      paragraphs.push({ text: table.texts[i], counts });
    }
    const probs = modelProbabilities({ ...model, categories: trained }, paragraphs);
    for (let i = start; i < end; i++) {
      const o = { ...table.rows[i] };
      columns.forEach((c, k) => (o[c] = probs[k][i - start]));
      rows[i] = o;
    }
  }
  return { ...table, columns: [...table.columns, ...columns], rows };
}

/**
 * Counts the dictionary in an in-memory corpus and adds the model's probabilities (see
 * {@link addPredictions}).
 *
 * @example
 * const model = trainFrameModel(codedExamples(corpus, dict, ['data/coding/article-coded.csv']), dict);
 * const t = predictFrames(loadCorpus('data/news-wikinews/wikinews-ru.jsonl'), dict, model);
 * t.rows.every((r) => r['гранты_p'] > 0 && r['гранты_p'] < 1) // true
 */
export function predictFrames(corpus: Corpus, dictionary: Dictionary, model: FrameModel, options: CountOptions = {}): FrameTable {
  return addPredictions(countFrameRows(corpus, dictionary, options), model);
}

/**
 * A table with probability columns turned into a count table whose categories are the predicted
 * presence (1 where the probability is at least `threshold`, default 0.5), so that `compareGroups`,
 * `timeSeries` and the charts read the model's frames as they read the dictionary's counts.
 *
 * @example
 * const model = trainFrameModel(codedExamples(corpus, dict, ['data/coding/article-coded.csv']), dict);
 * const presence = predictedPresence(addPredictions(countFrameRows(corpus, dict), model));
 * presence.categories // ['гранты', 'коррупция', 'диалог']
 * presence.rows.every((r) => r['гранты'] === 0 || r['гранты'] === 1) // true
 */
export function predictedPresence(table: FrameTable, threshold = 0.5): FrameTable {
  const categories = table.categories.filter((c) => table.columns.includes(probabilityColumn(c)));
  if (categories.length === 0) throw new FramelabError('the table has no probability columns (<category>_p): add them with addPredictions');
  const keep = table.columns.filter((c) => !table.categories.includes(c) && !c.endsWith('_per_1k') && !c.endsWith('_p'));
  const at = keep.indexOf('matched') + 1;
  const columns = [...keep.slice(0, at), ...categories, ...keep.slice(at)];
  const rows = table.rows.map((r) => {
    const o: Record<string, string | number | boolean | null> = {};
    let matched = 0;
    for (const c of keep) o[c] = r[c];
    for (const c of categories) {
      const p = r[probabilityColumn(c)] as number;
      o[c] = p >= threshold ? 1 : 0;
      matched += o[c] as number;
    }
    o.matched = matched;
    return o;
  });
  return { ...table, columns, categories, rows };
}

/**
 * Counts files through the streaming engine and writes each batch of rows with the model's
 * probabilities as CSV (default) or JSON to `write`, in corpus order, without holding the corpus or
 * the table: what `framelab predict` prints in those formats.
 *
 * @example
 * const model = trainFrameModel(codedExamples(corpus, dict, ['data/coding/article-coded.csv']), dict);
 * const chunks: string[] = [];
 * await predictFilesStreaming(['corpus.jsonl'], dict, model, (s) => chunks.push(s));
 * chunks.join('').split('\r\n')[0].split(',').slice(-3) // ['гранты_p', 'коррупция_p', 'диалог_p']
 */
export async function predictFilesStreaming(
  paths: string | readonly string[],
  dictionary: Dictionary,
  model: FrameModel,
  write: (chunk: string) => void,
  options: CountCorpusOptions & { rate?: boolean; format?: 'csv' | 'json' } = {},
): Promise<CountSummary> {
  return countFilesStreaming(paths, dictionary, write, { ...options, extend: predictionColumns(model) });
}

/** The model's probability columns as an extension of a streamed count table (see `textSink`). */
export function predictionColumns(model: FrameModel): TableExtension {
  return { columns: trainedCategories(model).map(probabilityColumn), add: (table) => addPredictions(table, model) };
}
