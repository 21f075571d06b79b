import type { Command } from 'commander';
import { PERIODS, type Period } from '../corpus/dates';
import { BUNDLED_DICTIONARY } from '../frames/dictionary';
import type { Cell } from '../table/frame-table';
import { compareGroups, timeSeries } from '../stats/groups';
import { compareMethodsText } from '../stats/methods';
import { groupTimeSeries, trendDifference } from '../stats/group-periods';
import { schemaTypes, writeParquet } from '../table/parquet';
import { countWithProgress, dictionaryOf, emitRows, note } from './common';
import { checkOut, choice, DICTIONARY_OPTIONS, fieldsOf, formatOf, INPUT_OPTIONS, jobsOf, OUTPUT_OPTIONS, readOptionsOf, statsOptionsOf, withOptions, wordsOf, type SharedFlags } from './options';
import { emit, UsageError } from './run';
import { loadFrameModel } from '../models/model-file';
import { addPredictions, predictedPresence } from '../models/predict';

/** `framelab compare`: categories by group of documents, or over time. */
export function registerCompare(program: Command): void {
  const cmd = program
    .command('compare')
    .summary('frames by group of documents (--by) or over time (--date, --every), with tests')
    .description(
      'Total each dictionary category per group of documents — documents, paragraphs, words, count, rate per 1000\n' +
        'words with an interval from the spread between documents — and test per category whether its rate differs\n' +
        'between the groups (Welch\'s t or F on document-level variances, calibrated by shuffling documents; Holm and\n' +
        'Benjamini–Hochberg over the categories; for two groups the rate ratio). A group needs 5 documents for an\n' +
        'interval, with matches in at least 2 of them and no single document holding most of its words or spread\n' +
        '(the test column says why an interval is missing), and 2 for the test. With --date and --every: a time\n' +
        'series, empty periods included, and a trend test per category that permutes the documents\' periods; with\n' +
        '--by as well, one such series per group (a row per group, period and category). --methods prints the\n' +
        'methods paragraph instead.\n\n' +
        'With --model FILE (from framelab train) the categories are the model\'s instead of the dictionary\'s: a\n' +
        'paragraph counts 1 for a category when the model\'s probability is at least 0.5, else 0, so "count" is the\n' +
        'number of paragraphs predicted to speak of it and the rate is per 1000 words as before. Count with the\n' +
        'dictionary the model was trained with: its counts are features of the model.',
    )
    .argument('<paths...>', 'corpus files or folders');
  withOptions(cmd, ['by', 'date', 'every', 'skipBadDates', ...DICTIONARY_OPTIONS, 'model', 'words', ...INPUT_OPTIONS, 'jobs', 'seed', 'replicates', 'permutations', ...OUTPUT_OPTIONS, 'methods'], {
    format: { description: 'csv | json | table | parquet (with --out)' },
    model: { description: "compare the model's predicted presence (probability ≥ 0.5) instead of the dictionary's counts" },
  })
    .addHelpText(
      'after',
      '\nOne row per group (or period) and category; the test columns belong to the category and repeat on its rows.\n' +
        'Examples:\n' +
        '  framelab compare data/news-sample --id-column url --by file --format table\n' +
        '  framelab compare data/news-sample --id-column url --by topics --dict my.yaml\n' +
        '  framelab compare data/news-sample --id-column url --date date --every year --format table\n' +
        '  framelab compare data/news-sample --id-column url --by file --methods\n' +
        '  framelab compare data/coding/news-sample.corpus.yaml --by file --model model.json --format table\n' +
        '  framelab compare data/mixed-corpus/corpus.yaml --by outlet --date date --every year',
    )
    .action(async (paths: string[], flags: SharedFlags & { methods?: boolean; model?: string }) => {
      const format = formatOf(flags, true);
      const read = readOptionsOf(flags);
      const jobs = jobsOf(flags);
      const stats = statsOptionsOf(flags);
      if (flags.by === undefined && flags.date === undefined) throw new UsageError('give --by FIELD[,FIELD], --date FIELD (with --every PERIOD), or both');
      const by = flags.by !== undefined ? fieldsOf('--by', flags.by) : [];
      const every = choice<Period>('--every', flags.every ?? 'month', PERIODS);
      const words = wordsOf(flags);
      checkOut(flags.out, [...paths, ...(flags.model !== undefined ? [flags.model] : [])], [flags.dict ?? BUNDLED_DICTIONARY, flags.lexicon]);
      const dictionary = dictionaryOf(flags);
      const model = flags.model !== undefined ? loadFrameModel(flags.model) : undefined;
      if (model && dictionary.sha256 !== model.dictionary.sha256) note(flags, `warning: the model was trained with another dictionary (${model.dictionary.name}, SHA-256 ${model.dictionary.sha256.slice(0, 12)}…) than ${dictionary.name}: its dictionary features may mean other things`);
      const meta = [...by, ...(flags.date !== undefined && !by.includes(flags.date) ? [flags.date] : [])];
      const counted = await countWithProgress(paths, dictionary, flags, { ...read, jobs, words, meta, texts: model !== undefined });
      const summary = counted.summary;
      // the model's categories as 0/1 counts per paragraph: every test below reads them as it reads the dictionary's
      const table = model ? predictedPresence(addPredictions(counted.table, model)) : counted.table;
      if (model) note(flags, `categories: predicted presence (probability ≥ 0.5) of ${table.categories.join(', ')} by the model ${flags.model}`);
      const repeats = table.rows.filter((r) => r.duplicate_of !== null && r.duplicate_of !== undefined).length;
      if (!flags.dedupe && repeats > 0) note(flags, `warning: ${repeats} paragraph(s) repeat an earlier one of their document and count again, as if they were new data (add --dedupe to drop them)`);
      let rows: Array<Record<string, Cell>>;
      if (flags.date !== undefined && by.length > 0) {
        const series = groupTimeSeries(table, by, flags.date, every, { ...stats, skipBadDates: flags.skipBadDates });
        rows = series.rows as unknown as Array<Record<string, Cell>>;
        if (series.skipped.length) {
          note(flags, `left out ${series.skipped.length} document(s) whose ${flags.date} is not a date; first: "${series.skipped[0].doc}" (${JSON.stringify(series.skipped[0].value)})`);
        }
        const groups = new Set(rows.map((r) => JSON.stringify(by.map((f) => r[f])))).size;
        // does each category's trend differ between the groups (a test over the whole table, so a note)
        const differ = trendDifference(table, by, flags.date, every, { permutations: stats.permutations, seed: stats.seed });
        const defined = differ.filter((d) => d.p !== null);
        if (defined.length === 0) note(flags, `trend difference between groups: undefined (${differ[0]?.test.replace(/^trend difference undefined: /, '') ?? 'no category'})`);
        else note(flags, `trend difference between groups (Cochran's Q of the groups' slopes of document rates, skew-corrected; group labels permuted within ${every}s): ${defined.map((d) => `${d.category} p = ${d.p!.toFixed(3)}`).join(', ')}`);
        note(flags, `${summary.documents} document(s) in ${groups} group(s) by ${by.join(', ')}, each over its ${every}s (${rows.length / Math.max(1, table.categories.length)} group-${every} row(s) per category)`);
      } else if (flags.date !== undefined) {
        const series = timeSeries(table, flags.date, every, { ...stats, skipBadDates: flags.skipBadDates });
        rows = series.rows as unknown as Array<Record<string, Cell>>;
        if (series.skipped.length) {
          note(flags, `left out ${series.skipped.length} document(s) whose ${flags.date} is not a date; first: "${series.skipped[0].doc}" (${JSON.stringify(series.skipped[0].value)})`);
        }
        note(flags, `${summary.documents} document(s) in ${rows.length / Math.max(1, table.categories.length)} ${every}(s)`);
      } else {
        rows = compareGroups(table, by, stats) as unknown as Array<Record<string, Cell>>;
        note(flags, `${summary.documents} document(s) in ${rows.length / Math.max(1, table.categories.length)} group(s) by ${by.join(', ')}`);
      }
      if (flags.methods) {
        const groups = rows.length / Math.max(1, table.categories.length);
        const dict = { name: dictionary.name, categories: dictionary.categories.length };
        const input = { table, dictionary: dict, groups, options: stats, deduplicated: flags.dedupe };
        emit(compareMethodsText(flags.date !== undefined ? { ...input, date: { field: flags.date, every } } : { ...input, by }) + '\n', flags.out);
        return;
      }
      const columns = rows.length ? Object.keys(rows[0]) : [...by, 'category'];
      // typed from what the columns are, never from their values (an all-empty p column stays a number)
      const schema = { text: [...by, ...(flags.date !== undefined ? [flags.date] : []), 'category', 'period', 'start', 'test'], integer: ['documents', 'paragraphs', 'words', 'count', 'df'] };
      if (format === 'parquet') await writeParquet({ columns, rows }, flags.out!, schemaTypes(columns, schema));
      else emitRows(rows, columns, format, flags.out);
      if (flags.out) note(flags, `wrote ${flags.out}`);
    });
}
