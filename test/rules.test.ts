import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countFiles, countFrameRows, dictionaryFromObject, dictionaryFromYaml, FrameMatcher, frameMatches, kwic, loadCorpus, loadDictionary } from '../src';
import type { Dictionary } from '../src';
import { runContext, runContextOfBytes, splitSentences } from '../src';
import { Tokenizer } from '../src/text/scan';
import { CLI, errorOf, memoryCorpus, ROOT, tempDir } from './helpers';

// Every expected number below is counted by hand from the sentences next to it: each sentence is
// real news Russian, and the comment says which word a rule lets through or stops, and why.

/** Per paragraph, the count of the dictionary's first category (library path: countFrameRows). */
function counted(dict: Dictionary, ...paragraphs: string[]): number[] {
  const table = countFrameRows(memoryCorpus(paragraphs), dict);
  const name = dict.categories[0].name;
  return table.rows.map((r) => Number(r[name]));
}

/** The matched words (as written) and, for stopped ones, the rule, through kwic with `blocked`. */
function hits(dict: Dictionary, ...paragraphs: string[]): Array<[string, string]> {
  const rows = kwic(memoryCorpus(paragraphs), { category: dict.categories[0].name, dictionary: dict }, { window: 0, blocked: true });
  return rows.map((r) => [r.match, r.blocked ?? '']);
}

describe('rules: case', () => {
  const capital = dictionaryFromYaml('запад:\n  - match: запад*\n    case: capitalized\n');
  const initialToo = dictionaryFromYaml('запад:\n  - match: запад*\n    case: capitalized\n    sentence_initial: true\n');

  it('counts the political Запад written with a capital, not the side of the world', () => {
    // «Коллективный Запад» mid-sentence: capital → 1; «с запада» lower case → 0; «ЗАПАД» all caps mid-sentence → 1
    expect(counted(capital, 'Коллективный Запад вводит новые санкции.', 'Холодный ветер дул с запада.', 'В заголовке стояло: ЗАПАД ОТСТУПАЕТ.')).toEqual([1, 0, 1]);
  });

  it('a sentence-initial word says nothing by its capital: counted only with sentence_initial: true', () => {
    // «Запад вводит санкции» opens the sentence; «Западный ветер» too (and it is not the West at all)
    expect(counted(capital, 'Запад вводит санкции против России.')).toEqual([0]);
    expect(counted(initialToo, 'Запад вводит санкции против России.')).toEqual([1]);
    // second sentence: «Затем Запад …»: Запад is not sentence-initial, «Запад» of the first sentence is
    expect(counted(capital, 'Запад молчал. Затем Запад ответил санкциями.')).toEqual([1]);
    expect(hits(capital, 'Запад молчал. Затем Запад ответил санкциями.')).toEqual([
      ['Запад', 'case capitalized: sentence-initial, its case says nothing (line 2)'],
      ['Запад', ''],
    ]);
  });

  it('case: lower keeps the side of the world', () => {
    const lower = dictionaryFromYaml('сторона:\n  - match: запад*\n    case: lower\n');
    // «с запада» → 1; «Коллективный Запад» → 0
    expect(counted(lower, 'Холодный ветер дул с запада.', 'Коллективный Запад вводит новые санкции.')).toEqual([1, 0]);
  });
});

describe('rules: not', () => {
  it('preceded_by: «на западе Украины» is a place, «позиции Запада» the West', () => {
    const d = dictionaryFromYaml('запад:\n  - match: запад*\n    not:\n      preceded_by: [на, с, к, по]\n');
    // на западе → stopped; Запада after «Позиции» → counted; «и западе» (на is 3 words before) → counted with within 1
    expect(counted(d, 'На западе Украины прошли учения.', 'Позиции Запада ослабли.', 'Учения прошли на севере и западе страны.')).toEqual([0, 1, 1]);
    const wide = dictionaryFromYaml('запад:\n  - match: запад*\n    not:\n      preceded_by: [на, с, к, по]\n      within: 3\n');
    // within 3: «на севере и западе»: на is the 3rd word before западе → stopped
    expect(counted(wide, 'Учения прошли на севере и западе страны.')).toEqual([0]);
  });

  it('a window never crosses a sentence end', () => {
    const d = dictionaryFromYaml('запад:\n  - match: запад*\n    not:\n      preceded_by: [на]\n      within: 2\n');
    // «на это. Запад»: на is 2 words before Запад but in the sentence before → counted
    expect(counted(d, 'Москва ответила на это. Запад промолчал.')).toEqual([1]);
    // «на далёкий запад»: на 2 words before, same sentence → stopped
    expect(counted(d, 'Переселенцы двинулись на далёкий запад.')).toEqual([0]);
  });

  it('followed_by within 2 stops «Западного военного округа»; a multi-word context pattern too', () => {
    const d = dictionaryFromYaml('запад:\n  - match: запад*\n    not:\n      - followed_by: [округ*]\n        within: 2\n');
    // Западного → военного (1) → округа (2): stopped; «Страны Запада обсудили» → counted
    expect(counted(d, 'Командующий войсками Западного военного округа провёл учения.', 'Страны Запада обсудили санкции.')).toEqual([0, 1]);
    const phrase = dictionaryFromYaml('запад:\n  - match: запад*\n    not:\n      followed_by: ["военн* округ*"]\n');
    // the two-word context pattern must start right after the match (within 1)
    expect(counted(phrase, 'Командующий войсками Западного военного округа провёл учения.', 'Западные санкции и военные округа.')).toEqual([0, 1]);
  });

  it('in_sentence: «Украины» anywhere in the same sentence, not in the next one', () => {
    const d = dictionaryFromYaml('запад:\n  - match: запад*\n    not:\n      in_sentence: [украин*]\n');
    // «на западе Украины» → stopped; «Запад обсуждает санкции. Украина ждёт.»: Украина in the next sentence → counted
    expect(counted(d, 'Бои идут на западе Украины.', 'Коллективный Запад обсуждает санкции. Украина ждёт решения.')).toEqual([0, 1]);
  });

  it('ANY condition of not stops the match; kwic names the one that did, with its line', () => {
    const yaml = [
      'запад:', //                              1
      '  - match: запад*', //                   2
      '    not:', //                            3
      '      - preceded_by: [на]', //           4
      '      - followed_by: [округ*]', //       5
      '        within: 2', //                   6
      '    note: Запад как субъект политики', // 7
    ].join('\n');
    const d = dictionaryFromYaml(yaml);
    expect(hits(d, 'На западе страны и в Западном военном округе прошли учения, а Запад промолчал.')).toEqual([
      ['западе', 'not preceded_by на (1) (line 4)'],
      ['Западном', 'not followed_by округ* (2) (line 5)'],
      ['Запад', ''],
    ]);
    const [counted1] = kwic(memoryCorpus(['Запад промолчал.']), { category: 'запад', dictionary: d });
    expect(counted1.rule).toBe('line 2: not preceded_by на (1); not followed_by округ* (2) — Запад как субъект политики');
    expect(counted1.blocked).toBeUndefined();
  });
});

describe('rules: near', () => {
  const fund = dictionaryFromYaml('нко:\n  - match: фонд*\n    near:\n      - any: [нко, некоммерческ*, благотворительн*]\n        within: 5\n');

  it('counts «фонд» only near a word of the NGO world', () => {
    // благотворительный is 1 word before фонд → counted; «Пенсионный фонд повысил выплаты» has none → 0
    expect(counted(fund, 'Благотворительный фонд помогает детям региона.', 'Пенсионный фонд повысил выплаты пенсионерам.')).toEqual([1, 0]);
  });

  it('within 5 words versus within: sentence', () => {
    // Фонд(0) созданный(1) в(2) прошлом(3) году(4) при(5) поддержке(6) крупных(7) доноров(8) поддерживает(9) НКО(10): 10 words apart
    const text = 'Фонд, созданный в прошлом году при поддержке крупных доноров, поддерживает НКО.';
    expect(counted(fund, text)).toEqual([0]);
    const sentence = dictionaryFromYaml('нко:\n  - match: фонд*\n    near:\n      any: [нко]\n');
    expect(counted(sentence, text)).toEqual([1]);
    // НКО in the next sentence: not near
    expect(counted(sentence, 'Фонд объявил конкурс. НКО могут подать заявки.')).toEqual([0]);
  });

  it('ALL conditions of near must hold', () => {
    const both = dictionaryFromYaml('нко:\n  - match: фонд*\n    near:\n      - any: [благотворительн*]\n        within: 2\n      - any: [грант*]\n');
    // the first has both (благотворительный right before, гранты in the sentence); the second has no грант*
    expect(counted(both, 'Благотворительный фонд раздал гранты.', 'Благотворительный фонд помог детям.')).toEqual([1, 0]);
  });
});

describe('rules: pos and parts', () => {
  it('pos: [NOUN] separates Запад the noun from западные the adjective', () => {
    const d = dictionaryFromYaml('запад:\n  - match: запад*\n    pos: [NOUN]\n');
    // Az.js: западные ADJF, Запад NOUN → 1; «западные правительства» → 0
    expect(counted(d, 'Западные страны ввели санкции, а Запад в целом их поддержал.', 'Санкции поддержали западные правительства.')).toEqual([1, 0]);
  });

  it('pos: демократы (NOUN) are people, «Либерально-демократической партии» (ADJF) a party name', () => {
    const d = dictionaryFromYaml('демократы:\n  - match: демократ*\n    pos: [NOUN]\n');
    expect(counted(d, 'Демократы получили большинство в палате представителей.', 'Лидер Либерально-демократической партии выступил в Думе.')).toEqual([1, 0]);
  });

  it('parts: false — «юго-западнее» matches запад* only by its part западнее', () => {
    const plain = dictionaryFromYaml('запад: [запад*]\n');
    const whole = dictionaryFromYaml('запад:\n  - match: запад*\n    parts: false\n');
    const text = 'Войска отошли юго-западнее Харькова.';
    expect(counted(plain, text)).toEqual([1]);
    expect(counted(whole, text)).toEqual([0]);
  });
});

describe('rules in a category', () => {
  it('a match a rule stops claims no word: a plain pattern of the category may count it', () => {
    const d = dictionaryFromYaml('запад:\n  - match: запад*\n    case: capitalized\n  - западн* санкци*\n');
    // «западные санкции»: запад* stopped (lower case), the phrase counts once; kwic lists no stopped hit there
    expect(counted(d, 'Против России ввели западные санкции.')).toEqual([1]);
    expect(hits(d, 'Против России ввели западные санкции.')).toEqual([['западные санкции', '']]);
  });

  it('the same pattern plain and with rules: the plain one counts every match, and reading says so', () => {
    const d = dictionaryFromYaml('запад:\n  - запад*\n  - match: запад*\n    case: capitalized\n');
    expect(counted(d, 'Холодный ветер дул с запада.')).toEqual([1]);
    expect(d.notes).toContainEqual(expect.stringMatching(/dictionary:3: the rule on "запад\*" .* changes nothing: the same pattern is listed without rules on line 2/));
  });

  it('a multi-word pattern with rules: preceded_by is measured from its first word', () => {
    const d = dictionaryFromYaml('санкции:\n  - match: "западн* санкци*"\n    not:\n      preceded_by: [против]\n');
    // «против западных санкций» → stopped; «ввели западные санкции» → 1
    expect(counted(d, 'Москва выступила против западных санкций.', 'Против России ввели западные санкции.')).toEqual([0, 1]);
  });

  it('JSON and a notebook object take the same rules', () => {
    const rule = { match: 'запад*', not: [{ preceded_by: ['на'] }] };
    const d = dictionaryFromObject({ запад: ['сша', rule] });
    // «на западе» stopped, США counted → 1
    expect(counted(d, 'На западе и в США.')).toEqual([1]);
    const dir = tempDir({ 'd.json': JSON.stringify({ запад: ['сша', rule] }, null, 2) });
    expect(counted(loadDictionary(path.join(dir, 'd.json')), 'На западе и в США.')).toEqual([1]);
  });

  it('FrameMatcher.matchText reads case and sentences from text; count() of folded words reads them as lower case', () => {
    const d = dictionaryFromYaml('запад:\n  - match: запад*\n    case: capitalized\n');
    const m = new FrameMatcher(d);
    expect(m.matchText('Позиции Запада ослабли.').counts).toEqual([1]);
    expect(m.count(['позиции', 'запада', 'ослабли']).counts).toEqual([0]);
  });

  it('frameMatches marks the rule of a counted match and lists stopped ones only when asked', () => {
    const d = dictionaryFromYaml('запад:\n  - match: запад*\n    not:\n      preceded_by: [на]\n');
    const corpus = memoryCorpus(['На западе страны и в странах Запада.']);
    expect(frameMatches(corpus, d).map((m) => m.form)).toEqual(['запада']);
    expect(frameMatches(corpus, d, { blocked: true }).map((m) => [m.form, m.blocked ?? ''])).toEqual([
      ['западе', 'not preceded_by на (1) (line 4)'],
      ['запада', ''],
    ]);
  });
});

describe('rule errors name the file and line', () => {
  const bad = (yaml: string) => {
    const dir = tempDir({ 'd.yaml': yaml });
    return errorOf(() => loadDictionary(path.join(dir, 'd.yaml'))).message.replace(/^.*d\.yaml/, 'd.yaml');
  };
  it.each([
    ['запад:\n  - match: запад*\n    nott: {preceded_by: [на]}\n', /^d\.yaml:3: unknown key "nott" in a rule/],
    ['запад:\n  - match: запад*\n    not:\n      preceded_by: [на]\n      within: 0\n', /^d\.yaml:5: "within:" must be a positive whole number of words or "sentence", not 0/],
    ['запад:\n  - match: запад*\n    not:\n      preceded_by: [на]\n      within: рядом\n', /^d\.yaml:5: "within:" must be .* not "рядом"/],
    ['запад:\n  - match: запад*\n    not:\n      preceded_by: []\n', /^d\.yaml:4: "preceded_by:" is empty/],
    ['запад:\n  - match: запад*\n    not: []\n', /^d\.yaml:3: "not:" is empty/],
    ['запад:\n  - match: запад*\n    case: upper\n', /^d\.yaml:3: unknown case "upper": use capitalized, lower or any/],
    ['запад:\n  - match: запад*\n    pos: [NOUN, NOUNS]\n', /^d\.yaml:3: unknown part of speech "NOUNS"/],
    ['запад:\n  - not: {preceded_by: [на]}\n', /^d\.yaml:2: a rule needs a "match:" key/],
    ['запад:\n  - match: запад*\n    not:\n      near_to: [на]\n', /^d\.yaml:4: unknown key "near_to" in "not:"/],
    ['запад:\n  - match: запад*\n    near:\n      any: [нко]\n      within: 2.5\n', /^d\.yaml:5: "within:" must be a positive whole number of words, "sentence" or "paragraph", not 2.5/],
    ['запад:\n  - match: запад*\n    not:\n      in_sentence: [украин*]\n      within: 3\n', /^d\.yaml:5: "in_sentence:" takes no "within:"/],
    ['запад:\n  - match: "запад."\n', /^d\.yaml:2: invalid pattern "запад\."/],
  ])('%#', (yaml, message) => {
    expect(bad(yaml)).toMatch(message);
  });
});

describe('rules through the command line and worker threads', () => {
  const yaml = [
    'запад:',
    '  - сша',
    '  - match: запад*',
    '    not:',
    '      - preceded_by: [на, с, к, по, юго-запад*]',
    '      - followed_by: [округ*]',
    '        within: 2',
    '    case: capitalized',
    '    note: Запад как субъект политики',
    'нко:',
    '  - match: фонд*',
    '    near:',
    '      - any: [нко, благотворительн*]',
    '        within: 5',
    '    pos: [NOUN]',
  ].join('\n');
  // one document, hand-counted:
  //   «Коллективный Запад и США вводят санкции.»  запад: Запад (capital, mid-sentence) + США = 2
  //   «На западе Украины и в Западном военном округе прошли учения.»  запад: на западе (preceded_by), Западном (followed_by округе) = 0
  //   «Благотворительный фонд помогает НКО. Пенсионный фонд платит пенсии.»  нко: the first фонд (благотворительный
  //     1 word before, НКО 2 after) = 1; the second фонд has НКО 3 words before it, but in the sentence before = 0
  const text = [
    'Коллективный Запад и США вводят санкции.',
    'На западе Украины и в Западном военном округе прошли учения.',
    'Благотворительный фонд помогает НКО. Пенсионный фонд платит пенсии.',
  ].join('\n');

  it('count with --jobs 1 and --jobs 2 gives the hand counts, per paragraph, over many batches', async () => {
    const copies = 900; // ~1 MB: four batches of 256 KiB, so that a worker thread counts some
    const lines = Array.from({ length: copies }, (_, i) => JSON.stringify({ id: `d${i}`, text }));
    const dir = tempDir({ 'd.yaml': yaml, 'c.jsonl': lines.join('\n') + '\n' });
    const dict = loadDictionary(path.join(dir, 'd.yaml'));
    const perParagraph = [
      [2, 0],
      [0, 0],
      [0, 1],
    ];
    for (const jobs of [1, 2]) {
      const { table, summary } = await countFiles(path.join(dir, 'c.jsonl'), dict, { jobs, lemmaCache: false });
      expect(summary.jobs).toBe(jobs);
      expect(table.rows.length).toBe(3 * copies);
      table.rows.forEach((r, k) => expect([r['запад'], r['нко']], `jobs ${jobs}, row ${k}`).toEqual(perParagraph[k % 3]));
    }
    const r = spawnSync(process.execPath, [CLI, 'count', path.join(dir, 'c.jsonl'), '--dict', path.join(dir, 'd.yaml'), '--jobs', '2', '--format', 'csv'], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(1).map((l) => l.split(',').slice(-2).map(Number));
    expect(rows.slice(0, 3)).toEqual(perParagraph);
    expect(rows.reduce((s, x) => s + x[0] + x[1], 0)).toBe(3 * copies);
  });

  it('kwic marks the rule that let a hit through; --blocked lists the stopped ones with rule and line', () => {
    const dir = tempDir({ 'd.yaml': yaml, 'c.txt': text });
    const run = (...extra: string[]) =>
      spawnSync(process.execPath, [CLI, 'kwic', path.join(dir, 'c.txt'), '--dict', path.join(dir, 'd.yaml'), '--category', 'запад', '--format', 'json', ...extra], { encoding: 'utf8', cwd: ROOT });
    const plain = run();
    expect(plain.status).toBe(0);
    const rows = JSON.parse(plain.stdout) as Array<Record<string, string>>;
    expect(rows.map((x) => [x.match, x.rule])).toEqual([
      ['Запад', 'line 3: case capitalized; not preceded_by на, с, к, по, юго-запад* (1); not followed_by округ* (2) — Запад как субъект политики'],
      ['США', ''],
    ]);
    const blocked = run('--blocked');
    expect(blocked.status).toBe(0);
    expect((JSON.parse(blocked.stdout) as Array<Record<string, string>>).map((x) => [x.match, x.blocked])).toEqual([
      ['Запад', ''],
      ['США', ''],
      ['западе', 'not preceded_by на, с, к, по, юго-запад* (1) (line 5)'],
      ['Западном', 'not followed_by округ* (2) (line 6)'],
    ]);
    expect(blocked.stderr).toMatch(/2 match\(es\), 2 stopped by a rule/);
  });

  it('a bad rule is a one-line error with the file and line, and no output', () => {
    const dir = tempDir({ 'd.yaml': 'запад:\n  - match: запад*\n    case: Capital\n', 'c.txt': text });
    const r = spawnSync(process.execPath, [CLI, 'count', path.join(dir, 'c.txt'), '--dict', path.join(dir, 'd.yaml')], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/d\.yaml:3: unknown case "Capital"/);
  });
});

describe('one answer on every path', () => {
  it('the engine (bytes) and the in-memory count agree on the news sample with broad rules, for both paragraph cuttings', async () => {
    // rules that fire everywhere: every case, preceded_by, near; the engine reads sentences and case from bytes, the in-memory path from text
    const dict = dictionaryFromYaml(
      ['x:', '  - match: "*и*"', '    case: capitalized', '  - match: "?*а"', '    not: {preceded_by: [в, на]}', '    case: lower', 'y:', '  - match: "*о*"', '    near: {any: ["*е"], within: 2}'].join('\n'),
    );
    const sample = path.join(ROOT, 'data', 'news-sample');
    for (const paragraphs of [undefined, 'pattern:(?<=[\\p{Ll}\\d.!?…»")])n+(?=[\\p{Lu}«"—–])']) {
      const options = paragraphs ? { paragraphs } : {};
      const memory = countFrameRows(loadCorpus(sample, options), dict);
      const { table } = await countFiles(sample, dict, { ...options, jobs: 1, lemmaCache: false });
      expect(table.rows.map((r) => [r.x, r.y])).toEqual(memory.rows.map((r) => [r.x, r.y]));
      // the rules did something: fewer than the same patterns without rules
      const plain = countFrameRows(loadCorpus(sample, options), dictionaryFromObject({ x: ['*и*', '?*а'], y: ['*о*'] }));
      const total = (rows: Array<Record<string, unknown>>) => rows.reduce((s, r) => s + Number(r.x) + Number(r.y), 0);
      expect(total(memory.rows)).toBeLessThan(total(plain.rows));
      expect(total(memory.rows)).toBeGreaterThan(0);
    }
  });
});

describe('paragraphs of several lines', () => {
  it('a sentence runs across the lines of a paragraph, in the engine and in memory', async () => {
    const text = [
      'Коллективный Запад вводит',
      'санкции. Запад',
      'молчит, а на западе',
      'Украины идут бои. Т.н. Запад',
      'ответил.',
      '',
      'Е. Жовтис',
      'сказал: «Запад',
      'ошибается». Западный военный',
      'округ провёл учения.',
    ].join('\n');
    const yaml = 'запад:\n  - match: запад*\n    not:\n      - preceded_by: [на]\n      - followed_by: [округ*]\n        within: 2\n    case: capitalized\n';
    const dir = tempDir({ 'd.yaml': yaml, 'c.txt': text });
    const dict = loadDictionary(path.join(dir, 'd.yaml'));
    // paragraph 1: «Коллективный Запад» counts; «санкции. Запад» opens a sentence (across the line end): stopped;
    //   «на западе» stopped; «Т.н. Запад»: the abbreviation's dot ends no sentence, so Запад counts → 2
    // paragraph 2: «Е. Жовтис» is one sentence (an initial); ««Запад» mid-sentence counts; «Западный военный округ»
    //   opens a sentence and is followed by округ within 2: stopped → 1
    const memory = countFrameRows(loadCorpus(path.join(dir, 'c.txt'), { paragraphs: 'blank' }), dict);
    const { table } = await countFiles(path.join(dir, 'c.txt'), dict, { paragraphs: 'blank', jobs: 1, lemmaCache: false });
    expect(memory.rows.map((r) => r['запад'])).toEqual([2, 1]);
    expect(table.rows.map((r) => r['запад'])).toEqual([2, 1]);
  });
});

describe('plain dictionaries are unchanged', () => {
  it('a quanteda YAML dictionary reads without rules and caches as before', () => {
    const dir = tempDir({ 'd.yaml': 'гранты: [грант*, "иностранн* грант*"]\nкоррупция:\n  - коррупц*\n' });
    const d = loadDictionary(path.join(dir, 'd.yaml'));
    expect(d.categories.map((c) => [c.name, c.patterns, 'rules' in c])).toEqual([
      ['гранты', ['грант*', 'иностранн* грант*'], false],
      ['коррупция', ['коррупц*'], false],
    ]);
    const corpus = loadCorpus(path.join(ROOT, 'data', 'ngo-grants-dialogue-2025.ru.txt'));
    expect(new FrameMatcher(d).hasRules).toBe(false);
    expect(countFrameRows(corpus, d).rows.length).toBeGreaterThan(0);
  });

  it('the parsed-dictionary cache carries the rules', () => {
    const dir = tempDir({ 'd.yaml': 'запад:\n  - match: запад*\n    case: capitalized\n' });
    const cache = tempDir();
    const saved = [process.env.FRAMELAB_CACHE_DIR, process.env.FRAMELAB_CACHE];
    process.env.FRAMELAB_CACHE_DIR = cache;
    delete process.env.FRAMELAB_CACHE;
    try {
      const file = path.join(dir, 'd.yaml');
      const first = loadDictionary(file);
      const entries = fs.readdirSync(cache).filter((f) => f.startsWith('dictionary-'));
      expect(entries).toHaveLength(1);
      // the cache entry holds the rule, and reading it back gives the same categories
      expect(JSON.parse(fs.readFileSync(path.join(cache, entries[0]), 'utf8')).categories[0].rules[0].case).toBe('capitalized');
      const again = loadDictionary(file);
      expect(again.categories).toEqual(first.categories);
      expect(again.categories[0].rules?.[0]?.case).toBe('capitalized');
    } finally {
      if (saved[0] === undefined) delete process.env.FRAMELAB_CACHE_DIR;
      else process.env.FRAMELAB_CACHE_DIR = saved[0];
      if (saved[1] !== undefined) process.env.FRAMELAB_CACHE = saved[1];
    }
  });
});

describe('sentences and case for rules', () => {
  /** The context as the counting engine reads it: from bytes, the paragraph's lines as segments. */
  function fromBytes(text: string): { sentence: number[]; shape: number[] } {
    const bytes = new TextEncoder().encode(text);
    const t = new Tokenizer();
    const segments: number[] = [];
    let at = 0;
    for (const line of text.split('\n')) {
      const len = new TextEncoder().encode(line).length;
      segments.push(at, at + len);
      at += len + 1;
    }
    t.n = 0;
    t.startKey();
    for (let k = 0; k < segments.length; k += 2) t.scan(bytes, segments[k], segments[k + 1]);
    const c = runContextOfBytes(bytes, t.starts, t.ends, 0, t.n, segments);
    return { sentence: Array.from(c.sentence), shape: Array.from(c.shape) };
  }
  /** The context from text (the in-memory path), lines joined by a space as a paragraph's text joins them. */
  function fromText(text: string): { sentence: number[]; shape: number[] } {
    const joined = text.replace(/\n/g, ' ');
    const t = new Tokenizer();
    const n = t.tokenizeText(joined);
    const c = runContext(joined, t.starts, t.ends, 0, n);
    // sentence numbers compared as "same sentence as the word before": the splitter may number a sentence without words
    return { sentence: Array.from(c.sentence), shape: Array.from(c.shape) };
  }
  const boundaries = (s: number[]) => s.map((x, k) => (k > 0 && x !== s[k - 1] ? 1 : 0));

  it('a hand-read paragraph: sentences, capitals, all caps, initials and abbreviations', () => {
    const text = 'Е. Жовтис, т.н. «правозащитник», ответил: НЕТ. Запад молчит?! «Да», — сказал он. И т.д.) Потом…';
    // words: Е Жовтис т.н. правозащитник ответил НЕТ | Запад молчит | Да сказал он | И т.д. | Потом
    const c = fromBytes(text);
    expect(boundaries(c.sentence)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1]);
    // shape bits: 1 capitalized, 2 all caps, 4 sentence-initial
    expect(c.shape).toEqual([5, 1, 0, 0, 0, 3, 5, 0, 5, 0, 0, 5, 0, 5]);
    expect(splitSentences(text)).toHaveLength(5);
    expect(fromText(text)).toEqual(c);
  });

  it('with `only`, case is read at the marked words alone and the sentences stay as they were', () => {
    const text = 'Запад молчит. НАТО, США и ЕС ждут.';
    // words: Запад молчит | НАТО США и ЕС ждут; the forms of «Запад» and «США» are marked
    const bytes = new TextEncoder().encode(text);
    const t = new Tokenizer();
    t.n = 0;
    t.startKey();
    t.scan(bytes, 0, bytes.length);
    const ruled = new Uint8Array(t.forms.size);
    ruled[t.ids[0]] = 1;
    ruled[t.ids[3]] = 1;
    const all = runContextOfBytes(bytes, t.starts, t.ends, 0, t.n, [0, bytes.length]);
    const some = runContextOfBytes(bytes, t.starts, t.ends, 0, t.n, [0, bytes.length], { ids: t.ids, ruled });
    expect(Array.from(some.sentence)).toEqual([0, 0, 1, 1, 1, 1, 1]);
    expect(Array.from(some.sentence)).toEqual(Array.from(all.sentence));
    // shape bits: 1 capitalized, 2 all caps, 4 sentence-initial; without `only` НАТО and ЕС are all caps too
    expect(Array.from(all.shape)).toEqual([5, 0, 7, 3, 0, 3, 0]);
    expect(Array.from(some.shape)).toEqual([5, 0, 4, 3, 0, 0, 0]);
  });

  it('the engine (bytes) and the in-memory path (text) agree on every paragraph of the news sample and the article', () => {
    const corpus = loadCorpus([path.join(ROOT, 'data', 'news-sample'), path.join(ROOT, 'data', 'ngo-grants-dialogue-2025.ru.txt')]);
    let paragraphs = 0;
    let sentences = 0;
    for (const d of corpus.documents) {
      for (const p of d.paragraphs) {
        const a = fromBytes(p.text);
        const b = fromText(p.text);
        expect(boundaries(a.sentence), p.text).toEqual(boundaries(b.sentence));
        expect(a.shape, p.text).toEqual(b.shape);
        paragraphs++;
        sentences += a.sentence.length ? a.sentence[a.sentence.length - 1] + 1 : 0;
      }
    }
    expect(paragraphs).toBeGreaterThan(100);
    expect(sentences).toBeGreaterThan(paragraphs);
  });
});

describe('the engine (bytes) counts rules as the in-memory path (text) does, on random paragraphs', () => {
  // The engine reads sentences and case from the file's bytes, skipping gaps without a stop and
  // reading case only at words that may start a pattern with rules; the in-memory path reads them
  // from the paragraph's text, every gap and every word: the reference. Each rule below turns on
  // a sentence end or on case, so a sentence missed in a gap (a `!`, `?`, `…`, a dotted
  // abbreviation before a line join) or a case left unread changes a count.
  const dict = dictionaryFromObject({
    запад: [{ match: 'запад*', case: 'capitalized' }, { match: 'запад* санкци*', case: 'lower', sentence_initial: true }],
    нко: [{ match: 'нко', not: [{ in_sentence: ['фонд*'] }] }, { match: 'фонд*', near: [{ any: ['сша'], within: 'sentence' }] }],
    на: [{ match: 'на', not: [{ preceded_by: ['т.н.'], within: 2 }], case: 'lower' }, { match: 'сша', case: 'capitalized', sentence_initial: true }],
  });
  const WORDS = ['запад', 'Запад', 'ЗАПАД', 'западные', 'Западные', 'санкции', 'на', 'На', 'НКО', 'нко', 'фонд', 'Фонды', 'США', 'т.н.', 'Е.', 'и', '2008'];
  // what may stand between two words: a line break joins two lines of one paragraph
  const GAPS = [' ', ' ', ' ', ', ', '. ', '! ', '? ', '… ', '?! ', '... ', ' — ', '.\n', '\n', '!\n', ' «', '» ', '. «', '?» ', ') ', ': ', ' – ', '…\n'];

  it('on 600 seeded paragraphs of words, stops, quotes, dashes and line breaks', async () => {
    let seed = 20251205;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0), seed / 4294967296);
    const pick = <T,>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
    const paragraphs: string[] = [];
    for (let p = 0; p < 600; p++) {
      let text = pick(WORDS);
      for (let n = 1 + Math.floor(rnd() * 14); n > 0; n--) text += pick(GAPS) + pick(WORDS);
      paragraphs.push(text + pick(['', '.', '!']));
    }
    const dir = tempDir({ 'corpus.txt': paragraphs.join('\n\n') + '\n' });
    const { table } = await countFiles(path.join(dir, 'corpus.txt'), dict, { paragraphs: 'blank', jobs: 1 });
    // the in-memory paragraph is its lines joined by a space, as the engine joins them
    const reference = countFrameRows(memoryCorpus(paragraphs.map((t) => t.replace(/\n/g, ' '))), dict);
    const names = dict.categories.map((c) => c.name);
    const row = (r: Record<string, unknown>) => [r.tokens, r.matched, ...names.map((c) => r[c])];
    expect(table.rows.length).toBe(600);
    expect(table.rows.map(row)).toEqual(reference.rows.map(row));
    // the rules do turn: some matches are counted, and some are stopped (else the check says nothing)
    const total = (rows: Array<Record<string, unknown>>) => rows.reduce((s, r) => s + names.reduce((t, c) => t + Number(r[c]), 0), 0);
    expect(total(reference.rows)).toBeGreaterThan(100);
    const blocked = frameMatches(memoryCorpus(paragraphs.map((t) => t.replace(/\n/g, ' '))), dict, { blocked: true }).filter((m) => m.blocked);
    expect(blocked.length).toBeGreaterThan(100);
  });
});

describe('rules in a big dictionary', () => {
  it('keep what a one-word condition names in lists per word, not in an array over every word per condition', () => {
    // 3,000 patterns, each `not preceded_by` a word of its own: 6,000 globs. A mark per glob for
    // each condition took 3,000 × 6,000 bytes = 18 MB of array buffers; lists per glob take a few
    // numbers each. The matcher's other typed arrays are sized per form (1,024 to start) and per
    // glob or category: well under 5 MB together.
    const entries = Object.fromEntries(Array.from({ length: 3000 }, (_, k) => [`к${k}`, [{ match: `слово${k}`, not: [{ preceded_by: [`не${k}`] }] }]]));
    const dict = dictionaryFromObject(entries as Parameters<typeof dictionaryFromObject>[0]);
    const before = process.memoryUsage().arrayBuffers;
    const m = new FrameMatcher(dict);
    const grew = process.memoryUsage().arrayBuffers - before;
    expect(grew).toBeLessThan(5 << 20);
    // and the rules still hold: «слово7» counts, «не7 слово7» does not, «не8 слово7» does
    expect(m.matchText('слово7 и не7 слово7, не8 слово7.').counts[7]).toBe(2);
  });
});
