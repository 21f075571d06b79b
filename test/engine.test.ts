import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countFiles,
  countFrameRows,
  foldCase,
  loadCorpus,
  loadDictionary,
  markDuplicates,
  paragraphKey,
  tokenize,
  words,
  WORD_PATTERN,
  type Paragraph,
} from '../src';
import { CsvReader, parseJsonlRecord } from '../src/corpus/records';
import { charBoundary } from '../src/corpus/source';
import { ARTICLE, tempDir } from './helpers';

const SEED = 20251128;
const RUNS = Number(process.env.FRAMELAB_FUZZ_RUNS ?? 300);

/** The definition the tokenizer must follow: the word pattern on the NFC text, each word folded. */
function referenceWords(text: string): Array<{ norm: string; start: number; end: number }> {
  const nfc = text.normalize('NFC');
  return [...nfc.matchAll(WORD_PATTERN)].map((m) => ({ norm: foldCase(m[0]), start: m.index!, end: m.index! + m[0].length }));
}

// characters that exercise every branch of the scanner: ASCII and Cyrillic letters in both cases,
// digits, hyphens, dots (abbreviations), spaces of several kinds, quotes, a combining mark, letters
// whose lower case is special (İ, Σ), letters outside the BMP, and ё/Ё
const ALPHABET = [
  'a', 'B', 'z', 'т', 'Н', 'е', 'ё', 'Ё', 'я', 'Ж', '1', '9', '-', '-', '.', '.', ' ', ' ', '\u00a0', '\t', '\n',
  '«', '»', ',', 'é', 'e\u0301', 'İ', 'Σ', 'ς', '𝐀', 'ǅ', 'ß', '_', '’', '—', '\u2003', 'Ⅻ', '٣',
];
const textArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((cs) => cs.join(''));

describe('the byte-level tokenizer follows the word pattern', () => {
  it('finds the words of the regular expression, folded, at the same offsets (property test)', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const got = tokenize(text).map((t) => ({ norm: t.norm, start: t.start, end: t.end }));
        expect(got).toEqual(referenceWords(text));
        expect(words(text)).toEqual(referenceWords(text).map((w) => w.norm));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('reads every word of the bundled article as the pattern does', () => {
    const text = fs.readFileSync(ARTICLE, 'utf8');
    expect(words(text)).toEqual(referenceWords(text).map((w) => w.norm));
  });

  it('marks duplicate paragraphs exactly as comparing their keys does (property test)', () => {
    const paragraph = fc.array(fc.constantFrom('Гранты', 'гранты', 'ГРАНТЫ', ' ', '  ', 'и', 'ёлка', 'елка', '.', 'İ', 'i̇', 'Σ'), { minLength: 1, maxLength: 6 }).map((p) => p.join('').trim() || 'x');
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 8 }), (texts) => {
        const marked = markDuplicates(texts.map((text, i) => ({ text, line: i + 1 })));
        const first = new Map<string, number>();
        const expected = texts.map((t, i) => {
          const key = paragraphKey(t);
          const earlier = first.get(key);
          if (earlier === undefined) first.set(key, i);
          return earlier ?? null;
        });
        expect(marked.map((p) => p.duplicateOf)).toEqual(expected);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('reading records', () => {
  it('the fast JSONL reader agrees with JSON.parse on text, id and fields (property test)', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));
    const text = fc.fullUnicodeString({ maxLength: 30 });
    fc.assert(
      fc.property(text, fc.option(fc.oneof(fc.string({ minLength: 1 }), fc.integer())), fc.dictionary(fc.string().filter((k) => k !== 'text' && k !== 'id' && k !== '__proto__'), value, { maxKeys: 3 }), (t, id, meta) => {
        const record: Record<string, unknown> = { ...meta, text: t };
        if (id !== null) record.id = id;
        const line = Buffer.from(JSON.stringify(record));
        const r = parseJsonlRecord(line, 0, line.length, { file: 'x.jsonl', line: 1 })!;
        expect(Buffer.from(r.text.subarray(r.start, r.end)).toString('utf8')).toBe(Buffer.from(t, 'utf8').toString('utf8'));
        expect(r.id).toBe(id === null || id === '' ? null : String(id));
        expect(r.meta).toEqual(meta);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('a CSV fed one byte at a time gives the records a whole read gives', () => {
    const csv = 'id,text,extra\r\n1,"a, ""quoted""\nline",x\r\n2,plain,"y"\n\n3,"ends with quote""",z';
    const read = (pieces: Buffer[]) => {
      const rows: string[][] = [];
      const r = new CsvReader('t.csv');
      for (const p of pieces) r.push(p, (row) => rows.push(row.fields));
      r.end((row) => rows.push(row.fields));
      return rows;
    };
    const bytes = Buffer.from(csv);
    const whole = read([bytes]);
    // worked by hand from RFC 4180: the quoted field keeps its comma, its doubled quotes and its line break
    expect(whole).toEqual([
      ['id', 'text', 'extra'],
      ['1', 'a, "quoted"\nline', 'x'],
      ['2', 'plain', 'y'],
      ['3', 'ends with quote"', 'z'],
    ]);
    expect(read([...bytes].map((b) => Buffer.from([b])))).toEqual(whole);
  });

  it('a quoted field never closed is an error naming the line it opened on', () => {
    const r = new CsvReader('t.csv');
    r.push(Buffer.from('id,text\n1,ok\n2,"open\nstill open\n'), () => undefined);
    expect(() => r.end(() => undefined)).toThrow(/t\.csv:3: invalid CSV: the quoted field opened on line 3 is never closed/);
  });

  it('cuts the encoding sample at a character boundary when a long first line splits a letter', () => {
    const b = Buffer.from('абв'); // 2 bytes a letter
    expect([0, 1, 2, 3, 4, 5, 6].map((c) => charBoundary(b, c))).toEqual([0, 0, 2, 2, 4, 4, 6]);
    // a 1 MiB first line of Cyrillic whose MiB boundary falls inside a letter still reads as UTF-8
    const line = 'ж'.repeat((1 << 20) / 2 + 1) + 'a';
    const dir = tempDir({ 'long.jsonl': `${JSON.stringify({ text: 'x' + line })}\n${JSON.stringify({ text: 'грант' })}\n` });
    const corpus = loadCorpus(path.join(dir, 'long.jsonl'));
    expect(corpus.documents.map((d) => d.encoding)).toEqual(['utf-8', 'utf-8']);
  });
});

describe('one engine for every path', () => {
  const dict = loadDictionary();

  it('streaming, worker threads and the loaded corpus give the same table, gzip or not', async () => {
    const article = fs.readFileSync(ARTICLE, 'utf8').split('\n');
    const lines = article.map((p, i) => JSON.stringify({ id: `p${i}`, text: `${p}\n\n${p}`, n: i }));
    const dir = tempDir({ 'a.jsonl': lines.join('\n'), 'b.jsonl.gz': gzipSync(Buffer.from(lines.slice(0, 9).map((l) => l.replace('"p', '"g')).join('\n'))) });
    const memory = countFrameRows(loadCorpus(dir, { dedupe: true }), dict, { rate: true, meta: ['n'] });
    for (const jobs of [1, 2]) {
      const { table } = await countFiles(dir, dict, { dedupe: true, rate: true, meta: ['n'], jobs, lemmaCache: false });
      expect(table.rows).toEqual(memory.rows);
      expect(table.columns).toEqual(memory.columns);
    }
    // every document counted once: 58 lines of a.jsonl and 9 of b.jsonl.gz, each a paragraph and its repeat (dropped)
    expect(memory.rows.filter((r) => r.tokens !== 0).length).toBeGreaterThan(0);
    expect(new Set(memory.rows.map((r) => r.doc)).size).toBe(58 + 9);
  });

  it('a paragraph keeps the same words whether read from a file or given as text', () => {
    const corpus = loadCorpus(ARTICLE);
    for (const p of corpus.documents[0].paragraphs as Paragraph[]) {
      expect(tokenize(p.text).map((t) => t.norm)).toEqual(referenceWords(p.text).map((w) => w.norm));
    }
  });
});

describe('threaded counts and the V8 budget', () => {
  it('compileLater and compileAsUsual nest, and never go below none', async () => {
    const { compileAsUsual, compileLater, compilingLater } = await import('../src/util/jit');
    expect(compilingLater()).toBe(false);
    // two counts at once (a notebook): the first to end leaves the budget to the other
    compileLater();
    compileLater();
    compileAsUsual();
    expect(compilingLater()).toBe(true);
    compileAsUsual();
    expect(compilingLater()).toBe(false);
    // one end too many does not leave the next count's ask cancelled
    compileAsUsual();
    compileLater();
    expect(compilingLater()).toBe(true);
    compileAsUsual();
    expect(compilingLater()).toBe(false);
  });

  it('a threaded count that fails before it counts gives the budget back', async () => {
    const { compilingLater } = await import('../src/util/jit');
    const { runWorkers } = await import('../src/frames/pool');
    const { newVocabulary } = await import('../src/frames/vocabularies');
    const { Lemmatizer } = await import('../src/text/lemmatizer');
    const { dictionaryFromObject } = await import('../src');
    const dictionary = dictionaryFromObject({ k: ['a'] });
    const lemmatizer = new Lemmatizer();
    const report = { files: [], skippedFiles: [], badLines: [], notes: [], encodings: [], filesDone: 0, bytesRead: 0 };
    // options a worker cannot be sent (a function): its Worker throws while it is made, before any count
    const engine = { notSendable: () => 0 } as unknown as Parameters<typeof runWorkers>[4];
    await expect(runWorkers(2, [], report as unknown as Parameters<typeof runWorkers>[2], dictionary, engine, lemmatizer, undefined, newVocabulary(dictionary, lemmatizer, false), () => {})).rejects.toThrow(/could not be cloned/);
    // the process goes on with V8's own budget (a later one-thread count would else run with eight times it)
    expect(compilingLater()).toBe(false);
  });
});

describe('starting the workers', () => {
  it('stops the workers already made when the next cannot be made, and passes the error on', async () => {
    const { startAll } = await import('../src/frames/pool');
    // three workers asked for; the third cannot be made: the first two must be stopped (a worker
    // left running keeps the process alive after the count has failed)
    const stopped: number[] = [];
    let made = 0;
    const make = () => {
      const k = made++;
      if (k === 2) throw new Error('no third worker');
      return { terminate: async () => void stopped.push(k) };
    };
    expect(() => startAll(3, make)).toThrow('no third worker');
    expect(stopped.sort()).toEqual([0, 1]);
    // all made: none stopped, all returned in order
    stopped.length = 0;
    made = 0;
    const all = startAll(2, make);
    expect(all).toHaveLength(2);
    expect(stopped).toEqual([]);
  });
});

describe('workers started early', () => {
  /** A file of `bytes` bytes that takes no room on disk (its size is all the early check reads). */
  const sparse = (dir: string, name: string, bytes: number) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, '');
    fs.truncateSync(file, bytes);
    return file;
  };

  it('judges from the arguments alone how many workers count will want', async () => {
    const { earlyWorkers, inputBytes } = await import('../src/cli/early');
    const { cores, SMALL_CORPUS } = await import('../src/frames/prestart');
    const dir = tempDir();
    const big = sparse(dir, 'big.jsonl', SMALL_CORPUS);
    const small = sparse(dir, 'small.jsonl', SMALL_CORPUS - 1);
    // the sizes of the files named, options and missing paths adding nothing
    expect(inputBytes([big, '-q', small, path.join(dir, 'none.jsonl')])).toBe(2 * SMALL_CORPUS - 1);
    // a folder: the files right inside it
    expect(inputBytes([dir])).toBe(2 * SMALL_CORPUS - 1);
    const all = Math.max(0, cores() - 1);
    expect(earlyWorkers(['count', big])).toBe(all);
    expect(earlyWorkers(['count', '-q', dir, '-o', '/dev/null'])).toBe(all);
    expect(earlyWorkers(['count', big, '--jobs', '2'])).toBe(Math.min(2, cores()) - 1);
    expect(earlyWorkers(['count', big, '--jobs=2'])).toBe(Math.min(2, cores()) - 1);
    // none: below the size a count uses threads at, one job, another command, help, a model's predictions, a --jobs commander will refuse
    expect(earlyWorkers(['count', small])).toBe(0);
    expect(earlyWorkers(['count', big, '-j', '1'])).toBe(0);
    expect(earlyWorkers(['count', big, '-j1'])).toBe(0);
    expect(earlyWorkers(['compare', big])).toBe(0);
    expect(earlyWorkers(['count', big, '--help'])).toBe(0);
    expect(earlyWorkers(['count', big, '--model', 'm.json'])).toBe(0);
    expect(earlyWorkers(['count', big, '--jobs', 'two'])).toBe(0);
  });

  it('are taken by the next count, which counts with them as with workers it makes', async () => {
    const { prestartWorkers, prestartedWaiting } = await import('../src/frames/prestart');
    const { dictionaryFromObject } = await import('../src');
    // enough text for several batches, so that the worker counts some of them
    const line = (i: number) => JSON.stringify({ id: `d${i}`, text: `Гранты ${i} и снова гранты. ${'слово '.repeat(60)}` });
    const dir = tempDir({ 'c.jsonl': Array.from({ length: 1200 }, (_, i) => line(i)).join('\n') + '\n' });
    const d = dictionaryFromObject({ гранты: ['грант'] });
    prestartWorkers(1);
    expect(prestartedWaiting()).toBe(1);
    const { table, summary } = await countFiles([path.join(dir, 'c.jsonl')], d, { jobs: 2, lemmaCache: false });
    // two forms of грант in each of the 1200 documents
    expect(table.rows.reduce((s, r) => s + (r['гранты'] as number), 0)).toBe(2400);
    // two threads where there are two cores (the count took the early worker), else one (it left it)
    const { cores } = await import('../src/frames/prestart');
    expect(summary.jobs).toBe(Math.min(2, cores()));
    expect(prestartedWaiting()).toBe(summary.jobs === 2 ? 0 : 1);
    const one = await countFiles([path.join(dir, 'c.jsonl')], d, { jobs: 1, lemmaCache: false });
    expect(table.rows).toEqual(one.table.rows);
  });

  it('never keep the process from exiting when no count takes them', () => {
    const script = `require(${JSON.stringify(path.join(__dirname, '..', 'dist', 'frames', 'prestart.js'))}).prestartWorkers(1)`;
    const r = spawnSync(process.execPath, ['-e', script], { timeout: 30_000 });
    // killed by the timeout (signal set) if the worker held the process
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
  });

  it('are stopped when the count that took them fails to make the rest', () => {
    // jobs 3: the early worker is taken, then the one worker made here cannot be (a dictionary
    // holding a function cannot be cloned into its workerData), and the count fails
    const dist = path.join(__dirname, '..', 'dist', 'frames');
    const script =
      `require(${JSON.stringify(path.join(dist, 'prestart.js'))}).prestartWorkers(1);` +
      `require(${JSON.stringify(path.join(dist, 'pool.js'))}).runWorkers(3, [], { files: [] }, { uncloneable() {} }, {}, null, undefined, null, () => {})` +
      `.then(() => console.log('counted'), (e) => console.log(e.name));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stdout.trim()).toBe('DataCloneError');
    // killed by the timeout (signal set) if the taken worker held the process
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
  });
});

describe('a budget node was given', () => {
  it('is seen in either spelling V8 takes, so that a count does not overwrite it', async () => {
    const { givesOwnBudget } = await import('../src/util/jit');
    // V8 reads `_` and `-` in a flag's name alike: `node --interrupt_budget=1000` sets the same flag
    expect(givesOwnBudget(['--interrupt_budget=1000'])).toBe(true);
    expect(givesOwnBudget(['--interrupt-budget=1000'])).toBe(true);
    // another flag that starts alike is not it
    expect(givesOwnBudget(['--interrupt-budget-for-feedback-allocation=940', '--max-old-space-size=4096'])).toBe(false);
  });
});
