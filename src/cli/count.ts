import type { Command } from 'commander';
import { BUNDLED_DICTIONARY } from '../frames/dictionary';
import type { CountSummary } from '../frames/count';
import { formatTable } from '../table/format';
import { parquetSink, tableSink, textSink } from '../table/sinks';
import { countWithProgress, dictionaryOf, note } from './common';
import { checkOut, DICTIONARY_OPTIONS, formatOf, INPUT_OPTIONS, jobsOf, metaOf, OUTPUT_OPTIONS, readOptionsOf, withOptions, wordsOf, type SharedFlags } from './options';
import { emit, streamTo } from './run';
import { FramelabError } from '../errors';
import { limit, limitHint } from '../util/limits';
import { predictCommand } from './models';

/** `framelab count`: the per-paragraph frame table. */
export function registerCount(program: Command): void {
  const cmd = program
    .command('count')
    .summary('count framing terms per paragraph')
    .description(
      'Count, per paragraph, the words of each dictionary category (every inflected form: a pattern ' +
        "matches a word's form or its lemma). Reads .txt, .md, .jsonl, .csv and .json files (also .gz), folders, and\n" +
        'corpus files (corpus.yaml: sources with their own options and fields; see the README),\n' +
        'one file at a time, JSONL line by line and CSV row by row, over --jobs worker threads.',
    )
    .argument('<paths...>', 'corpus files or folders');
  withOptions(cmd, ['model', ...DICTIONARY_OPTIONS, 'rate', 'words', 'meta', ...INPUT_OPTIONS, 'jobs', 'fullLemmas', ...OUTPUT_OPTIONS], {
    model: { description: 'add <category>_p columns: the probabilities of a frame model (from framelab train), as framelab predict does' },
    format: { description: 'csv | json | table | parquet (with --out)' },
  })
    .addHelpText(
      'after',
      '\nColumns: doc, the --meta fields, paragraph (0-based), tokens, duplicate_of[, boilerplate_of], matched, one per category[, <category>_per_1k].\n' +
        'boilerplate_of (with --boilerplate): which boilerplate paragraph it is (0-based, most frequent first, as the boilerplate note lists them); empty when none.\n' +
        'Examples:\n' +
        '  framelab count data/ngo-grants-dialogue-2025.ru.txt --format table\n' +
        '  framelab count corpus/ --dict my.yaml --dedupe --rate --out counts.csv\n' +
        '  framelab count data/news-sample --id-column url --meta date,edition,topics\n' +
        '  framelab count data/mixed-corpus/corpus.yaml --meta outlet,date --clean all --boilerplate 3\n' +
        "  framelab count texts/ --name-fields '^(?<date>[\\d-]{10})-(?<title>.+)$' --field outlet=Meduza",
    )
    .action(async (paths: string[], flags: SharedFlags & { model?: string }) => {
      if (flags.model !== undefined) return predictCommand(flags.model, paths, flags);
      const format = formatOf(flags, true);
      const read = readOptionsOf(flags);
      const jobs = jobsOf(flags);
      const meta = metaOf(flags);
      const words = wordsOf(flags);
      checkOut(flags.out, paths, [flags.dict ?? BUNDLED_DICTIONARY, flags.lexicon]);
      const dictionary = dictionaryOf(flags);
      const categories = dictionary.categories.map((c) => c.name);
      const options = { ...read, jobs, meta, words, rate: flags.rate, fullLemmas: flags.fullLemmas };
      // one count; the format only picks where the rows go
      let summary: CountSummary;
      if (format === 'table') {
        const r = await countWithProgress(paths, dictionary, flags, { ...options, texts: true }, tableSink());
        summary = r.summary;
        emit(formatTable(r.table, 'table'), flags.out);
      } else if (format === 'parquet') {
        // refused before reading: DuckDB takes minutes over a table of 100,000 columns
        const width = 5 + (read.boilerplateMin !== undefined ? 1 : 0) + (Array.isArray(meta) ? meta.length : 0) + categories.length * (flags.rate ? 2 : 1);
        if (width > limit('parquetColumns')) {
          throw new FramelabError(`the dictionary makes ${width} columns, too many for a Parquet file (${limitHint('parquetColumns')}), or write CSV`, { file: flags.dict });
        }
        summary = (await countWithProgress(paths, dictionary, flags, options, parquetSink(flags.out!))).summary;
      } else {
        summary = await streamTo(flags.out, async (write) => (await countWithProgress(paths, dictionary, flags, options, textSink(write, format, undefined, true))).summary);
      }
      summaryNotes(flags, summary, dictionary.name, categories.length);
    });
}

function summaryNotes(flags: SharedFlags, s: CountSummary, dictionary: string, categories: number): void {
  const left = s.skippedFiles.length ? `, ${s.skippedFiles.length} file(s) left out` : '';
  note(flags, `${s.documents} document(s), ${s.paragraphs} paragraph(s) from ${s.totalFiles} file(s)${left}, dictionary ${dictionary} (${categories} categories)`);
  if (flags.dedupe && s.dropped > 0) note(flags, `dropped ${s.dropped} duplicate paragraph(s)`);
  if (s.droppedBoilerplate) note(flags, `dropped ${s.droppedBoilerplate} boilerplate paragraph(s)`);
  if (s.repeats > 0) note(flags, `${s.repeats} paragraph(s) repeat an earlier one (column duplicate_of); --dedupe drops them`);
  if (flags.out) note(flags, `wrote ${flags.out}`);
  if (s.seconds > 2) note(flags, `${(s.bytes / 1048576).toFixed(1)} MiB in ${s.seconds.toFixed(1)} s (${(s.bytes / 1048576 / s.seconds).toFixed(1)} MiB/s, ${s.jobs} thread(s))`);
}
