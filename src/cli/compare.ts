import type { Command } from 'commander';
import { PERIODS, type Period } from '../corpus/dates';
import { BUNDLED_DICTIONARY } from '../frames/dictionary';
import type { Cell } from '../frames/table';
import { compareGroups, timeSeries } from '../stats/groups';
import { groupTimeSeries, trendDifference } from '../stats/group-periods';
import { schemaTypes, writeParquet } from '../table/parquet';
import { countWithProgress, dictionaryOf, emitRows, note } from './common';
import { checkOut, choice, DICTIONARY_OPTIONS, fieldsOf, formatOf, INPUT_OPTIONS, jobsOf, OUTPUT_OPTIONS, readOptionsOf, statsOptionsOf, withOptions, wordsOf, type SharedFlags } from './options';
import { UsageError } from './run';

/** `framelab compare`: categories by group of documents, or over time. */
export function registerCompare(program: Command): void {
  const cmd = program
    .command('compare')
    .summary('frames by group of documents (--by) or over time (--date, --every), with tests')
    .description(
      'Total each dictionary category per group of documents — documents, paragraphs, words, count, rate per 1000\n' +
        'words with a bootstrap interval that resamples documents — and test per category whether its rate differs\n' +
        'between the groups (G², Holm and Benjamini–Hochberg over the categories; for two groups the rate ratio).\n' +
        'With --date and --every: a time series, empty periods included, and a trend test per category; with\n' +
        '--by as well, one such series per group (a row per group, period and category).',
    )
    .argument('<paths...>', 'corpus files or folders');
  withOptions(cmd, ['by', 'date', 'every', 'skipBadDates', ...DICTIONARY_OPTIONS, 'words', ...INPUT_OPTIONS, 'jobs', 'seed', 'replicates', 'permutations', ...OUTPUT_OPTIONS], {
    format: { description: 'csv | json | table | parquet (with --out)' },
  })
    .addHelpText(
      'after',
      '\nOne row per group (or period) and category; the test columns belong to the category and repeat on its rows.\n' +
        'Examples:\n' +
        '  framelab compare data/news-sample --id-column url --by file --format table\n' +
        '  framelab compare data/news-sample --id-column url --by topics --dict my.yaml\n' +
        '  framelab compare data/news-sample --id-column url --date date --every year --format table\n' +
        '  framelab compare data/mixed-corpus/corpus.yaml --by outlet --date date --every year',
    )
    .action(async (paths: string[], flags: SharedFlags) => {
      const format = formatOf(flags, true);
      const read = readOptionsOf(flags);
      const jobs = jobsOf(flags);
      const stats = statsOptionsOf(flags);
      if (flags.by === undefined && flags.date === undefined) throw new UsageError('give --by FIELD[,FIELD], --date FIELD (with --every PERIOD), or both');
      const by = flags.by !== undefined ? fieldsOf('--by', flags.by) : [];
      const every = choice<Period>('--every', flags.every ?? 'month', PERIODS);
      const words = wordsOf(flags);
      checkOut(flags.out, paths, [flags.dict ?? BUNDLED_DICTIONARY, flags.lexicon]);
      const dictionary = dictionaryOf(flags);
      const meta = [...by, ...(flags.date !== undefined && !by.includes(flags.date) ? [flags.date] : [])];
      const { table, summary } = await countWithProgress(paths, dictionary, flags, { ...read, jobs, words, meta });
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
        else note(flags, `trend difference between groups (spread of Spearman's ρ, permutation p within ${every}s): ${defined.map((d) => `${d.category} p = ${d.p!.toFixed(3)}`).join(', ')}`);
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
      const columns = rows.length ? Object.keys(rows[0]) : [...by, 'category'];
      // typed from what the columns are, never from their values (an all-empty p column stays a number)
      const schema = { text: [...by, ...(flags.date !== undefined ? [flags.date] : []), 'category', 'period', 'start', 'test'], integer: ['documents', 'paragraphs', 'words', 'count', 'df'] };
      if (format === 'parquet') await writeParquet({ columns, rows }, flags.out!, schemaTypes(columns, schema));
      else emitRows(rows, columns, format, flags.out);
      if (flags.out) note(flags, `wrote ${flags.out}`);
    });
}
