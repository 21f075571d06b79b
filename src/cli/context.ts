import * as fs from 'node:fs';
import type { Command } from 'commander';
import { contextTerms } from '../analysis/context';
import type { Target } from '../analysis/targets';
import { emitRows, loadInputs, note } from './common';
import { choice, DICTIONARY_OPTIONS, INPUT_OPTIONS, OUTPUT_OPTIONS, wholeNumber, withOptions, type SharedFlags } from './options';
import { emit, UsageError } from './run';
import { suggestTerms } from '../validate/suggest';
import { toJson, toTextTable } from '../table/format';

const CONTEXT_COLUMNS = ['word', 'inside', 'outside', 'inside_per_1k', 'outside_per_1k', 'log_ratio', 'lr_low', 'lr_high', 'g2', 'p', 'p_holm', 'p_bh', 'examples', 'test'];

interface ContextFlags extends SharedFlags {
  category?: string;
  wordAs?: string;
  window: string;
  minCount: string;
  top?: string;
  contentOnly?: boolean;
  examples: string;
}

/** `framelab context`: the words found near a pattern more often than elsewhere. */
export function registerContext(program: Command): void {
  const cmd = program
    .command('context')
    .summary('context words: what stands near a pattern more often than elsewhere (G², log ratio)')
    .description(
      'List the lemmas that stand within --window words of the matches of PATTERN (a pattern as in\n' +
        'dictionaries: a glob on form or lemma, several words allowed) more often than in the rest of the\n' +
        'corpus, like textstat_context of the quanteda family (LSX). Every word position is a match word\n' +
        '(left out, and so are the match words themselves from the list), inside a window (counted once where\n' +
        'windows overlap; windows stay in their paragraph) or outside. Per word: its counts inside and outside,\n' +
        'log-likelihood G² with its p-value, the log ratio (Hardie) with its 95 % interval, p adjusted over every\n' +
        'word compared (Holm; Benjamini–Hochberg), and a few windows holding it (the match in [brackets], the\n' +
        'word in {braces}). Strongest G² first.\n\n' +
        'With --category NAME instead of PATTERN, the windows are those around every match of that category of\n' +
        'the dictionary (--dict); then every argument is a corpus path. These are the words a category is\n' +
        'written with: candidates for the dictionary, to read in their examples before adding any.',
    )
    .argument('<pattern-and-paths...>', 'PATTERN, then corpus files or folders (with --category: only the files or folders)');
  withOptions(cmd, ['category', 'window', 'wordAs', 'minCount', 'contentOnly', 'top', 'examples', ...DICTIONARY_OPTIONS, ...INPUT_OPTIONS, ...OUTPUT_OPTIONS], {
    category: { description: 'instead of PATTERN: every pattern of this dictionary category' },
    window: { description: 'words on each side of a match (quanteda’s default)', defaultValue: '10' },
  })
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  framelab context "коррупц*" data/ngo-grants-dialogue-2025.ru.txt --dedupe --format table\n' +
        '  framelab context --category гранты data/news-sample --id-column url --dedupe --content-only --top 30 --format table',
    )
    .action((args: string[], flags: ContextFlags) => {
      let paths = args;
      let pattern: string | undefined;
      if (flags.category !== undefined && args.length > 0 && !fs.existsSync(args[0])) {
        throw new UsageError(`"${args[0]}" is no file or folder: with --category every argument is a corpus path (give a pattern or --category, not both)`);
      }
      if (flags.category === undefined) {
        [pattern, ...paths] = args;
        if (pattern.trim() === '') throw new UsageError('the pattern is empty: give a pattern such as "коррупц*", or --category NAME');
        if (paths.length === 0) throw new UsageError(`no corpus after the pattern "${pattern}": give files or folders to read`);
      }
      const window = wholeNumber('--window', flags.window, 1);
      const by = choice('--word-as', flags.wordAs ?? 'lemma', ['lemma', 'form'] as const);
      const minCount = wholeNumber('--min-count', flags.minCount, 1);
      const top = flags.top === undefined ? undefined : wholeNumber('--top', flags.top, 1);
      const examples = wholeNumber('--examples', flags.examples, 0);
      const { corpus, dictionary, format } = loadInputs(paths, flags, { dictionary: flags.category === undefined ? false : undefined, warnRepeats: true });
      const target: Target = pattern !== undefined ? { pattern } : { category: flags.category, dictionary };
      const rows = contextTerms(corpus, target, { window, by, minCount, top, examples, contentOnly: flags.contentOnly });
      emitRows(rows, CONTEXT_COLUMNS, format, flags.out);
      note(flags, `${rows.length} word(s) more frequent within ±${window} words of ${pattern !== undefined ? `"${pattern}"` : `category "${flags.category}"`} than elsewhere`);
    });
}

interface SuggestFlags extends SharedFlags {
  coded: string[];
  category?: string;
  minSupport: string;
  minPrecision: string;
  bigrams: boolean;
  top?: string;
  examples: string;
  table: string;
}

/** `framelab suggest`: words the dictionary misses, from a coded sheet. */
export function registerSuggest(program: Command): void {
  const cmd = program
    .command('suggest')
    .summary('words the dictionary misses, from coded sheets: candidates with support and precision')
    .description(
      'Read coded sheets (from framelab sample, as framelab validate does) and, per category, look at the\n' +
        'paragraphs the readers coded 1 but the dictionary did not find (missed paragraphs). Their lemmas (content\n' +
        'words) and two-word phrases (lemma bigrams) are tried as the pattern you would paste (a stem glob such as\n' +
        'поддержк*, a phrase such as "переговор* о") on every coded paragraph. Per candidate: support (missed\n' +
        'paragraphs it hits, their weighted share and the documents they come from: support from one article is\n' +
        'its topic as much as the frame), true negatives it hits, its precision on the sheet\n' +
        '(coded-1 paragraphs among those it hits, weighted by the sampling weights), the recall it adds, and the\n' +
        "category's recall and precision with it added.\n\n" +
        'Ranking: candidates with precision ≥ --min-precision, by recall gain, then precision, then the coded-1\n' +
        'paragraphs they hit in all. These are counts on the sheet the candidates were found in, not tests: precision is optimistic,\n' +
        'and support 1 or 2 is an anecdote to read in its examples, not evidence. With several --coded sheets, the\n' +
        'paragraphs the coders agree on are used. --table rejected lists the patterns of the dictionary that hit\n' +
        'paragraphs coded 0, with their precision on the sheet and the forms they matched there.',
    )
    .argument('<paths...>', 'the corpus the sheets were drawn from');
  withOptions(cmd, ['coded', 'category', 'minSupport', 'minPrecision', 'noBigrams', 'top', 'examples', 'table', ...DICTIONARY_OPTIONS, ...INPUT_OPTIONS, ...OUTPUT_OPTIONS], {
    coded: { required: true },
    category: { description: 'only this category' },
    top: { description: 'the first n candidates per category only' },
    examples: { description: 'example paragraphs per row' },
    table: { description: 'candidates | rejected | summary | all (csv needs one)', defaultValue: 'candidates' },
  })
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  framelab suggest data/ngo-grants-dialogue-2025.ru.txt --dedupe --coded data/coding/article-coded.csv --min-support 1 --format table\n' +
        '  framelab suggest data/news-sample --id-column url --paragraphs "pattern:…" --coded a.csv --coded b.csv --table rejected --format table',
    )
    .action((paths: string[], flags: SuggestFlags) => {
      const which = choice('--table', flags.table, ['candidates', 'rejected', 'summary', 'all'] as const);
      const minSupport = wholeNumber('--min-support', flags.minSupport, 1);
      const minPrecision = Number(flags.minPrecision);
      if (flags.minPrecision.trim() === '' || !(minPrecision >= 0 && minPrecision <= 1)) throw new UsageError(`--min-precision must be a number from 0 to 1, not "${flags.minPrecision}"`);
      const top = flags.top === undefined ? undefined : wholeNumber('--top', flags.top, 1);
      const examples = wholeNumber('--examples', flags.examples, 0);
      const { corpus, dictionary, format } = loadInputs(paths, flags, { alsoReads: flags.coded });
      if (which === 'all' && format === 'csv') throw new UsageError('CSV holds one table: choose it with --table candidates|rejected|summary, or show all with --format table');
      const report = suggestTerms(corpus, dictionary, flags.coded, { category: flags.category, minSupport, minPrecision, bigrams: flags.bigrams, top, examples });
      for (const s of report.summary) note(flags, `${s.category}: ${s.fn} missed of ${s.tp + s.fn} coded 1 (${s.coded} paragraphs${s.disagreed ? `, ${s.disagreed} left out where the coders disagree` : ''}); ${s.tried} candidate(s) tried, ${s.kept} with precision ≥ ${minPrecision}`);
      const tables = { candidates: report.candidates, rejected: report.rejected, summary: report.summary } as Record<string, ReadonlyArray<object>>;
      const fallback = { candidates: ['category', 'rank', 'kind', 'candidate', 'pattern', 'support', 'missed', 'precision', 'recall_gain'], rejected: ['category', 'pattern', 'hits_coded_0', 'hits_coded_1', 'precision'], summary: ['category'] } as Record<string, string[]>;
      const columns = (name: string) => (tables[name].length ? Object.keys(tables[name][0]) : fallback[name]);
      if (which !== 'all') {
        emitRows(tables[which], columns(which), format, flags.out);
        return;
      }
      if (format === 'json') {
        emit(`{\n${Object.keys(tables).map((name) => `"${name}": ${toJson({ columns: columns(name), rows: tables[name] as never }).trimEnd()}`).join(',\n')}\n}\n`, flags.out);
      } else {
        emit(Object.keys(tables).map((name) => `== ${name}\n${toTextTable({ columns: columns(name), rows: tables[name] as never })}`).join('\n'), flags.out);
      }
    });
}
