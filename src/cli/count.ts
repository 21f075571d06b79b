import type { Command } from 'commander';
import { countFrameRows } from '../frames/count';
import { formatTable } from '../table/format';
import { corpusOptions, loadInputs, type CorpusFlags } from './common';
import { emit } from './run';

interface CountFlags extends CorpusFlags {
  rate?: boolean;
}

/** `framelab count`: the per-paragraph frame table. */
export function registerCount(program: Command): void {
  const cmd = program
    .command('count')
    .summary('count framing terms per paragraph')
    .description(
      'Count, per paragraph, the words of each dictionary category (every inflected form: a pattern ' +
        'matches a word\'s form or its lemma). Reads .txt, .md, .jsonl and .csv files and folders.',
    )
    .argument('<paths...>', 'corpus files or folders')
    .option('--rate', 'add <category>_per_1k columns (count per 1000 words)');
  corpusOptions(cmd)
    .addHelpText(
      'after',
      '\nColumns: doc, paragraph (0-based), tokens, duplicate_of, matched, one per category[, <category>_per_1k].\n' +
        'Examples:\n' +
        '  framelab count data/ngo-grants-dialogue-2025.ru.txt --format table\n' +
        '  framelab count corpus/ --dict my.yaml --dedupe --rate --out counts.csv',
    )
    .action((paths: string[], flags: CountFlags) => {
      const { corpus, dictionary, format } = loadInputs(paths, flags);
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
