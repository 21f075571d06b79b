// TypeDoc plugin: files each exported symbol of the API reference under the pipeline stage of
// the src/ folder it is defined in (corpus → text → frames → analysis → stats → charts → …), so
// that the reference reads in the order of an analysis instead of alphabetically by kind.
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';
import * as path from 'node:path';

const STAGES = {
  corpus: 'Corpus: reading files into documents and paragraphs',
  text: 'Text: tokens, word forms and lemmas',
  frames: 'Frames: dictionaries, matching and the count table',
  analysis: 'Words in context: KWIC, collocates, keyness',
  rhetoric: 'Rhetoric: markers, quotes, sentences',
  stats: 'Statistics',
  validate: 'Validation: coding sheets and agreement with human coders',
  models: 'Models: classifiers trained on coding, Latent Semantic Scaling',
  charts: 'Charts: Vega-Lite specs and their rendering',
  notebook: 'Notebooks: showing charts and tables',
  table: 'Tables: CSV, JSON, Parquet, DataFrames',
  reproduce: 'Reproducing an analysis',
};
const OTHER = 'Errors and helpers';
// A re-export under another name has no page of its own; the markdown theme writes a category
// holding one inline and leaves the category's other members out of the index, so such names
// get a category of their own.
const ALIASES = 'Other names';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.parent || !reflection.parent.kindOf(ReflectionKind.Project)) return;
    const symbol = context.getSymbolFromReflection(reflection);
    const file = symbol?.declarations?.[0]?.getSourceFile().fileName;
    if (!file) return;
    const folder = path.relative(path.join(app.options.getValue('basePath') || process.cwd(), 'src'), file).split(path.sep)[0];
    const stage = reflection.kindOf(ReflectionKind.Reference) ? ALIASES : (STAGES[folder] ?? OTHER);
    reflection.comment ??= new Comment();
    if (!reflection.comment.blockTags.some((t) => t.tag === '@category')) {
      reflection.comment.blockTags.push(new CommentTag('@category', [{ kind: 'text', text: stage }]));
    }
  });
}
