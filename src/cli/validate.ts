import type { Command } from 'commander';
import { FramelabError } from '../errors';
import type { Cell } from '../frames/table';
import { ALPHA_LEVELS, krippendorffAlpha, type AlphaLevel } from '../stats/reliability';
import { readCsvSheet } from '../table/read';
import { emitRows, note } from './common';
import { checkOut, choice, formatOf, OUTPUT_OPTIONS, statsOptionsOf, withOptions, type SharedFlags } from './options';
import { UsageError } from './run';

interface ReliabilityFlags extends SharedFlags {
  unit?: string;
  coder?: string;
  value?: string;
  level?: string;
}

/** `framelab reliability`: Krippendorff's alpha of a long table of codings. */
export function registerReliability(program: Command): void {
  const cmd = program
    .command('reliability')
    .summary("agreement between coders: Krippendorff's alpha with a bootstrap interval")
    .description(
      "Krippendorff's alpha of a CSV file in long form (one row per unit, coder and value; an empty value or an\n" +
        'absent row is a missing one), at the nominal, ordinal, interval or ratio level, or all four, with a\n' +
        'seeded percentile bootstrap interval over units.',
    )
    .argument('<file>', 'CSV file (comma or semicolon separated, UTF-8 with or without BOM)')
    .requiredOption('--unit <column>', 'column naming the unit coded (a paragraph, an article)')
    .requiredOption('--coder <column>', 'column naming the coder')
    .requiredOption('--value <column>', 'column holding the value the coder gave')
    .option('--level <level>', `${ALPHA_LEVELS.join(' | ')} | all`, 'nominal');
  withOptions(cmd, ['seed', 'replicates', ...OUTPUT_OPTIONS])
    .addHelpText('after', '\nExample:\n  framelab reliability codings.csv --unit paragraph --coder coder --value гранты --level all --format table')
    .action((file: string, flags: ReliabilityFlags) => {
      const format = formatOf(flags);
      const { seed, replicates } = statsOptionsOf(flags);
      const levels: AlphaLevel[] = flags.level === 'all' ? [...ALPHA_LEVELS] : [choice<AlphaLevel>('--level', flags.level ?? 'nominal', ALPHA_LEVELS)];
      checkOut(flags.out, [file]);
      const sheet = readCsvSheet(file);
      const column = (option: string, name: string) => {
        const k = sheet.header.indexOf(name);
        if (k < 0) throw new UsageError(`${option} ${name}: no such column in ${file} (columns: ${sheet.header.join(', ')})`);
        return k;
      };
      const [u, c, v] = [column('--unit', flags.unit!), column('--coder', flags.coder!), column('--value', flags.value!)];
      const data = sheet.rows.map((r) => ({ unit: r.values[u], coder: r.values[c], value: r.values[v].trim() === '' ? null : r.values[v].trim() }));
      const rows: Array<Record<string, Cell>> = levels.map((level) => {
        let a;
        try {
          a = krippendorffAlpha(data, { level, bootstrap: replicates, seed });
        } catch (err) {
          if (err instanceof RangeError || err instanceof FramelabError) throw new FramelabError(err.message, { file });
          throw err;
        }
        return {
          level,
          alpha: nanToNull(a.alpha),
          low: nanToNull(a.low ?? NaN),
          high: nanToNull(a.high ?? NaN),
          units: a.units,
          values: a.values,
          observed_disagreement: a.observed,
          expected_disagreement: a.expected,
          test: a.test,
        };
      });
      const coders = new Set(data.filter((d) => d.value !== null).map((d) => d.coder)).size;
      note(flags, `${coders} coder(s), ${new Set(data.map((d) => d.unit)).size} unit(s) in ${file}`);
      emitRows(rows, Object.keys(rows[0]), format as 'csv' | 'json' | 'table', flags.out);
    });
}

function nanToNull(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}
