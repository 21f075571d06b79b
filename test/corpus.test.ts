import * as fs from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { countFrameRows, decodeText, loadCorpus, loadDictionary, russianScore, splitParagraphs } from '../src';
import { IdCheck } from '../src/corpus/read';
import { ARTICLE, errorOf, FRAMES3, tempDir } from './helpers';

describe('paragraphs', () => {
  const text = 'Первый абзац,\nего вторая строка.\n\n\nВторой абзац.\n  \nТретий.';

  it('blank: blocks between blank lines, lines joined with a space', () => {
    expect(splitParagraphs(text, 'blank').map((p) => [p.text, p.line])).toEqual([
      ['Первый абзац, его вторая строка.', 1],
      ['Второй абзац.', 5],
      ['Третий.', 7],
    ]);
  });

  it('lines: every non-empty line', () => {
    expect(splitParagraphs(text, 'lines').map((p) => p.text)).toEqual(['Первый абзац,', 'его вторая строка.', 'Второй абзац.', 'Третий.']);
  });

  it('auto: blank when the text has a blank line between paragraphs, else lines', () => {
    expect(splitParagraphs(text, 'auto').length).toBe(3);
    expect(splitParagraphs('Один\nДва\nТри\n\n', 'auto').length).toBe(3);
    expect(splitParagraphs('\n\nОдин\nДва', 'auto').length).toBe(2);
  });

  it('CRLF, CR and LF give the same paragraphs', () => {
    const lf = splitParagraphs('А\nБ\n\nВ', 'auto');
    expect(splitParagraphs('А\r\nБ\r\n\r\nВ', 'auto')).toEqual(lf);
    expect(splitParagraphs('А\rБ\r\rВ', 'auto')).toEqual(lf);
  });
});

describe('the bundled article', () => {
  // Its README: 58 lines, one paragraph each; lines 30–57 repeat lines 2–29 word for word.
  // 0-based, paragraphs 29..56 repeat paragraphs 1..28.
  it('has 58 paragraphs and 28 of them repeat the body', () => {
    const corpus = loadCorpus(ARTICLE);
    const doc = corpus.documents[0];
    expect(doc.id).toBe('ngo-grants-dialogue-2025.ru');
    expect(doc.encoding).toBe('utf-8');
    expect(doc.paragraphs.length).toBe(58);
    const repeats = doc.paragraphs.filter((p) => p.duplicateOf !== null);
    expect(repeats.map((p) => p.index)).toEqual(Array.from({ length: 28 }, (_, k) => 29 + k));
    expect(repeats.map((p) => p.duplicateOf)).toEqual(Array.from({ length: 28 }, (_, k) => 1 + k));
    expect(doc.paragraphs[57].duplicateOf).toBeNull();
  });

  it('dedupe drops the 28 repeats and keeps the original paragraph numbers', () => {
    const corpus = loadCorpus(ARTICLE, { dedupe: true });
    expect(corpus.droppedDuplicates).toBe(28);
    const numbers = corpus.documents[0].paragraphs.map((p) => p.index);
    expect(numbers.length).toBe(30);
    expect(numbers.slice(-2)).toEqual([28, 57]);
  });
});

describe('input formats', () => {
  it('reads folders recursively in sorted order, ids relative to the folder', () => {
    const dir = tempDir({
      'b.txt': 'Грант.',
      'a/z.md': '# Заголовок\n\nДиалог.',
      'a/y.txt': 'Коррупция.',
      '.hidden.txt': 'скрыт',
      'notes.pdf': 'x',
    });
    const corpus = loadCorpus(dir);
    expect(corpus.documents.map((d) => d.id)).toEqual(['a/y', 'a/z', 'b']);
    expect(corpus.documents[1].paragraphs.map((p) => p.text)).toEqual(['# Заголовок', 'Диалог.']);
  });

  it('reads JSONL: id and text, other fields as metadata, blank lines skipped', () => {
    const dir = tempDir({
      'c.jsonl': '{"id": "a1", "text": "Гранты.\\n\\nДиалог.", "year": 2025}\n\n{"text": "Без id", "source": "x"}\n',
    });
    const corpus = loadCorpus(path.join(dir, 'c.jsonl'));
    expect(corpus.documents.map((d) => d.id)).toEqual(['a1', 'c:3']);
    expect(corpus.documents[0].meta).toEqual({ year: 2025 });
    expect(corpus.documents[0].paragraphs.length).toBe(2);
  });

  it('reads CSV with a header: id, text and metadata columns', () => {
    const dir = tempDir({ 'c.csv': 'id,date,text\nn1,2025-05-13,"Гранты, гранты.\nДиалог."\nn2,2025-05-14,Коррупция\n' });
    const corpus = loadCorpus(path.join(dir, 'c.csv'));
    expect(corpus.documents.map((d) => [d.id, d.meta.date, d.paragraphs.length])).toEqual([
      ['n1', '2025-05-13', 2],
      ['n2', '2025-05-14', 1],
    ]);
  });

  it('names file and line of bad JSONL and CSV records', () => {
    const dir = tempDir({
      'bad.jsonl': '{"text": "ok"}\n{"text": "oops"\n',
      'notext.jsonl': '{"id": 1, "body": "x"}\n',
      'bad.csv': 'id,text\n1,"unclosed\n',
      'nocol.csv': 'id,body\n1,x\n',
    });
    expect(errorOf(() => loadCorpus(path.join(dir, 'bad.jsonl'))).message).toMatch(/bad\.jsonl:2: invalid JSON/);
    expect(errorOf(() => loadCorpus(path.join(dir, 'notext.jsonl'))).message).toMatch(/notext\.jsonl:1: the "text" field is missing/);
    expect(errorOf(() => loadCorpus(path.join(dir, 'bad.csv'))).message).toMatch(/bad\.csv:\d+: invalid CSV/);
    expect(errorOf(() => loadCorpus(path.join(dir, 'nocol.csv'))).message).toMatch(/nocol\.csv:1: CSV header has no "text" column/);
  });

  it('refuses missing paths, unsupported files, empty folders and duplicate ids', () => {
    const dir = tempDir({ 'x.pdf': 'x', 'one/a.txt': 'А', 'two/a.md': 'Б' });
    fs.mkdirSync(path.join(dir, 'empty'));
    expect(errorOf(() => loadCorpus(path.join(dir, 'missing.txt'))).message).toMatch(/missing\.txt: no such file or folder/);
    expect(errorOf(() => loadCorpus(path.join(dir, 'x.pdf'))).message).toMatch(/unsupported file type "\.pdf"/);
    expect(errorOf(() => loadCorpus(path.join(dir, 'empty'))).message).toMatch(/empty: no \.txt/);
    expect(errorOf(() => loadCorpus([path.join(dir, 'one'), path.join(dir, 'two')])).message).toMatch(/duplicate document id "a"/);
  });
});

describe('encodings', () => {
  const article = fs.readFileSync(ARTICLE, 'utf8');
  const dict = loadDictionary(FRAMES3);
  const countsOf = (bytes: Uint8Array, options: { encoding?: string } = {}) => {
    const dir = tempDir({ 'article.txt': bytes });
    const corpus = loadCorpus(path.join(dir, 'article.txt'), options);
    return { encoding: corpus.documents[0].encoding, rows: countFrameRows(corpus, dict).rows };
  };
  const reference = countsOf(Buffer.from(article, 'utf8'));

  it.each([
    ['UTF-8 with BOM and CRLF', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(article.replace(/\n/g, '\r\n'))]), 'utf-8'],
    ['UTF-16LE with BOM', () => iconv.encode(article, 'utf-16le', { addBOM: true }), 'utf-16le'],
    ['UTF-16BE with BOM', () => iconv.encode(article, 'utf-16be', { addBOM: true }), 'utf-16be'],
    ['Windows-1251', () => iconv.encode(article, 'windows-1251'), 'windows-1251'],
    ['KOI8-R with CRLF', () => iconv.encode(article.replace(/\n/g, '\r\n'), 'koi8-r'), 'koi8-r'],
  ])('%s is detected and gives identical counts', (_name, make, expected) => {
    const got = countsOf(make());
    expect(got.encoding).toBe(expected);
    expect(got.rows).toEqual(reference.rows);
  });

  it('detects Windows-1251 and KOI8-R on a short line too', () => {
    const line = 'Иностранные гранты и коррупция.';
    expect(decodeText(iconv.encode(line, 'windows-1251'), 'x').encoding).toBe('windows-1251');
    expect(decodeText(iconv.encode(line, 'koi8-r'), 'x').encoding).toBe('koi8-r');
  });

  it('scores Russian prose high and swapped code pages low', () => {
    expect(russianScore('Привет, мир')).toBeCloseTo(8 / 9, 10);
    const misread = iconv.decode(iconv.encode('Иностранные гранты и коррупция', 'windows-1251'), 'koi8-r');
    expect(russianScore(misread)).toBeLessThan(0.35);
  });

  it('a forced encoding is used as given', () => {
    const got = countsOf(iconv.encode(article, 'windows-1251'), { encoding: 'cp1251' });
    expect(got.encoding).toBe('windows-1251');
    expect(got.rows).toEqual(reference.rows);
  });

  it('undecodable bytes are an error naming the file, never mojibake', () => {
    const latin1 = iconv.encode('Die Größe der Förderung für Vereine ändert sich.\nZweite Zeile', 'latin1');
    const dir = tempDir({ 'de.txt': latin1, 'bin.txt': Buffer.from([0xd0, 0x00, 0xff, 0x00, 0x01]) });
    expect(errorOf(() => loadCorpus(path.join(dir, 'de.txt'))).message).toMatch(/de\.txt: cannot decode: invalid UTF-8 at line 1/);
    expect(errorOf(() => loadCorpus(path.join(dir, 'bin.txt'))).message).toMatch(/bin\.txt: cannot decode: a NUL byte/);
    expect(errorOf(() => loadCorpus(path.join(dir, 'de.txt'), { encoding: 'utf-8' })).message).toMatch(/de\.txt: not valid UTF-8.*line 1/);
    expect(errorOf(() => loadCorpus(path.join(dir, 'de.txt'), { encoding: 'klingon' })).message).toMatch(/unknown encoding "klingon"/);
  });
});

describe('IdCheck: unique document ids in little memory', () => {
  it('passes distinct ids through its growth and names the first place of a repeat', () => {
    const ids = new IdCheck();
    // 5000 ids: the table doubles from 1024 slots several times, so every entry is placed anew
    for (let k = 0; k < 5000; k++) ids.check(`doc-${k}`, k < 2500 ? 'a.jsonl' : 'b.jsonl', k + 1);
    // ids of one length that differ in one byte, and Cyrillic ids that differ only in a letter's second byte (а D0 B0, б D0 B1)
    ids.check('doc-x', 'c.csv', 1);
    ids.check('док-а', 'c.csv', 2);
    ids.check('док-б', 'c.csv', 3);
    // doc-2600 was read from b.jsonl, line 2601
    expect(errorOf(() => ids.check('doc-2600', 'c.csv', 4)).message).toBe('c.csv:4: duplicate document id "doc-2600" (first read from b.jsonl:2601); give the files distinct names or ids');
    expect(errorOf(() => ids.check('док-б', 'd.csv', 9)).message).toMatch(/^d\.csv:9: duplicate document id "док-б" \(first read from c\.csv:3\)/);
    // a prefix of known ids ('doc-'), and a known id with a letter more (doc-4999 was read), are new
    ids.check('doc-', 'c.csv', 5);
    ids.check('doc-49999', 'c.csv', 6);
  });

  it('never takes two distinct ids with lone surrogates for one (JSON may escape a half of a pair: "\\ud800")', () => {
    const ids = new IdCheck();
    // UTF-8 has no bytes for a lone surrogate: an encoder writes U+FFFD (EF BF BD) for \ud800, for
    // \udc00 and for U+FFFD itself, so three distinct strings would share one byte key
    ids.check('a\ud800', 'x.jsonl', 1);
    ids.check('a\udc00', 'x.jsonl', 2);
    ids.check('a\ufffd', 'x.jsonl', 3);
    // a well-formed pair (U+10000, F0 90 80 80) next to its halves alone
    ids.check('\ud800\udc00', 'x.jsonl', 4);
    ids.check('\udc00\ud800', 'x.jsonl', 5);
    // the same ill-formed id twice is still a repeat, named with its first place (line 2)
    expect(errorOf(() => ids.check('a\udc00', 'y.jsonl', 7)).message).toMatch(/^y\.jsonl:7: duplicate document id "a\udc00" \(first read from x\.jsonl:2\)/);
    expect(errorOf(() => ids.check('a\ufffd', 'y.jsonl', 8)).message).toMatch(/first read from x\.jsonl:3\)/);
  });
});
