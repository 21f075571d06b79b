import { FramelabError } from '../errors';
import type { FrameTable } from '../table/frame-table';
import { DEFAULT_SEED } from '../defaults';
import { seededRandom } from '../stats/random';
import { readCsvSheet } from '../table/read';

/** What coders write in a category column: 1/0 for presence, or the number of the category's words. */
export type CodingScale = 'presence' | 'count';

export const CODING_SCALES: readonly CodingScale[] = ['presence', 'count'];

/** The mark a category column's name carries for each scale: `гранты [0/1]`, `гранты [n]`. */
const SCALE_MARK: Record<CodingScale, string> = { presence: '0/1', count: 'n' };

/**
 * A category column's name on a coding sheet (see {@link CodingScale}).
 *
 * @example
 * codingColumn('гранты', 'presence') // 'гранты [0/1]'
 * codingColumn('гранты', 'count')    // 'гранты [n]'
 */
export function codingColumn(category: string, scale: CodingScale): string {
  return `${category} [${SCALE_MARK[scale]}]`;
}

/** Options of {@link codingSample}. */
export interface SampleOptions {
  /** Paragraphs to sample (at most the paragraphs there are). */
  n: number;
  seed?: number;
  /**
   * Sample half the rows from paragraphs the dictionary matched and half from the others (or all
   * of a smaller group), each row weighted by its group's size over its sample size, so that
   * weighted estimates stay unbiased. Default: a simple random sample, every weight N / n.
   */
  stratify?: boolean;
  /**
   * `category`: one stratum per category and one of unmatched paragraphs, so that a rare frame
   * gets its rows too. A paragraph matched by several categories belongs to the rarest of them
   * (the one that matched the fewest paragraphs; ties in dictionary order). The rows are shared
   * out evenly over the strata (a stratum smaller than its share gives all it has, the rest goes
   * to the others), each weighted by its stratum's size over the rows drawn from it.
   */
  stratifyBy?: 'category';
  scale?: CodingScale;
}

/** One row of a coding sheet, before coding. */
export interface SampleRow {
  doc: string;
  paragraph: number;
  /** `matched` or `unmatched` when stratified; `all` otherwise. */
  stratum: string;
  /** How many paragraphs of the corpus the row stands for. */
  weight: number;
  text: string;
  [category: string]: string | number;
}

/**
 * Draws paragraphs for human coding from a count table that carries its texts (repeated
 * paragraphs and paragraphs without words are left out: they need no coding). The rows come back
 * in corpus order with an empty column per category (see {@link codingColumn}). The same table,
 * `n` and seed give the same sheet.
 *
 * @example
 * const sheet = codingSample(countFrameRows(corpus, dict), { n: 10, seed: 7, stratify: true });
 * sheet.columns.slice(0, 6) // ['doc', 'paragraph', 'stratum', 'weight', 'text', 'гранты [0/1]']
 * // the article has 28 paragraphs the dictionary matched and 2 it did not: 2 + 8 rows
 * sheet.rows.map((r) => r.weight).filter((w) => w === 3.5).length // 8 (28 / 8)
 */
export function codingSample(table: FrameTable, options: SampleOptions): { columns: string[]; rows: SampleRow[] } {
  const scale = options.scale ?? 'presence';
  if (!CODING_SCALES.includes(scale)) throw new RangeError(`scale must be one of ${CODING_SCALES.join(', ')}, not "${scale}"`);
  if (!Number.isInteger(options.n) || options.n < 1) throw new RangeError(`n must be a whole number ≥ 1, not ${options.n}`);
  if (table.texts.length !== table.rows.length) throw new FramelabError('codingSample needs the paragraph texts: count with texts kept (countFrameRows keeps them)');
  const population = table.rows.map((r, i) => i).filter((i) => table.rows[i].duplicate_of === null && (table.rows[i].tokens as number) > 0);
  const rnd = seededRandom(options.seed ?? DEFAULT_SEED);
  const picked: Array<{ i: number; stratum: string; weight: number }> = [];
  if (options.stratifyBy === 'category') {
    const strata = categoryStrata(table, population);
    const sizes = allocate(strata.map((s) => s.items.length), Math.min(options.n, population.length));
    strata.forEach((s, k) => {
      for (const i of draw(s.items, sizes[k], rnd)) picked.push({ i, stratum: s.name, weight: s.items.length / sizes[k] });
    });
  } else if (options.stratify) {
    const matched = population.filter((i) => (table.rows[i].matched as number) > 0);
    const unmatched = population.filter((i) => (table.rows[i].matched as number) === 0);
    const n = Math.min(options.n, population.length);
    let nm = Math.min(matched.length, Math.ceil(n / 2));
    const nu = Math.min(unmatched.length, n - nm);
    nm = Math.min(matched.length, n - nu);
    for (const [group, size, name] of [[matched, nm, 'matched'], [unmatched, nu, 'unmatched']] as const) {
      for (const i of draw(group, size, rnd)) picked.push({ i, stratum: name, weight: group.length / size });
    }
  } else {
    const n = Math.min(options.n, population.length);
    for (const i of draw(population, n, rnd)) picked.push({ i, stratum: 'all', weight: population.length / n });
  }
  picked.sort((a, b) => a.i - b.i);
  const categoryColumns = table.categories.map((c) => codingColumn(c, scale));
  const rows = picked.map(({ i, stratum, weight }) => {
    const row: SampleRow = { doc: table.rows[i].doc as string, paragraph: table.rows[i].paragraph as number, stratum, weight, text: table.texts[i] };
    for (const c of categoryColumns) row[c] = '';
    return row;
  });
  return { columns: ['doc', 'paragraph', 'stratum', 'weight', 'text', ...categoryColumns], rows };
}

/**
 * The strata of `stratifyBy: 'category'`: per category, the paragraphs whose rarest matched
 * category it is (named after the category), then the unmatched paragraphs; empty strata left out.
 */
function categoryStrata(table: FrameTable, population: readonly number[]): Array<{ name: string; items: number[] }> {
  const cats = table.categories;
  const matchedBy = cats.map((c) => population.filter((i) => (table.rows[i][c] as number) > 0).length);
  const strata = cats.map((c) => ({ name: c, items: [] as number[] }));
  const unmatched: number[] = [];
  for (const i of population) {
    let best = -1;
    cats.forEach((c, k) => {
      if ((table.rows[i][c] as number) > 0 && (best < 0 || matchedBy[k] < matchedBy[best])) best = k;
    });
    if (best < 0) unmatched.push(i);
    else strata[best].items.push(i);
  }
  return [...strata, { name: 'unmatched', items: unmatched }].filter((s) => s.items.length > 0);
}

/**
 * Shares `n` rows out evenly over strata of the given sizes: each gets ⌊n / k⌋ (the first
 * n mod k one more), a stratum smaller than its share gives all it has, and what is left goes to
 * the strata with room, in order, until `n` rows or every paragraph is drawn.
 *
 * @example
 * allocate([2, 10, 10], 9) // [2, 4, 3]
 */
export function allocate(sizes: readonly number[], n: number): number[] {
  const out = sizes.map(() => 0);
  let left = Math.min(n, sizes.reduce((a, b) => a + b, 0));
  while (left > 0) {
    const open = sizes.map((s, k) => k).filter((k) => out[k] < sizes[k]);
    const share = Math.max(1, Math.floor(left / open.length));
    for (const k of open) {
      if (left === 0) break;
      const take = Math.min(share, sizes[k] - out[k], left);
      out[k] += take;
      left -= take;
    }
  }
  return out;
}

/** `k` items of `items` without replacement (a partial Fisher–Yates shuffle with a seeded source). */
function draw<T>(items: readonly T[], k: number, rnd: () => number): T[] {
  const a = [...items];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rnd() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, k);
}

/** A coded sheet, checked against the corpus and dictionary it was drawn from. */
export interface CodedSheet {
  file: string;
  scale: CodingScale;
  /** One entry per sheet row: the table row it codes, its weight and stratum, and per category the coded value (null: left empty). */
  rows: Array<{ line: number; index: number; weight: number; stratum: string; values: Array<number | null> }>;
}

/**
 * Reads a coding sheet back and checks it against the count table (with texts) and its
 * categories: every row must name a paragraph of the table whose text it still carries, every
 * category must have its column (and no column may name a category the dictionary lacks), and
 * every coded cell must be a number (0 or 1 on a presence sheet). Errors name the sheet, the line
 * and the column.
 *
 * @example
 * readCodedSheet('data/coding/article-coded.csv', countFrameRows(corpus, dict)).rows.length // 30
 */
export function readCodedSheet(file: string, table: FrameTable): CodedSheet {
  const sheet = readCsvSheet(file);
  const col = (name: string) => {
    const k = sheet.header.indexOf(name);
    if (k < 0) throw new FramelabError(`no column "${name}": not a coding sheet of framelab sample (columns: ${sheet.header.join(', ')})`, { file, line: 1 });
    return k;
  };
  const [docCol, parCol, textCol] = [col('doc'), col('paragraph'), col('text')];
  const weightCol = sheet.header.indexOf('weight');
  const stratumCol = sheet.header.indexOf('stratum');
  const marked = sheet.header.map((h) => /^(.+) \[(0\/1|n)\]$/u.exec(h));
  const scales = new Set(marked.filter(Boolean).map((m) => (m![2] === 'n' ? 'count' : 'presence')));
  if (scales.size > 1) throw new FramelabError('the category columns mix [0/1] and [n]: one sheet, one scale', { file, line: 1 });
  const scale: CodingScale = scales.has('count') ? 'count' : 'presence';
  const known = new Set(table.categories);
  marked.forEach((m, k) => {
    if (m && !known.has(m[1])) throw new FramelabError(`column "${sheet.header[k]}": "${m[1]}" is not a category of the dictionary (a sheet for another dictionary?)`, { file, line: 1 });
  });
  const catCols = table.categories.map((c) => {
    const k = sheet.header.indexOf(codingColumn(c, scale));
    if (k < 0) throw new FramelabError(`no column "${codingColumn(c, scale)}" for category "${c}" of the dictionary`, { file, line: 1 });
    return k;
  });
  const index = new Map<string, number>();
  table.rows.forEach((r, i) => index.set(`${r.doc}\u0000${r.paragraph}`, i));
  const seen = new Set<number>();
  const rows = sheet.rows.map(({ line, values }) => {
    const where = { file, line };
    const i = index.get(`${values[docCol]}\u0000${values[parCol].trim()}`);
    if (i === undefined) throw new FramelabError(`column paragraph: no paragraph ${values[parCol]} in document "${values[docCol]}" of the corpus (a sheet from another corpus?)`, where);
    if (norm(values[textCol]) !== norm(table.texts[i])) {
      throw new FramelabError(`column text: the text differs from paragraph ${values[parCol]} of "${values[docCol]}" in the corpus (a sheet from another corpus, or the file changed)`, where);
    }
    if (seen.has(i)) throw new FramelabError(`paragraph ${values[parCol]} of "${values[docCol]}" is coded twice on this sheet`, where);
    seen.add(i);
    const coded = catCols.map((k) => {
      const v = values[k].trim().replace(',', '.');
      if (v === '') return null;
      const x = Number(v);
      if (!/^-?\d+(\.\d+)?$/.test(v) || x < 0 || !Number.isInteger(x)) throw new FramelabError(`column "${sheet.header[k]}": "${values[k]}" is not ${scale === 'presence' ? '0 or 1' : 'a whole number ≥ 0'}`, where);
      if (scale === 'presence' && x > 1) throw new FramelabError(`column "${sheet.header[k]}": "${values[k]}" is not 0 or 1 (the column is marked [0/1])`, where);
      return x;
    });
    // a spreadsheet in a Russian locale saves 3.5 as 3,5
    const weight = weightCol >= 0 && values[weightCol].trim() !== '' ? Number(values[weightCol].trim().replace(',', '.')) : 1;
    // 1e400 reads as Infinity: every estimate would come out empty
    if (!(weight > 0) || !Number.isFinite(weight)) throw new FramelabError(`column weight: "${values[weightCol]}" is not a finite number above 0`, where);
    return { line, index: i, weight, stratum: stratumCol >= 0 ? values[stratumCol] : 'all', values: coded };
  });
  return { file, scale, rows };
}

/** Text compared as a coder's spreadsheet may have saved it: white space folded, line ends normalised. */
function norm(s: string): string {
  return s.replace(/\s+/gu, ' ').trim();
}

