import type { Command } from 'commander';
import { BUNDLED_RHETORIC_DICTIONARY, rhetoric } from '../rhetoric/rhetoric';
import { emitRows, loadInputs, note } from './common';
import { DICTIONARY_OPTIONS, INPUT_OPTIONS, OUTPUT_OPTIONS, withOptions, type SharedFlags } from './options';

/** `framelab rhetoric`: markers per paragraph, or the quoted spans. */
export function registerRhetoric(program: Command): void {
  withOptions(
    program
      .command('rhetoric')
      .summary('rhetoric markers per paragraph, or every quoted span with its class')
      .description(
        'Per paragraph: distancing, in-group (мы), out-group (они), self-presentation (я), boosters and hedges\n' +
          '(the bundled rhetoric-ru.yaml, or --dict), sentences, questions, exclamations and quoted spans by class.\n' +
          'With --quotes: one row per quoted span (doc, paragraph, start, end, text, class, rule), classes\n' +
          'quotation | name | scare_quote | unbalanced, each with the rule that decided it.',
      )
      .argument('<paths...>', 'corpus files or folders'),
    ['quotes', ...DICTIONARY_OPTIONS, ...INPUT_OPTIONS, ...OUTPUT_OPTIONS],
    { dict: { description: 'marker dictionary (default: the bundled rhetoric-ru.yaml)' } },
  )
    .addHelpText(
      'after',
      '\nExamples:\n  framelab rhetoric data/ngo-grants-dialogue-2025.ru.txt --dedupe --format table\n' +
        '  framelab rhetoric data/ngo-grants-dialogue-2025.ru.txt --dedupe --quotes --format table',
    )
    .action((paths: string[], flags: SharedFlags & { quotes?: boolean }) => {
      const { corpus, dictionary, format } = loadInputs(paths, flags, { dictionary: BUNDLED_RHETORIC_DICTIONARY });
      const result = rhetoric(corpus, { dictionary });
      if (flags.quotes) {
        emitRows(result.quotes, ['doc', 'paragraph', 'start', 'end', 'text', 'class', 'rule', 'depth', 'duplicate_of'], format, flags.out);
        const unbalanced = result.quotes.filter((q) => q.class === 'unbalanced');
        note(flags, `${result.quotes.length} quoted span(s)${unbalanced.length ? `, ${unbalanced.length} unbalanced mark(s): see rows with class unbalanced` : ''}`);
      } else {
        emitRows(result.table.rows, result.table.columns, format, flags.out);
        note(flags, `${result.table.rows.length} paragraph(s), markers from ${dictionary.name}`);
      }
    });
}
