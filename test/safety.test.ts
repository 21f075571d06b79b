import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { countFiles, dictionaryFromObject } from '../src';
import { CLI, STACK_LINE, runAsync, tempDir } from './helpers';

// One test per defect of the "never lose a file, never hang, never print a stack trace" list.
// Run against an older build with FRAMELAB_CLI=/path/to/dist/cli/main.js to see them fail there.

const run = (args: string[], options: Parameters<typeof runAsync>[2] = {}) => runAsync(process.execPath, [CLI, ...args], { timeoutMs: 50_000, ...options });
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A failed run: the exit code, one line on stderr (plus the incomplete-output note), no stack trace. */
function expectOneLineError(r: { code: number | null; stderr: string }, code: number, message: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  const lines = r.stderr.trimEnd().split('\n').filter((l) => !/output written to stdout before this error is incomplete/.test(l));
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^framelab: error: /);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(STACK_LINE);
}

describe('inputs are never written', () => {
  const corpus = () =>
    tempDir({ 'a.txt': 'Гранты и «диалог».\n', 'b.txt': 'Коррупция.\n', 'd.yaml': 'гранты: [грант*]\n', 'lex.tsv': 'грантов\tгрант\n', 'sub/c.txt': 'Диалог.\n' });

  const commands: Array<[string, (dir: string) => string[], (dir: string) => string]> = [
    ['count', (d) => ['count', path.join(d, 'a.txt')], (d) => path.join(d, 'a.txt')],
    ['kwic', (d) => ['kwic', path.join(d, 'a.txt'), '--pattern', 'грант*'], (d) => path.join(d, 'a.txt')],
    ['rhetoric', (d) => ['rhetoric', path.join(d, 'a.txt')], (d) => path.join(d, 'a.txt')],
    ['stats', (d) => ['stats', path.join(d, 'a.txt'), '--table', 'categories'], (d) => path.join(d, 'a.txt')],
    ['freq', (d) => ['freq', path.join(d, 'a.txt')], (d) => path.join(d, 'a.txt')],
    ['keyness (target)', (d) => ['keyness', path.join(d, 'a.txt'), '--reference', path.join(d, 'b.txt')], (d) => path.join(d, 'a.txt')],
    ['keyness (reference)', (d) => ['keyness', path.join(d, 'a.txt'), '--reference', path.join(d, 'b.txt')], (d) => path.join(d, 'b.txt')],
    ['count (the dictionary)', (d) => ['count', path.join(d, 'a.txt'), '--dict', path.join(d, 'd.yaml')], (d) => path.join(d, 'd.yaml')],
    ['count (the lexicon)', (d) => ['count', path.join(d, 'a.txt'), '--lexicon', path.join(d, 'lex.tsv')], (d) => path.join(d, 'lex.tsv')],
    ['count (a file inside an input folder)', (d) => ['count', d], (d) => path.join(d, 'sub', 'c.txt')],
    ['compare', (d) => ['compare', d, '--by', 'file'], (d) => path.join(d, 'a.txt')],
  ];

  for (const [name, args, target] of commands) {
    it(`${name}: --out naming an input is refused and the input kept`, async () => {
      const dir = corpus();
      const file = target(dir);
      const before = sha(file);
      const r = await run([...args(dir), '--out', file]);
      expectOneLineError(r, 2, /would overwrite/);
      expect(sha(file)).toBe(before);
    });
  }

  it('through a symbolic link and through ..', async () => {
    const dir = corpus();
    fs.symlinkSync(path.join(dir, 'a.txt'), path.join(dir, 'link.txt'));
    const before = sha(path.join(dir, 'a.txt'));
    expectOneLineError(await run(['count', path.join(dir, 'a.txt'), '--out', path.join(dir, 'link.txt')]), 2, /would overwrite/);
    expectOneLineError(await run(['count', path.join(dir, 'a.txt'), '--out', path.join(dir, 'sub', '..', 'a.txt')]), 2, /would overwrite/);
    expect(sha(path.join(dir, 'a.txt'))).toBe(before);
  });

  it('an empty or blank --out is an error for every command, chart included (it wrote into / before)', async () => {
    const dir = corpus();
    for (const out of ['', '  ']) {
      expectOneLineError(await run(['count', path.join(dir, 'a.txt'), '--out', out]), 2, /--out is empty/);
      expectOneLineError(await run(['chart', path.join(dir, 'a.txt'), '--kind', 'totals', '--out-dir', out]), 2, /--out-dir is empty/);
      expectOneLineError(await run(['kwic', path.join(dir, 'a.txt'), '--pattern', 'x', '--out', out]), 2, /--out is empty/);
    }
  });

  it('leaves no temporary file when --out is an existing folder', async () => {
    const dir = corpus();
    fs.mkdirSync(path.join(dir, 'outdir'));
    expectOneLineError(await run(['count', path.join(dir, 'a.txt'), '--out', path.join(dir, 'outdir')]), 2, /is a folder/);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt', 'd.yaml', 'lex.tsv', 'outdir', 'sub']);
    expect(fs.readdirSync(path.join(dir, 'outdir'))).toEqual([]);
  });
});

describe('wrong results that were accepted', () => {
  it('a NUL byte in a UTF-8 file is an error naming the file and line, for every command', async () => {
    const dir = tempDir({ 'bin.txt': Buffer.concat([Buffer.from('Гранты.\nДиалог\u0000 и\n')]) });
    for (const cmd of [['count'], ['kwic', '--pattern', 'грант*'], ['freq'], ['rhetoric']]) {
      expectOneLineError(await run([cmd[0], path.join(dir, 'bin.txt'), ...cmd.slice(1)]), 1, /bin\.txt: .*NUL byte at line 2/);
    }
  });

  it('a file that stops being UTF-8 after its first MiB: one decision, the same line, for every command', async () => {
    const good = Array.from({ length: 8000 }, (_, i) => JSON.stringify({ id: `d${i}`, text: 'Гранты и диалог '.repeat(10) })).join('\n');
    const bad = Buffer.concat([Buffer.from('{"id": "bad", "text": "'), iconv.encode('Гранты', 'windows-1251'), Buffer.from('"}')]);
    const dir = tempDir({ 'big.jsonl': Buffer.concat([Buffer.from(good + '\n'), bad, Buffer.from('\n' + good + '\n')]) });
    for (const cmd of [['count'], ['kwic', '--pattern', 'грант*'], ['freq'], ['compare', '--by', 'id']]) {
      const r = await run([cmd[0], path.join(dir, 'big.jsonl'), ...cmd.slice(1), '-q']);
      expectOneLineError(r, 1, /big\.jsonl: not valid UTF-8 at line 8001/);
    }
  });

  it('a CSV with a repeated id names the repeating row; two text columns are an error naming both', async () => {
    const dir = tempDir({ 'dup.csv': 'id,text\na,Гранты\nb,Диалог\na,Коррупция\n', 'two.csv': 'id,text,text\na,Гранты,Диалог\n' });
    expectOneLineError(await run(['count', path.join(dir, 'dup.csv')]), 1, /dup\.csv:4: duplicate document id "a" \(first read from .*dup\.csv:2\)/);
    expectOneLineError(await run(['count', path.join(dir, 'two.csv')]), 1, /two\.csv:1: the header names the "text" column twice \(columns 2 and 3\)/);
  });

  it('follows symbolic links to files and folders inside a corpus folder, and names the ones it skips', async () => {
    const outside = tempDir({ 'x.txt': 'Гранты.\n', 'more/y.txt': 'Диалог.\n' });
    const dir = tempDir({ 'a.txt': 'Коррупция.\n' });
    fs.symlinkSync(path.join(outside, 'x.txt'), path.join(dir, 'x.txt'));
    fs.symlinkSync(path.join(outside, 'more'), path.join(dir, 'more'));
    fs.symlinkSync(path.join(outside, 'gone.txt'), path.join(dir, 'gone.txt'));
    const r = await run(['count', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\r\n').slice(1, -1).map((l) => l.split(',')[0]).sort()).toEqual(['a', 'more/y', 'x']);
    expect(r.stderr).toMatch(/left out .*gone\.txt: a broken symbolic link/);
  });

  it('an unknown --encoding is a usage error before any output', async () => {
    const dir = tempDir({ 'a.txt': 'Гранты.\n' });
    const r = await run(['count', path.join(dir, 'a.txt'), '--encoding', 'klingon']);
    expectOneLineError(r, 2, /--encoding: unknown encoding "klingon"/);
    expect(r.stdout).toBe('');
  });
});

describe('no hangs, bounded resources', () => {
  it('rhetoric reads a 4 MB paragraph full of quotes in one pass (it took minutes when each quote re-read the paragraph)', async () => {
    const dir = tempDir({ 'long.txt': 'Он сказал: «мы за диалог», а они — «нет». '.repeat(100_000) + '\n' });
    const r = await run(['rhetoric', path.join(dir, 'long.txt'), '-q'], { timeoutMs: 50_000 });
    expect(r.timedOut, 'rhetoric did not finish').toBeUndefined();
    expect(r.code, r.stderr).toBe(0);
    // one paragraph: the header and one row
    expect(r.stdout.trimEnd().split('\r\n')).toHaveLength(2);
  });

  it('--jobs is capped by the cores and the work: a small file is counted by one thread', async () => {
    const dir = tempDir({ 'a.txt': 'Гранты.\n' });
    const { summary } = await countFiles([path.join(dir, 'a.txt')], dictionaryFromObject({ g: ['грант*'] }), { jobs: 100 });
    expect(summary.jobs).toBe(1);
    // the command's peak memory (kilobytes, from GNU time): 100 worker threads took 1.5 GB
    if (!fs.existsSync('/usr/bin/time')) return;
    const r = await runAsync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, 'count', path.join(dir, 'a.txt'), '--jobs', '100', '-q'], { timeoutMs: 50_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(Number(r.stderr.trim().split('\n').pop())).toBeLessThan(400_000);
  });
});

describe('output errors and what reaches the terminal', () => {
  it('a full disk through stdout is a one-line error and a non-zero exit', async () => {
    if (!fs.existsSync('/dev/full')) return;
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = await run(['count', path.join(__dirname, '..', 'data', 'ngo-grants-dialogue-2025.ru.txt')], { stdout: full });
      expectOneLineError(r, 1, /cannot write the output to stdout: .*(no space|ENOSPC)/i);
    } finally {
      fs.closeSync(full);
    }
  });

  it('control characters from the corpus are shown escaped in tables, notes and errors', async () => {
    const esc = '\u001b';
    const dir = tempDir({ [`evil${esc}]0;x.txt`]: `Гранты ${esc}[31mкрасные${esc}[0m.\n`, 'd.yaml': `гранты: [грант*, "a${esc}[31m"]\n` });
    const table = await run(['count', dir, '--format', 'table']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout + table.stderr).not.toContain(esc);
    expect(table.stdout).toMatch(/\\u001b|\\x1b|\\e/);
    const bad = await run(['count', dir, '--dict', path.join(dir, 'd.yaml')]);
    expect(bad.stderr).not.toContain(esc);
    expectOneLineError(bad, 1, /invalid pattern/);
  });

  it('an error part-way through a streamed table says the output is incomplete', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `d${i}`, text: 'Гранты и диалог. '.repeat(10) }));
    lines.push('{"id": "broken", "text": ');
    const dir = tempDir({ 'c.jsonl': lines.join('\n') + '\n' });
    const r = await run(['count', path.join(dir, 'c.jsonl'), '-q']);
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stderr.trimEnd().split('\n').pop()).toMatch(/the output written to stdout before this error is incomplete/);
    expect(r.stderr).toMatch(/c\.jsonl:3001: /);
  });
});

// ── second round: special files, signals, hostile patterns, bombs and collisions ──

const ARTICLE_TEXT = fs.readFileSync(path.join(__dirname, '..', 'data', 'ngo-grants-dialogue-2025.ru.txt'));

/** Starts a command and resolves with the child once `ready(dir)` holds (polled), for signal tests. */
function startUntil(args: string[], ready: () => boolean): Promise<import('node:child_process').ChildProcess> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (ready()) {
        clearInterval(poll);
        resolve(child);
      } else if (Date.now() - started > 30_000 || child.exitCode !== null) {
        clearInterval(poll);
        reject(new Error('the command never reached the state to interrupt'));
      }
    }, 20);
  });
}

describe('special files and links as --out', () => {
  it('a FIFO stays a FIFO and its reader gets the whole table (CSV and Parquet)', async () => {
    if (process.platform === 'win32') return;
    for (const format of ['csv', 'parquet']) {
      const dir = tempDir({ 'a.txt': ARTICLE_TEXT });
      const fifo = path.join(dir, 'ff');
      expect((await runAsync('mkfifo', [fifo])).code).toBe(0);
      // the reader gives up by itself if the command never opens the FIFO (an older build replaced it)
      const reader = runAsync('sh', ['-c', `exec timeout 30 cat "${fifo}" > "${path.join(dir, 'got')}"`], { timeoutMs: 40_000 });
      const r = await run(['count', path.join(dir, 'a.txt'), '--format', format, '--out', fifo, '-q']);
      expect(r.code, r.stderr).toBe(0);
      expect((await reader).code).toBe(0);
      expect(fs.lstatSync(fifo).isFIFO(), `${format}: the FIFO was replaced by a file`).toBe(true);
      const got = fs.readFileSync(path.join(dir, 'got'));
      // the article has 58 paragraphs: a CSV header and 58 rows; a Parquet file starts and ends with PAR1
      if (format === 'csv') expect(got.toString('utf8').trimEnd().split('\r\n')).toHaveLength(59);
      else expect([got.subarray(0, 4).toString(), got.subarray(-4).toString()]).toEqual(['PAR1', 'PAR1']);
    }
  });

  it('--out /dev/stdout with stdout redirected to a file writes into that file and leaves /dev/stdout a link', async () => {
    if (!fs.existsSync('/dev/stdout')) return;
    const dir = tempDir({ 'a.txt': ARTICLE_TEXT });
    const before = fs.lstatSync('/dev/stdout');
    const fd = fs.openSync(path.join(dir, 'f'), 'w');
    try {
      const r = await run(['count', path.join(dir, 'a.txt'), '--out', '/dev/stdout', '-q'], { stdout: fd });
      expect(r.code, r.stderr).toBe(0);
    } finally {
      fs.closeSync(fd);
    }
    expect(fs.lstatSync('/dev/stdout').isSymbolicLink()).toBe(before.isSymbolicLink());
    expect(fs.lstatSync('/dev/stdout').ino).toBe(before.ino);
    expect(fs.readFileSync(path.join(dir, 'f'), 'utf8').trimEnd().split('\r\n')).toHaveLength(59);
  });

  it('an --out symbolic link stays a link; its target gets the table', async () => {
    const dir = tempDir({ 'a.txt': ARTICLE_TEXT, 'keep/target.csv': 'old\n' });
    fs.symlinkSync(path.join(dir, 'keep', 'target.csv'), path.join(dir, 'link.csv'));
    for (const args of [[], ['--format', 'parquet'], ['--format', 'json']]) {
      const r = await run(['count', path.join(dir, 'a.txt'), ...args, '--out', path.join(dir, 'link.csv'), '-q']);
      expect(r.code, r.stderr).toBe(0);
      expect(fs.lstatSync(path.join(dir, 'link.csv')).isSymbolicLink(), `${args}: the link was replaced`).toBe(true);
      expect(fs.readFileSync(path.join(dir, 'keep', 'target.csv')).length).toBeGreaterThan(1000);
    }
    expect(fs.readdirSync(path.join(dir, 'keep'))).toEqual(['target.csv']);
  });
});

describe('signals and killed runs leave nothing behind', () => {
  const big = () =>
    Array.from({ length: 60_000 }, (_, i) => JSON.stringify({ id: `d${i}`, text: 'Гранты и диалог НКО с властью. '.repeat(8) })).join('\n') + '\n';

  for (const [signal, code] of [['SIGHUP', 129], ['SIGQUIT', 131], ['SIGINT', 130]] as const) {
    it(`${signal} during a streamed --out removes the temporary file and keeps the old output`, async () => {
      const dir = tempDir({ 'big.jsonl': big(), 'o.csv': 'old\n' });
      const temp = () => fs.readdirSync(dir).filter((f) => f.includes('framelab-tmp'));
      const child = await startUntil(['count', path.join(dir, 'big.jsonl'), '--out', path.join(dir, 'o.csv'), '-q'], () => temp().length > 0);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(temp()).toEqual([]);
      expect(fs.readFileSync(path.join(dir, 'o.csv'), 'utf8')).toBe('old\n');
    });
  }

  it('temporary files of a killed run (a process that is gone) are removed by the next run to the same --out', async () => {
    const dir = tempDir({ 'a.txt': ARTICLE_TEXT });
    // a process id that is free: one of a process that has ended
    const gone = await new Promise<number>((resolve) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const c = (require('node:child_process') as typeof import('node:child_process')).spawn(process.execPath, ['-e', '0']);
      c.on('exit', () => resolve(c.pid!));
    });
    for (const name of [`.o.csv.framelab-tmp-${gone}`, `.o.csv.framelab-tmp-${gone}.parquet`, `.o.csv.framelab-tmp-${gone}-1764892800000`]) fs.writeFileSync(path.join(dir, name), 'x'.repeat(1000));
    // one of a live process (this one) and one of another output stay
    fs.writeFileSync(path.join(dir, `.o.csv.framelab-tmp-${process.pid}`), 'x');
    fs.writeFileSync(path.join(dir, `.p.csv.framelab-tmp-${gone}`), 'x');
    for (const format of ['csv', 'table']) {
      const r = await run(['count', path.join(dir, 'a.txt'), '--format', format, '--out', path.join(dir, 'o.csv'), '-q']);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(fs.readdirSync(dir).sort()).toEqual([`.o.csv.framelab-tmp-${process.pid}`, `.p.csv.framelab-tmp-${gone}`, 'a.txt', 'o.csv'].sort());
  });
});

describe('output folders that are refused', () => {
  it('chart --out-dir "$UNSET/" (the root of the file system) and a folder inside an input folder are refused before reading', async () => {
    const dir = tempDir({ 'corpus/a.txt': 'Гранты.\n' });
    const strays = ['svg', 'png', 'html', 'json'].map((f) => `/totals.${f}`).filter((f) => !fs.existsSync(f));
    const root = await run(['chart', path.join(dir, 'corpus', 'a.txt'), '--kind', 'totals', '--out-dir', '/']);
    // an older build writes the charts into /: remove what it wrote before checking
    const written = strays.filter((f) => fs.existsSync(f));
    for (const f of written) fs.rmSync(f);
    expect(written).toEqual([]);
    expectOneLineError(root, 2, /--out-dir \/ is the root of the file system/);
    expectOneLineError(await run(['chart', path.join(dir, 'corpus'), '--kind', 'totals', '--out-dir', path.join(dir, 'corpus', 'charts')]), 2, /inside the input folder/);
    expect(fs.readdirSync(path.join(dir, 'corpus'))).toEqual(['a.txt']);
  });

  it('folders under /proc are an error, not an endless mkdir (chart --out-dir, FRAMELAB_CACHE_DIR)', async () => {
    if (!fs.existsSync('/proc/self')) return;
    const dir = tempDir({ 'a.txt': 'Гранты.\n' });
    const r = await run(['chart', path.join(dir, 'a.txt'), '--kind', 'totals', '--formats', 'json', '--out-dir', '/proc/framelab-x/charts'], { timeoutMs: 20_000 });
    expect(r.timedOut).toBeUndefined();
    expectOneLineError(r, 1, /\/proc\/framelab-x/);
    const cached = await run(['count', path.join(dir, 'a.txt'), '-q'], { timeoutMs: 20_000, env: { ...process.env, FRAMELAB_CACHE_DIR: '/proc/framelab-x' } });
    expect(cached.timedOut).toBeUndefined();
    expect(cached.code, cached.stderr).toBe(0);
  });
});

describe('hostile patterns and shapes that took super-linear time', () => {
  it('a paragraph pattern that repeats a repetition is refused before reading, naming the nested repeat', async () => {
    const dir = tempDir({ 'a.txt': 'a'.repeat(40) + '!\n' });
    for (const [pattern, nested] of [['(a+)+$', '(a+)+'], ['(\\s*x)*', '(\\s*x)*'], ['(?:a|b*){2,}', '(?:a|b*){2,}']]) {
      const r = await run(['count', path.join(dir, 'a.txt'), '--paragraphs', `pattern:${pattern}`], { timeoutMs: 20_000 });
      expect(r.timedOut).toBeUndefined();
      expectOneLineError(r, 2, new RegExp(`repeats a repetition \\(${nested.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}\\)`));
    }
    // repeats of single characters and of groups without a repeat inside are fine (the bundled flattened-breaks pattern among them)
    for (const pattern of ['\\n{2,}', '(\\n)+', '(?<=[\\p{Ll}\\d.!?…»")])n+(?=[\\p{Lu}«"—–])', '!(a+)?']) {
      const r = await run(['count', path.join(dir, 'a.txt'), '--paragraphs', `pattern:${pattern}`, '-q']);
      expect(r.code, `${pattern}: ${r.stderr}`).toBe(0);
    }
  });

  it('one 600-letter Cyrillic word is counted in well under a second of lemmatising (it took 44 s); «нпо» + 900 letters too', async () => {
    const dir = tempDir({ 'w.txt': 'а'.repeat(600) + '\n', 'w2.txt': 'нпо-' + 'а'.repeat(900) + '\n' });
    const env = { ...process.env, FRAMELAB_CACHE: 'off' };
    const started = Date.now();
    const freq = await run(['freq', path.join(dir, 'w.txt'), '-q'], { env, timeoutMs: 30_000 });
    const count = await run(['count', path.join(dir, 'w2.txt'), '-q'], { env, timeoutMs: 30_000 });
    expect(freq.code, freq.stderr).toBe(0);
    expect(count.code, count.stderr).toBe(0);
    // the word is its own lemma: one row, counted once
    expect(freq.stdout.split('\r\n')[1]).toBe(`${'а'.repeat(600)},1,1,`);
    // two node start-ups take about a second; 300 letters alone took 5.9 s before
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('20,000 nested quotes: rhetoric --quotes finishes with the 64 outer levels as quotes (it ran out of string length)', async () => {
    const dir = tempDir({ 'q.txt': '«'.repeat(20_000) + 'слово' + '»'.repeat(20_000) + '\n' });
    const r = await run(['rhetoric', path.join(dir, 'q.txt'), '--quotes', '-q'], { timeoutMs: 40_000 });
    expect(r.timedOut).toBeUndefined();
    expect(r.code, r.stderr).toBe(0);
    // 64 levels are followed (MAX_QUOTE_DEPTH); the 19,936 inner « and » are each an unbalanced mark
    const classes = r.stdout.trimEnd().split('\r\n').slice(1).map((l) => l.split(',')[5]);
    expect(classes.filter((c) => c !== 'unbalanced')).toHaveLength(64);
    expect(classes.filter((c) => c === 'unbalanced')).toHaveLength(2 * (20_000 - 64));
  });

  it('a dictionary of 50,000 categories is read in seconds (the YAML duplicate-key check was quadratic), duplicates still refused', async () => {
    const yaml = Array.from({ length: 50_000 }, (_, i) => `к${i}: [слово${i}]`).join('\n') + '\n';
    const dir = tempDir({ 'a.txt': 'слово7 и слово49999.\n', 'd.yaml': yaml, 'dup.yaml': 'а: [x]\nб: [y]\nа: [z]\n' });
    const started = Date.now();
    const r = await run(['count', path.join(dir, 'a.txt'), '--dict', path.join(dir, 'd.yaml'), '-q', '--out', path.join(dir, 'o.csv')], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(40_000);
    const [header, row] = fs.readFileSync(path.join(dir, 'o.csv'), 'utf8').split('\r\n');
    const cells = row.split(',');
    // к7 and к49999 each match once
    expect(cells[header.split(',').indexOf('к7')]).toBe('1');
    expect(cells[header.split(',').indexOf('к49999')]).toBe('1');
    expectOneLineError(await run(['count', path.join(dir, 'a.txt'), '--dict', path.join(dir, 'dup.yaml')]), 1, /dup\.yaml:3: two categories are named "а" \(lines 1 and 3/);
  });

  it('a large table written to a pipe arrives whole (partial writes to a non-blocking pipe were dropped)', async () => {
    const yaml = Array.from({ length: 10_000 }, (_, i) => `к${i}: [слово${i}]`).join('\n') + '\n';
    const dir = tempDir({ 'a.txt': ARTICLE_TEXT, 'd.yaml': yaml });
    const args = ['count', path.join(dir, 'a.txt'), '--dict', path.join(dir, 'd.yaml'), '-q'];
    const piped = await run(args, { timeoutMs: 60_000 });
    expect(piped.code, piped.stderr).toBe(0);
    expect((await run([...args, '--out', path.join(dir, 'o.csv')], { timeoutMs: 60_000 })).code).toBe(0);
    expect(piped.stdout).toBe(fs.readFileSync(path.join(dir, 'o.csv'), 'utf8'));
    // the header and the article's 58 paragraphs
    expect(piped.stdout.trimEnd().split('\r\n')).toHaveLength(59);
  });
});

describe('crashes that are now results or one-line errors', () => {
  it('charts of 1000 documents and of 1000 groups render (a long custom sort overflowed the stack)', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ id: `d${i}`, g: `g${i}`, text: 'Гранты и диалог НКО.' }));
    const dir = tempDir({ 'k.jsonl': lines.join('\n') + '\n' });
    const r = await run(['chart', path.join(dir, 'k.jsonl'), '--kind', 'totals,heatmap,groups', '--by', 'g', '--formats', 'svg', '--out-dir', path.join(dir, 'ch'), '-q'], { timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'ch')).sort()).toEqual(['groups.svg', 'heatmap.svg', 'totals.svg']);
  });

  it('U+2028 and U+2029 in ids, categories and groups: svg and html are written (Vega rejected them in its expressions)', async () => {
    const lines = [0, 1, 2].map((i) => JSON.stringify({ id: `d\u2028${i}`, g: `g\u2029${i}`, text: 'Гранты и диалог НКО.' }));
    const dir = tempDir({ 'u.jsonl': lines.join('\n') + '\n', 'u.yaml': 'гранты\u2028x: [грант*]\nдиалог: [диалог*]\n' });
    const r = await run(['chart', path.join(dir, 'u.jsonl'), '--dict', path.join(dir, 'u.yaml'), '--kind', 'totals,heatmap,groups', '--by', 'g', '--formats', 'svg,html', '--out-dir', path.join(dir, 'ch'), '-q'], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const html = fs.readFileSync(path.join(dir, 'ch', 'totals.html'), 'utf8');
    // no raw line separator inside the page's script
    expect(html).not.toMatch(/[\u2028\u2029]/);
  });

  it('--replicates and --permutations above 1,000,000 are refused before reading, saying why and how to raise the bound', async () => {
    const dir = tempDir({ 'a.txt': 'Гранты.\n' });
    const a = path.join(dir, 'a.txt');
    for (const args of [['compare', a, '--by', 'id', '--replicates', '1000000000'], ['stats', a, '--table', 'categories', '--permutations', '1e9'], ['chart', a, '--kind', 'totals', '--out-dir', path.join(dir, 'c'), '--replicates', '1000001']]) {
      const r = await run(args, { timeoutMs: 20_000 });
      expectOneLineError(r, 2, /too many rounds .*at most 1000000 resampling rounds; raise it with FRAMELAB_MAX_REPLICATES/);
    }
    const sheet = tempDir({ 's.csv': 'unit,coder,value\n1,a,1\n1,b,1\n2,a,0\n2,b,0\n' });
    expectOneLineError(await run(['reliability', path.join(sheet, 's.csv'), '--unit-column', 'unit', '--coder-column', 'coder', '--value-column', 'value', '--replicates', '2000000']), 2, /too many rounds/);
  });

  it('chart --png-scale above 20 is an option error (a PNG 1000 times the size needs gigabytes)', async () => {
    const dir = tempDir({ 'a.txt': 'Гранты.\n' });
    expectOneLineError(await run(['chart', path.join(dir, 'a.txt'), '--kind', 'totals', '--png-scale', '1000', '--out-dir', path.join(dir, 'c')]), 2, /--png-scale 1000: at most 20/);
    expect(fs.existsSync(path.join(dir, 'c'))).toBe(false);
  });
});

describe('resources: side files and wide tables within limits', () => {
  it('a dictionary, lexicon or coding sheet that is a device is refused without reading it (/dev/zero was read to 3 GB)', async () => {
    if (!fs.existsSync('/dev/zero')) return;
    const dir = tempDir({ 'a.txt': 'Гранты.\n' });
    fs.symlinkSync('/dev/zero', path.join(dir, 'z.yaml'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'z.csv'));
    const a = path.join(dir, 'a.txt');
    for (const [args, what] of [[['count', a, '--dict', path.join(dir, 'z.yaml')], 'dictionary'], [['count', a, '--lexicon', path.join(dir, 'z.yaml')], 'lexicon'], [['validate', a, '--coded', path.join(dir, 'z.csv')], 'sheet']] as const) {
      const r = await run([...args], { timeoutMs: 20_000 });
      expectOneLineError(r, 1, new RegExp(`z\\.(yaml|csv): not a regular file .*a ${what} must be a file`));
    }
  });

  it('a dictionary larger than the side-file limit is refused, and the limit can be raised', async () => {
    // over 2 MiB of one category's patterns (100,000 of at least 22 bytes), against a limit lowered to 1 MiB
    const dir = tempDir({ 'a.txt': 'Гранты.\n', 'd.yaml': 'гранты: [' + Array.from({ length: 100_000 }, (_, i) => `длинноеслово${i}`).join(', ') + ', грант*]\n' });
    const args = ['count', path.join(dir, 'a.txt'), '--dict', path.join(dir, 'd.yaml'), '-q'];
    expectOneLineError(await run(args, { env: { ...process.env, FRAMELAB_MAX_SIDE_FILE_MIB: '1' } }), 1, /d\.yaml: \d MiB is too large for a dictionary \(at most 1 MiB .*FRAMELAB_MAX_SIDE_FILE_MIB/);
    const r = await run(args, { env: { ...process.env, FRAMELAB_MAX_SIDE_FILE_MIB: '4' } });
    expect(r.code, r.stderr).toBe(0);
  });

  it('a Parquet table wider than 10,000 columns is refused before reading the corpus, with the way to raise it', async () => {
    const yaml = Array.from({ length: 10_000 }, (_, i) => `к${i}: [слово${i}]`).join('\n') + '\n';
    const dir = tempDir({ 'a.txt': 'Гранты.\n', 'd.yaml': yaml });
    // 5 key columns + 10,000 categories = 10,005 columns
    const r = await run(['count', path.join(dir, 'a.txt'), '--dict', path.join(dir, 'd.yaml'), '--format', 'parquet', '--out', path.join(dir, 'o.parquet')], { timeoutMs: 60_000 });
    expectOneLineError(r, 1, /the dictionary makes 10005 columns, too many for a Parquet file \(at most 10000 Parquet columns; raise it with FRAMELAB_MAX_PARQUET_COLUMNS=N\)/);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.txt', 'd.yaml']);
  });

  it('a coding sheet saved in Windows-1251 (semicolons) or UTF-16 reads as the UTF-8 one does', async () => {
    const dir = tempDir({ 'a.txt': 'Гранты и диалог.\nКоррупция.\n' });
    const sheet = 'doc;paragraph;stratum;weight;text;гранты [0/1]\r\na;0;all;1;Гранты и диалог.;1\r\na;1;all;1;Коррупция.;0\r\n';
    fs.writeFileSync(path.join(dir, 's8.csv'), sheet);
    fs.writeFileSync(path.join(dir, 's1251.csv'), iconv.encode(sheet, 'windows-1251'));
    fs.writeFileSync(path.join(dir, 's16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(sheet, 'utf-16le')]));
    const dict = path.join(dir, 'd.yaml');
    fs.writeFileSync(dict, 'гранты: [грант*]\n');
    const outputs = [];
    for (const f of ['s8', 's1251', 's16']) {
      const r = await run(['validate', path.join(dir, 'a.txt'), '--dict', dict, '--coded', path.join(dir, `${f}.csv`), '--table', 'metrics', '-q']);
      expect(r.code, `${f}: ${r.stderr}`).toBe(0);
      outputs.push(r.stdout.replace(new RegExp(`${f}\\.csv`, 'g'), 'sheet'));
    }
    // the dictionary finds гранты in paragraph 0 only, as the coder does: tp 1, tn 1
    expect(outputs[0]).toMatch(/sheet,гранты,2,1,0,0,1,/);
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
  });
});

describe('bombs', () => {
  it('a gzip bomb (128 MiB of newlines in a few hundred KB) is a one-line error with the way to raise the bound, in bounded memory', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const zlib = require('node:zlib') as typeof import('node:zlib');
    const dir = tempDir({ 'nl.txt.gz': zlib.gzipSync(Buffer.alloc(128 * 1048576, 0x0a), { level: 9 }), 'ok.txt.gz': zlib.gzipSync(Buffer.from('Гранты и диалог.\n'.repeat(1000))) });
    const r = await run(['count', path.join(dir, 'nl.txt.gz'), '-q'], { timeoutMs: 60_000 });
    expect(r.timedOut).toBeUndefined();
    expectOneLineError(r, 1, /nl\.txt\.gz: the gzip file expands more than 100 times its size .*FRAMELAB_MAX_GZIP_RATIO/);
    // peak memory (kilobytes, from GNU time): 1 GiB of newlines took 15 GB; a 1 MiB read inflated whole took 1.1 GB
    if (fs.existsSync('/usr/bin/time')) {
      const timed = await runAsync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, 'count', path.join(dir, 'nl.txt.gz'), '-q'], { timeoutMs: 60_000 });
      expect(Number(timed.stderr.trim().split('\n').pop())).toBeLessThan(500_000);
    }
    // an ordinary compressed text (here 17 KB that gzip shrinks about 100-fold, but below the 64 MiB floor) is read
    const ok = await run(['count', path.join(dir, 'ok.txt.gz'), '-q']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.trimEnd().split('\r\n')).toHaveLength(1001);
  });
});

describe('collisions and silent wrong results', () => {
  it('a document field named like a count-table column or a category is refused, for --meta all and --by', async () => {
    const dir = tempDir({
      'r.jsonl': JSON.stringify({ id: 'a', tokens: 'T', text: 'Гранты и диалог.' }) + '\n',
      'f.jsonl': JSON.stringify({ id: 'b', text: 'Гранты и диалог.' }) + '\n',
      'file.yaml': 'file: [грант*]\nдиалог: [диалог*]\n',
    });
    expectOneLineError(await run(['count', path.join(dir, 'r.jsonl'), '--meta', 'all']), 1, /the document field "tokens" has the name of a column of the count table \(a built-in column\)/);
    expectOneLineError(
      await run(['compare', path.join(dir, 'f.jsonl'), '--by', 'file', '--dict', path.join(dir, 'file.yaml')]),
      1,
      /the document field "file" has the name of a column of the count table \(a category of the dictionary\)/,
    );
  });

  it('an --id-column the CSV lacks, a repeated column and an extra field named like a header column are errors naming the file and line', async () => {
    const dir = tempDir({ 'c.csv': 'id,url,text\n1,u1,Гранты\n', 'd.csv': 'id,x,text,x\n1,a,Гранты,b\n', 'e.csv': 'id,text,column_4\n1,Гранты,a,EXTRA\n' });
    expectOneLineError(await run(['count', path.join(dir, 'c.csv'), '--id-column', 'ulr']), 1, /c\.csv:1: CSV header has no "ulr" column for --id-column \(columns: id, url, text\)/);
    fs.writeFileSync(path.join(dir, 'j.jsonl'), '{"url":"u1","text":"Гранты"}\n{"url":"u2","text":"Диалог"}\n');
    expectOneLineError(await run(['count', path.join(dir, 'j.jsonl'), '--id-column', 'ulr']), 1, /j\.jsonl:1: the first record has no "ulr" field for --id-column, or it is empty \(fields: url, text\)/);
    expectOneLineError(await run(['count', path.join(dir, 'd.csv')]), 1, /d\.csv:1: the header names the "x" column twice \(columns 2 and 4\)/);
    expectOneLineError(await run(['count', path.join(dir, 'e.csv'), '--meta', 'all']), 1, /e\.csv:2: an extra field \(number 4\) would be named column_4, which the header already names/);
  });

  it('--by and --date errors name the field, not --meta', async () => {
    const dir = tempDir({ 'a.jsonl': JSON.stringify({ id: 'a', text: 'Гранты.' }) + '\n' });
    const by = await run(['compare', path.join(dir, 'a.jsonl'), '--by', 'edition']);
    expectOneLineError(by, 1, /no document has the field "edition"/);
    expect(by.stderr).not.toMatch(/--meta/);
  });

  it('a coding sheet: a weight of 1e400 is refused; an untouched sheet is reported as 0 coded', async () => {
    const dir = tempDir({ 'a.txt': 'Гранты и диалог.\nКоррупция.\n', 'd.yaml': 'гранты: [грант*]\n' });
    const sheet = (w: string, c0: string, c1: string) => `doc,paragraph,stratum,weight,text,гранты [0/1]\r\na,0,all,${w},Гранты и диалог.,${c0}\r\na,1,all,1,Коррупция.,${c1}\r\n`;
    fs.writeFileSync(path.join(dir, 'w.csv'), sheet('1e400', '1', '0'));
    fs.writeFileSync(path.join(dir, 'e.csv'), sheet('1', '', ''));
    const args = (f: string) => ['validate', path.join(dir, 'a.txt'), '--dict', path.join(dir, 'd.yaml'), '--coded', path.join(dir, f), '--table', 'metrics'];
    expectOneLineError(await run(args('w.csv')), 1, /w\.csv:2: column weight: "1e400" is not a finite number above 0/);
    const empty = await run(args('e.csv'));
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stderr).toMatch(/e\.csv: 0 coded paragraph\(s\) of 2/);
  });

  it('stats on a corpus without words says there is nothing to estimate', async () => {
    const dir = tempDir({ 'empty.txt': '', 'dots.txt': '...\n' });
    expectOneLineError(await run(['stats', path.join(dir, 'dots.txt'), '--table', 'categories']), 1, /the corpus has no words .*nothing to estimate/);
    // an empty file is also named as a document without text (a note the corpus reader gives), then the same error
    const empty = await run(['stats', path.join(dir, 'empty.txt'), '--table', 'categories']);
    expect(empty.code).toBe(1);
    expect(empty.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/1 document\(s\) have no text \(first: "empty"\)/),
      expect.stringMatching(/error: the corpus has no words \(0 paragraph\(s\)\): there is nothing to estimate/),
    ]);
  });
});

describe('injection', () => {
  const inj = () =>
    tempDir({
      'inj.jsonl':
        [
          { id: '=HYPERLINK("http://x")', src: '+cmd|calc', text: 'Гранты и диалог.' },
          { id: '-5', src: '@SUM(1)', text: '=1+1 гранты' },
        ]
          .map((o) => JSON.stringify(o))
          .join('\n') + '\n',
    });

  it('--safe-csv puts a quote before cells a spreadsheet would run (= + - @), numbers left alone; without it the CSV is as before', async () => {
    const dir = inj();
    const safe = await run(['count', path.join(dir, 'inj.jsonl'), '--meta', 'src', '--safe-csv', '-q']);
    expect(safe.code, safe.stderr).toBe(0);
    const rows = safe.stdout.split('\r\n');
    expect(rows[1].startsWith(`"'=HYPERLINK(""http://x"")",'+cmd|calc,0,`)).toBe(true);
    expect(rows[2].startsWith(`-5,'@SUM(1),0,`)).toBe(true);
    const plain = await run(['count', path.join(dir, 'inj.jsonl'), '--meta', 'src', '-q']);
    expect(plain.stdout.split('\r\n')[1].startsWith('"=HYPERLINK(""http://x"")",+cmd|calc,0,')).toBe(true);
  });

  it('sample --excel neutralises formulas in the sheet, and validate reads the sheet back to the same ids and texts', async () => {
    const dir = inj();
    const out = path.join(dir, 'sheet.csv');
    const r = await run(['sample', path.join(dir, 'inj.jsonl'), '--n', '2', '--excel', '--out', out, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain(`'=1+1 гранты`);
    // no line has a cell that starts with = + @ unquoted
    expect(text.split('\r\n').some((l) => /(^|,)"?[=+@]/.test(l))).toBe(false);
    // code it: every category 0 → the dictionary's matches are disagreements, named by the original ids
    const coded = text.replace(/,,,,,,,,\r\n/g, ',0,0,0,0,0,0,0,0\r\n');
    fs.writeFileSync(out, coded);
    const v = await run(['validate', path.join(dir, 'inj.jsonl'), '--coded', out, '--table', 'disagreements', '--format', 'json', '-q']);
    expect(v.code, v.stderr).toBe(0);
    const docs = new Set((JSON.parse(v.stdout) as Array<{ doc: string }>).map((d) => d.doc));
    expect([...docs].sort()).toEqual(['-5', '=HYPERLINK("http://x")']);
  });

  it('escapes and right-to-left overrides in category names and document fields are shown escaped in table headers and cells', async () => {
    const dir = tempDir({
      'esc.yaml': 'гра\u001b[31mнты\u202e: [грант*]\n',
      'esc.jsonl': JSON.stringify({ id: 'x\u202ey', 'e\u001b[31m': 'v', text: 'Гранты.' }) + '\n',
    });
    const r = await run(['count', path.join(dir, 'esc.jsonl'), '--dict', path.join(dir, 'esc.yaml'), '--meta', 'all', '--format', 'table', '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/[\u001b\u202e]/);
    expect(r.stdout).toContain('e\\x1b[31m');
    expect(r.stdout).toContain('x\\u202ey');
  });
});

describe('lines, fields and keys', () => {
  it('a line or an unclosed CSV field beyond the limit is an error naming the file and line (1 MiB here; 64 MiB by default)', async () => {
    const big = 'а'.repeat(1_500_000); // 3 MB in UTF-8: more than the limit and the 1 MiB read size together
    const dir = tempDir({ 'long.txt': `Гранты.\n${big}\n`, 'long.jsonl': `${JSON.stringify({ id: 'a', text: 'Гранты.' })}\n${JSON.stringify({ id: 'b', text: big })}\n`, 'q.csv': `id,text\n1,Гранты\n2,"${'строка\n'.repeat(250_000)}` });
    const env = { ...process.env, FRAMELAB_MAX_LINE_MIB: '1' };
    expectOneLineError(await run(['count', path.join(dir, 'long.txt'), '-q'], { env }), 1, /long\.txt: line 2 is longer than 1 MiB .*FRAMELAB_MAX_LINE_MIB/);
    expectOneLineError(await run(['count', path.join(dir, 'long.jsonl'), '-q'], { env }), 1, /long\.jsonl: line 2 is longer than 1 MiB/);
    expectOneLineError(await run(['count', path.join(dir, 'q.csv'), '-q'], { env }), 1, /q\.csv: a field starting at line 3 is longer than 1 MiB \(an unclosed quote\?\)/);
    // within the default limit the same files are read
    const ok = await run(['count', path.join(dir, 'long.txt'), '-q']);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('a JSONL line naming a key twice is an error (JSON.parse silently kept the last "text")', async () => {
    const dir = tempDir({
      't.jsonl': '{"id":"a","text":"Гранты","text":"Диалог"}\n',
      'm.jsonl': '{"id":"a","x":1,"x":2,"text":"Гранты"}\n',
      'i.jsonl': '{"id":"a","id":"b","text":"Гранты"}\n',
      // a first text that is not a string takes the JSON.parse path
      's.jsonl': '{"id":"a","text":1,"text":"Гранты"}\n',
      // a quoted "text": inside a string is not a key
      'ok.jsonl': '{"id":"a","text":"x \\",\\"text\\": y"}\n',
    });
    const ok = await run(['count', path.join(dir, 'ok.jsonl'), '-q']);
    expect(ok.code, ok.stderr).toBe(0);
    for (const [f, key] of [['t', 'text'], ['m', 'x'], ['i', 'id'], ['s', 'text']]) {
      expectOneLineError(await run(['count', path.join(dir, `${f}.jsonl`)]), 1, new RegExp(`${f}\\.jsonl:1: the key "${key}" appears twice in this JSON object`));
    }
  });
});

describe('charts within bounds', () => {
  it('a dispersion chart of more matches than the limit is refused before any chart is written (600,000 made a 211 MB SVG)', async () => {
    // 20 sentences of two matches each (гранты, диалог): 40 matches, against a limit lowered to 30
    const dir = tempDir({ 'd.txt': 'Гранты и диалог. '.repeat(20) + '\n' });
    const args = ['chart', path.join(dir, 'd.txt'), '--kind', 'totals,dispersion', '--formats', 'json', '--out-dir', path.join(dir, 'ch'), '-q'];
    expectOneLineError(await run(args, { env: { ...process.env, FRAMELAB_MAX_CHART_MARKS: '30' } }), 1, /draws one mark per match, and the corpus has 40: .*FRAMELAB_MAX_CHART_MARKS/);
    expect(fs.existsSync(path.join(dir, 'ch'))).toBe(false);
    const ok = await run(args, { env: { ...process.env, FRAMELAB_MAX_CHART_MARKS: '40' } });
    expect(ok.code, ok.stderr).toBe(0);
  });
});

describe('validate counts only what the sheet names', () => {
  it('a sheet of two documents in a corpus of 30,000: the result of those two alone, in bounded memory (60,000 took 53 s and 2.6 GB)', async () => {
    const doc = (i: number) => JSON.stringify({ id: `d${i}`, text: 'Гранты и диалог НКО с властью. '.repeat(8) });
    const dir = tempDir({ 'big.jsonl': Array.from({ length: 30_000 }, (_, i) => doc(i)).join('\n') + '\n', 'small.jsonl': [doc(7), doc(29_999)].join('\n') + '\n' });
    const text = 'Гранты и диалог НКО с властью. '.repeat(8).trim();
    // coded by hand: d7 speaks of grants and dialogue, d29999 of neither
    fs.writeFileSync(path.join(dir, 's.csv'), `doc,paragraph,stratum,weight,text,гранты [0/1],диалог [0/1]\r\nd7,0,all,1,${text},1,1\r\nd29999,0,all,1,${text},0,0\r\n`);
    fs.writeFileSync(path.join(dir, 'd.yaml'), 'гранты: [грант*]\nдиалог: [диалог*]\n');
    const args = (corpus: string) => ['validate', path.join(dir, corpus), '--dict', path.join(dir, 'd.yaml'), '--coded', path.join(dir, 's.csv'), '--table', 'all', '--format', 'json', '-q'];
    const small = await run(args('small.jsonl'));
    expect(small.code, small.stderr).toBe(0);
    const big = await run(args('big.jsonl'), { timeoutMs: 120_000 });
    expect(big.code, big.stderr).toBe(0);
    expect(big.stdout).toBe(small.stdout);
    if (!fs.existsSync('/usr/bin/time')) return;
    const timed = await runAsync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, ...args('big.jsonl')], { timeoutMs: 120_000 });
    expect(Number(timed.stderr.trim().split('\n').pop())).toBeLessThan(700_000);
  });
});
