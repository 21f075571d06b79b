import type { Command } from 'commander';
import { countFrameRows } from '../frames/count';
import { frameMatches } from '../frames/matches';
import { CHART_FORMATS, exportChart, type ChartFormat } from '../charts/render';
import { buildChart, CHART_KINDS, type ChartKind } from '../charts/specs';
import { loadInputs } from './common';
import { choice, INPUT_OPTIONS, listOf, positiveNumber, withOptions, type SharedFlags } from './options';
import { UsageError } from './run';

interface ChartFlags extends SharedFlags {
  kind: string;
  out: string;
  formats: string;
  window: string;
  measure: string;
  scale: string;
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
    .argument('<paths...>', 'corpus files or folders')
    .requiredOption('-k, --kind <kinds>', `${CHART_KINDS.join(' | ')}, a comma-separated list, or all`)
    .requiredOption('-o, --out <dir>', 'folder to write the charts into (created if missing)')
    .option('--formats <list>', `comma-separated: ${CHART_FORMATS.join(',')}`, CHART_FORMATS.join(','))
    .option('--window <n>', 'arc: smoothing window, in paragraphs', '5')
    .option('--measure <m>', 'paragraphs: count | rate', 'count')
    .option('--scale <n>', 'PNG: pixels per SVG pixel', '2')
    .option('-q, --quiet', 'no notes on stderr');
  withOptions(cmd, ['dict', ...INPUT_OPTIONS])
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  framelab chart data/ngo-grants-dialogue-2025.ru.txt --kind heatmap --out charts/\n' +
        '  framelab chart corpus/ --kind all --dedupe --formats svg,png --out charts/',
    )
    .action(async (paths: string[], flags: ChartFlags) => {
      const kinds = listOf<ChartKind>('--kind', flags.kind, CHART_KINDS);
      const formats = listOf<ChartFormat>('--formats', flags.formats, CHART_FORMATS);
      const measure = choice('--measure', flags.measure, ['count', 'rate'] as const);
      const window = positiveNumber('--window', flags.window, true);
      const scale = positiveNumber('--scale', flags.scale, false);
      if (flags.out.trim() === '') throw new UsageError('--out is empty (an unset shell variable?): give a folder name');
      const { corpus, dictionary } = loadInputs(paths, { ...flags, out: undefined, format: 'csv' });
      const table = countFrameRows(corpus, dictionary);
      const matches = kinds.includes('dispersion') ? frameMatches(corpus, dictionary) : undefined;
      const warnings: string[] = [];
      for (const kind of kinds) {
        const spec = buildChart(kind, table, { matches, window, measure });
        const files = await exportChart(spec, `${flags.out.replace(/[\\/]+$/, '')}/${kind}`, formats, {
          scale,
          onWarning: (m) => warnings.push(`${kind}: ${m}`),
        });
        if (!flags.quiet) process.stderr.write(`framelab: wrote ${files.join(', ')}\n`);
      }
      for (const w of warnings) process.stderr.write(`framelab: chart warning: ${w}\n`);
    });
}
