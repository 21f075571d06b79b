import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  countFrameRows,
  countFilesStreaming,
  dictionaryFromObject,
  FrameMatcher,
  Lemmatizer,
  loadCorpus,
  loadDictionary,
  BUNDLED_RHETORIC_DICTIONARY,
  toCsv,
  toJson,
  words,
} from '../src';
import { ARTICLE, ROOT, tempDir } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

/** A folder with every input kind: JSONL (with a repeated paragraph and a missing id), CRLF text, CSV, Markdown. */
function mixedFolder(): string {
  const article = fs.readFileSync(ARTICLE, 'utf8').split('\n');
  return tempDir({
    'a.jsonl': [
      JSON.stringify({ id: 'j1', text: article.slice(0, 5).join('\n\n') }),
      '',
      JSON.stringify({ text: `${article[3]}\n\n${article[3]}`, year: 2025 }),
    ].join('\n'),
    'b.txt': article.slice(5, 12).join('\r\n'),
    'c.csv': `id,text\nc1,"${article[20].replace(/"/g, '""')}"\nc2,"${article[21]}"\n`,
    'sub/d.md': `# Заголовок\n\n${article.slice(22, 26).join('\n\n')}`,
  });
}

describe('streaming count', () => {
  const dict = loadDictionary();

  it.each([1, 2])('gives the same bytes as counting the loaded corpus (jobs %i), CSV and JSON', async (jobs) => {
    const dir = mixedFolder();
    for (const options of [{}, { dedupe: true, rate: true }]) {
      const expected = countFrameRows(loadCorpus(dir, options), dict, options);
      let csv = '';
      await countFilesStreaming([dir], dict, (s) => (csv += s), { ...options, jobs });
      expect(csv).toBe(toCsv(expected));
      let json = '';
      await countFilesStreaming([dir], dict, (s) => (json += s), { ...options, jobs, format: 'json' });
      expect(json).toBe(toJson(expected));
    }
  });

  it('stops at a bad JSONL line naming file and line, or skips and counts such lines', async () => {
    const dir = tempDir({ 'x.jsonl': '{"text":"Гранты."}\n{"text": oops}\n["not an object"]\n{"text":"Диалог."}\n' });
    const file = path.join(dir, 'x.jsonl');
    await expect(countFilesStreaming([file], dict, () => undefined, { jobs: 1 })).rejects.toThrow(/x\.jsonl:2: invalid JSON/);
    let out = '';
    const s = await countFilesStreaming([file], dict, (c) => (out += c), { jobs: 2, skipBadLines: true });
    expect(s.skipped.map((k) => k.line)).toEqual([2, 3]);
    expect(out.trim().split('\r\n').length).toBe(1 + 2);
  });

  it('refuses duplicate ids across batches and files', async () => {
    const dir = tempDir({ 'a.jsonl': '{"id":"same","text":"А"}\n', 'b.jsonl': '{"id":"same","text":"Б"}\n' });
    await expect(countFilesStreaming([dir], dict, () => undefined, { jobs: 2 })).rejects.toThrow(/duplicate document id "same"/);
  });
});

describe('lemmatizing only what a pattern can reach', () => {
  /** Every glob hit of every form, with the filter and with full lemmatization. */
  function sameHits(dictionary: ReturnType<typeof loadDictionary>, forms: string[]) {
    const lemmas = new Lemmatizer();
    const fast = new FrameMatcher(dictionary, lemmas);
    const full = new FrameMatcher(dictionary, lemmas, { lemmaFilter: false });
    const differing = forms.filter((f) => fast.globsOf(f).join('') !== full.globsOf(f).join(''));
    return differing;
  }

  it('changes no glob hit for suppletive and prefixed forms (люди → человек, наилучший → хороший, шёл → идти)', () => {
    const dictionary = dictionaryFromObject({
      люди: ['человек'],
      хорошее: ['хороший', 'хорош*'],
      идти: ['идти'],
      я: ['я'],
      мы: ['мы'],
      дети: ['ребенок'],
      плохое: ['плохой'],
      большое: ['большой', 'больш*'],
      гранты: ['грант*'],
    });
    const forms = words('Люди, людей, людям, человека; лучше, лучший, наилучший, хорошего, получше; шёл, шла, шли, идём; меня, мне, мной; нас, нам, нами; дети, детей, ребёнка; хуже, наихудший; больше, побольше, наибольший; грантов, грантодателей.');
    expect(sameHits(dictionary, forms)).toEqual([]);
    // and the counts the filter gives are those of the lemmas: люди/людей/людям/человека → человек
    const counts = new FrameMatcher(dictionary).count(forms).counts;
    expect(counts[0]).toBe(4);
  });

  it('changes no glob hit for any word of the bundled article, with the framing and the rhetoric dictionaries', () => {
    const forms = [...new Set(words(fs.readFileSync(ARTICLE, 'utf8')))];
    // the article has 2131 words separated by white space (wc -w), several hundred of them distinct
    expect(forms.length).toBeGreaterThan(500);
    expect(sameHits(loadDictionary(), forms)).toEqual([]);
    expect(sameHits(loadDictionary(BUNDLED_RHETORIC_DICTIONARY), forms)).toEqual([]);
  });
});

/** A JSONL corpus of `docs` copies of the article (about 31 KB each), in a folder of its own. */
function bigCorpus(docs: number): { dir: string; file: string } {
  const dir = tempDir();
  const line = JSON.stringify({ text: fs.readFileSync(ARTICLE, 'utf8') });
  const file = path.join(dir, 'big.jsonl');
  fs.writeFileSync(file, Array.from({ length: docs }, (_, i) => line.replace('{', `{"id":"d${i}",`)).join('\n'));
  return { dir, file };
}

describe('the command line on large and interrupted runs', () => {
  it('an interrupted run leaves no output file and no temporary file behind', async () => {
    const { dir, file: big } = bigCorpus(1500);
    const out = path.join(dir, 'counts.csv');
    const child = spawn(process.execPath, [CLI, 'count', big, '--jobs', '1', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // interrupt as soon as the temporary output exists
    for (let i = 0; i < 400 && !fs.readdirSync(dir).some((f) => f.includes('framelab-tmp')); i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted \(SIGINT\); .*counts\.csv was not written/);
    expect(fs.readdirSync(dir)).toEqual(['big.jsonl']);
  });

  it('counts a paragraph of several megabytes', () => {
    const dir = tempDir({ 'long.txt': 'Гранты и диалог. '.repeat(300_000) });
    const r = spawnSync(process.execPath, [CLI, 'count', path.join(dir, 'long.txt'), '-q'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    // 300 000 repeats of 3 words: гранты and диалог once each
    expect(r.stdout.split('\r\n')[1]).toMatch(/^long,0,900000,,600000,300000,0,300000,/);
  });

  it('counts a big input with the worker it started before loading its modules, as one thread does', () => {
    // 33 MiB of JSONL (over the 32 MiB from which count uses threads, and starts them early)
    const line = (i: number) => JSON.stringify({ id: `d${i}`, text: `Гранты ${i}, коррупция и диалог.\n${'слово '.repeat(400)}` });
    const lines = Array.from({ length: 1000 }, (_, i) => line(i));
    const block = lines.join('\n') + '\n';
    const dir = tempDir();
    const file = path.join(dir, 'big.jsonl');
    const copies = Math.ceil((33 << 20) / Buffer.byteLength(block));
    fs.writeFileSync(file, Array.from({ length: copies }, (_, c) => block.replace(/"id":"d/g, `"id":"c${c}-d`)).join(''));
    const threads = spawnSync(process.execPath, [CLI, 'count', file, '-q'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const one = spawnSync(process.execPath, [CLI, 'count', file, '-q', '--jobs', '1'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(threads.status).toBe(0);
    expect(one.status).toBe(0);
    expect(threads.stdout).toBe(one.stdout);
    // a header and two paragraphs per document
    expect(threads.stdout.trimEnd().split('\n')).toHaveLength(1 + 2 * 1000 * copies);
  });

  it('prints no progress line when stderr is not a terminal', () => {
    const r = spawnSync(process.execPath, [CLI, 'count', ARTICLE], { encoding: 'utf8' });
    expect(r.stderr).not.toContain('\r');
  });

  it('shows a progress line with files, MiB and rate on a terminal (util-linux script gives it one)', () => {
    const { dir, file } = bigCorpus(600);
    const out = path.join(dir, 'counts.csv');
    const r = spawnSync('script', ['-qec', `${process.execPath} ${CLI} count ${file} --jobs 1 --out ${out}`, '/dev/null'], { encoding: 'utf8' });
    if (r.error) throw r.error;
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\rframelab: [█░]+ \d+% · \d+\/1 files · [\d.]+\/[\d.]+ MiB · [\d.…]+ MiB\/s · [\d,]+ paragraphs/);
    expect(fs.existsSync(out)).toBe(true);
  });

  it('importing framelab loads neither danfojs/TensorFlow nor the Vega stack', () => {
    const r = spawnSync(
      process.execPath,
      ['-e', "require('./dist'); console.log(Object.keys(require.cache).filter((k) => /danfojs|tensorflow|[\\\\/]vega/.test(k)).length)"],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stdout.trim()).toBe('0');
  });
});
