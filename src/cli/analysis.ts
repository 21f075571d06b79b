import type { Command } from 'commander';
import { FramelabError } from '../errors';
import { collocates } from '../analysis/collocates';
import { keyness, partitionCorpus } from '../analysis/keyness';
import { runContext } from '../frames/rules';
import { kwic } from '../analysis/kwic';
import type { Target } from '../analysis/targets';
import { loadCorpus } from '../corpus/load';
import { openCorpus } from '../corpus/read';
import { countFrameRows, sharedMatcher } from '../frames/count';
import { frameMatches } from '../frames/matches';
import { categoryCorrelations, categoryStatistics, cooccurrenceTests, positionTests } from '../stats/frames';
import { methodsText } from '../stats/methods';
import { formatCell, toJson, toTextTable } from '../table/format';

import { frequencyList } from '../analysis/frequency';
import { paragraphTokens } from '../corpus/tokens';
import { emitRows, loadInputs, note, readingNotes } from './common';
import { metaFieldsOf, withMeta } from './meta';
import { keynessByGroup } from '../analysis/keyness-groups';
import { choice, DICTIONARY_OPTIONS, INPUT_OPTIONS, metaOf, OUTPUT_OPTIONS, readOptionsOf, statsOptionsOf, wholeNumber, withOptions, wordsOf, type SharedFlags } from './options';
import { emit, UsageError } from './run';

type CorpusFlags = SharedFlags;

/** Columns holding a permutation p-value (unadjusted). */
const PERMUTATION_P = /^(pearson_p|spearman_p|perm_p)$/;

/** The options of the commands that read a corpus with a dictionary, and write one table. */
function corpusOptions(cmd: Command, dictionary = true): Command {
  return withOptions(cmd, [...(dictionary ? DICTIONARY_OPTIONS : []), ...INPUT_OPTIONS, ...OUTPUT_OPTIONS]);
}

interface TargetFlags extends CorpusFlags {
  pattern?: string;
  category?: string;
}

function targetOptions(cmd: Command): Command {
  return withOptions(cmd, ['pattern', 'category']);
}

function targetOf(flags: TargetFlags, dictionary: Target['dictionary']): Target {
  if ((flags.pattern === undefined) === (flags.category === undefined)) throw new UsageError('give either --pattern or --category');
  return flags.pattern !== undefined ? { pattern: flags.pattern } : { category: flags.category, dictionary };
}

const columnsOf = (rows: ReadonlyArray<object>, fallback: string[]) => (rows.length ? Object.keys(rows[0]) : fallback);

/** `framelab kwic`, `collocates`, `keyness`, `freq` and `stats`. */
export function registerAnalysis(program: Command): void {
  const kwicCommand = corpusOptions(
    targetOptions(
      program
        .command('kwic')
        .summary('keyword in context: every match with its surrounding words')
        .argument('<paths...>', 'corpus files or folders'),
    ),
  );
  withOptions(kwicCommand, ['window', 'sort', 'crossParagraphs', 'lemmas', 'blocked', 'meta'])
    .addHelpText(
      'after',
      '\nFor a category whose patterns have rules (README, "Rules in a dictionary"), a "rule" column says which rule let each match through; --blocked also lists the matches a rule stopped.\n\nExamples:\n  framelab kwic data/ngo-grants-dialogue-2025.ru.txt --category коррупция --window 6 --format table\n' +
        '  framelab kwic news/ --dict my.yaml --category запад --blocked --format table\n' +
        '  framelab kwic data/mixed-corpus/corpus.yaml --pattern "путин*" --meta outlet,date',
    )
    .action((paths: string[], flags: TargetFlags & { window: string; sort: string; crossParagraphs?: boolean; lemmas?: boolean; blocked?: boolean }) => {
      const meta = metaOf(flags);
      const { corpus, dictionary, format } = loadInputs(paths, flags, { warnRepeats: true });
      const rows = kwic(corpus, targetOf(flags, dictionary), {
        window: wholeNumber('--window', flags.window),
        sort: choice('--sort', flags.sort, ['position', 'left', 'right'] as const),
        crossParagraphs: flags.crossParagraphs,
        lemmas: flags.lemmas,
        blocked: flags.blocked,
      });
      // a category with rules: which rule let each match through (and, with --blocked, which stopped it)
      const ruled = rows.some((r) => r.rule !== undefined);
      const fields = metaFieldsOf(corpus, meta);
      const columns = ['doc', ...fields, 'paragraph', 'word', 'left', 'match', 'right', 'pattern', 'category', 'part', ...(flags.lemmas ? ['lemma', 'via', 'guessed'] : []), ...(ruled ? ['rule'] : []), ...(flags.blocked ? ['blocked'] : [])];
      emitRows(fields.length ? withMeta(rows, corpus, fields) : rows, columns, format, flags.out);
      const stopped = rows.filter((r) => r.blocked).length;
      note(flags, `${rows.length - stopped} match(es)${flags.blocked ? `, ${stopped} stopped by a rule` : ''}`);
    });

  const collocatesCommand = corpusOptions(
    targetOptions(
      program
        .command('collocates')
        .summary('words that keep company with a pattern or category (G², MI)')
        .argument('<paths...>', 'corpus files or folders'),
    ),
  );
  withOptions(collocatesCommand, ['window', 'minFreq', 'wordAs', 'contentOnly', 'crossParagraphs'], {
    window: { description: 'words on each side of the node' },
    crossParagraphs: { description: 'let windows run into neighbouring paragraphs' },
  })
    .addHelpText('after', '\nExample:\n  framelab collocates data/ngo-grants-dialogue-2025.ru.txt --pattern "коррупц*" --content-only --format table')
    .action((paths: string[], flags: TargetFlags & { window: string; minFreq: string; wordAs: string; contentOnly?: boolean; crossParagraphs?: boolean }) => {
      const { corpus, dictionary, format } = loadInputs(paths, flags, { warnRepeats: true });
      const rows = collocates(corpus, targetOf(flags, dictionary), {
        window: wholeNumber('--window', flags.window, 1),
        minFreq: wholeNumber('--min-freq', flags.minFreq, 1),
        by: choice('--word-as', flags.wordAs, ['lemma', 'form'] as const),
        contentOnly: flags.contentOnly,
        crossParagraphs: flags.crossParagraphs,
      });
      emitRows(rows, columnsOf(rows, ['collocate', 'pos', 'freq', 'total', 'expected', 'g2', 'p', 'mi', 'test']), format, flags.out);
      note(flags, `${rows.length} collocate(s)`);
    });

  withOptions(
    corpusOptions(
      program
        .command('keyness')
        .summary('words distinctive of a target against a reference (G², log ratio)')
        .argument('<paths...>', 'target corpus files or folders'),
    ),
    ['reference', 'doc', 'targetCategory', 'each', 'top', 'wordAs', 'minFreq', 'keepCategoryWords'],
    { top: { description: 'with --each: the first n words of each group' }, minFreq: { description: 'smallest frequency in target and reference together' } },
  )
    .addHelpText(
      'after',
      '\nExamples:\n  framelab keyness article.txt --reference press/ --format table\n' +
        '  framelab keyness data/ngo-grants-dialogue-2025.ru.txt --dedupe --target-category гранты --format table\n' +
        '  framelab keyness data/mixed-corpus/corpus.yaml --each outlet --top 10 --clean all',
    )
    .action((paths: string[], flags: CorpusFlags & { reference?: string[]; doc?: string; targetCategory?: string; each?: string; top?: string; wordAs: string; minFreq: string; keepCategoryWords?: boolean }) => {
      const chosen = [flags.reference, flags.doc, flags.targetCategory, flags.each].filter((x) => x !== undefined).length;
      if (chosen !== 1) throw new UsageError('give exactly one of --reference, --doc, --target-category or --each');
      if (flags.top !== undefined && flags.each === undefined) throw new UsageError('--top goes with --each');
      const { corpus, dictionary, format } = loadInputs(paths, flags, { alsoReads: flags.reference, warnRepeats: true });
      if (flags.each !== undefined) {
        const by = choice('--word-as', flags.wordAs, ['lemma', 'form'] as const);
        const top = flags.top === undefined ? undefined : wholeNumber('--top', flags.top, 1);
        const rows = keynessByGroup(corpus, flags.each, { by, minFreq: wholeNumber('--min-freq', flags.minFreq, 1), top });
        const columns = ['group', 'word', 'target_freq', 'reference_freq', 'target_per_1k', 'reference_per_1k', 'log_ratio', 'lr_low', 'lr_high', 'g2', 'p', 'p_holm', 'p_bh', 'test'];
        emitRows(rows.map(({ group, ...r }) => ({ [flags.each!]: group, ...r })), [flags.each, ...columns.slice(1)], format, flags.out);
        note(flags, `${new Set(rows.map((r) => r.group)).size} group(s) by ${flags.each}, each against the rest`);
        return;
      }
      let target = corpus;
      let reference = corpus;
      if (flags.reference) {
        const read = readOptionsOf(flags);
        const report = openCorpus(flags.reference, read);
        reference = loadCorpus(flags.reference, read, report);
        readingNotes(flags, report);
      } else if (flags.doc !== undefined) {
        if (!corpus.documents.some((d) => d.id === flags.doc)) {
          throw new UsageError(`no document "${flags.doc}" (documents: ${corpus.documents.map((d) => d.id).slice(0, 10).join(', ')})`);
        }
        ({ target, rest: reference } = partitionCorpus(corpus, (doc) => doc.id === flags.doc));
      } else {
        const names = dictionary.categories.map((c) => c.name);
        if (!names.includes(flags.targetCategory!)) throw new UsageError(`no category "${flags.targetCategory}" in dictionary ${dictionary.name} (it has ${names.join(', ')})`);
        const matcher = sharedMatcher(dictionary);
        const k = names.indexOf(flags.targetCategory!);
        const counts = new Int32Array(names.length);
        ({ target, rest: reference } = partitionCorpus(corpus, (_doc, p) => {
          const t = paragraphTokens(p);
          const ids = t.ids;
          for (const id of ids) matcher.classify(id);
          counts.fill(0);
          matcher.countIds(ids, 0, ids.length, counts, matcher.hasRules ? () => runContext(p.text, t.starts, t.ends) : undefined);
          return counts[k] > 0;
        }));
      }
      const by = choice('--word-as', flags.wordAs, ['lemma', 'form'] as const);
      let exclude: Set<string> | undefined;
      if (flags.targetCategory !== undefined && !flags.keepCategoryWords) {
        // the words that put a paragraph in the target: key by construction, so left out
        exclude = new Set(frameMatches(corpus, dictionary).filter((m) => m.category === flags.targetCategory).flatMap((m) => (by === 'lemma' ? m.lemma : m.form).split(' ')));
        note(flags, `left out the ${exclude.size} word(s) of category "${flags.targetCategory}" itself (--keep-category-words keeps them)`);
      }
      const rows = keyness(target, reference, { by, minFreq: wholeNumber('--min-freq', flags.minFreq, 1), exclude });
      emitRows(rows, columnsOf(rows, ['word', 'target_freq', 'reference_freq', 'target_per_1k', 'reference_per_1k', 'log_ratio', 'lr_low', 'lr_high', 'g2', 'p', 'p_holm', 'p_bh', 'test']), format, flags.out);
      note(flags, `${rows.length} word(s) compared`);
    });

  withOptions(
    corpusOptions(
      program
        .command('freq')
        .summary('frequency list of lemmas or word forms, with dispersion')
        .argument('<paths...>', 'corpus files or folders'),
      false,
    ),
    ['wordAs', 'contentOnly', 'top'],
  ).action((paths: string[], flags: CorpusFlags & { wordAs: string; contentOnly?: boolean; top?: string }) => {
    const { corpus, format } = loadInputs(paths, flags, { dictionary: false, warnRepeats: true });
    const rows = frequencyList(corpus, {
      by: choice('--word-as', flags.wordAs, ['lemma', 'form'] as const),
      contentOnly: flags.contentOnly,
      top: flags.top === undefined ? undefined : wholeNumber('--top', flags.top, 1),
    });
    emitRows(rows, ['word', 'count', 'paragraphs', 'pos'], format, flags.out);
  });

  corpusOptions(
    withOptions(
      program
        .command('stats')
        .summary('per-category statistics, correlations, co-occurrence and position tests')
        .argument('<paths...>', 'corpus files or folders'),
      ['table', 'parts', 'methods', 'words', 'seed', 'replicates', 'permutations', 'unit'],
      {
        table: { description: 'categories | correlations | cooccurrence | position | all (all four: as text tables unless --format json is given; CSV holds one)', defaultValue: 'all' },
        methods: { description: 'instead of the tables: a paragraph for the methods section of a paper (units, tests, corrections, seed, versions)' },
      },
    ),
  ).action(
    (paths: string[], flags: CorpusFlags & { table: string; parts: string; methods?: boolean }, command: Command) => {
      // options are checked before anything is read; all four tables cannot share one CSV: unless a
      // format was asked for, they are shown as text tables
      if (flags.table === 'all' && command.getOptionValueSource('format') === 'default') flags.format = 'table';
      const which = choice('--table', flags.table, ['categories', 'correlations', 'cooccurrence', 'position', 'all'] as const);
      const opts = statsOptionsOf(flags);
      const parts = wholeNumber('--parts', flags.parts, 2);
      const { corpus, dictionary, format } = loadInputs(paths, flags, { warnRepeats: true });
      if (which === 'all' && format === 'csv' && !flags.methods) throw new UsageError('CSV holds one table: choose it with --table categories|correlations|cooccurrence|position, or show all four with --format table');
      const table = countFrameRows(corpus, dictionary, { words: wordsOf(flags) });
      if (!table.rows.some((r) => Number(r.tokens) > 0)) throw new FramelabError(`the corpus has no words (${table.rows.length} paragraph(s)): there is nothing to estimate`);
      if (flags.methods) {
        emit(methodsText({ table, dictionary: { name: dictionary.name, categories: dictionary.categories.length }, options: { ...opts, parts }, deduplicated: flags.dedupe }) + '\n', flags.out);
        return;
      }
      const build = {
        categories: () => categoryStatistics(table, opts),
        correlations: () => categoryCorrelations(table, opts),
        cooccurrence: () => cooccurrenceTests(table, opts),
        position: () => positionTests(table, parts, opts),
      };
      // in a text table a permutation p at its floor reads as what it is, a bound (CSV and JSON keep the number)
      const floor = 1 / (opts.permutations + 1);
      const shown = <T extends object>(rows: T[]): T[] =>
        format !== 'table'
          ? rows
          : rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, PERMUTATION_P.test(k) && v === floor ? `≤ ${formatCell(floor)}` : v])) as T);
      if (which !== 'all') {
        const rows = shown(build[which]() as object[]);
        emitRows(rows, columnsOf(rows as never, ['category']), format, flags.out);
        return;
      }
      const all = Object.entries(build).map(([name, f]) => [name, shown(f() as object[])] as const);
      if (format === 'json') {
        emit(`{\n${all.map(([name, rows]) => `"${name}": ${toJson({ columns: columnsOf(rows, []), rows: rows as never }).trimEnd()}`).join(',\n')}\n}\n`, flags.out);
      } else {
        emit(all.map(([name, rows]) => `== ${name}\n${toTextTable({ columns: columnsOf(rows, []), rows: rows as never })}`).join('\n'), flags.out);
      }
    },
  );
}
