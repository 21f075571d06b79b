import type { Command } from 'commander';
import { countFrameRows } from '../frames/count';
import { frameMatches } from '../frames/matches';
import { CHART_FORMATS, exportChart, type ChartFormat } from '../charts/render';
import { groupChart, groupTimeChart, timeChart } from '../charts/corpus';
import { buildChart, CHART_KINDS } from '../charts/specs';
import { PERIODS, type Period } from '../corpus/dates';
import { compareGroups, timeSeries } from '../stats/groups';
import { groupTimeSeries } from '../stats/group-periods';
import { loadInputs, note } from './common';
import { checkOutFolder, choice, DICTIONARY_OPTIONS, fieldsOf, INPUT_OPTIONS, listOf, positiveNumber, statsOptionsOf, withOptions, wordsOf, type SharedFlags } from './options';

/** Chart kinds of the command: those of a count table, and the corpus charts. */
const KINDS = [...CHART_KINDS, 'groups', 'time', 'group-time'] as const;
import { UsageError } from './run';
import { FramelabError } from '../errors';
import { limit, limitHint } from '../util/limits';

interface ChartFlags extends SharedFlags {
  kind: string;
  outDir: string;
  formats: string;
  smooth: string;
  measure: string;
  pngScale: string;
  labels: string;
}

/** `framelab chart`: Vega-Lite charts of the frame counts, exported as files. */
export function registerChart(program: Command): void {
  const cmd = program
    .command('chart')
    .summary('draw framing charts (SVG, PNG, HTML, JSON)')
    .description(
      'Count the dictionary\'s categories per paragraph and draw Vega-Lite charts of them, written as\n' +
        '<out>/<kind>.svg, .png, .html (self-contained, interactive) and .json (the Vega-Lite spec).',
    )
    .argument('<paths...>', 'corpus files or folders');
  withOptions(cmd, ['kind', 'outDir', 'formats', 'smooth', 'measure', 'pngScale', 'labels', 'quiet'], {
    kind: { description: `${KINDS.join(' | ')}, a comma-separated list, or all (the paragraph kinds); groups needs --by, time needs --date, group-time (a time chart per group) needs both` },
    outDir: { description: 'folder to write the charts into (created if missing)', required: true },
    formats: { description: `comma-separated: ${CHART_FORMATS.join(',')}`, defaultValue: CHART_FORMATS.join(',') },
  });
  withOptions(cmd, [...DICTIONARY_OPTIONS, 'words', ...INPUT_OPTIONS, 'by', 'date', 'every', 'skipBadDates', 'seed', 'replicates', 'permutations'])
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  framelab chart data/ngo-grants-dialogue-2025.ru.txt --kind heatmap --out-dir charts/\n' +
        '  framelab chart corpus/ --kind all --dedupe --formats svg,png --out-dir charts/\n' +
        '  framelab chart data/news-sample --id-column url --kind groups --by file --out-dir charts/\n' +
        '  framelab chart data/news-sample --id-column url --kind time --date date --every year --out-dir charts/\n' +
        '  framelab chart data/mixed-corpus/corpus.yaml --kind group-time --by outlet --date date --every year --out-dir charts/',
    )
    .action(async (paths: string[], flags: ChartFlags) => {
      const kinds = flags.kind.trim() === 'all' ? [...CHART_KINDS] : listOf<(typeof KINDS)[number]>('--kind', flags.kind, KINDS);
      const formats = listOf<ChartFormat>('--formats', flags.formats, CHART_FORMATS);
      const measure = choice('--measure', flags.measure, ['count', 'rate'] as const);
      const window = positiveNumber('--smooth', flags.smooth, true);
      const scale = positiveNumber('--png-scale', flags.pngScale, false);
      // a PNG of 1000 times the SVG's size needs gigabytes of memory; 20 is a poster at print resolution
      if (scale > 20) throw new UsageError(`--png-scale ${flags.pngScale}: at most 20 pixels per SVG pixel`);
      const labels = choice('--labels', flags.labels, ['ru', 'en'] as const);
      checkOutFolder(flags.outDir, paths);
      if (kinds.includes('groups') && flags.by === undefined) throw new UsageError('--kind groups needs --by FIELD[,FIELD]');
      if (kinds.includes('group-time') && (flags.by === undefined || flags.date === undefined)) {
        throw new UsageError('--kind group-time needs --by FIELD[,FIELD] and --date FIELD (and --every PERIOD)');
      }
      if (kinds.includes('time') && flags.date === undefined) throw new UsageError('--kind time needs --date FIELD (and --every PERIOD)');
      const by = flags.by !== undefined ? fieldsOf('--by', flags.by) : [];
      const every = choice<Period>('--every', flags.every ?? 'month', PERIODS);
      const stats = statsOptionsOf(flags);
      const words = wordsOf(flags);
      const { corpus, dictionary } = loadInputs(paths, { ...flags, out: undefined, format: 'csv' });
      const meta = [...by, ...(flags.date !== undefined && !by.includes(flags.date) ? [flags.date] : [])];
      // documents with a title are labelled by it in the charts (else by a short id)
      if (!meta.includes('title') && corpus.documents.some((d) => typeof d.meta.title === 'string' && d.meta.title.trim() !== '')) meta.push('title');
      const table = countFrameRows(corpus, dictionary, { meta, words });
      const matches = kinds.includes('dispersion') ? frameMatches(corpus, dictionary) : undefined;
      if (matches && matches.length > limit('chartMarks')) {
        throw new FramelabError(
          `--kind dispersion draws one mark per match, and the corpus has ${matches.length}: the SVG would run to hundreds of MB; chart fewer paragraphs or use --kind heatmap (${limitHint('chartMarks')})`,
        );
      }
      const warnings: string[] = [];
      for (const kind of kinds) {
        let spec;
        if (kind === 'groups') spec = groupChart(compareGroups(table, by, stats), { labels });
        else if (kind === 'time') {
          const series = timeSeries(table, flags.date!, every, { ...stats, skipBadDates: flags.skipBadDates });
          if (series.skipped.length) note(flags, `left out ${series.skipped.length} document(s) whose ${flags.date} is not a date`);
          spec = timeChart(series.rows, { every, labels });
        } else if (kind === 'group-time') {
          const series = groupTimeSeries(table, by, flags.date!, every, { ...stats, skipBadDates: flags.skipBadDates });
          if (series.skipped.length) note(flags, `left out ${series.skipped.length} document(s) whose ${flags.date} is not a date`);
          spec = groupTimeChart(series.rows, { every, labels });
        } else spec = buildChart(kind, table, { matches, window, measure, labels });
        const files = await exportChart(spec, `${flags.outDir.replace(/[\\/]+$/, '')}/${kind}`, formats, {
          scale,
          onWarning: (m) => warnings.push(`${kind}: ${m}`),
        });
        note(flags, `wrote ${files.join(', ')}`);
      }
      for (const w of warnings) process.stderr.write(`framelab: chart warning: ${w}\n`);
    });
}
