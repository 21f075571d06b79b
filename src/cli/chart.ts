import type { Command } from 'commander';
import { loadCorpus } from '../corpus/load';
import type { ParagraphMode } from '../corpus/types';
import { BUNDLED_DICTIONARY, loadDictionary } from '../frames/dictionary';
import { countFrameRows } from '../frames/count';
import { frameMatches } from '../frames/matches';
import { CHART_FORMATS, exportChart, type ChartFormat } from '../charts/render';
import { buildChart, CHART_KINDS, type ChartKind } from '../charts/specs';
import { choice, UsageError } from './run';

interface ChartFlags {
  kind: string;
  dict?: string;
  paragraphs: string;
  encoding?: string;
  dedupe?: boolean;
  out: string;
  formats: string;
  window: string;
  measure: string;
  scale: string;
  quiet?: boolean;
}

/** Parses a comma-separated list of allowed values; `all` means every one. */
function listOf<T extends string>(option: string, value: string, allowed: readonly T[]): T[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 1 && items[0] === 'all') return [...allowed];
  if (items.length === 0) throw new UsageError(`${option} needs at least one of ${allowed.join(', ')}`);
  return [...new Set(items.map((i) => choice(option, i, allowed)))];
}

function positiveNumber(option: string, value: string, integer: boolean): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${option} must be a positive ${integer ? 'whole ' : ''}number, not "${value}"`);
  }
  return n;
}

/** `framelab chart`: Vega-Lite charts of the frame counts, exported as files. */
export function registerChart(program: Command): void {
  program
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
    .option('-d, --dict <file>', 'dictionary: .yaml/.yml, .json or LIWC .dic (default: the bundled framing-ru.yaml)')
    .option('-p, --paragraphs <mode>', 'auto | lines | blank', 'auto')
    .option('-e, --encoding <name>', 'force an encoding instead of detecting it')
    .option('--dedupe', 'leave out paragraphs that repeat an earlier one (else they are drawn paler or noted)')
    .option('--window <n>', 'arc: smoothing window, in paragraphs', '5')
    .option('--measure <m>', 'paragraphs: count | rate', 'count')
    .option('--scale <n>', 'PNG: pixels per SVG pixel', '2')
    .option('-q, --quiet', 'no notes on stderr')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  framelab chart data/ngo-grants-dialogue-2025.ru.txt --kind heatmap --out charts/\n' +
        '  framelab chart corpus/ --kind all --dedupe --formats svg,png --out charts/',
    )
    .action(async (paths: string[], flags: ChartFlags) => {
      const kinds = listOf<ChartKind>('--kind', flags.kind, CHART_KINDS);
      const formats = listOf<ChartFormat>('--formats', flags.formats, CHART_FORMATS);
      const paragraphs = choice<ParagraphMode>('--paragraphs', flags.paragraphs, ['auto', 'lines', 'blank']);
      const measure = choice('--measure', flags.measure, ['count', 'rate'] as const);
      const window = positiveNumber('--window', flags.window, true);
      const scale = positiveNumber('--scale', flags.scale, false);
      const dictionary = loadDictionary(flags.dict ?? BUNDLED_DICTIONARY);
      const corpus = loadCorpus(paths, { paragraphs, encoding: flags.encoding, dedupe: flags.dedupe });
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
