/**
 * Proper names (issue 23): a capitalised word inside a sentence that Az.js reads as a first name,
 * surname or patronymic (OpenCorpora's Name, Surn, Patr) is lemmatized as the name; the same
 * letters in lower case keep their own lemma. The sentences marked "real" are quoted from the
 * articles of data/news-sample (РИА Новости, Известия, 2017–2019).
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, countCorpus, dictionaryFromObject, dictionaryFromYaml, FormTable, frequencyList, keyness, kwic, loadCorpus, tableRows } from '../src';
import type { Cell } from '../src';
import { Tokenizer } from '../src/text/scan';
import { tempDir } from './helpers';

const lemmasOf = (text: string) => frequencyList(loadCorpus(path.join(tempDir({ 'a.txt': text }), 'a.txt'))).map((r) => r.word);

describe('a capitalised name inside a sentence lemmatizes to the name', () => {
  it('analyzes the capitalised key as a name when Az.js has a name parse, else as the word in lower case', () => {
    expect(analyze('Путина').lemma).toBe('путин'); // Surn
    expect(analyze('Путиным').lemma).toBe('путин');
    expect(analyze('Ивановича').lemma).toBe('иван'); // Patr
    expect(analyze('Навального').lemma).toBe('навальный');
    // no name parse: as in lower case
    expect(analyze('Запада')).toEqual(analyze('запада'));
    // the fishing season, in lower case, stays
    expect(analyze('путина').lemma).toBe('путина');
  });

  it('takes a first-name or place reading only when it is the likeliest: Азии is азия, not the rare name Ази', () => {
    // real (the bundled article): «Центральной Азии»; Az.js reads Азии as азия (Geox, 0.49) or the name Ази (0.30 in each of six cases)
    expect(analyze('Азии').lemma).toBe('азия');
    // lower case gave a guess; the capital finds the places (bundled article, news sample)
    expect(analyze('германии').lemma).not.toBe('германия');
    expect(analyze('Германии').lemma).toBe('германия');
    expect(analyze('Израиля').lemma).toBe('израиль');
    // Дмитрия: two parses as дмитрий against one as дмитрия, equally likely each
    expect(analyze('Дмитрия').lemma).toBe('дмитрий');
  });

  it('reads a real sentence: "Владимира Путина" gives владимир and путин, not путина', () => {
    // real (РИА Новости, 2019-08-10)
    const lemmas = lemmasOf('По указанию президента РФ Владимира Путина к тушению присоединились 10 самолетов.');
    expect(lemmas).toContain('путин');
    expect(lemmas).toContain('владимир');
    expect(lemmas).not.toContain('путина');
  });

  it('fixes a surname the guesser got wrong in lower case: "кисти Адольфа Гитлера" gives гитлер', () => {
    expect(analyze('гитлера').lemma).toBe('гитлерый'); // Az.js's guess from the ending, without the capital
    // real (Известия, 2017-11-25)
    expect(lemmasOf('Искусствоведы утверждают, что эта картина принадлежит кисти Адольфа Гитлера.')).toContain('гитлер');
  });

  it('keeps путина, the fishing season, in lower case, and a capital that only opens a sentence', () => {
    const lemmas = lemmasOf('На Камчатке началась лососевая путина.');
    expect(lemmas).toContain('путина');
    expect(lemmas).not.toContain('путин');
    // a sentence's first word is capitalised anyway: read as written in lower case
    expect(lemmasOf('Путина ждали рыбаки.')).toContain('путина');
  });

  it('counts a dictionary pattern on the lemma путин for the name and not for the season, in the streaming counter', async () => {
    const dir = tempDir({ 'a.txt': 'По указанию президента РФ Владимира Путина к тушению присоединились 10 самолетов.\n\nНа Камчатке началась лососевая путина.\n' });
    const dict = dictionaryFromObject({ путин: ['путин'] });
    const counts: number[] = [];
    await countCorpus([dir], dict, (rows) => {
      for (let r = 0; r < rows.rows; r++) counts.push(rows.data[r * rows.width + rows.width - 1]);
    }, { lemmaCache: false });
    expect(counts).toEqual([1, 0]);
  });

  it('lists путин once in keyness, whatever the case of its forms inside sentences', () => {
    const target = loadCorpus(path.join(tempDir({ 't.txt': 'Решение Путина поддержали. Встреча с Путиным прошла.\n' }), 't.txt'));
    const reference = loadCorpus(path.join(tempDir({ 'r.txt': 'Рыбаки ждут, когда начнётся путина.\n' }), 'r.txt'));
    const rows = keyness(target, reference, { by: 'lemma' });
    expect(rows.find((r) => r.word === 'путин')?.target_freq).toBe(2);
    // the name never counts as the season in the target
    expect(rows.find((r) => r.word === 'путина')?.target_freq ?? 0).toBe(0);
  });
});

describe('how the tokenizer keeps the capital', () => {
  it('gives a capitalised word inside a sentence the name variant of its form: same text, its own id and key', () => {
    const forms = new FormTable();
    const t = new Tokenizer(forms);
    const n = t.tokenizeText('Путина ждали. Встреча Путина и путина.');
    const ids = Array.from(t.ids.subarray(0, n));
    // Путина (opens a sentence), ждали, Встреча (opens a sentence), Путина (inside), и, путина
    expect(ids[0]).toBe(ids[5]);
    expect(ids[3]).not.toBe(ids[5]);
    expect(forms.text(ids[3])).toBe('путина');
    expect(forms.key(ids[3])).toBe('Путина');
    expect(forms.plain(ids[3])).toBe(ids[5]);
  });

  it('leaves paragraph repeats alone: case does not make two paragraphs differ', () => {
    const c = loadCorpus(path.join(tempDir({ 'a.txt': 'Встреча с Путиным прошла.\nвстреча с путиным прошла.\n' }), 'a.txt'), { paragraphs: 'lines' });
    expect(c.documents[0].paragraphs.map((p) => p.duplicateOf)).toEqual([null, 0]);
  });
});

// How a sentence-initial capital is decided (the tokenizer, src/text/scan.ts): the first word of a
// paragraph, and a word after ".", "!", "?" or "…", opens a sentence; its capital says nothing of
// a name, so it is read as written in lower case (the plain form, its own lemma). Only a
// capitalised word inside a sentence gets the name variant whose lemma is the name. So
// «Путина на Камчатке началась…» (sentence-initial) is путина, the fishing season, by form and by
// lemma; a sentence-initial surname («Путина поддержали…») is read the same way: at the start of a
// sentence the capital cannot tell the two apart.
describe('a dictionary pattern matched by form follows the name rule too', () => {
  // [сезон, президент] per paragraph, worked out word by word:
  const paragraphs = [
    // real (РИА Новости, 2019-08-10): «Путина» inside the sentence, read as the surname (lemma путин).
    // `путина` hits its letters only as the season's lemma, not the name's: taken back → [0, 1]
    'По указанию президента РФ Владимира Путина к тушению присоединились 10 самолетов.',
    // written for the test: «Путиным» inside; its letters are not `путина`; lemma путин → [0, 1]
    'Встреча с Путиным прошла в Кремле.',
    // written for the test: sentence-initial, the season (see above) → [1, 0]
    'Путина на Камчатке началась в июне.',
    // written for the test: lower case inside, the season → [1, 0]
    'На Камчатке началась лососевая путина.',
    // written for the test: both in one sentence — «путина» lower case, «Путина» capitalised inside → [1, 1]
    'Рыбаки говорят, что путина в этом году ранняя, а Путина ждут на открытии порта.',
  ];
  const expected = [[0, 1], [0, 1], [1, 0], [1, 0], [1, 1]];
  const dict = () => dictionaryFromObject({ сезон: ['путина'], президент: ['путин'] });
  const file = () => path.join(tempDir({ 'a.txt': paragraphs.join('\n\n') + '\n' }), 'a.txt');

  it('counts the season and the name apart in the streaming counter', async () => {
    const rows: Array<Record<string, Cell>> = [];
    await countCorpus([file()], dict(), (c) => rows.push(...tableRows(c, dict().categories.map((k) => k.name))), { lemmaCache: false });
    expect(rows.map((r) => [r.сезон, r.президент])).toEqual(expected);
  });

  it('lists in KWIC only the season for `путина`, and the name for `путин`, with the name\'s lemma', () => {
    const corpus = loadCorpus(file());
    // paragraphs 3, 4 and the lower-case word of 5
    const season = kwic(corpus, { pattern: 'путина' }, { lemmas: true });
    expect(season.map((r) => r.match)).toEqual(['Путина', 'путина', 'путина']);
    expect(season.every((r) => r.lemma === 'путина')).toBe(true);
    // paragraphs 1, 2 and the capitalised word of 5
    const name = kwic(corpus, { pattern: 'путин' }, { lemmas: true });
    expect(name.map((r) => r.match)).toEqual(['Путина', 'Путиным', 'Путина']);
    expect(name.map((r) => r.lemma)).toEqual(['путин', 'путин', 'путин']);
  });

  it('agrees with the frequency list and keyness, which read lemmas: 3 путина and 3 путин', () => {
    const corpus = loadCorpus(file());
    const freq = new Map(frequencyList(corpus).map((r) => [r.word, r.count]));
    expect([freq.get('путина'), freq.get('путин')]).toEqual([3, 3]);
    const reference = loadCorpus(path.join(tempDir({ 'r.txt': 'Рыбаки вышли в море.\n' }), 'r.txt'));
    const rows = keyness(corpus, reference, { by: 'lemma', minFreq: 1 });
    expect(rows.find((r) => r.word === 'путина')?.target_freq).toBe(3);
    expect(rows.find((r) => r.word === 'путин')?.target_freq).toBe(3);
  });

  it('keeps a form of the name written out, and a pattern with `case: capitalized` meant for the capital', () => {
    const corpus = loadCorpus(file());
    // `путиным` is the glob of neither lemma (путина, путин): a written-out form of the name counts (paragraph 2)
    expect(kwic(corpus, { pattern: 'путиным' }).map((r) => r.paragraph)).toEqual([1]);
    // `case: capitalized` asks for the capitalised word inside a sentence: «Путина» of paragraphs 1 and 5
    // (paragraph 3's sentence-initial «Путина» says nothing by its case, see above)
    const capital = dictionaryFromYaml('фамилия:\n  - match: путина\n    case: capitalized\n');
    const rows = kwic(corpus, { dictionary: capital, category: 'фамилия' });
    expect(rows.map((r) => [r.paragraph, r.match])).toEqual([[0, 'Путина'], [4, 'Путина']]);
  });
});
