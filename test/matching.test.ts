import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countFiles, countFrameRows, dictionaryFromObject, frameMatches, kwic, lexiconFrom, loadDictionary, loadLexicon, FrameMatcher } from '../src';
import { Lemmatizer } from '../src/text/lemmatizer';
import { ROOT, errorOf, memoryCorpus, tempDir } from './helpers';

/** Counts of each category in one text, by the in-memory path. */
function countsOf(dict: Record<string, unknown>, text: string): Record<string, number> {
  const d = dictionaryFromObject(dict);
  const row = countFrameRows(memoryCorpus([text]), d).rows[0];
  return Object.fromEntries(d.categories.map((c) => [c.name, row[c.name] as number]));
}

describe('hyphenated compounds match by their parts', () => {
  it('counts a compound by each part and each part\'s lemma (issue examples)', () => {
    // организаций-доноров: the part доноров matches донор*; the part организаций matches by its lemma организация
    expect(countsOf({ доноры: ['донор*'], организации: ['организация'] }, 'Фонды организаций-доноров ушли.')).toEqual({ доноры: 1, организации: 1 });
    // организациями-донорами: the exact pattern донор matches only the lemma of the part
    expect(countsOf({ доноры: ['донор'] }, 'Работа с организациями-донорами.')).toEqual({ доноры: 1 });
    expect(countsOf({ иноагенты: ['иноагент*'] }, 'Закон о СМИ-иноагентах принят.')).toEqual({ иноагенты: 1 });
  });

  it('counts a compound at most once per category, even when both parts match', () => {
    expect(countsOf({ деньги: ['донор*', 'спонсор*'] }, 'Все доноры-спонсоры пришли.')).toEqual({ деньги: 1 });
    // two categories, one part each: once in each
    expect(countsOf({ a: ['донор*'], b: ['спонсор*'] }, 'доноры-спонсоры')).toEqual({ a: 1, b: 1 });
  });

  it('shows the matched part in match listings and KWIC; the match is the whole token', () => {
    const corpus = memoryCorpus(['Закон о СМИ-иноагентах принят.']);
    const d = dictionaryFromObject({ иноагенты: ['иноагент'] });
    const [m] = frameMatches(corpus, d);
    expect(m.text).toBe('СМИ-иноагентах');
    expect(m.part).toBe('иноагент');
    expect(m.via).toBe('part-lemma');
    const [k] = kwic(corpus, { category: 'иноагенты', dictionary: d }, { window: 1, lemmas: true });
    expect([k.match, k.part, k.via]).toEqual(['СМИ-иноагентах', 'иноагент', 'part-lemma']);
  });

  it('gives the same counts through worker threads, which ask the main thread for the parts\' lemmas', async () => {
    // enough text for two batches, so that a worker counts one of them
    const line = (i: number) => JSON.stringify({ id: `d${i}`, text: `Работа с организациями-донорами ${i} и с СМИ-иноагентами, а также с фондами-грантодателями. ${'слово '.repeat(60)}` });
    const dir = tempDir({ 'c.jsonl': Array.from({ length: 1200 }, (_, i) => line(i)).join('\n') + '\n' });
    const d = dictionaryFromObject({ доноры: ['донор'], иноагенты: ['иноагент*'], гранты: ['грантодатель'] });
    const { table } = await countFiles([path.join(dir, 'c.jsonl')], d, { jobs: 2, lemmaCache: false });
    const sums = (name: string) => table.rows.reduce((s, r) => s + (r[name] as number), 0);
    // each document has one compound per category: 1200 each
    expect([sums('доноры'), sums('иноагенты'), sums('гранты')]).toEqual([1200, 1200, 1200]);
  });
});

describe("overlapping phrases follow quanteda's rule", () => {
  // quanteda (tokens_lookup): within a key, longer patterns are matched first over the whole text,
  // and a match that would reuse a word already matched for that key is dropped.
  it('"human rights of women" is one match, not two', () => {
    const dict = { rights: ['human rights', 'rights of women', 'women'] };
    expect(countsOf(dict, 'human rights of women')).toEqual({ rights: 1 });
    const [m] = frameMatches(memoryCorpus(['human rights of women']), dictionaryFromObject(dict));
    expect([m.pattern, m.text]).toEqual(['rights of women', 'rights of women']);
  });

  it('shorter matches still count where the longer one leaves words free', () => {
    // "women" at the end is free after "human rights" (the longer pattern does not match here)
    expect(countsOf({ rights: ['human rights', 'rights of women', 'women'] }, 'human rights and women')).toEqual({ rights: 2 });
  });

  it('within one length, left to right: "a a a" with "a a" is one match and one word left over', () => {
    expect(countsOf({ k: ['a a'] }, 'a a a')).toEqual({ k: 1 });
    expect(countsOf({ k: ['a a', 'a'] }, 'a a a')).toEqual({ k: 2 });
  });

  it('within one length, patterns are tried in dictionary order, also when the first word fits several of them', () => {
    // «западные» fits запад*, западн* and *: of the two patterns that match «западные страны»,
    // the one written first in the dictionary is the match
    const text = 'западные страны';
    const first = (dict: Record<string, string[]>) => frameMatches(memoryCorpus([text]), dictionaryFromObject(dict)).map((m) => m.pattern);
    expect(first({ k: ['западн* стран*', 'запад* стран*'] })).toEqual(['западн* стран*']);
    expect(first({ k: ['запад* стран*', 'западн* стран*'] })).toEqual(['запад* стран*']);
    expect(first({ k: ['* стран*', 'западн* стран*'] })).toEqual(['* стран*']);
    expect(first({ k: ['западн* стран*', '* стран*'] })).toEqual(['западн* стран*']);
  });

  it('dictionary order holds when an earlier category numbered the globs in another order', () => {
    // the walk finds a word's patterns through the globs it hits, which are numbered as the
    // dictionary first names them: here запад* (category «a») before западн*, so in «k» the
    // pattern of the later glob, written first, must still be tried first
    const text = 'западные страны';
    const first = (dict: Record<string, string[]>) =>
      frameMatches(memoryCorpus([text]), dictionaryFromObject(dict))
        .filter((m) => m.category === 'k')
        .map((m) => m.pattern);
    expect(first({ a: ['запад*'], k: ['западн* стран*', 'запад* стран*'] })).toEqual(['западн* стран*']);
    // стран* numbered before both: its place changes nothing
    expect(first({ a: ['стран*', 'запад*'], k: ['западн* стран*', '* стран*', 'запад* стран*'] })).toEqual(['западн* стран*']);
    // with a rule the order decides which rule KWIC names (the first one written whose rule lets the match through)
    const rules = frameMatches(
      memoryCorpus([text]),
      dictionaryFromObject({ a: ['запад*'], k: [{ match: 'западн* стран*', not: { preceded_by: ['один'] } }, { match: 'запад* стран*', not: { preceded_by: ['два'] } }] }),
    ).filter((m) => m.category === 'k');
    // (neither «один» nor «два» stands before the phrase: both rules let it through)
    expect(rules.map((m) => [m.pattern, m.rule])).toEqual([['западн* стран*', expect.stringContaining('один')]]);
  });

  it('the words a phrase covers are counted as matched words', () => {
    // «rights of women» (3 words, tried first) takes words 2-4; «human rights» then finds «rights»
    // used and «women» is inside the phrase: 1 match, 3 matched words, «human» unmatched
    const row = countFrameRows(memoryCorpus(['human rights of women']), dictionaryFromObject({ rights: ['human rights', 'rights of women', 'women'] })).rows[0];
    expect([row.rights, row.matched]).toEqual([1, 3]);
    // two categories: «human rights» (one) and «rights of women» (two) share «rights»: 4 words matched
    const two = countFrameRows(memoryCorpus(['human rights of women']), dictionaryFromObject({ one: ['human rights'], two: ['rights of women'] })).rows[0];
    expect([two.one, two.two, two.matched]).toEqual([1, 1, 4]);
  });

  it('keys are independent: a word may count in two categories', () => {
    expect(countsOf({ one: ['human rights'], two: ['rights of women'] }, 'human rights of women')).toEqual({ one: 1, two: 1 });
  });
});

describe('what counts as a word for tokens and rates', () => {
  const text = 'Встреча 19.05.2008 прошла в 10:30.';
  it('counts every token by default (as quanteda), only words with a letter with words: letters', () => {
    const d = dictionaryFromObject({ встречи: ['встреч*'] });
    // встреча, 19, 05, 2008, прошла, в, 10, 30: eight tokens, three of them words with letters
    const all = countFrameRows(memoryCorpus([text]), d, { rate: true });
    expect(all.rows[0].tokens).toBe(8);
    expect(all.rows[0]['встречи_per_1k']).toBe(125);
    const letters = countFrameRows(memoryCorpus([text]), d, { rate: true, words: 'letters' });
    expect(letters.rows[0].tokens).toBe(3);
    expect(letters.rows[0]['встречи_per_1k']).toBeCloseTo(1000 / 3, 10);
    expect(letters.words).toBe('letters');
  });

  it('the streaming engine counts the same', async () => {
    const dir = tempDir({ 'a.txt': text + '\n' });
    const d = dictionaryFromObject({ встречи: ['встреч*'] });
    const { table } = await countFiles([path.join(dir, 'a.txt')], d, { words: 'letters' });
    expect(table.rows[0].tokens).toBe(3);
  });
});

describe('lemmas Az.js guesses, and a lexicon of your own', () => {
  it('marks a guessed lemma in match listings', () => {
    const d = dictionaryFromObject({ гранты: ['грант*', 'грантодател*'] });
    const m = frameMatches(memoryCorpus(['Грантов много, а грантодателем стал фонд.']), d);
    expect(m.map((r) => [r.form, r.lemma, r.guessed])).toEqual([
      ['грантов', 'грант', false],
      // the dictionary does not know the word: Az.js guesses a verb from the ending
      ['грантодателем', 'грантодатолоть', true],
    ]);
  });

  it('a lexicon lemma is used before Az.js\'s, for counting and listings', () => {
    const base = dictionaryFromObject({ доноры: ['грантодатель'] });
    const text = 'Он стал грантодателем.';
    expect(countFrameRows(memoryCorpus([text]), base).rows[0]['доноры']).toBe(0);
    const withLexicon = { ...base, lexicon: lexiconFrom('грантодателем\tгрантодатель\n') };
    expect(countFrameRows(memoryCorpus([text]), withLexicon).rows[0]['доноры']).toBe(1);
    const [m] = frameMatches(memoryCorpus([text]), withLexicon);
    expect([m.lemma, m.via, m.guessed]).toEqual(['грантодатель', 'lemma', false]);
  });

  it('loads a lexicon file with the dictionary; bad lines are errors naming the line', () => {
    const dir = tempDir({
      'lex.tsv': '# new words\nИноагентов\tиноагент\n\nрелокантов\tрелокант\n',
      'bad.tsv': 'иноагентов иноагент\n',
      'two.tsv': 'иноагентов\tиноагент\nиноагентов\tагент\n',
      'd.yaml': 'иноагенты: [иноагент]\n',
    });
    const d = loadDictionary(path.join(dir, 'd.yaml'), { lexicon: path.join(dir, 'lex.tsv') });
    expect(d.lexicon?.entries).toEqual({ иноагентов: 'иноагент', релокантов: 'релокант' });
    expect(d.lexicon?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(errorOf(() => loadDictionary(path.join(dir, 'd.yaml'), { lexicon: path.join(dir, 'bad.tsv') })).message).toMatch(
      /bad\.tsv:1: a lexicon line must be "form<TAB>lemma"/,
    );
    expect(errorOf(() => loadDictionary(path.join(dir, 'd.yaml'), { lexicon: path.join(dir, 'two.tsv') })).message).toMatch(
      /two\.tsv:2: "иноагентов" is given two lemmas: "иноагент" \(line 1\) and "агент"/,
    );
  });

  it('the bundled lexicon of new words corrects Az.js\'s guesses for all their forms', () => {
    const lexicon = loadLexicon(path.join(ROOT, 'data', 'dictionaries', 'new-words-ru.tsv'));
    // four nouns × ten case forms (singular and plural: nominative, genitive, dative, instrumental, prepositional)
    expect(Object.keys(lexicon.entries)).toHaveLength(40);
    expect(new Set(Object.values(lexicon.entries))).toEqual(new Set(['грантодатель', 'грантополучатель', 'иноагент', 'релокант']));
    const d = { ...dictionaryFromObject({ доноры: ['грантодатель'] }), lexicon };
    expect(countFrameRows(memoryCorpus(['Он стал грантодателем, а грантодатели ушли.']), d).rows[0]['доноры']).toBe(2);
  });

  it('a matcher with its own lemmatizer agrees with the lexicon too', () => {
    const d = { ...dictionaryFromObject({ k: ['релокант'] }), lexicon: lexiconFrom({ релокантов: 'релокант' }) };
    expect(new FrameMatcher(d, new Lemmatizer()).count(['релокантов']).counts).toEqual([1]);
  });
});

describe('the fast count agrees with the matching rule (property test)', () => {
  // Latin words are their own lemma, so a plain reading of the rule on the words decides every match
  const WORDS = ['a', 'b', 'c', 'ab', 'ba'];
  const GLOBS = ['a', 'b', 'c', 'a*', '*a', 'b*', '?'];

  /** quanteda's rule, read off its description: per category, longer patterns first, no word used twice. */
  function reference(patterns: string[][], words: string[]): number {
    const test = (g: string, w: string) => new RegExp(`^${g.replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(w);
    const used = new Array(words.length).fill(false);
    let n = 0;
    const lengths = [...new Set(patterns.map((p) => p.length))].sort((x, y) => y - x);
    for (const len of lengths) {
      for (let i = 0; i + len <= words.length; i++) {
        if (used.slice(i, i + len).some(Boolean)) continue;
        if (patterns.some((p) => p.length === len && p.every((g, k) => test(g, words[i + k])))) {
          used.fill(true, i, i + len);
          n++;
        }
      }
    }
    return n;
  }

  it('counts what the rule says for random dictionaries and texts', async () => {
    const fc = await import('fast-check');
    const pattern = fc.array(fc.constantFrom(...GLOBS), { minLength: 1, maxLength: 3 });
    const category = fc.array(pattern, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(category, { minLength: 1, maxLength: 3 }), fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }), (cats, words) => {
        const dict = Object.fromEntries(cats.map((ps, c) => [`k${c}`, [...new Set(ps.map((p) => p.join(' ')))]]));
        const matcher = new FrameMatcher(dictionaryFromObject(dict), new Lemmatizer());
        const { counts, matches } = matcher.count(words);
        const expected = cats.map((ps) => reference([...new Map(ps.map((p) => [p.join(' '), p])).values()], words));
        expect(counts).toEqual(expected);
        // the listing walks every category: the same numbers
        expect(cats.map((_, c) => matches.filter((m) => m.category === c).length)).toEqual(expected);
      }),
      { numRuns: 400, seed: 12 },
    );
  });
});
