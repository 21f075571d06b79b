/**
 * Real corpora as researchers keep them (issue 23): a corpus file of sources, metadata in file
 * names and sidecar files, JSON arrays and Telegram exports, cleaning, boilerplate, and the
 * flattened-line-break note. The mixed corpus in data/mixed-corpus re-cuts the real articles of
 * data/news-sample (nine per outlet, see data/news-sample.md), so every field read from a file
 * name, a sidecar or an export is checked against the same article in the original CSV dump.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  countFiles,
  countFrameRows,
  dictionaryFromObject,
  findBoilerplate,
  FLATTENED_LINE_BREAKS,
  flattenedBreaks,
  flattenedDocument,
  splitParagraphs,
  jsonElements,
  loadCorpus,
  noCleanCounts,
  openCorpus,
  parseDate,
  readDocuments,
  telegramText,
  words,
  type Document,
} from '../src';
import { errorOf, ROOT, tempDir } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const MIXED = path.join(ROOT, 'data', 'mixed-corpus');
const YAML = path.join(MIXED, 'corpus.yaml');
const NEWS = path.join(ROOT, 'data', 'news-sample');
/** The original articles of one outlet's dump, by url. */
const dump = (file: string) => new Map(loadCorpus(path.join(NEWS, file), { idField: 'url' }).documents.map((d) => [d.id, d]));

describe('a corpus file: sources with their own options and metadata where researchers keep it', () => {
  const corpus = loadCorpus(YAML);
  const byOutlet = (outlet: string) => corpus.documents.filter((d) => d.meta.outlet === outlet);

  it('reads six outlets in five formats, nine articles each (as the dumps hold them), each with its outlet and a date', () => {
    expect(corpus.documents).toHaveLength(54);
    for (const outlet of ['Интерфакс', 'Известия', 'РИА Новости', 'ТАСС', 'Газета.Ru', 'RT']) expect(byOutlet(outlet), outlet).toHaveLength(9);
    for (const d of corpus.documents) expect(parseDate(d.meta.date), d.id).not.toBeNull();
  });

  it('takes the date and title of a text file from its name (readtext docvarsfrom = "filenames"), and leaves LICENSE and README out', () => {
    const original = [...dump('interfax.csv.gz').values()];
    for (const d of byOutlet('Интерфакс')) {
      // the file name wrote the dump's "quotes" as «quotes»
      const same = original.find((o) => String(o.meta.title).replace(/"([^"]*)"/g, '«$1»').trim() === d.meta.title);
      expect(same, d.id).toBeDefined();
      expect(String(same!.meta.date).slice(0, 10)).toBe(d.meta.date);
    }
    const report = openCorpus([YAML]);
    expect(report.skippedFiles.map((s) => path.basename(s.file)).sort()).toEqual(['LICENSE.txt', 'README.md']);
  });

  it('takes url, title, date and author from N_meta.json beside N_raw.txt, and reads no sidecar as a document', () => {
    const original = dump('iz.csv.gz');
    const iz = byOutlet('Известия');
    expect(iz.map((d) => d.id).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${n}_raw`));
    for (const d of iz) {
      const o = original.get(String(d.meta.url));
      expect(o, d.id).toBeDefined();
      expect(d.meta.date).toBe(o!.meta.date);
      expect(d.meta.title).toBe(o!.meta.title);
    }
  });

  it('cuts each source by its own paragraph mode: the dump by the flattened-break pattern, the text files at their blank lines', () => {
    const alone = loadCorpus(path.join(NEWS, 'gazeta.csv.gz'), { idField: 'url', paragraphs: FLATTENED_LINE_BREAKS });
    const paragraphsOf = (docs: Document[]) => docs.reduce((s, d) => s + d.paragraphs.length, 0);
    expect(paragraphsOf(byOutlet('Газета.Ru'))).toBe(paragraphsOf(alone.documents));
    for (const d of byOutlet('Интерфакс')) {
      const text = fs.readFileSync(d.source, 'utf8');
      expect(d.paragraphs.length, d.id).toBe(text.split(/\n\s*\n/).filter((p) => p.trim()).length);
    }
  });

  it('names the corpus file and line of a mistake', () => {
    const dir = tempDir({ 'texts/a.txt': 'Текст.\n' });
    const write = (yaml: string) => {
      fs.writeFileSync(path.join(dir, 'corpus.yaml'), yaml);
      return errorOf(() => loadCorpus(path.join(dir, 'corpus.yaml'))).message;
    };
    const yaml = path.join(dir, 'corpus.yaml');
    expect(write('sources:\n  - path: texts\n    fields: { outlet: Медуза }\n    name_field: x\n')).toBe(`${yaml}:4: unknown key "name_field" in a source (use path, fields, name_fields, sidecar, exclude, id_field, text_field, encoding, paragraphs)`);
    expect(write('sources:\n  - path: texts\n    name_fields: "(?<date>["\n')).toMatch(new RegExp(`^${yaml.replace(/[.]/g, '\\.')}:2: invalid file-name pattern`));
    expect(write('sources:\n  - path: texts\n    name_fields: "^(.+)$"\n')).toBe(`${yaml}:2: the file-name pattern /^(.+)$/ has no named group: write (?<date>…) for each field`);
    expect(write('sources:\n  - fields: { a: b }\n')).toBe(`${yaml}:2: a source needs "path:"`);
    expect(write('sources:\n  - path: nowhere\n')).toBe(`${yaml}:2: no such file or folder (${path.join(dir, 'nowhere')})`);
    expect(write('sources:\n  - path: texts\n    sidecar: meta.json\n')).toMatch(/:2: the sidecar template "meta\.json" names no file/);
  });

  it('offers the same as flags for a one-off run: --name-fields, --sidecar, --field, --exclude', () => {
    // a name with a no-break space and an emoji, as real exports have
    const dir = tempDir({
      '2019-05-17-Выселяторы\u00a0🏠.txt': 'Жильцов выселяют.\n',
      '2019-05-18-Черновик.txt': 'Не публиковать.\n',
      '2019-05-17-Выселяторы\u00a0🏠.meta.json': JSON.stringify({ author: 'Иван Петров' }),
      'LICENSE': 'MIT',
      'LICENSE.txt': 'MIT',
    });
    const r = run('count', dir, '--name-fields', '^(?<date>\\d{4}-\\d{2}-\\d{2})-(?<title>.+)$', '--sidecar', '{stem}.meta.json', '--field', 'outlet=Медуза', '--field', 'lang=ru', '--exclude', '*Черновик*', '--meta', 'date,title,author,outlet,lang');
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^doc,date,title,author,outlet,lang,paragraph/);
    expect(lines).toHaveLength(2); // one document: the draft is excluded, the licence and the sidecar are no documents
    expect(lines[1]).toMatch(/^2019-05-17-Выселяторы\u00a0🏠,2019-05-17,Выселяторы 🏠,Иван Петров,Медуза,ru,0,/);
    expect(run('count', dir, '--name-fields', '^(\\d+)$').stderr).toMatch(/--name-fields: the file-name pattern .* has no named group/);
    expect(run('count', dir, '--field', 'outlet').stderr).toMatch(/--field must be name=value/);
  });

  it('adds the flags to a corpus file: a fixed field over its own, an exclude besides its own', () => {
    const c = loadCorpus(YAML, { fields: { lang: 'ru', outlet: 'одно' }, exclude: ['1_raw.txt', '2_raw.txt'] });
    // two of the nine Известия files excluded: 54 − 2
    expect(c.documents).toHaveLength(52);
    // a source all of whose files are excluded gives nothing: a mistake, named where the source is
    expect(errorOf(() => loadCorpus(YAML, { exclude: ['*_raw.txt'] })).message).toMatch(/corpus\.yaml:10: every file of .*iz is excluded/);
    expect(new Set(c.documents.map((d) => `${d.meta.lang} ${d.meta.outlet}`))).toEqual(new Set(['ru одно']));
  });

  it('gives a fixed field precedence over the record, and a record its own fields over its file name', () => {
    const dir = tempDir({ '2020-01-01-x.jsonl': JSON.stringify({ id: 'a', date: '2021-02-02', outlet: 'старое', text: 'Текст.' }) + '\n' });
    const [d] = loadCorpus(dir, { nameFields: '^(?<date>[\\d-]{10})-(?<slug>.+)$', fields: { outlet: 'Медуза' } }).documents;
    expect(d.meta).toEqual({ date: '2021-02-02', slug: 'x', outlet: 'Медуза' });
  });

  it('reads a folder that has its own corpus.yaml only through it, and leaves a JSON file without records in a folder out', () => {
    const report = openCorpus(path.join(ROOT, 'data'));
    expect(report.skippedFiles.find((s) => s.file === path.join(ROOT, 'data', 'mixed-corpus'))?.reason).toMatch(/a corpus of its own: read it through .*corpus\.yaml/);
    expect(report.files.some((f) => f.file.includes('mixed-corpus'))).toBe(false);
    const dir = tempDir({ 'a.txt': 'Текст.\n', 'a_meta.json': '{"date": "2020-01-01"}' });
    const r = openCorpus(dir);
    expect(loadCorpus(dir, {}, r).documents.map((d) => d.id)).toEqual(['a']);
    expect(r.skippedFiles.map((s) => [path.basename(s.file), s.reason])).toEqual([['a_meta.json', 'a JSON file without an array of records (metadata of another file? see --sidecar)']]);
  });

  it('refuses an --out inside a folder that a corpus file reads, before anything is written', () => {
    const r = run('count', YAML, '--out', path.join(MIXED, 'iz', 'counts.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/would overwrite the input .*iz \(it is inside that folder\)/);
    expect(fs.existsSync(path.join(MIXED, 'iz', 'counts.csv'))).toBe(false);
  });

  it('says in one line which files a folder left out, however many', () => {
    const files: Record<string, string> = { 'a.txt': 'Текст.\n' };
    for (let k = 0; k < 7; k++) files[`img${k}.png`] = 'x';
    const r = run('count', tempDir(files));
    const left = r.stderr.split('\n').filter((l) => l.startsWith('framelab: left out'));
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/left out 7 file\(s\): 7 not a type framelab reads .*\(.*img0\.png, .*img1\.png, .*img2\.png, …\)/);
  });
});

describe('JSON inputs, streamed', () => {
  it('reads an array of records, and an object holding one, with --id-column and --text-column', () => {
    const rows = [
      { url: 'u1', body: 'Первый пост.', date: '2024-01-05' },
      { url: 'u2', body: 'Второй пост.', date: '2024-01-06' },
    ];
    const dir = tempDir({ 'a.json': JSON.stringify(rows), 'b.json': JSON.stringify({ channel: 'ria', count: 2, posts: rows.map((r) => ({ ...r, url: r.url + 'b' })) }, null, 2) });
    const c = loadCorpus(dir, { idField: 'url', textField: 'body' });
    expect(c.documents.map((d) => [d.id, d.paragraphs[0].text, d.meta.date])).toEqual([
      ['u1', 'Первый пост.', '2024-01-05'],
      ['u2', 'Второй пост.', '2024-01-06'],
      ['u1b', 'Первый пост.', '2024-01-05'],
      ['u2b', 'Второй пост.', '2024-01-06'],
    ]);
    // the scalars beside the array are fields of every record
    expect(c.documents[2].meta).toMatchObject({ channel: 'ria', count: 2 });
  });

  it('finds the same records whatever the chunks the file arrives in (a record cut between chunks, one byte a chunk)', () => {
    const text = fs.readFileSync(path.join(MIXED, 'tass-telegram', 'result.json'));
    const whole = [...jsonElements([{ bytes: text }], 'r.json', { key: null, fields: {} })];
    const bytes = Array.from({ length: text.length }, (_, i) => ({ bytes: text.subarray(i, i + 1) }));
    const header = { key: null as string | null, fields: {} as Record<string, unknown> };
    const piecewise = [...jsonElements(bytes, 'r.json', header)];
    // one service message and the nine articles of tass-001.csv.gz
    expect(whole).toHaveLength(10);
    expect(piecewise.map((e) => [e.line, e.bytes.toString()])).toEqual(whole.map((e) => [e.line, e.bytes.toString()]));
    expect(header).toEqual({ key: 'messages', fields: { name: 'ТАСС', type: 'public_channel', id: 1000000001 } });
  });

  it('names the line of a JSON mistake, and a JSON file without records', () => {
    const dir = tempDir({ 'a.json': '[\n  {"text": "один"},\n  {"text": "два",}\n]' });
    expect(errorOf(() => loadCorpus(dir)).message).toMatch(/a\.json:3: invalid JSON/);
    // given by itself (in a folder it is left out: see the corpus-file tests)
    const meta = path.join(tempDir({ 'm.json': '{"title": "x", "date": "2020"}' }), 'm.json');
    expect(errorOf(() => loadCorpus(meta)).message).toMatch(/m\.json: this JSON file holds no array of records .*--sidecar/);
  });

  it('joins the text entities of a Telegram Desktop export into plain text, with the channel and date as fields', () => {
    expect(telegramText(['Читайте ', { type: 'bold', text: 'главное' }, { type: 'text_link', text: ' за день', href: 'https://t.me/x' }])).toBe('Читайте главное за день');
    const original = dump('tass-001.csv.gz');
    const c = loadCorpus(path.join(MIXED, 'tass-telegram', 'result.json'));
    expect(c.documents).toHaveLength(9); // the service message (channel created) is left out
    for (const d of c.documents) {
      expect(d.meta.channel).toBe('ТАСС');
      const link = d.paragraphs[d.paragraphs.length - 1].text; // the link entity, its own paragraph
      const o = original.get(link);
      expect(o, d.id).toBeDefined();
      expect(d.paragraphs[0].text).toBe(o!.meta.title); // the bold entity
      expect(String(d.meta.date).replace('T', ' ')).toBe(o!.meta.date);
    }
    const r = run('count', path.join(MIXED, 'tass-telegram'), '--meta', 'channel,date');
    expect(r.stderr).toMatch(/left out 1 service message\(s\) of the Telegram export/);
  });
});

describe('cleaning that is counted', () => {
  it('takes out the BBC footer link that topped a keyness list as bit, ly', () => {
    const footer = 'Читать нас без VPN можно здесь: bit.ly/bbcrussian';
    expect(words(footer)).toContain('bit');
    const counts = noCleanCounts();
    const clean = cleanText(footer, ['urls'], counts);
    // Читать нас без VPN можно здесь: six words, no address left
    expect(words(clean)).toEqual(['читать', 'нас', 'без', 'vpn', 'можно', 'здесь']);
    expect(counts.urls).toBe(1);
  });

  it('takes out e-mail addresses, Markdown marks (keeping the text they mark) and emoji, each counted; leaves abbreviations', () => {
    const counts = noCleanCounts();
    const text = '**Срочно** 🇷🇺 Пишите на press@meduza.io 👍🏽\n[Подробнее](https://meduza.io/news) т.е. в г.Москва 👨‍👩‍👧';
    const out = cleanText(text, ['urls', 'emails', 'markdown', 'emoji'], counts);
    expect(out).toBe('Срочно  Пишите на  \nПодробнее т.е. в г.Москва ');
    // two Markdown marks (bold, link); one address; three emoji: a flag, a hand with its skin tone, a family joined by ZWJ
    expect(counts).toEqual({ urls: 0, emails: 1, markdown: 2, emoji: 3 });
  });

  it('says how many it took out, and counts fewer tokens by exactly those words', () => {
    const dir = tempDir({ 'a.txt': 'Читать нас без VPN можно здесь: bit.ly/bbcrussian\n' });
    const plain = run('count', dir);
    const clean = run('count', dir, '--clean', 'urls,emoji');
    const tokens = (csv: string) => Number(csv.trim().split('\n')[1].split(',')[2]);
    expect(tokens(plain.stdout)).toBe(9); // bit, ly, bbcrussian count as words
    expect(tokens(clean.stdout)).toBe(6);
    expect(clean.stderr).toMatch(/--clean took out 1 web address\(es\), 0 emoji before counting words/);
    expect(run('count', dir, '--clean', 'links').stderr).toMatch(/--clean: unknown kind "links"/);
  });
});

describe('boilerplate: a paragraph repeated across the documents of one source', () => {
  // the RIA dump has its dateline "МОСКВА, 10 авг - РИА Новости." as the first paragraph of five articles
  const rawRia = () => {
    const c = loadCorpus(path.join(NEWS, 'ria.csv.gz'), { idField: 'url', paragraphs: 'lines' });
    return c.documents.filter((d) => d.paragraphs.some((p) => p.text.includes('МОСКВА, 10 авг - РИА Новости.n'))).length;
  };
  const posts = path.join(MIXED, 'ria-posts.json');

  it('is found with its text and the number of documents that hold it, and marked', () => {
    expect(rawRia()).toBe(5);
    const b = findBoilerplate(readDocuments(posts), 3);
    expect(b.items).toEqual([{ source: 0, text: 'МОСКВА, 10 авг - РИА Новости.', documents: 5 }]);
    const c = loadCorpus(posts, { boilerplateMin: 3 });
    const marked = c.documents.flatMap((d) => d.paragraphs.filter((p) => p.boilerplateOf === 0));
    expect(marked).toHaveLength(5);
    expect(c.boilerplate?.items).toHaveLength(1);
    // five documents are fewer than six: nothing then
    expect(loadCorpus(posts, { boilerplateMin: 6 }).boilerplate?.items).toEqual([]);
  });

  it('is dropped with --drop-boilerplate, by the streaming counter too', () => {
    const kept = loadCorpus(posts);
    const dropped = loadCorpus(posts, { boilerplateMin: 3, dropBoilerplate: true });
    const n = (c: typeof kept) => c.documents.reduce((s, d) => s + d.paragraphs.length, 0);
    expect(n(kept) - n(dropped)).toBe(5);
    const a = run('count', posts, '--id-column', 'url');
    const b = run('count', posts, '--id-column', 'url', '--boilerplate', '3', '--drop-boilerplate');
    expect(a.stdout.trim().split('\n').length - b.stdout.trim().split('\n').length).toBe(5);
    expect(b.stderr).toMatch(/boilerplate: 1 paragraph\(s\) stand in 3 or more documents of one source, dropped: «МОСКВА, 10 авг - РИА Новости\.» \(5 documents of /);
    expect(b.stderr).toMatch(/dropped 5 boilerplate paragraph\(s\)/);
  });

  it('is counted per source: the same line in two sources, twice in each, is no boilerplate at k = 3', () => {
    const footer = 'Подписывайтесь на наш канал.';
    const dir = tempDir({
      'a/1.txt': `Первый.\n${footer}\n`,
      'a/2.txt': `Второй.\n${footer}\n`,
      'b/3.txt': `Третий.\n${footer}\n`,
      'b/4.txt': `Четвёртый.\n${footer}\n`,
    });
    expect(loadCorpus([path.join(dir, 'a'), path.join(dir, 'b')], { boilerplateMin: 3 }).boilerplate?.items).toEqual([]);
    expect(loadCorpus([dir], { boilerplateMin: 3 }).boilerplate?.items).toEqual([{ source: 0, text: footer, documents: 4 }]);
  });
});

describe('the flattened-line-break note', () => {
  it('leaves Latin words alone: FinCEN, WinFin, UnionPay, Ivan', () => {
    expect(flattenedBreaks('Доклад FinCEN, сервисы WinFin и UnionPay. Ivan Petrov.').count).toBe(0);
    const [d] = loadCorpus(tempDir({ 'a.txt': 'Отчёт FinCEN о WinFin.nUnionPay ответила.' }), { paragraphs: FLATTENED_LINE_BREAKS }).documents;
    expect(d.paragraphs.map((p) => p.text)).toEqual(['Отчёт FinCEN о WinFin.nUnionPay ответила.']);
  });

  it('shows whole characters in its snippet', () => {
    const { example } = flattenedBreaks('Ёж 😀😀.nВторой абзац.');
    expect(example).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/);
    // four characters before the place, fourteen from it: emoji are one character each
    expect(example).toBe(' 😀😀.nВторой абзац.');
  });

  it('reads text values, not raw JSON: field names and values of other fields cannot trigger it', () => {
    // each line's raw bytes hold `n"` before a capital (…Ivan","Title"…), its text none
    const line = (k: number) => JSON.stringify({ id: `d${k}`, author: 'Ivan', file: `${k}.json`, Title: 'Новость', text: 'Обычный текст без склеек.' });
    const r = run('count', tempDir({ 'a.jsonl': [1, 2, 3, 4].map(line).join('\n') + '\n' }));
    expect(r.stderr).not.toMatch(/bare "n"/);
  });

  it('never suggests cutting texts that kept their line breaks, and its pattern keeps real line breaks', () => {
    // three glued places, but ten real line breaks: the "n"s are the texts' own, and auto cuts by lines
    const kept = ['Первый абзац.nВторой?', 'А.nБ.', 'В.nГ.', ...Array.from({ length: 8 }, (_, k) => `Строка ${k}.`)].join('\n');
    const r = run('count', tempDir({ 'a.txt': kept }));
    expect(r.stderr).not.toMatch(/bare "n"/);
    expect(r.stderr).toMatch(/1 document\(s\), 11 paragraph\(s\)/);
    const flat = 'МЧС.nСигнал.nСпасатели.nЛюди.';
    // cut by lines, as asked: the note says what the pattern would give, one paragraph now and four after the three glued places
    expect(run('count', tempDir({ 'a.txt': flat }), '--paragraphs', 'lines').stderr).toMatch(/gives 1 paragraph\(s\) as cut now and 4 with --paragraphs flattened/);
    // by default (auto) the text, which has no line break, is cut there, and the note says so (its
    // snippet: four characters before the first join, «МЧС.», and fourteen from it, «nСигнал.nСпаса»)
    const auto = run('count', tempDir({ 'a.txt': flat }));
    expect(auto.stderr).toMatch(/in 1 text\(s\) the line breaks had become a bare "n" \("…МЧС\.nСигнал\.nСпаса…"\), so paragraphs are cut there and an "n" inside a sentence is read as a space: 4 paragraph\(s\) instead of 1 \(--paragraphs lines keeps each text whole, "n" and all\)/);
    expect(auto.stderr).toMatch(/1 document\(s\), 4 paragraph\(s\)/);
    const [d] = loadCorpus(tempDir({ 'a.txt': 'Первое.\nВторое.nТретье.' }), { paragraphs: FLATTENED_LINE_BREAKS }).documents;
    expect(d.paragraphs.map((p) => p.text)).toEqual(['Первое.', 'Второе.', 'Третье.']);
  });
});

describe('auto on a dump whose line breaks became a bare "n"', () => {
  it('cuts a text without line breaks there, so that the word after each "n" counts', () => {
    // «Гранты» follows the glued n: left whole, the word is «nГранты», which грант* does not match;
    // cut, the text is two paragraphs, «Власти молчат.» (0) and «Гранты выданы.» (1)
    const dict = dictionaryFromObject({ гранты: ['грант*'] });
    const text = 'Власти молчат.nГранты выданы.';
    const auto = countFrameRows(loadCorpus(tempDir({ 'a.txt': text })), dict);
    expect(auto.rows.map((r) => r['гранты'])).toEqual([0, 1]);
    const whole = countFrameRows(loadCorpus(tempDir({ 'a.txt': text }), { paragraphs: 'lines' }), dict);
    expect(whole.rows.map((r) => r['гранты'])).toEqual([0]);
    expect(splitParagraphs(text, 'auto').map((p) => p.text)).toEqual(['Власти молчат.', 'Гранты выданы.']);
  });

  it('reads an n that joined two words inside a sentence as a space, in both engines', async () => {
    // «гранты.nДиалог» ends a sentence: a paragraph break; the other four n join words inside a
    // sentence (Ранееnсообщалось, ,nчто, фондnвыдал, Диалогnначат) and become spaces, so that
    // фонд, выдал and начат are words again
    const text = 'Ранееnсообщалось,nчто фондnвыдал гранты.nДиалогnначат.';
    const expected = ['Ранее сообщалось, что фонд выдал гранты.', 'Диалог начат.'];
    expect(splitParagraphs(text, 'auto').map((p) => p.text)).toEqual(expected);
    expect(loadCorpus(tempDir({ 'a.txt': text }), { paragraphs: FLATTENED_LINE_BREAKS }).documents[0].paragraphs.map((p) => p.text)).toEqual(expected);
    // the byte engine: 6 words and 2 words; фонд* once, начат* once
    const dict = dictionaryFromObject({ фонды: ['фонд*'], начало: ['начат*'] });
    const { table } = await countFiles(tempDir({ 'a.jsonl': JSON.stringify({ id: 'a', text }) + '\n' }), dict, { lemmaCache: false });
    expect(table.rows.map((r) => [r.tokens, r['фонды'], r['начало']])).toEqual([
      [6, 1, 0],
      [2, 0, 1],
    ]);
    // an n of a Latin word, or before one, stays: La Razónn is one word, WinFin.nUnionPay is not cut
    expect(splitParagraphs('Газета La Razónn пишет.nОтчёт о WinFin.nUnionPay ответила.', 'auto').map((p) => p.text)).toEqual([
      'Газета La Razónn пишет.',
      'Отчёт о WinFin.nUnionPay ответила.',
    ]);
  });

  it('leaves a text with a line break, or without a glued sentence, as it was', () => {
    // a real line break: auto cuts by lines, the n stays; Latin words and an n before a lower-case letter are no joins
    expect(splitParagraphs('Первое.nВторое.\nТретье.', 'auto').map((p) => p.text)).toEqual(['Первое.nВторое.', 'Третье.']);
    expect(splitParagraphs('Отчёт FinCEN о WinFin.nUnionPay ответила.', 'auto')).toHaveLength(1);
    expect(splitParagraphs('Слово.nслово.', 'auto')).toHaveLength(1);
  });

  it('recognises a dump (flattenedDocument) exactly where the pattern would cut, on seeded random texts', () => {
    // the byte test and the regular expression (flattenedBreaks) are two writings of one rule: texts of
    // the characters on either side of the rule, in random order, must get the same answer
    const parts = ['n', 'nn', 'а', 'я', 'ё', 'п', 'р', 'Ё', 'А', 'Я', 'Б', 'x', 'N', '5', '.', '!', '?', '…', '»', '"', ')', '«', '—', '–', '-', ' ', ',', 'é', '😀', '\n'];
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % parts.length;
    const encoder = new TextEncoder();
    let cut = 0;
    for (let k = 0; k < 20000; k++) {
      const text = Array.from({ length: 1 + (k % 12) }, next).map((i) => parts[i]).join('');
      const b = encoder.encode(text);
      const expected = !text.includes('\n') && flattenedBreaks(text).count > 0;
      expect(flattenedDocument(b, 0, b.length), JSON.stringify(text)).toBe(expected);
      if (expected) cut++;
    }
    // the texts must hold both answers for the comparison to mean something
    expect(cut).toBeGreaterThan(100);
    expect(cut).toBeLessThan(20000);
  });
});

describe('empty documents and empty ids are named', () => {
  it('counts an empty document in the notes and names a record whose id is empty', () => {
    const csv = 'url,text\nu1,Первый текст.\n,Второй текст.\nu3,\n';
    const r = run('count', tempDir({ 'a.csv': csv }), '--id-column', 'url');
    expect(r.stderr).toMatch(/1 document\(s\) have no text \(first: "u3"\)/);
    expect(r.stderr).toMatch(/1 record\(s\) have an empty "url" value, so they are named after their file and row instead \(first: "a:2"\)/);
    // three documents (one empty, so no row), two rows
    expect(r.stderr).toMatch(/3 document\(s\), 2 paragraph\(s\)/);
  });

  it('counts empty JSONL documents too, whether the lines are parsed while reading or in the counter', () => {
    // "b" holds only spaces, "c" nothing: two empty documents of three
    const dir = tempDir({ 'a.jsonl': '{"id":"a","text":"Текст."}\n{"id":"b","text":"  "}\n{"id":"c","text":""}\n' });
    const expected = /2 document\(s\) have no text \(first: "b"\)/;
    expect(run('count', dir).stderr).toMatch(expected);
    expect(run('count', dir, '--clean', 'urls').stderr).toMatch(expected);
    const report = openCorpus(dir);
    loadCorpus(dir, {}, report);
    expect(report.notes.join('\n')).toMatch(expected);
  });

  it('names a JSONL record whose id is empty, wherever its line is parsed', () => {
    const dir = tempDir({ 'a.jsonl': '{"id":"","text":"Текст."}\n{"id":"b","text":"Два."}\n' });
    const expected = /1 record\(s\) have an empty "id" value, so they are named after their file and row instead \(first: "a:1"\)/;
    expect(run('count', dir).stderr).toMatch(expected);
    expect(run('count', dir, '--clean', 'urls').stderr).toMatch(expected);
  });
});

describe('--meta in kwic and sample, and Parquet typed from the schema', () => {
  it('kwic carries the document fields asked for after doc', () => {
    const r = run('kwic', YAML, '--pattern', 'путин*', '--meta', 'outlet,date', '-q');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^doc,outlet,date,paragraph,word,left,match/);
    // "Владимира Путина" in the RIA post of 2019-08-10 03:32 (the json array keeps its date as written)
    expect(lines.some((l) => l.startsWith('https://ria.ru/20190810/1557366421.html,РИА Новости,2019-08-10T03:32:00,'))).toBe(true);
    expect(run('kwic', YAML, '--pattern', 'путин*', '--meta', 'region').stderr).toMatch(/--meta: no document has the field "region"/);
  });

  it('sample carries them on the coding sheet, which validate still reads', () => {
    const dir = tempDir();
    const sheet = path.join(dir, 'sheet.csv');
    const r = run('sample', YAML, '--n', '5', '--meta', 'outlet,date', '--out', sheet, '-q');
    expect(r.code, r.stderr).toBe(0);
    const lines = fs.readFileSync(sheet, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^doc,outlet,date,paragraph,stratum,weight,text,/);
    const outlets = new Set(['Интерфакс', 'Известия', 'РИА Новости', 'ТАСС', 'Газета.Ru', 'RT']);
    for (const l of lines.slice(1).filter((l) => /^[^"]/.test(l))) expect(outlets.has(l.split(',')[1]), l).toBe(true);
  });

  it('types a compare table for Parquet from what its columns are: a numeric column that is empty throughout stays a number', async () => {
    const dir = tempDir({ 'in/a.jsonl': '{"id":"a","g":"x","text":"гранты"}\n{"id":"b","g":"y","text":"гранты"}\n' });
    const out = path.join(dir, 'o.parquet');
    expect(run('compare', path.join(dir, 'in'), '--by', 'g', '--format', 'parquet', '--out', out, '-q').code).toBe(0);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const types = new Map((await c.runAndReadAll(`DESCRIBE SELECT * FROM '${out}'`)).getRows().map((r) => [String(r[0]), String(r[1])]));
    expect(types.get('g')).toBe('VARCHAR');
    expect(types.get('category')).toBe('VARCHAR');
    expect(types.get('documents')).toBe('BIGINT');
    // one word a document, the category's own: G² is undefined, so g2 and p are empty in every row; still numbers
    for (const column of ['g2', 'p']) {
      expect(Number((await c.runAndReadAll(`SELECT count(${column}) FROM '${out}'`)).getRows()[0][0]), column).toBe(0);
      expect(types.get(column), column).toBe('DOUBLE');
    }
    c.closeSync();
  });
});

describe('groups over time: compare --by outlet --date date --every year', () => {
  it('gives each outlet its own series: a row per outlet, year and category', () => {
    const r = run('compare', YAML, '--by', 'outlet', '--date', 'date', '--every', 'year', '--replicates', '50', '--permutations', '49', '-q');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^outlet,period,start,category,documents,/);
    const state = lines.filter((l) => l.split(',')[3] === 'государство').map((l) => l.split(',').slice(0, 2).join(' '));
    // data/news-sample.md: Газета.Ru 2008 … 2015 (eight years, empty ones included), every other outlet one year
    expect(state).toEqual([
      'RT 2019',
      ...[2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015].map((y) => `Газета.Ru ${y}`),
      'Известия 2017',
      'Интерфакс 2019',
      'РИА Новости 2019',
      'ТАСС 2019',
    ]);
  });

  it('is, for each group, the time series of that group alone', async () => {
    const { countFrameRows, dictionaryFromObject, groupTimeSeries, timeSeries } = await import('../src');
    const dict = dictionaryFromObject({ государство: ['государств*', 'власт*'], запад: ['запад*'] });
    const table = countFrameRows(loadCorpus(YAML), dict, { meta: ['outlet', 'date'] });
    const options = { seed: 3, replicates: 100, permutations: 99 };
    const all = groupTimeSeries(table, ['outlet'], 'date', 'year', options).rows;
    const keep = table.rows.map((r, k) => [r, k] as const).filter(([r]) => r.outlet === 'Газета.Ru');
    const alone = timeSeries({ ...table, rows: keep.map(([r]) => r), texts: keep.map(([, k]) => table.texts[k]) }, 'date', 'year', options).rows;
    expect(all.filter((r) => r.outlet === 'Газета.Ru').map(({ outlet, ...r }) => r)).toEqual(alone);
  });
});

describe('keyness --each FIELD: each group against the rest, one table', () => {
  it('is, for each outlet, keyness of its documents against all the others', async () => {
    const { keyness, keynessByGroup, partitionCorpus } = await import('../src');
    const corpus = loadCorpus(YAML, { clean: ['urls'] });
    const rows = keynessByGroup(corpus, 'outlet');
    expect([...new Set(rows.map((r) => r.group))]).toEqual(['RT', 'Газета.Ru', 'Известия', 'Интерфакс', 'РИА Новости', 'ТАСС']);
    const { target, rest } = partitionCorpus(corpus, (d) => d.meta.outlet === 'ТАСС');
    expect(rows.filter((r) => r.group === 'ТАСС').map(({ group, ...r }) => r)).toEqual(keyness(target, rest));
  });

  it('writes the field as the first column, the first --top words of each group', () => {
    const r = run('keyness', YAML, '--each', 'outlet', '--top', '2', '-q');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^outlet,word,target_freq,/);
    expect(lines).toHaveLength(1 + 6 * 2);
    expect(run('keyness', YAML, '--each', 'outlet', '--doc', 'x').stderr).toMatch(/give exactly one of --reference, --doc, --target-category or --each/);
  });
});

describe('sample --stratify-by category', () => {
  it('gives every category that matched a paragraph its rows, weighted so that the weights add up to the paragraphs drawn from', async () => {
    const { codingSample, countFrameRows, loadDictionary } = await import('../src');
    const table = countFrameRows(loadCorpus(YAML), loadDictionary());
    // the population: paragraphs with words that repeat no earlier one (what codingSample draws from)
    const population = table.rows.filter((r) => r.duplicate_of === null && (r.tokens as number) > 0);
    const matchedCats = table.categories.filter((c) => population.some((r) => (r[c] as number) > 0));
    const sheet = codingSample(table, { n: 40, seed: 5, stratifyBy: 'category' });
    expect(sheet.rows).toHaveLength(40);
    const strata = new Set(sheet.rows.map((r) => r.stratum));
    for (const c of matchedCats) expect(strata.has(c), c).toBe(true);
    expect(strata.has('unmatched')).toBe(true);
    // each stratum's rows weigh its size over its rows drawn: together, every paragraph once
    expect(sheet.rows.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(population.length, 6);
    // a row of a category's stratum is matched by that category
    for (const r of sheet.rows.filter((r) => r.stratum !== 'unmatched')) {
      const row = table.rows.find((t) => t.doc === r.doc && t.paragraph === r.paragraph)!;
      expect(row[r.stratum] as number, `${r.doc} ${r.paragraph}`).toBeGreaterThan(0);
    }
  });
});

describe('does a trend differ between groups', () => {
  /** Two outlets over four years, one document each a year of ten words, k of them «гранты». */
  const table = async (a: number[], b: number[]) => {
    const { countFrameRows, dictionaryFromObject } = await import('../src');
    const doc = (outlet: string, year: number, k: number) =>
      JSON.stringify({ id: `${outlet}${year}`, outlet, date: `${year}-06-01`, text: [...Array(k).fill('гранты'), ...Array(10 - k).fill('слово')].join(' ') });
    const lines = [2001, 2002, 2003, 2004].flatMap((y, i) => [doc('A', y, a[i]), doc('B', y, b[i])]);
    const dir = tempDir({ 'c.jsonl': lines.join('\n') + '\n' });
    return countFrameRows(loadCorpus(dir), dictionaryFromObject({ гранты: ['грант*'] }), { meta: ['outlet', 'date'] });
  };

  it('finds opposite trends as extreme as one labelling in eight can be', async () => {
    const { trendDifference } = await import('../src');
    const [row] = trendDifference(await table([1, 2, 3, 4], [4, 3, 2, 1]), ['outlet'], 'date', 'year', { permutations: 999, seed: 1 });
    // ρ_A = 1, ρ_B = −1: spread (1 − 0)² + (−1 − 0)² = 2, the largest there is
    expect(row.groups).toBe(2);
    expect(row.spread).toBeCloseTo(2, 12);
    // p is for the groups' slopes of document rates: every year has 1 + 4 = 5 matches in 20 words, so
    // whatever the labels, A's slope is minus B's; they are farthest apart, with both outlets exactly on
    // their lines, when each outlet is monotone, as observed or all swapped: 2 of the 2⁴ labellings of
    // shuffling the two documents of each year, so p ≈ 1/8 (± 4 binomial sd) if no other labelling's Q
    // reaches theirs
    expect(row.p!).toBeGreaterThan(0.125 - 4 * Math.sqrt((0.125 * 0.875) / 999));
    expect(row.p!).toBeLessThan(0.125 + 4 * Math.sqrt((0.125 * 0.875) / 999));
  });

  it('finds nothing when both rise alike, and says when fewer than two groups have a trend', async () => {
    const { trendDifference } = await import('../src');
    const [same] = trendDifference(await table([1, 2, 3, 4], [2, 3, 4, 5]), ['outlet'], 'date', 'year', { permutations: 99 });
    expect(same.spread).toBe(0);
    // equal slopes (.1 per year): Q = 0, and every shuffle is at least as far apart as no difference at all
    expect(same.p).toBe(1);
    const [none] = trendDifference(await table([1, 2, 3, 4], [0, 0, 0, 0]), ['outlet'], 'date', 'year', { permutations: 99 });
    // B's rate is constant (0): its ρ is undefined, one group is left
    expect(none.p).toBeNull();
    expect(none.test).toMatch(/1 group\(s\) with 3 or more years with words/);
  });
});
