import type { Command } from 'commander';
import { loadCorpus } from '../corpus/load';
import type { ParagraphMode } from '../corpus/types';
import { BUNDLED_DICTIONARY, loadDictionary } from '../frames/dictionary';
import { countFrameRows } from '../frames/count';
import { formatTable, type TableFormat } from '../table/format';
import { choice, emit } from './run';

interface CountFlags {
  dict?: string;
  paragraphs: string;
  encoding?: string;
  dedupe?: boolean;
  rate?: boolean;
  format: string;
  out?: string;
  quiet?: boolean;
}

/** `framelab count`: the per-paragraph frame table. */
export function registerCount(program: Command): void {
  program
    .command('count')
    .summary('count framing terms per paragraph')
    .description(
      'Count, per paragraph, the words of each dictionary category (every inflected form: a pattern ' +
        'matches a word\'s form or its lemma). Reads .txt, .md, .jsonl and .csv files and folders.',
    )
    .argument('<paths...>', 'corpus files or folders')
    .option('-d, --dict <file>', `dictionary: .yaml/.yml, .json or LIWC .dic (default: the bundled ${'framing-ru.yaml'})`)
    .option('-p, --paragraphs <mode>', 'auto (blank lines if any, else lines) | lines | blank', 'auto')
    .option('-e, --encoding <name>', 'force an encoding (utf-8, utf-16le, windows-1251, koi8-r, ...) instead of detecting it')
    .option('--dedupe', 'drop paragraphs that repeat an earlier one of the same document')
    .option('--rate', 'add <category>_per_1k columns (count per 1000 words)')
    .option('-f, --format <format>', 'csv | json | table', 'csv')
    .option('-o, --out <file>', 'write to this file (atomically) instead of stdout')
    .option('-q, --quiet', 'no notes on stderr')
    .addHelpText(
      'after',
      '\nColumns: doc, paragraph (0-based), tokens, duplicate_of, matched, one per category[, <category>_per_1k].\n' +
        'Examples:\n' +
        '  framelab count data/ngo-grants-dialogue-2025.ru.txt --format table\n' +
        '  framelab count corpus/ --dict my.yaml --dedupe --rate --out counts.csv',
    )
    .action((paths: string[], flags: CountFlags) => {
      const format = choice<TableFormat>('--format', flags.format, ['csv', 'json', 'table']);
      const paragraphs = choice<ParagraphMode>('--paragraphs', flags.paragraphs, ['auto', 'lines', 'blank']);
      const dictionary = loadDictionary(flags.dict ?? BUNDLED_DICTIONARY);
      const corpus = loadCorpus(paths, { paragraphs, encoding: flags.encoding, dedupe: flags.dedupe });
      const table = countFrameRows(corpus, dictionary, { rate: flags.rate });
      emit(formatTable(table, format), flags.out);
      if (!flags.quiet) {
        const repeats = table.rows.filter((r) => r.duplicate_of !== null).length;
        const note = (s: string) => process.stderr.write(`framelab: ${s}\n`);
        note(`${corpus.documents.length} document(s), ${table.rows.length} paragraph(s), dictionary ${dictionary.name} (${dictionary.categories.length} categories)`);
        if (flags.dedupe && corpus.droppedDuplicates > 0) note(`dropped ${corpus.droppedDuplicates} duplicate paragraph(s)`);
        if (repeats > 0) note(`${repeats} paragraph(s) repeat an earlier one (column duplicate_of); --dedupe drops them`);
        if (flags.out) note(`wrote ${flags.out}`);
      }
    });
}
