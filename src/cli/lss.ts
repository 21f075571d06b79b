import type { Command } from 'commander';
import { exportChart } from '../charts/render';
import { openCorpus, readDocuments } from '../corpus/read';
import type { Cell } from '../table/frame-table';
import { lssTermsChart, lssTimeChart } from '../models/charts';
import { latentSemanticScaling, loadSeeds } from '../models/lss';
import { emitRows, note, readingNotes } from './common';
import { checkOut, choice, formatOf, INPUT_OPTIONS, positiveNumber, readOptionsOf, statsOptionsOf, wholeNumber, withOptions, type SharedFlags } from './options';
import { UsageError } from './run';

interface LssFlags extends SharedFlags {
  seeds: string;
  k: string;
  minCount: string;
  maxTerms: string;
  table: string;
  smoothDays: string;
  charts?: string;
}

const TABLES = ['terms', 'documents', 'paragraphs', 'smooth'] as const;

/** `framelab lss`: Latent Semantic Scaling from seed words. */
export function registerLss(program: Command): void {
  const cmd = program
    .command('lss')
    .summary('Latent Semantic Scaling: a score per paragraph and document from a few seed words')
    .description(
      "Latent Semantic Scaling (Watanabe 2021, as the R package LSX's textmodel_lss): word vectors from a\n" +
        'truncated SVD (randomised, seeded) of the paragraph × lemma counts of the corpus, content words\n' +
        'occurring at least --min-count times, at most --max-terms of them; the polarity of every lemma is its\n' +
        'cosine similarity to the positive seed words minus that to the negative ones (weighted as LSX does);\n' +
        "a paragraph's or document's score is the mean polarity of its lemmas, centred and scaled over the\n" +
        'corpus.\n\n' +
        '--seeds is a YAML file: "positive:" and "negative:" lists of lemmas (globs such as демократ* allowed),\n' +
        'or a mapping of lemmas to numbers. --table chooses the output: terms (polarity of every lemma), documents,\n' +
        'paragraphs, or smooth (a rolling mean over --smooth-days days of the document scores by --date).\n' +
        '--charts FOLDER writes the terms chart (and the time chart with --date) as SVG.',
    )
    .argument('<paths...>', 'corpus files or folders');
  withOptions(cmd, ['seeds', 'k', 'minCount', 'maxTerms', 'table', 'smoothDays', 'charts', ...INPUT_OPTIONS, 'date', 'seed', 'format', 'out', 'quiet'], {
    minCount: { description: 'lemmas occurring fewer times are left out', defaultValue: '5' },
    table: { description: TABLES.join(' | '), defaultValue: 'documents' },
    charts: { description: 'write lss-terms.svg (and lss-time.svg with --date) here' },
  })
    .addHelpText(
      'after',
      '\nExample:\n  framelab lss data/news-sample --id-column url --seeds seeds.yaml --date date --table smooth --charts charts/ --format table',
    )
    .action(async (paths: string[], flags: LssFlags) => {
      const format = formatOf(flags) as 'csv' | 'json' | 'table';
      const table = choice('--table', flags.table, TABLES);
      const k = wholeNumber('--k', flags.k, 1);
      const minCount = wholeNumber('--min-count', flags.minCount, 1);
      const maxTerms = wholeNumber('--max-terms', flags.maxTerms, 1);
      const window = positiveNumber('--smooth-days', flags.smoothDays, false);
      const { seed } = statsOptionsOf(flags);
      if (table === 'smooth' && flags.date === undefined) throw new UsageError('--table smooth needs --date FIELD');
      const read = readOptionsOf(flags);
      checkOut(flags.out, paths, [flags.seeds]);
      const seeds = loadSeeds(flags.seeds);
      const report = openCorpus(paths);
      const result = latentSemanticScaling(readDocuments(paths, read, report), seeds, { k, minCount, maxTerms, seed, dateField: flags.date, window });
      readingNotes(flags, report);
      note(flags, `${result.paragraphs.length} paragraph(s) of ${result.documents.length} document(s), ${result.terms.length} lemmas, k ${result.k}; seeds found: ${Object.keys(result.seeds).join(', ')}`);
      if (result.unmatched.length) note(flags, `seeds not in the corpus (they still count for their side, as in LSX): ${result.unmatched.join(', ')}`);
      const rows: Array<Record<string, Cell>> =
        table === 'terms' ? result.table : table === 'documents' ? (result.documents as never) : table === 'paragraphs' ? (result.paragraphs as never) : (result.smooth as never);
      const columns = rows.length ? Object.keys(rows[0]) : ['doc'];
      emitRows(rows, columns, format, flags.out);
      if (flags.charts !== undefined) {
        const dir = flags.charts.replace(/[\\/]+$/, '');
        const files = await exportChart(lssTermsChart(result), `${dir}/lss-terms`, ['svg']);
        if (flags.date !== undefined) files.push(...(await exportChart(lssTimeChart(result.smooth), `${dir}/lss-time`, ['svg'])));
        note(flags, `wrote ${files.join(', ')}`);
      }
    });
}
