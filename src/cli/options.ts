import * as fs from 'node:fs';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { encodingName } from '../corpus/encoding';
import { cleanKinds } from '../corpus/clean';
import { checkSource, isCorpusFile, nameFieldsPattern, readCorpusSpec } from '../corpus/sources';
import type { ReadOptions } from '../corpus/read';
import { cores, SMALL_CORPUS } from '../frames/count';
import { segmenterOf } from '../corpus/tokens';
import type { TableFormat } from '../table/format';
import { WORD_RULES, type WordRule } from '../table/frame-table';
import { INFERENCE_UNITS, type InferenceUnit } from '../stats/frames';
import { DEFAULT_PERMUTATIONS, DEFAULT_PYTHON, DEFAULT_REPLICATES, DEFAULT_SEED } from '../defaults';
import { UsageError } from './run';
import { limit, limitHint } from '../util/limits';

/** One command-line option: its flags, what it does, its default. */
export interface OptionDef {
  flags: string;
  description: string;
  defaultValue?: string;
  /** The option may be given several times: its values are collected into a list. */
  repeat?: boolean;
  /** The command stops with a usage error when the option is not given. */
  required?: boolean;
  /**
   * An older spelling of the option, still accepted where a command declares the option: it is
   * listed in `--help` as deprecated and prints a note on stderr (see {@link resolveAliases}).
   */
  alias?: string;
}

/**
 * Every option of every command, declared once: a flag means the same thing wherever it appears,
 * and commands pick the options they take by name.
 */
export const OPTIONS = {
  dict: {
    flags: '-d, --dict <file>',
    description: 'dictionary: .yaml/.yml or .json (quanteda), .dic (LIWC), .cat (WordStat), .ykd (Yoshikoder), .lc3/.lcd (Lexicoder) (default: the bundled framing-ru.yaml)',
  },
  dictEncoding: { flags: '--dict-encoding <name>', description: 'read the dictionary (and lexicon) in this encoding instead of detecting it' },
  strict: { flags: '--strict', description: 'make the dictionary notes errors: an undefined LIWC category number, an empty category, a pattern left out' },
  lexicon: { flags: '--lexicon <file>', description: 'lemmas of your own, one "form<TAB>lemma" line each, used before the built-in ones (new words: иноагент, релокант)' },
  words: {
    flags: '--words <rule>',
    description: 'what the tokens column counts, the denominator of every rate: all (every token, numbers too, as quanteda) | letters (words with a letter: a date adds nothing)',
    defaultValue: 'all',
  },
  paragraphs: {
    flags: '-p, --paragraphs <mode>',
    description: 'how documents are cut into paragraphs: auto (blank lines if any, else lines; a text without a line break whose sentences are joined by a bare "n" as flattened) | lines | blank | flattened (a dump whose line breaks became a bare "n": cut there after a sentence and at real line breaks, an "n" inside a sentence read as a space) | pattern:<regex> (a regular expression for what stands between paragraphs)',
    defaultValue: 'auto',
  },
  encoding: { flags: '-e, --encoding <name>', description: 'force an encoding (utf-8, utf-16le, windows-1251, koi8-r, ...) instead of detecting it' },
  dedupe: { flags: '--dedupe', description: 'drop paragraphs that repeat an earlier one of the same document' },
  skipBadLines: { flags: '--skip-bad-lines', description: 'skip (and count) JSONL lines that are not JSON objects with a text field, instead of stopping' },
  idColumn: { flags: '--id-column <name>', description: 'JSONL field or CSV column that names each document (default: id; else file and line or row)' },
  textColumn: { flags: '--text-column <name>', description: 'JSONL field or CSV column that holds the text (default: text)' },
  format: { flags: '-f, --format <format>', description: 'csv | json | table', defaultValue: 'csv' },
  out: { flags: '-o, --out <file>', description: 'write to this file (atomically: it appears only when complete) instead of stdout' },
  quiet: { flags: '-q, --quiet', description: 'no notes on stderr' },
  safeCsv: {
    flags: '--safe-csv',
    description: "CSV for spreadsheets: a cell starting with = + - @ (a formula to Excel or LibreOffice) gets a ' in front, so that it shows as text instead of running",
  },
  jobs: {
    flags: '-j, --jobs <n>',
    description: `worker threads (default: 1 below ${SMALL_CORPUS / 1048576} MiB of input, else the number of cores, ${cores()} here; never more than the cores or the work)`,
  },
  fullLemmas: { flags: '--full-lemmas', description: 'lemmatize every word form, not only those a pattern could reach (slower; same counts; for verification)' },
  rate: { flags: '--rate', description: 'add <category>_per_1k columns (count per 1000 words)' },
  meta: { flags: '--meta <fields>', description: 'document fields to add as columns after doc, comma-separated, or all (file: the source file)' },
  seed: { flags: '--seed <n>', description: 'seed of the bootstrap and permutation tests (the same seed gives the same numbers)', defaultValue: String(DEFAULT_SEED) },
  replicates: { flags: '--replicates <n>', description: 'bootstrap resamples (validate, reliability; the rate intervals of stats and compare need none)', defaultValue: String(DEFAULT_REPLICATES) },
  permutations: { flags: '--permutations <n>', description: 'shuffles of the permutation tests', defaultValue: String(DEFAULT_PERMUTATIONS) },
  unit: {
    flags: '--unit <unit>',
    description: 'document | paragraph: the units of inference, which rate intervals, correlations and tests take as independent observations (default: document when there are several, since paragraphs of one text are not independent)',
  },
  by: { flags: '--by <fields>', description: 'document fields to group by, comma-separated (file: the source file)' },
  date: { flags: '--date <field>', description: 'document field holding the date (YYYY-MM-DD, YYYY-MM-DD HH:MM:SS, DD.MM.YYYY, …)' },
  every: { flags: '--every <period>', description: 'day | week | month | quarter | year', defaultValue: 'month' },
  skipBadDates: { flags: '--skip-bad-dates', description: 'leave out documents whose date does not parse (and count them) instead of stopping' },
  nameFields: {
    flags: '--name-fields <regex>',
    description: "fields from each file's name without extension: a regular expression with named groups, e.g. '^(?<date>\\d{4}-\\d{2}-\\d{2})-(?<title>.+)$' (as readtext's docvarsfrom = \"filenames\")",
  },
  sidecar: { flags: '--sidecar <template>', description: "fields of each file from a JSON object in a file beside it: {stem} is the file's name without extension, {name} its whole name, {group} a named group of --name-fields (e.g. {stem}_meta.json)" },
  field: { flags: '--field <name=value>', description: 'a field every document gets, over its own (outlet=Meduza); repeat for more', repeat: true },
  exclude: { flags: '--exclude <glob>', description: 'leave out files matching this glob (relative to the folder given, or a file name: *_draft.txt); repeat for more', repeat: true },
  clean: { flags: '--clean <kinds>', description: 'take these out of every text before counting words, and say how many: urls, emails, markdown, emoji (comma-separated, or all)' },
  boilerplate: { flags: '--boilerplate <k>', description: 'find paragraphs that stand in at least k documents of one source (footers, signatures) and name them' },
  dropBoilerplate: { flags: '--drop-boilerplate', description: 'drop the paragraphs --boilerplate finds (k = 5 when --boilerplate is not given)' },

  // what to look for, and around it (kwic, collocates, context, keyness, suggest)
  pattern: { flags: '--pattern <pattern>', description: 'a pattern as in dictionaries: glob on form or lemma, several words allowed ("иностранн* грант*")' },
  category: { flags: '--category <name>', description: 'every pattern of this dictionary category' },
  targetCategory: {
    flags: '--target-category <name>',
    description: 'instead: paragraphs with this category of the dictionary against those without',
    alias: '--category <name>',
  },
  window: { flags: '-w, --window <n>', description: 'words of context on each side', defaultValue: '5' },
  crossParagraphs: { flags: '--cross-paragraphs', description: 'let the context run into neighbouring paragraphs (marked ¶)' },
  wordAs: { flags: '--word-as <key>', description: 'lemma | form: what counts as the same word', defaultValue: 'lemma', alias: '--by <key>' },
  contentOnly: { flags: '--content-only', description: 'nouns, adjectives, verbs and adverbs only' },
  minFreq: { flags: '--min-freq <n>', description: 'smallest frequency within the windows', defaultValue: '2' },
  minCount: { flags: '--min-count <n>', description: 'smallest count inside the windows for a word to be compared (quanteda: 10, for large corpora)', defaultValue: '2' },
  top: { flags: '--top <n>', description: 'the first n rows only' },
  examples: { flags: '--examples <n>', description: 'example windows per word', defaultValue: '2' },
  sort: { flags: '--sort <order>', description: 'position | left | right', defaultValue: 'position' },
  lemmas: { flags: '--lemmas', description: 'add the lemmas, how each word matched (form, lemma, part, part-lemma) and whether a lemma is guessed' },
  blocked: {
    flags: '--blocked',
    description: 'also list the matches a rule of the dictionary stopped, with the rule and its line in a "blocked" column (they are not counted)',
  },
  reference: { flags: '--reference <paths...>', description: 'reference corpus files or folders' },
  doc: { flags: '--doc <id>', description: 'instead: this document of the corpus against the other documents' },
  each: { flags: '--each <field>', description: 'instead: each group of documents by this field (outlet, file) against all the others, in one table' },
  keepCategoryWords: {
    flags: '--keep-category-words',
    description: "with --target-category: keep the category's own words (left out by default: they are key by construction)",
  },

  // which table or text a command prints
  table: { flags: '--table <name>', description: 'which table to print' },
  methods: {
    flags: '--methods',
    description: 'instead of the table: a paragraph for the methods section of a paper (units, tests, corrections, seed, versions)',
  },
  parts: { flags: '--parts <n>', description: 'position test: parts of the text', defaultValue: '3' },
  quotes: { flags: '--quotes', description: 'list the quoted spans instead of the marker table' },

  // charts
  kind: { flags: '-k, --kind <kinds>', description: 'chart kinds, comma-separated', required: true },
  outDir: { flags: '--out-dir <dir>', description: 'folder to write into (created if missing)', alias: '-o, --out <dir>' },
  formats: { flags: '--formats <list>', description: 'file formats, comma-separated' },
  smooth: { flags: '--smooth <n>', description: 'arc: smoothing window, in paragraphs', defaultValue: '5', alias: '--window <n>' },
  measure: { flags: '--measure <m>', description: 'paragraphs: count | rate', defaultValue: 'count' },
  pngScale: { flags: '--png-scale <n>', description: 'PNG: pixels per SVG pixel', defaultValue: '2', alias: '--scale <n>' },
  labels: { flags: '--labels <language>', description: 'ru | en', defaultValue: 'ru' },
  charts: { flags: '--charts <folder>', description: 'write the charts as SVG into this folder' },

  // coding sheets, validation and reliability
  coded: { flags: '--coded <sheet...>', description: 'coded sheet(s), CSV (comma or semicolon separated)' },
  n: { flags: '-n, --n <n>', description: 'paragraphs to draw', required: true },
  stratify: { flags: '--stratify', description: 'half matched, half unmatched paragraphs, with sampling weights' },
  stratifyBy: {
    flags: '--stratify-by <what>',
    description:
      'category: a stratum per category (a paragraph in its rarest one) and one of unmatched paragraphs, rows shared out evenly, so that a rare frame gets its rows; with sampling weights',
  },
  codingScale: { flags: '--coding-scale <scale>', description: 'what coders write: presence | count', defaultValue: 'presence', alias: '--scale <scale>' },
  excel: { flags: '--excel', description: 'start the file with the UTF-8 byte-order mark spreadsheet programs need to read Cyrillic' },
  uncertain: { flags: '--uncertain', description: 'draw the paragraphs the --model is least sure of (active learning) instead of random ones' },
  excludeCoded: { flags: '--exclude-coded <sheet...>', description: 'leave out the paragraphs already on these coded sheets' },
  unitColumn: { flags: '--unit-column <column>', description: 'column naming the unit coded (a paragraph, an article)', required: true, alias: '--unit <column>' },
  coderColumn: { flags: '--coder-column <column>', description: 'column naming the coder', required: true, alias: '--coder <column>' },
  valueColumn: { flags: '--value-column <column>', description: 'column holding the value the coder gave', required: true, alias: '--value <column>' },
  level: { flags: '--level <level>', description: 'nominal | ordinal | interval | ratio | all', defaultValue: 'nominal' },
  minSupport: { flags: '--min-support <n>', description: 'smallest number of missed paragraphs a candidate must stand in to be tried', defaultValue: '2' },
  minPrecision: { flags: '--min-precision <x>', description: 'smallest precision on the sheet for a candidate to be listed (0 to 1)', defaultValue: '0.8' },
  noBigrams: { flags: '--no-bigrams', description: 'single words only, no bigrams' },

  // frame models and scaling
  model: { flags: '--model <file>', description: 'a frame model (from framelab train)' },
  method: { flags: '--method <method>', description: 'logistic | naive-bayes', defaultValue: 'logistic' },
  c: { flags: '--c <c>', description: 'logistic regression: inverse regularisation strength C, or auto (chosen per category by an inner cross-validation on the training rows)', defaultValue: '1' },
  folds: { flags: '--folds <k>', description: 'cross-validation folds', defaultValue: '5' },
  innerFolds: { flags: '--inner-folds <k>', description: 'with --c auto: folds of the inner cross-validation that chooses C', defaultValue: '3' },
  minDf: { flags: '--min-df <n>', description: 'paragraphs a lemma or bigram must occur in to be a feature', defaultValue: '2' },
  minPositives: { flags: '--min-positives <n>', description: 'positive (and negative) paragraphs a category needs to be trained', defaultValue: '5' },
  classWeight: { flags: '--class-weight <mode>', description: 'balanced (positives and negatives weigh the same) | none', defaultValue: 'balanced' },
  dictionaryFeatures: { flags: '--dictionary-features <mode>', description: "binary (a dictionary hit is 1, outside the tf-idf scaling) | tfidf (scaled with the lemmas, as model files of version 1)", defaultValue: 'binary' },
  featureWords: {
    flags: '--feature-words <which>',
    description: 'content (nouns, adjectives, verbs, adverbs, Latin words) | all: the lemmas that are features',
    defaultValue: 'content',
    alias: '--lemmas <which>',
  },
  seeds: { flags: '--seeds <file>', description: 'seed words, YAML', required: true },
  k: { flags: '--k <k>', description: 'dimensions of the word vectors (at most a third of the paragraphs or lemmas)', defaultValue: '300' },
  maxTerms: { flags: '--max-terms <n>', description: 'keep at most this many lemmas, the most frequent', defaultValue: '20000' },
  smoothDays: { flags: '--smooth-days <days>', description: 'smooth: width of the rolling mean in days', defaultValue: '30', alias: '--window <days>' },

  // notebooks, studies and reproduction
  notebooks: { flags: '--notebooks <dir>', description: 'folder of .ipynb notebooks', defaultValue: 'notebooks' },
  results: { flags: '--results <dir>', description: 'snapshot of the expected tables', defaultValue: 'results' },
  data: { flags: '--data <dir>', description: 'input data folder recorded in the manifest', defaultValue: 'data' },
  update: { flags: '--update', description: "replace the snapshot with this run's tables and the notebooks with their executed copies (on purpose)" },
  manifest: { flags: '--manifest <file>', description: 'the manifest, relative to the folder', defaultValue: 'out/manifest.json' },
  python: { flags: '--python <path>', description: 'python with Jupyter (nbconvert) installed', defaultValue: DEFAULT_PYTHON },
  noInstall: { flags: '--no-install', description: 'do not run npm install in it' },
  user: { flags: '--user', description: 'register it in your home folder (every Jupyter of yours sees it)' },
} satisfies Record<string, OptionDef>;

export type OptionName = keyof typeof OPTIONS;

/** The options that choose and read the dictionary. */
export const DICTIONARY_OPTIONS: OptionName[] = ['dict', 'dictEncoding', 'strict', 'lexicon'];
/** The options that choose and read a corpus. */
export const INPUT_OPTIONS: OptionName[] = [
  'paragraphs',
  'encoding',
  'dedupe',
  'skipBadLines',
  'idColumn',
  'textColumn',
  'nameFields',
  'sidecar',
  'field',
  'exclude',
  'clean',
  'boilerplate',
  'dropBoilerplate',
];
/** The options that choose where and how a table is written. */
export const OUTPUT_OPTIONS: OptionName[] = ['format', 'out', 'quiet', 'safeCsv'];

/** An option's old spelling as a command declared it: what {@link resolveAliases} carries over. */
interface AliasRule {
  /** Attribute of the option (commander's camelCase name) and of its old spelling. */
  key: string;
  aliasKey: string;
  /** Long flags, for the messages. */
  flag: string;
  aliasFlag: string;
  required: boolean;
}

const ALIASES = new WeakMap<Command, AliasRule[]>();

/** The long flag of a declaration: `--out-dir` of `-o, --out-dir <dir>`. */
function longFlag(flags: string): string {
  return flags.split(/[\s,|]+/).find((f) => f.startsWith('--')) ?? flags;
}

/**
 * Adds options by name, with a command's own description or default where it differs. An option
 * with an `alias` also takes its old spelling, listed as deprecated; a required one is checked by
 * {@link resolveAliases} when it has an alias (commander alone would ask for the new spelling).
 */
export function withOptions(cmd: Command, names: readonly OptionName[], overrides: Partial<Record<OptionName, Partial<OptionDef>>> = {}): Command {
  for (const name of names) {
    const def = { ...OPTIONS[name], ...overrides[name] } as OptionDef;
    if (def.repeat) cmd.option(def.flags, def.description, (value: string, list: string[] = []) => [...list, value]);
    else if (def.required && !def.alias) cmd.requiredOption(def.flags, def.description, def.defaultValue);
    else if (def.defaultValue !== undefined) cmd.option(def.flags, def.description, def.defaultValue);
    else cmd.option(def.flags, def.description);
    if (def.alias) {
      const alias = new Option(def.alias, `deprecated: the old spelling of ${longFlag(def.flags)}`);
      cmd.addOption(alias);
      const rules = ALIASES.get(cmd) ?? [];
      rules.push({ key: new Option(def.flags).attributeName(), aliasKey: alias.attributeName(), flag: longFlag(def.flags), aliasFlag: longFlag(def.alias), required: def.required === true });
      ALIASES.set(cmd, rules);
    }
  }
  return cmd;
}

/**
 * Carries the value of an option's old spelling over to the option, with one note on stderr
 * (`--by is now --word-as in freq; the old spelling will go`), and checks the required options
 * that have an old spelling. Runs before every command's action.
 *
 * @example
 * // framelab freq article.txt --by form
 * resolveAliases(freqCommand) // flags.wordAs === 'form'; stderr: "framelab: --by is now --word-as in freq; …"
 */
export function resolveAliases(action: Command): void {
  for (const r of ALIASES.get(action) ?? []) {
    const value: unknown = action.getOptionValue(r.aliasKey);
    if (value !== undefined && action.getOptionValueSource(r.aliasKey) === 'cli') {
      if (action.getOptionValueSource(r.key) === 'cli') throw new UsageError(`give ${r.flag} or its old spelling ${r.aliasFlag}, not both`);
      action.setOptionValueWithSource(r.key, value, 'cli');
      if (!action.getOptionValue('quiet')) process.stderr.write(`framelab: ${r.aliasFlag} is now ${r.flag} in ${action.name()}; the old spelling will go\n`);
    }
    if (r.required && action.getOptionValue(r.key) === undefined) throw new UsageError(`${action.name()} needs ${r.flag}`);
  }
}

/** Parsed flags of the shared options (commander's camelCase names). */
export interface SharedFlags {
  dict?: string;
  dictEncoding?: string;
  strict?: boolean;
  lexicon?: string;
  words?: string;
  paragraphs?: string;
  encoding?: string;
  dedupe?: boolean;
  skipBadLines?: boolean;
  idColumn?: string;
  textColumn?: string;
  format?: string;
  out?: string;
  quiet?: boolean;
  safeCsv?: boolean;
  jobs?: string;
  fullLemmas?: boolean;
  rate?: boolean;
  meta?: string;
  seed?: string;
  replicates?: string;
  permutations?: string;
  unit?: string;
  by?: string;
  date?: string;
  every?: string;
  skipBadDates?: boolean;
  nameFields?: string;
  sidecar?: string;
  field?: string[];
  exclude?: string[];
  clean?: string;
  boilerplate?: string;
  dropBoilerplate?: boolean;
}

/** Checks an option against its allowed values. */
export function choice<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not "${value}"`);
  }
  return value as T;
}

/** Parses a whole number option. */
export function wholeNumber(option: string, value: string, min = 0): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min) {
    throw new UsageError(`${option} must be a whole number ≥ ${min}, not "${value}"`);
  }
  return n;
}

/** Parses a positive number option. */
export function positiveNumber(option: string, value: string, integer: boolean): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${option} must be a positive ${integer ? 'whole ' : ''}number, not "${value}"`);
  }
  return n;
}

/** Parses a comma-separated list of allowed values; `all` means every one. */
export function listOf<T extends string>(option: string, value: string, allowed: readonly T[]): T[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 1 && items[0] === 'all') return [...allowed];
  if (items.length === 0) throw new UsageError(`${option} needs at least one of ${allowed.join(', ')}`);
  return [...new Set(items.map((i) => choice(option, i, allowed)))];
}

/**
 * The reading options from the flags, checked before anything is read or written: a bad
 * `--paragraphs` pattern or an unknown `--encoding` is a usage error (exit 2).
 */
export function readOptionsOf(flags: SharedFlags): ReadOptions {
  const paragraphs = flags.paragraphs ?? 'auto';
  if (!['auto', 'lines', 'blank', 'flattened'].includes(paragraphs) && !paragraphs.startsWith('pattern:')) {
    throw new UsageError(`--paragraphs must be one of auto, lines, blank, flattened or pattern:<regex>, not "${paragraphs}"`);
  }
  try {
    segmenterOf(paragraphs);
    if (flags.encoding !== undefined) encodingName(flags.encoding);
  } catch (err) {
    throw new UsageError(`${flags.encoding !== undefined && /encoding/.test((err as Error).message) ? '--encoding' : '--paragraphs'}: ${(err as Error).message}`);
  }
  for (const [name, value] of [['--id-column', flags.idColumn], ['--text-column', flags.textColumn]] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`${name} needs a column name`);
  }
  if (flags.idColumn !== undefined && flags.idColumn === (flags.textColumn ?? 'text')) throw new UsageError('--id-column and --text-column name the same column');
  const read: ReadOptions = {
    paragraphs,
    encoding: flags.encoding,
    dedupe: flags.dedupe,
    skipBadLines: flags.skipBadLines,
    idField: flags.idColumn,
    textField: flags.textColumn,
  };
  return { ...read, ...sourceOptionsOf(flags) };
}

/**
 * The source options from the flags (`--name-fields`, `--sidecar`, `--field`, `--exclude`,
 * `--clean`, `--boilerplate`, `--drop-boilerplate`), checked before anything is read; only those
 * given are set.
 */
export function sourceOptionsOf(flags: SharedFlags): ReadOptions {
  const out: ReadOptions = {};
  if (flags.nameFields !== undefined) {
    try {
      nameFieldsPattern(flags.nameFields);
    } catch (err) {
      throw new UsageError(`--name-fields: ${(err as Error).message}`);
    }
    out.nameFields = flags.nameFields;
  }
  if (flags.sidecar !== undefined) {
    try {
      checkSource({ path: '.', sidecar: flags.sidecar, nameFields: flags.nameFields });
    } catch (err) {
      throw new UsageError(`--sidecar: ${(err as Error).message}`);
    }
    out.sidecar = flags.sidecar;
  }
  if (flags.field !== undefined) {
    const fields: Record<string, string> = {};
    for (const f of flags.field) {
      const eq = f.indexOf('=');
      if (eq <= 0) throw new UsageError(`--field must be name=value (outlet=Meduza), not "${f}"`);
      fields[f.slice(0, eq).trim()] = f.slice(eq + 1).trim();
    }
    out.fields = fields;
  }
  if (flags.exclude !== undefined) out.exclude = flags.exclude;
  if (flags.clean !== undefined) {
    try {
      out.clean = cleanKinds(flags.clean);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  if (flags.boilerplate !== undefined) out.boilerplateMin = wholeNumber('--boilerplate', flags.boilerplate, 2);
  if (flags.dropBoilerplate) {
    out.dropBoilerplate = true;
    out.boilerplateMin ??= 5;
  }
  return out;
}

/** The output format from `--format`; `parquet` only where a command allows it, and only with `--out`. */
export function formatOf(flags: SharedFlags, parquet = false): TableFormat | 'parquet' {
  const format = choice('--format', flags.format ?? 'csv', parquet ? (['csv', 'json', 'table', 'parquet'] as const) : (['csv', 'json', 'table'] as const));
  if (format === 'parquet' && (flags.out === undefined || flags.out.trim() === '')) {
    throw new UsageError('--format parquet writes a binary file: give it with --out FILE.parquet');
  }
  return format;
}

/** A number of resampling rounds within the limit: a billion rounds ran out of memory or ran for days. */
function rounds(option: string, n: number): number {
  if (n > limit('replicates')) {
    throw new UsageError(`${option} ${n}: too many rounds to finish in reasonable time and memory (${limitHint('replicates')})`);
  }
  return n;
}

/** The statistics options: seed, bootstrap resamples, permutations. */
export function statsOptionsOf(flags: SharedFlags): { seed: number; replicates: number; permutations: number; unit?: InferenceUnit } {
  return {
    seed: wholeNumber('--seed', flags.seed ?? String(DEFAULT_SEED)),
    replicates: rounds('--replicates', wholeNumber('--replicates', flags.replicates ?? String(DEFAULT_REPLICATES), 1)),
    permutations: rounds('--permutations', wholeNumber('--permutations', flags.permutations ?? String(DEFAULT_PERMUTATIONS), 1)),
    unit: flags.unit === undefined ? undefined : choice<InferenceUnit>('--unit', flags.unit, INFERENCE_UNITS),
  };
}

/** A comma-separated list of field names. */
export function fieldsOf(option: string, value: string): string[] {
  const fields = [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
  if (fields.length === 0) throw new UsageError(`${option} needs field names, comma-separated`);
  return fields;
}

/** `--words` checked: what the tokens column counts (a note on stderr says so when it is not every token). */
export function wordsOf(flags: SharedFlags): WordRule {
  const rule = choice('--words', flags.words ?? 'all', WORD_RULES);
  if (rule === 'letters' && !flags.quiet) process.stderr.write('framelab: tokens counts only words with a letter (--words letters); rates are per 1000 such words\n');
  return rule;
}

/** `--dict-encoding` checked before anything is read. */
export function dictEncodingOf(flags: SharedFlags): string | undefined {
  if (flags.dictEncoding === undefined) return undefined;
  try {
    encodingName(flags.dictEncoding);
  } catch (err) {
    throw new UsageError(`--dict-encoding: ${(err as Error).message}`);
  }
  return flags.dictEncoding;
}

/** `--jobs` as a number (undefined: the default). */
export function jobsOf(flags: SharedFlags): number | undefined {
  return flags.jobs === undefined ? undefined : wholeNumber('--jobs', flags.jobs, 1);
}

/** `--meta` as a list of fields or `all`. */
export function metaOf(flags: SharedFlags): string[] | 'all' | undefined {
  if (flags.meta === undefined) return undefined;
  const fields = flags.meta.split(',').map((s) => s.trim()).filter(Boolean);
  if (fields.length === 0) throw new UsageError('--meta needs field names (comma-separated) or all');
  if (fields.length === 1 && fields[0] === 'all') return 'all';
  const reserved = fields.filter((f) => ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', 'text'].includes(f));
  if (reserved.length) throw new UsageError(`--meta: "${reserved[0]}" is a column of the count table already`);
  return [...new Set(fields)];
}

/**
 * Refuses an output path that would lose data: an empty one (an unset shell variable), or one
 * that is (through links and `..`) an input file, a file inside an input folder, or another file
 * the run reads (the dictionary). Nothing is written then.
 */
export function checkOut(out: string | undefined, inputs: readonly string[], reads: ReadonlyArray<string | undefined> = []): void {
  if (out === undefined) return;
  if (out.trim() === '') throw new UsageError('--out is empty (an unset shell variable?): give a file name');
  const target = resolveReal(out);
  if (isFolder(target)) throw new UsageError(`--out ${out} is a folder; give a file name`);
  for (const input of withSourcesOf(inputs)) {
    if (!input) continue;
    const real = resolveReal(input);
    let isDir = false;
    try {
      isDir = fs.statSync(real).isDirectory();
    } catch {
      continue;
    }
    if (target === real || (isDir && target.startsWith(real + path.sep))) {
      throw new UsageError(`--out ${out} would overwrite the input ${input}${isDir ? ' (it is inside that folder)' : ''}; write somewhere else`);
    }
  }
  for (const file of reads) {
    if (file && resolveReal(file) === target) throw new UsageError(`--out ${out} would overwrite ${file}, which this command reads; write somewhere else`);
  }
}

/** The inputs with the paths of the sources a corpus file lists (a glob by the folder it starts from). */
function withSourcesOf(inputs: readonly string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    out.push(input);
    if (!input || !isCorpusFile(input)) continue;
    try {
      for (const s of readCorpusSpec(input).sources) out.push(s.path.split(/[\\/]/).findIndex((part) => /[*?{]/.test(part)) >= 0 ? s.path.slice(0, s.path.search(/[^\\/]*[*?{]/)) || '.' : s.path);
    } catch {
      // a corpus file with a mistake is named when it is read
    }
  }
  return out;
}

/**
 * Refuses an output folder (`chart --out-dir`) that would scatter files where they do not belong:
 * the root of the file system (`--out-dir "$UNSET/"`), or a folder that is, or is inside, an input
 * folder. Nothing is read or written then.
 */
export function checkOutFolder(out: string, inputs: readonly string[]): void {
  if (out.trim() === '') throw new UsageError('--out-dir is empty (an unset shell variable?): give a folder name');
  const target = resolveReal(out);
  if (path.parse(target).root === target) throw new UsageError(`--out-dir ${out} is the root of the file system (an unset shell variable?); give a folder of its own`);
  for (const input of inputs) {
    if (!input) continue;
    const real = resolveReal(input);
    if (isFolder(real) && (target === real || target.startsWith(real + path.sep))) {
      throw new UsageError(`--out-dir ${out} is inside the input folder ${input}; write somewhere else`);
    }
  }
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A path with its folder's links resolved (the file itself need not exist). */
function resolveReal(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}
