import type { Command } from 'commander';
import { BUNDLED_DICTIONARY } from '../frames/dictionary';
import type { Cell } from '../table/frame-table';
import { MODEL_METHODS, trainFrameModel, type ModelMethod, type TrainOptions } from '../models/classifier';
import { crossValidate } from '../models/crossval';
import { codedExamples } from '../models/examples';
import { loadFrameModel, saveFrameModel } from '../models/model-file';
import { addPredictions, predictionColumns, trainedCategories } from '../models/predict';
import { textSink } from '../table/sinks';
import { uncertaintySample } from '../models/active';
import type { FrameTable } from '../table/frame-table';
import type { CodingScale } from '../validate/sheet';
import { readCodedSheet } from '../validate/sheet';
import { formatTable } from '../table/format';
import { countWithProgress, dictionaryOf, emitRows, loadInputs, note } from './common';
import { checkOut, choice, DICTIONARY_OPTIONS, formatOf, INPUT_OPTIONS, jobsOf, metaOf, positiveNumber, readOptionsOf, statsOptionsOf, wholeNumber, withOptions, wordsOf, type SharedFlags } from './options';
import { emit, streamTo, UsageError } from './run';

interface TrainFlags extends SharedFlags {
  coded: string[];
  method: string;
  c: string;
  folds: string;
  innerFolds: string;
  minDf: string;
  minPositives: string;
  classWeight: string;
  dictionaryFeatures: string;
  bigrams: boolean;
  featureWords: string;
}

/** `framelab train`: a classifier per category from coded sheets, cross-validated. */
export function registerTrain(program: Command): void {
  const cmd = program
    .command('train')
    .summary('a frame classifier per category, trained on coded sheets and cross-validated')
    .description(
      'Train one classifier per category on the paragraphs of coded sheets (from framelab sample): the\n' +
        'features are the lemmas of the content words of the paragraph (--feature-words all: every word), the bigrams\n' +
        'of adjacent ones (--no-bigrams: none; both kept when at least\n' +
        '--min-df training paragraphs hold them) and the dictionary categories it matched, each present or not.\n' +
        'A dictionary hit is 1 next to the tf-idf values of the lemmas (--dictionary-features binary), so the model\n' +
        'can lean on the dictionary as much as the coding shows it to be right; --dictionary-features tfidf scales\n' +
        'it with the lemmas, as models before file version 2 did.\n' +
        'The classifier is L2-regularised logistic regression on tf-idf values with balanced classes (fitted by\n' +
        'L-BFGS, deterministic), or Bernoulli\n' +
        'naive Bayes with --method nb. With several sheets a paragraph counts where the coders agree (their\n' +
        'majority, as validate forms it); a category with fewer than --min-positives positive paragraphs is\n' +
        'reported as untrainable.\n\n' +
        'C is --c (1 by default). With --c auto it is chosen per category from 0.01, 0.1, 1, 10 and 100 by an inner\n' +
        'stratified cross-validation (--inner-folds folds, seeded) on the training paragraphs only: the F1 of the\n' +
        'pooled inner predictions decides, the lower log-loss breaks ties. In the outer cross-validation the search\n' +
        'runs again inside every fold, so the estimate never sees its test paragraphs (nested cross-validation);\n' +
        'the table\'s test column gives the C of each fold, the model file the C of each category.\n\n' +
        'Before saving, the command cross-validates: stratified --folds folds (seeded), each paragraph scored by\n' +
        'a model that never saw it, and prints precision, recall and F1 per category with bootstrap intervals in\n' +
        "validate's table, next to the dictionary on the same paragraphs. The model is written to --out as JSON:\n" +
        'vocabulary, weights, method, options, the framelab version and the SHA-256 of the sheets and dictionary.',
    )
    .argument('<paths...>', 'the corpus the sheets were drawn from');
  withOptions(cmd, ['coded', 'out', 'method', 'c', 'folds', 'innerFolds', 'minDf', 'minPositives', 'classWeight', 'dictionaryFeatures', 'noBigrams', 'featureWords', ...DICTIONARY_OPTIONS, ...INPUT_OPTIONS, 'seed', 'replicates', 'format', 'quiet'], {
    coded: { description: 'coded sheet(s), CSV', required: true },
    out: { description: 'the model file to write (JSON)', required: true },
    method: { description: `${MODEL_METHODS.join(' | ')}` },
    noBigrams: { description: 'lemmas only, no bigrams' },
  })
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  framelab train data/ngo-grants-dialogue-2025.ru.txt --dedupe --coded data/coding/article-coded.csv --out model.json --format table\n' +
        '  framelab train corpus/ --coded coder1.csv --coded coder2.csv --method nb --out nb.json\n' +
        '  framelab train corpus/ --coded coder1.csv --coded coder2.csv --c auto --out model.json',
    )
    .action((paths: string[], flags: TrainFlags) => {
      const options: TrainOptions = {
        method: choice<ModelMethod>('--method', flags.method, MODEL_METHODS),
        c: cOf(flags.c),
        innerFolds: wholeNumber('--inner-folds', flags.innerFolds, 2),
        minDf: wholeNumber('--min-df', flags.minDf, 1),
        minPositives: wholeNumber('--min-positives', flags.minPositives, 2),
        classWeight: choice('--class-weight', flags.classWeight, ['balanced', 'none'] as const),
        dictionaryFeatures: choice('--dictionary-features', flags.dictionaryFeatures, ['binary', 'tfidf'] as const),
        bigrams: flags.bigrams,
        lemmas: choice('--feature-words', flags.featureWords, ['content', 'all'] as const),
      };
      const folds = wholeNumber('--folds', flags.folds, 2);
      const { seed, replicates } = statsOptionsOf(flags);
      options.seed = seed;
      const { corpus, dictionary, format } = loadInputs(paths, { ...flags, out: undefined }, { alsoReads: flags.coded });
      checkOut(flags.out, [...paths, ...flags.coded], [flags.dict ?? BUNDLED_DICTIONARY, flags.lexicon]);
      const data = codedExamples(corpus, dictionary, flags.coded);
      note(flags, `${data.examples.length} coded paragraph(s) from ${flags.coded.length} sheet(s)`);
      const cv = crossValidate(data, dictionary, { ...options, folds, seed, replicates });
      const model = trainFrameModel(data, dictionary, options);
      for (const c of model.categories) if (c.reason && c.positives + c.negatives > 0) note(flags, `${c.name}: not trained: ${c.reason}`);
      if (options.c === 'auto') note(flags, `C chosen by inner cross-validation: ${model.categories.filter((c) => c.c !== undefined).map((c) => `${c.name} ${c.c}`).join(', ')}`);
      saveFrameModel(model, flags.out!);
      note(flags, `wrote ${flags.out}: ${trainedCategories(model).length} classifier(s)`);
      const rows = cv.rows as unknown as Array<Record<string, Cell>>;
      emitRows(rows, rows.length ? Object.keys(rows[0]) : ['category'], format, undefined);
    });
}

/** `--c`: a positive number or `auto`. */
function cOf(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  const c = Number(value);
  if (value.trim() === '' || !(c > 0) || !Number.isFinite(c)) throw new UsageError(`--c must be a positive number or auto, not "${value}"`);
  return c;
}

interface PredictFlags extends SharedFlags {
  model?: string;
}

/** `framelab predict`: the model's probabilities next to the dictionary's counts. */
export function registerPredict(program: Command): void {
  const cmd = program
    .command('predict')
    .summary("a frame model's probabilities per paragraph, next to the dictionary's counts")
    .description(
      'Count the dictionary per paragraph as framelab count does and add, for every category the model\n' +
        '(from framelab train) has a classifier for, a column <category>_p: the probability that the\n' +
        'paragraph speaks of it. Count with the dictionary the model was trained with: its categories are\n' +
        'features of the model.',
    )
    .argument('<model>', 'the model file (JSON, from framelab train)')
    .argument('<paths...>', 'corpus files or folders');
  withOptions(cmd, [...DICTIONARY_OPTIONS, 'rate', 'words', 'meta', ...INPUT_OPTIONS, 'jobs', 'format', 'out', 'quiet'])
    .addHelpText(
      'after',
      '\nColumns: those of framelab count, then <category>_p per trained category.\n' +
        'Example:\n  framelab predict model.json data/news-sample --id-column url --meta date --format table',
    )
    .action(async (file: string, paths: string[], flags: PredictFlags) => {
      await predictCommand(file, paths, flags);
    });
}

/** What `predict` and `count --model` do. */
export async function predictCommand(modelFile: string, paths: string[], flags: SharedFlags): Promise<void> {
  const format = formatOf(flags);
  if (format === 'parquet') throw new UsageError('--format parquet is not available with a model: use csv or json');
  const read = readOptionsOf(flags);
  checkOut(flags.out, [...paths, modelFile], [flags.dict ?? BUNDLED_DICTIONARY, flags.lexicon]);
  const model = loadFrameModel(modelFile);
  const dictionary = dictionaryOf(flags);
  if (dictionary.sha256 !== model.dictionary.sha256) note(flags, `warning: the model was trained with another dictionary (${model.dictionary.name}, SHA-256 ${model.dictionary.sha256.slice(0, 12)}…) than ${dictionary.name}: its dictionary features may mean other things`);
  const options = { ...read, jobs: jobsOf(flags), meta: metaOf(flags), rate: flags.rate, words: wordsOf(flags), texts: true };
  let paragraphs: number;
  if (format === 'table') {
    const { table } = await countWithProgress(paths, dictionary, flags, options);
    const t = addPredictions(table, model);
    emit(formatTable(t, format), flags.out);
    paragraphs = t.rows.length;
  } else {
    // CSV and JSON stream, batch by batch: neither the corpus nor the table is held
    const summary = await streamTo(flags.out, async (write) => (await countWithProgress(paths, dictionary, flags, options, textSink(write, format, predictionColumns(model), true))).summary);
    paragraphs = summary.paragraphs;
  }
  note(flags, `${paragraphs} paragraph(s), ${trainedCategories(model).length} predicted categories${flags.out ? `; wrote ${flags.out}` : ''}`);
}

/** The flags `sample` takes for active learning. */
export interface UncertainFlags {
  model?: string;
  uncertain?: boolean;
  excludeCoded?: string[];
  stratify?: boolean;
  quiet?: boolean;
}

/** `--uncertain` needs `--model`, and draws no strata. */
export function checkUncertainFlags(flags: UncertainFlags): void {
  if (flags.uncertain && flags.model === undefined) throw new UsageError('--uncertain needs --model FILE (from framelab train)');
  if (flags.model !== undefined && !flags.uncertain) throw new UsageError('--model is for --uncertain: add it, or leave the model out for a random sample');
  if (flags.uncertain && flags.stratify) throw new UsageError('--uncertain and --stratify draw in different ways: choose one');
}

/** `sample --uncertain`: the model's least certain paragraphs, leaving out those on --exclude-coded sheets. */
export function uncertainSheet(flags: UncertainFlags, table: FrameTable, options: { n: number; seed: number; scale: CodingScale }): ReturnType<typeof uncertaintySample> {
  const model = loadFrameModel(flags.model!);
  const exclude = (flags.excludeCoded ?? []).flatMap((f) => readCodedSheet(f, table).rows.map((r) => ({ doc: table.rows[r.index].doc as string, paragraph: table.rows[r.index].paragraph as number })));
  const sheet = uncertaintySample(addPredictions(table, model), { ...options, exclude });
  if (sheet.rows.length) note(flags, `uncertainty ${sheet.rows.reduce((m, r) => Math.min(m, r.uncertainty), 1).toFixed(3)}–${sheet.rows.reduce((m, r) => Math.max(m, r.uncertainty), 0).toFixed(3)} (1: a probability of 0.5); ${exclude.length} coded paragraph(s) left out`);
  return sheet;
}
