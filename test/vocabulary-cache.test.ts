import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countFiles, countFrameRows, dictionaryFromYaml, foldCase, loadCorpus, loadDictionary, WORD_PATTERN } from '../src';
import { FormTable } from '../src/text/forms';
import { decodeVocabulary, newVocabulary, restoreVocabulary, vocabularyCacheName } from '../src/frames/vocabularies';
import { Lemmatizer } from '../src/text/lemmatizer';
import { lemmaCacheName } from '../src/text/lemma-cache';
import { ARTICLE, tempDir } from './helpers';

/**
 * The vocabulary kept between runs (frames/vocabularies.ts) saves time only: a count that starts
 * from it, in this thread or in worker threads, must give the table a count without it gives,
 * and a damaged file must be ignored. The reference table is the in-memory count of the same
 * corpus (`countFrameRows(loadCorpus(...))`), which never reads or writes the file.
 */

// The article's paragraphs as JSONL documents, each with a made-up word of its own (грантоид<n in
// letters>), repeated until the file is over two batches of 256 KiB, so that with two jobs the
// worker and this thread each count some batches and each meets words the other does not.
const DIGITS = 'абвгдежзик';
const encoder = new TextEncoder();
const article = fs.readFileSync(ARTICLE, 'utf8').split('\n').filter((l) => l.trim());
const lines: string[] = [];
for (let copy = 0, size = 0; size < 600_000; copy++) {
  for (const [i, p] of article.entries()) {
    const n = copy * article.length + i;
    const own = `грантоид${[...String(n)].map((d) => DIGITS[+d]).join('')}`;
    const line = JSON.stringify({ id: `c${copy}p${i}`, text: `${p} ${own}.` });
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
}

let cache: string;
let corpus: string;
const saved: Array<string | undefined> = [];

beforeAll(() => {
  cache = tempDir();
  corpus = tempDir({ 'c.jsonl': lines.join('\n') + '\n' });
  saved.push(process.env.FRAMELAB_CACHE_DIR, process.env.FRAMELAB_CACHE);
  process.env.FRAMELAB_CACHE_DIR = cache;
  delete process.env.FRAMELAB_CACHE;
});

afterAll(() => {
  const [dir, off] = saved;
  if (dir === undefined) delete process.env.FRAMELAB_CACHE_DIR;
  else process.env.FRAMELAB_CACHE_DIR = dir;
  if (off !== undefined) process.env.FRAMELAB_CACHE = off;
});

const vocabularyFile = () => path.join(cache, vocabularyCacheName(loadDictionary(), false));

describe('the vocabulary kept between runs', () => {
  it('gives the table a count without it gives, in this thread and in worker threads', async () => {
    const reference = countFrameRows(loadCorpus(corpus), loadDictionary());
    expect(fs.existsSync(vocabularyFile())).toBe(false);
    // a new dictionary object each time: a fresh vocabulary in this process, so each run starts from the file
    for (const jobs of [1, 2, 1, 2]) {
      const { table, summary } = await countFiles(corpus, loadDictionary(), { jobs, vocabularyCache: true });
      expect(summary.jobs).toBe(jobs);
      expect(table.rows).toEqual(reference.rows);
      expect(fs.existsSync(vocabularyFile())).toBe(true);
    }
  });

  it('holds every word of the corpus after a run with worker threads (the words each thread met)', async () => {
    fs.rmSync(vocabularyFile(), { force: true });
    await countFiles(corpus, loadDictionary(), { jobs: 2, vocabularyCache: true });
    const state = decodeVocabulary(fs.readFileSync(vocabularyFile()));
    expect(state).not.toBeNull();
    const forms = new FormTable();
    forms.importState(state!.forms);
    const size = forms.size;
    // every word as the word pattern finds and folds it, the made-up words of every line among them
    const text = lines.map((l) => JSON.parse(l).text as string).join('\n');
    const words = new Set([...text.matchAll(WORD_PATTERN)].map((m) => foldCase(m[0])));
    expect(words.has('грантоидб')).toBe(true);
    for (const w of words) forms.idOf(w);
    expect(forms.size).toBe(size);
  });

  it('is read into shared memory that every thread reads and none writes: a table copies itself before it first grows', async () => {
    fs.rmSync(vocabularyFile(), { force: true });
    await countFiles(corpus, loadDictionary(), { jobs: 1, vocabularyCache: true });
    const file = fs.readFileSync(vocabularyFile());
    const bytes = new Uint8Array(new SharedArrayBuffer(file.length));
    bytes.set(file);
    // two vocabularies over the same bytes, as the calling thread and a worker have them
    const [a, b] = [0, 1].map(() => {
      const v = newVocabulary(loadDictionary(), new Lemmatizer(), false);
      expect(restoreVocabulary(v, decodeVocabulary(bytes, true)!)).toBe(true);
      return v;
    });
    const scan = (v: typeof a, text: string) => {
      const t = encoder.encode(text);
      v.tokenizer.n = 0;
      v.tokenizer.startKey();
      v.tokenizer.scan(t, 0, t.length);
      return [...v.tokenizer.ids.subarray(0, v.tokenizer.n)];
    };
    // the article's first words are in the file: both find the same ids, and neither adds a form
    const known = scan(a, article[0]);
    expect(scan(b, article[0])).toEqual(known);
    const size = a.forms.size;
    // new words (a new raw form; a capitalised new word inside a sentence, which also makes a name variant) in one of them
    const added = scan(a, 'слововое Небывальщина и Небывальщина');
    expect(a.forms.size).toBeGreaterThan(size);
    // the shared bytes are as read, and the other vocabulary neither knows the new words nor lost the old
    expect(Buffer.from(bytes).equals(file)).toBe(true);
    expect(b.forms.size).toBe(size);
    expect(scan(b, article[0])).toEqual(known);
    // the other meets the same new words and gives them the same ids (forms are numbered in the order met)
    expect(scan(b, 'слововое Небывальщина и Небывальщина')).toEqual(added);
    expect(Buffer.from(bytes).equals(file)).toBe(true);
  });

  it('gives worker threads the lemma a parts: false rule asks of a later hyphenated word, count after count', async () => {
    // «помощь бизнес-инкубаторов» matches `помощь бизнес-инкубатор` only through the lemma of the
    // whole hyphenated word (бизнес-инкубатор), which the rule looks up while counting; each of these
    // paragraphs holds the phrase twice (…инкубаторов, …инкубатору), so every one counts 2
    const dictionary = dictionaryFromYaml('инкубаторы:\n  - match: помощь бизнес-инкубатор\n    parts: false\n');
    const phrase = 'Нужна помощь бизнес-инкубаторов. Важна помощь бизнес-инкубатору.';
    // one such line after every 50th, so that both threads count some
    const mixed = lines.flatMap((l, i) => (i % 50 === 0 ? [l, JSON.stringify({ id: `inc${i}`, text: phrase })] : [l]));
    const dir = tempDir({ 'm.jsonl': mixed.join('\n') + '\n' });
    // the same dictionary object: the second and third counts start from this process's vocabulary
    for (const jobs of [1, 2, 2]) {
      const { table } = await countFiles(dir, dictionary, { jobs, vocabularyCache: true });
      const inc = table.rows.filter((r) => String(r.doc).startsWith('inc'));
      expect(inc.length).toBe(Math.ceil(lines.length / 50));
      expect(inc.map((r) => r.инкубаторы)).toEqual(inc.map(() => 2));
    }
  });

  it('is another file, and so are the lemmas, under another FRAMELAB_MAX_WORD_LETTERS', () => {
    // words longer than the limit are their own lemma: lemmas and classifications made under one
    // limit are wrong under another
    const lemmas = lemmaCacheName();
    const vocabulary = vocabularyCacheName(loadDictionary(), false);
    const saved = process.env.FRAMELAB_MAX_WORD_LETTERS;
    process.env.FRAMELAB_MAX_WORD_LETTERS = '5';
    try {
      expect(lemmaCacheName()).not.toBe(lemmas);
      expect(vocabularyCacheName(loadDictionary(), false)).not.toBe(vocabulary);
    } finally {
      if (saved === undefined) delete process.env.FRAMELAB_MAX_WORD_LETTERS;
      else process.env.FRAMELAB_MAX_WORD_LETTERS = saved;
    }
    expect(lemmaCacheName()).toBe(lemmas);
  });

  it('keeps the 15 newest other vocabulary files beside the one it writes, and removes the older', async () => {
    // (the other tests' vocabulary files out of the way)
    for (const f of fs.readdirSync(cache)) if (f.startsWith('vocabulary-')) fs.rmSync(path.join(cache, f));
    // 20 files of other dictionaries or builds, file k made k + 1 minutes ago: 0 … 14 are the 15 newest
    const others = Array.from({ length: 20 }, (_, k) => path.join(cache, `vocabulary-other${k}-code-reach.bin`));
    const now = Date.now() / 1000;
    others.forEach((f, k) => {
      fs.writeFileSync(f, 'x');
      fs.utimesSync(f, now - 60 * (k + 1), now - 60 * (k + 1));
    });
    fs.rmSync(vocabularyFile(), { force: true });
    await countFiles(corpus, loadDictionary(), { jobs: 1, vocabularyCache: true });
    expect(fs.existsSync(vocabularyFile())).toBe(true);
    expect(others.map((f) => fs.existsSync(f))).toEqual(others.map((_, k) => k < 15));
    for (const f of others) fs.rmSync(f, { force: true });
  });

  it('ignores a damaged or foreign file, counts as without it, and writes a good one', async () => {
    const reference = countFrameRows(loadCorpus(corpus), loadDictionary());
    await countFiles(corpus, loadDictionary(), { jobs: 1, vocabularyCache: true });
    const good = fs.readFileSync(vocabularyFile());
    const flipped = Buffer.from(good);
    flipped[Math.floor(flipped.length / 2)] ^= 0x55;
    const damaged = {
      'a byte changed': flipped,
      'cut short': good.subarray(0, good.length - 100),
      'empty': Buffer.alloc(0),
      'not a vocabulary': Buffer.from('doc,paragraph\r\n'),
    };
    for (const [what, bytes] of Object.entries(damaged)) {
      expect(decodeVocabulary(bytes), what).toBeNull();
      for (const jobs of [1, 2]) {
        fs.writeFileSync(vocabularyFile(), bytes);
        const { table } = await countFiles(corpus, loadDictionary(), { jobs, vocabularyCache: true });
        expect(table.rows, `${what}, jobs ${jobs}`).toEqual(reference.rows);
        expect(decodeVocabulary(fs.readFileSync(vocabularyFile())), `${what}, jobs ${jobs}`).not.toBeNull();
      }
    }
  });

  it('ignores a whole, good file written for another dictionary and put under this one\'s name', async () => {
    // the file of a one-category dictionary, copied by hand over the bundled dictionary's: read as
    // this one's, its classifications would count the wrong categories
    const other = dictionaryFromYaml('гранты:\n  - грант*\n');
    await countFiles(corpus, other, { jobs: 1, vocabularyCache: true });
    const foreign = fs.readFileSync(path.join(cache, vocabularyCacheName(other, false)));
    expect(decodeVocabulary(foreign)).not.toBeNull();
    const reference = countFrameRows(loadCorpus(corpus), loadDictionary());
    for (const jobs of [1, 2]) {
      fs.writeFileSync(vocabularyFile(), foreign);
      const { table } = await countFiles(corpus, loadDictionary(), { jobs, vocabularyCache: true });
      expect(table.rows, `jobs ${jobs}`).toEqual(reference.rows);
    }
  });

  it('is neither read nor written below 4 MiB of input unless asked, nor with the cache off', async () => {
    fs.rmSync(vocabularyFile(), { force: true });
    await countFiles(corpus, loadDictionary(), { jobs: 1 });
    expect(fs.existsSync(vocabularyFile())).toBe(false);
    await countFiles(corpus, loadDictionary(), { jobs: 1, vocabularyCache: true, lemmaCache: false });
    expect(fs.existsSync(vocabularyFile())).toBe(false);
  });
});
