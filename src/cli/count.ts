import * as os from 'node:os';
import type { Command } from 'commander';
import { BUNDLED_DICTIONARY, loadDictionary } from '../frames/dictionary';
import { countFrameRows } from '../frames/count';
import { countFilesStreaming } from '../frames/stream';
import { formatTable } from '../table/format';
import type { ParagraphMode } from '../corpus/types';
import { corpusOptions, loadInputs, note, wholeNumber, type CorpusFlags } from './common';
import { choice, emit, openSink, progressBar } from './run';

interface CountFlags extends CorpusFlags {
  rate?: boolean;
  jobs?: string;
  skipBadLines?: boolean;
  fullLemmas?: boolean;
}

/** `framelab count`: the per-paragraph frame table. */
export function registerCount(program: Command): void {
  const cmd = program
    .command('count')
    .summary('count framing terms per paragraph')
    .description(
      'Count, per paragraph, the words of each dictionary category (every inflected form: a pattern ' +
        'matches a word\'s form or its lemma). Reads .txt, .md, .jsonl and .csv files and folders.\n' +
        'CSV and JSON are streamed: files one at a time, JSONL line by line, over --jobs worker threads.',
    )
    .argument('<paths...>', 'corpus files or folders')
    .option('--rate', 'add <category>_per_1k columns (count per 1000 words)')
    .option('-j, --jobs <n>', `worker threads (default: the number of cores, ${os.availableParallelism?.() ?? os.cpus().length} here; 1 below 4 MiB of input)`)
    .option('--skip-bad-lines', 'skip JSONL lines that are not JSON objects with a "text" field, and count them, instead of stopping')
    .option('--full-lemmas', 'lemmatize every word form, not only those a pattern could reach (slower; same counts; for verification)');
  corpusOptions(cmd)
    .addHelpText(
      'after',
      '\nColumns: doc, paragraph (0-based), tokens, duplicate_of, matched, one per category[, <category>_per_1k].\n' +
        'Examples:\n' +
        '  framelab count data/ngo-grants-dialogue-2025.ru.txt --format table\n' +
        '  framelab count corpus/ --dict my.yaml --dedupe --rate --out counts.csv',
    )
    .action(async (paths: string[], flags: CountFlags) => {
      const format = choice('--format', flags.format, ['csv', 'json', 'table'] as const);
      if (format === 'table') {
        const { corpus, dictionary } = loadInputs(paths, flags);
        const table = countFrameRows(corpus, dictionary, { rate: flags.rate });
        emit(formatTable(table, 'table'), flags.out);
        const repeats = table.rows.filter((r) => r.duplicate_of !== null).length;
        summaryNotes(flags, { documents: corpus.documents.length, paragraphs: table.rows.length, dropped: corpus.droppedDuplicates, repeats, skipped: [] }, dictionary.name, dictionary.categories.length);
        return;
      }
      const paragraphs = choice<ParagraphMode>('--paragraphs', flags.paragraphs, ['auto', 'lines', 'blank']);
      const dictionary = loadDictionary(flags.dict ?? BUNDLED_DICTIONARY);
      const jobs = flags.jobs === undefined ? undefined : wholeNumber('--jobs', flags.jobs, 1);
      const sink = openSink(flags.out);
      const bar = progressBar(!flags.quiet);
      let summary;
      try {
        summary = await countFilesStreaming(paths, dictionary, sink.write, {
          paragraphs,
          encoding: flags.encoding,
          dedupe: flags.dedupe,
          rate: flags.rate,
          format,
          jobs,
          skipBadLines: flags.skipBadLines,
          fullLemmas: flags.fullLemmas,
          onProgress: bar.update,
        });
        sink.commit();
      } catch (err) {
        sink.abort();
        throw err;
      } finally {
        bar.done();
      }
      summaryNotes(flags, summary, dictionary.name, dictionary.categories.length);
      if (!flags.quiet && summary.seconds > 2) {
        note(flags, `${(summary.bytes / 1048576).toFixed(1)} MiB in ${summary.seconds.toFixed(1)} s (${(summary.bytes / 1048576 / summary.seconds).toFixed(1)} MiB/s)`);
      }
    });
}

function summaryNotes(
  flags: CountFlags,
  s: { documents: number; paragraphs: number; dropped: number; repeats: number; skipped: Array<{ file: string; line: number; message: string }> },
  dictionary: string,
  categories: number,
): void {
  note(flags, `${s.documents} document(s), ${s.paragraphs} paragraph(s), dictionary ${dictionary} (${categories} categories)`);
  if (flags.dedupe && s.dropped > 0) note(flags, `dropped ${s.dropped} duplicate paragraph(s)`);
  if (s.repeats > 0) note(flags, `${s.repeats} paragraph(s) repeat an earlier one (column duplicate_of); --dedupe drops them`);
  if (s.skipped.length > 0) {
    note(flags, `skipped ${s.skipped.length} bad line(s); first: ${s.skipped[0].message}`);
  }
  if (flags.out) note(flags, `wrote ${flags.out}`);
}
