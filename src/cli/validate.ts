import type { Command } from 'commander';
import { FramelabError } from '../errors';
import { BUNDLED_DICTIONARY } from '../frames/dictionary';
import type { Cell } from '../table/frame-table';
import { ALPHA_LEVELS, krippendorffAlpha, type AlphaLevel } from '../stats/reliability';
import { toCsv, toJson, toTextTable } from '../table/format';
import { readCsvSheet } from '../table/read';
import { validateDictionary } from '../validate/metrics';
import { codingSample, CODING_SCALES, type CodingScale } from '../validate/sheet';
import { countWithProgress, dictionaryOf, emitRows, loadInputs, note } from './common';
import { checkUncertainFlags, uncertainSheet, type UncertainFlags } from './models';
import {
  checkOut,
  choice,
  DICTIONARY_OPTIONS,
  formatOf,
  INPUT_OPTIONS,
  metaOf,
  OUTPUT_OPTIONS,
  readOptionsOf,
  statsOptionsOf,
  wholeNumber,
  withOptions,
  type SharedFlags,
} from './options';
import { sheetWithMeta } from './meta';
import { emit, UsageError } from './run';

interface SampleFlags extends SharedFlags, UncertainFlags {
  stratifyBy?: string;
  n: string;
  stratify?: boolean;
  codingScale: string;
  excel?: boolean;
}

/** `framelab sample`: a coding sheet of paragraphs drawn at random. */
export function registerSample(program: Command): void {
  const cmd = program
    .command('sample')
    .summary('a coding sheet: paragraphs drawn at random for coders, one empty column per category')
    .description(
      'Draw --n paragraphs at random (seeded: the same seed gives the same sheet) and write them as a CSV coding\n' +
        'sheet: doc, paragraph, stratum, weight, the text, and one empty column per category of the dictionary,\n' +
        'marked [0/1] (the coder writes 1 when the paragraph speaks of the category) or [n] (the number of its\n' +
        'words) by --coding-scale. Repeated paragraphs and paragraphs without words are left out. --stratify draws half\n' +
        'from paragraphs the dictionary matched and half from the others, and each row carries the weight that\n' +
        'keeps estimates unbiased. Code the sheet, then run framelab validate with it.',
    )
    .argument('<paths...>', 'corpus files or folders');
  withOptions(cmd, ['n', 'stratify', 'stratifyBy', 'codingScale', 'excel', 'model', 'uncertain', 'excludeCoded', ...DICTIONARY_OPTIONS, 'meta', ...INPUT_OPTIONS, 'seed', 'out', 'quiet'], {
    codingScale: { description: `what coders write: ${CODING_SCALES.join(' | ')}` },
    model: { description: 'a frame model (from framelab train), for --uncertain' },
  })
    .addHelpText(
      'after',
      '\nExamples:\n  framelab sample data/news-sample --id-column url --n 200 --seed 7 --stratify --excel --out coding.csv\n' +
        '  framelab sample data/mixed-corpus/corpus.yaml --n 50 --meta outlet,date --out coding.csv\n' +
        '  framelab sample corpus/ --model model.json --uncertain --n 50 --exclude-coded coded.csv --out next.csv',
    )
    .action(async (paths: string[], flags: SampleFlags) => {
      const n = wholeNumber('--n', flags.n, 1);
      const scale = choice<CodingScale>('--coding-scale', flags.codingScale, CODING_SCALES);
      const { seed } = statsOptionsOf(flags);
      const read = readOptionsOf(flags);
      checkOut(flags.out, paths, [flags.dict ?? BUNDLED_DICTIONARY, flags.lexicon, flags.model, ...(flags.excludeCoded ?? [])]);
      checkUncertainFlags(flags);
      const dictionary = dictionaryOf(flags);
      const meta = metaOf(flags);
      const result = await countWithProgress(paths, dictionary, flags, { ...read, texts: true, meta });
      const stratifyBy = flags.stratifyBy === undefined ? undefined : choice('--stratify-by', flags.stratifyBy, ['category'] as const);
      if (stratifyBy && flags.stratify) throw new UsageError('give --stratify or --stratify-by, not both');
      if (stratifyBy && flags.uncertain) throw new UsageError('give --uncertain or --stratify-by, not both');
      const sheet = sheetWithMeta(
        flags.uncertain ? uncertainSheet(flags, result.table, { n, seed, scale }) : codingSample(result.table, { n, seed, stratify: flags.stratify, stratifyBy, scale }),
        result.table,
      );
      if (sheet.rows.length < n) note(flags, `only ${sheet.rows.length} paragraph(s) to draw from (repeats and empty paragraphs left out): all of them are on the sheet`);
      const strata = [...new Set(sheet.rows.map((r) => r.stratum))].map((s) => `${sheet.rows.filter((r) => r.stratum === s).length} ${s}`);
      note(flags, `${sheet.rows.length} paragraph(s) (${strata.join(', ')}), seed ${seed}, coded as ${scale === 'presence' ? '1/0' : 'counts'}`);
      emit((flags.excel ? '\ufeff' : '') + toCsv({ columns: sheet.columns, rows: sheet.rows as never }), flags.out);
      if (flags.out) note(flags, `wrote ${flags.out}`);
    });
}

interface ValidateFlags extends SharedFlags {
  coded: string[];
  table: string;
}

/** `framelab validate`: the dictionary against coded sheets. */
export function registerValidate(program: Command): void {
  const cmd = program
    .command('validate')
    .summary('the dictionary against human coding: precision, recall, F1, disagreements, agreement')
    .description(
      'Compare the dictionary with coded sheets (from framelab sample), per category: presence per paragraph\n' +
        '(true and false positives and negatives, precision, recall and F1 with bootstrap intervals, weighted when\n' +
        'the sheet is stratified) and, for [n] sheets, the mean absolute difference and correlation of the counts.\n' +
        "With two or more sheets: Krippendorff's alpha between the coders and the dictionary against their\n" +
        'majority. --table disagreements lists every paragraph where the dictionary and a coder differ, with the\n' +
        'words the dictionary matched in context.',
    )
    .argument('<paths...>', 'the corpus the sheets were drawn from');
  withOptions(cmd, ['coded', 'table', ...DICTIONARY_OPTIONS, ...INPUT_OPTIONS, 'seed', 'replicates', ...OUTPUT_OPTIONS], {
    coded: { required: true },
    table: { description: 'metrics | disagreements | agreement | all (csv needs one)', defaultValue: 'metrics' },
  })
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  framelab validate data/ngo-grants-dialogue-2025.ru.txt --dedupe --coded data/coding/article-coded.csv --format table\n' +
        '  framelab validate corpus/ --coded coder1.csv --coded coder2.csv --table agreement --format table',
    )
    .action((paths: string[], flags: ValidateFlags) => {
      const which = choice('--table', flags.table, ['metrics', 'disagreements', 'agreement', 'all'] as const);
      const { seed, replicates } = statsOptionsOf(flags);
      const { corpus, dictionary, format } = loadInputs(paths, flags, { alsoReads: flags.coded });
      if (which === 'all' && format === 'csv') throw new UsageError('CSV holds one table: choose it with --table metrics|disagreements|agreement, or show all with --format table');
      if (which === 'agreement' && flags.coded.length < 2) throw new UsageError('--table agreement needs two or more --coded sheets');
      // only the documents the sheets name are counted: a 56 MB corpus took a minute whatever the sheet's size
      const named = documentsNamed(flags.coded);
      const report = validateDictionary(named ? { ...corpus, documents: corpus.documents.filter((d) => named.has(d.id)) } : corpus, dictionary, flags.coded, { seed, replicates });
      // a row whose category cells are all empty has not been coded yet
      for (const s of report.sheets) note(flags, `${s.file}: ${s.rows.filter((r) => r.values.some((v) => v !== null)).length} coded paragraph(s) of ${s.rows.length}, ${s.scale === 'presence' ? '1/0' : 'counts'}`);
      note(flags, `${report.disagreements.length} disagreement(s) between the dictionary and the coding`);
      const tables = {
        metrics: report.rows as unknown as Array<Record<string, Cell>>,
        disagreements: report.disagreements as unknown as Array<Record<string, Cell>>,
        agreement: report.agreement as unknown as Array<Record<string, Cell>>,
      };
      const columns = (rows: Array<Record<string, Cell>>, fallback: string[]) => (rows.length ? Object.keys(rows[0]) : fallback);
      if (which !== 'all') {
        const rows = tables[which];
        emitRows(rows, columns(rows, ['category']), format, flags.out);
        return;
      }
      const shown = Object.entries(tables).filter(([name]) => name !== 'agreement' || flags.coded.length >= 2);
      if (format === 'json') {
        emit(`{\n${shown.map(([name, rows]) => `"${name}": ${toJson({ columns: columns(rows, []), rows }).trimEnd()}`).join(',\n')}\n}\n`, flags.out);
      } else {
        emit(shown.map(([name, rows]) => `== ${name}\n${toTextTable({ columns: columns(rows, []), rows })}`).join('\n'), flags.out);
      }
    });
}

interface ReliabilityFlags extends SharedFlags {
  unitColumn?: string;
  coderColumn?: string;
  valueColumn?: string;
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
    .argument('<file>', 'CSV file (comma or semicolon separated, UTF-8 with or without BOM)');
  withOptions(cmd, ['unitColumn', 'coderColumn', 'valueColumn', 'level', 'seed', 'replicates', ...OUTPUT_OPTIONS], { level: { description: `${ALPHA_LEVELS.join(' | ')} | all` } })
    .addHelpText('after', '\nExample:\n  framelab reliability codings.csv --unit-column paragraph --coder-column coder --value-column гранты --level all --format table')
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
      const [u, c, v] = [column('--unit-column', flags.unitColumn!), column('--coder-column', flags.coderColumn!), column('--value-column', flags.valueColumn!)];
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

/** The document ids a set of coding sheets names (their `doc` column), or undefined when a sheet has none (its error comes later). */
function documentsNamed(files: readonly string[]): Set<string> | undefined {
  const ids = new Set<string>();
  for (const file of files) {
    const sheet = readCsvSheet(file);
    const k = sheet.header.indexOf('doc');
    if (k < 0) return undefined;
    for (const r of sheet.rows) ids.add(r.values[k]);
  }
  return ids;
}
