import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionaryFromObject, dictionaryFromYaml, FrameMatcher, loadDictionary } from '../src';
import type { Dictionary } from '../src';
import { ROOT, errorOf, tempDir } from './helpers';

// Every expectation below restates one in quanteda's tests/testthat/test-dictionaries.R (named in
// each case); the files are described in test/fixtures/quanteda/README.md. quanteda lower-cases
// patterns by default, so patterns are compared folded (`compiled`) unless the quanteda test reads
// with tolower = FALSE, where they are compared as written.

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'quanteda');
const load = (name: string, encoding?: string) => loadDictionary(path.join(FIXTURES, name), { encoding });

/** Category name → its patterns, folded, one string per pattern. */
function folded(d: Dictionary): Record<string, string[]> {
  return Object.fromEntries(d.categories.map((c) => [c.name, c.compiled.map((w) => w.join(' '))]));
}
/** The same, each list sorted: quanteda's LIWC reader returns patterns in alphabetical order. */
function sorted(d: Dictionary): Record<string, string[]> {
  return Object.fromEntries(Object.entries(folded(d)).map(([k, v]) => [k, [...v].sort()]));
}
/** Category name → patterns as written (quanteda with tolower = FALSE). */
function written(d: Dictionary): Record<string, string[]> {
  return Object.fromEntries(d.categories.map((c) => [c.name, c.patterns]));
}

describe("quanteda's test dictionaries", () => {
  it('"dictionary constructor works with wordstat / Lexicoder / YAML format": the mary dictionaries', () => {
    const mary = { 'A CATEGORY': ['more', 'lamb', 'little'], 'ANOTHER CATEGORY': ['had', 'mary'] };
    expect(folded(load('mary.cat'))).toEqual(mary);
    // the Lexicoder files spell the names as the LIWC one does; quanteda's test compares without names
    const lexicoder = { 'A category': mary['A CATEGORY'], 'Another category': mary['ANOTHER CATEGORY'] };
    expect(folded(load('mary.lcd'))).toEqual(lexicoder);
    expect(folded(load('mary.lc3'))).toEqual(lexicoder);
    // the stored mary.yml puts "category" in the second key's values
    expect(folded(load('mary.yml'))).toEqual({ 'A CATEGORY': ['more', 'lamb', 'little'], ANOTHER: ['category', 'had', 'mary'] });
  });

  it('"dictionary constructor works with LIWC format": zero-padded numbers in mary.dic', () => {
    expect(sorted(load('mary.dic'))).toEqual({ 'A category': ['lamb', 'little', 'more'], 'Another category': ['had', 'mary'] });
  });

  it('"... LIWC format w/doubled terms", "zero padding", "multiple tabs, spaces": one word in two categories', () => {
    const expected = { A_CATEGORY: ['lamb', 'little', 'more'], ANOTHER_CATEGORY: ['had', 'little', 'mary'] };
    for (const f of ['mary_doubleterm.dic', 'mary_zeropadding.dic', 'mary_multipletabs.dic']) expect(sorted(load(f)), f).toEqual(expected);
  });

  it('"dictionary constructor reports missing categories in LIWC format": a note per undefined number', () => {
    const d = load('mary_missingcat.dic');
    expect(sorted(d)).toEqual({ A_CATEGORY: ['lamb', 'little', 'more'], ANOTHER_CATEGORY: ['had', 'little', 'mary'] });
    expect(d.notes).toEqual([
      expect.stringMatching(/mary_missingcat\.dic:8: category number 3 is not in the header; left out/),
      expect.stringMatching(/mary_missingcat\.dic:9: category number 4 is not in the header; left out/),
    ]);
    expect(errorOf(() => loadDictionary(path.join(FIXTURES, 'mary_missingcat.dic'), { strict: true })).message).toMatch(
      /mary_missingcat\.dic:8: unknown category number 3 for "had"/,
    );
  });

  it('"... LIWC format w/extra codes": <of> term left out, parentheticals ignored, empty keys noted', () => {
    const d = load('liwc_extracodes.dic');
    const nonEmpty = d.categories.filter((c) => c.patterns.length > 0).map((c) => c.name);
    expect(new Set(nonEmpty)).toEqual(
      new Set(['verb', 'past', 'whatever', 'family', 'affect', 'posemo', 'cogmech', 'tentat', 'whatever2', 'time']),
    );
    const notes = d.notes ?? [];
    expect(notes).toContainEqual(expect.stringMatching(/1 term\(s\) left out because they hold the <of> tag/));
    expect(notes).toContainEqual(expect.stringMatching(/parenthetical expressions ignored in lines 25, 27/));
    // quanteda removes the empty keys; framelab keeps them as columns of zeros and says so
    for (const key of ['filler', 'discrep', 'cause', 'insight', 'humans', 'friend']) {
      expect(notes, key).toContainEqual(expect.stringMatching(new RegExp(`the category "${key}" has no pattern`)));
    }
    // "like (12 13)7/8 5 6": the parenthetical is dropped and 7/8 counts in both
    expect(folded(d).cogmech).toEqual(['perhaps', 'like']);
    expect(folded(d).tentat).toEqual(['perhaps', 'like']);
  });

  it('"... LIWC format w/extra codes and nesting": 4 top categories with 1, 4, 2 and 2 children', () => {
    const d = load('liwc_hierarchical.dic');
    const names = d.categories.map((c) => c.name);
    const top = names.filter((n) => !n.includes('.'));
    expect(top).toEqual(['funct', 'affect', 'social', 'cogproc']);
    expect(top.map((t) => names.filter((n) => n.startsWith(t + '.')).length)).toEqual([1, 4, 2, 2]);
    // "funct (Total function words)": a description in parentheses is not part of the name
    expect(names[1]).toBe('funct.pronoun');
    expect(d.notes).toContainEqual(expect.stringMatching(/<of> tag/));
  });

  it('"read a dictionary with NA as a key": issue-459.cat keeps the key NA under SOUTH', () => {
    const d = folded(load('issue-459.cat'));
    expect(Object.keys(d)).toEqual(['SOUTH.BW', 'SOUTH.LS', 'SOUTH.NA', 'SOUTH.ZA', 'SOUTH.SZ']);
    expect(d['SOUTH.NA']).toEqual(['namibia', 'namibian*', 'windhoek']);
    expect(d['SOUTH.ZA']).toContain('south africa');
  });

  it('"dictionary works with different encoding": six legacy encodings, by detection or given', () => {
    const latin = (a: string[], b: string[]) => ({ LATIN: a, 'NON-LATIN': b });
    // quanteda: "works without specifying encoding"
    expect(written(load('iso-8859-1.cat'))).toEqual(latin(['B', 'C', 'D'], ['Bh', 'Ch', 'Dh']));
    expect(written(load('windows-1252.cat', 'windows-1252'))).toEqual(latin(['S', 'Z', 'Y'], ['Š', 'Ž', 'Ÿ']));
    // framelab reads a non-Russian legacy file as Windows-1252 when none is given, and says so
    const guessed = load('windows-1252.cat');
    expect(written(guessed)).toEqual(latin(['S', 'Z', 'Y'], ['Š', 'Ž', 'Ÿ']));
    expect(guessed.notes).toContainEqual(expect.stringMatching(/read as Windows-1252/));
    // quanteda: "works if encoding is specified"
    expect(written(load('iso-8859-2.cat', 'iso-8859-2'))).toEqual(latin(['C', 'D', 'E'], ['Č', 'Ď', 'Ě']));
    expect(written(load('iso-8859-14.cat', 'iso-8859-14'))).toEqual(latin(['B', 'C', 'D'], ['Ḃ', 'Ċ', 'Ḋ']));
    expect(written(load('shift-jis.cat', 'shift-jis'))).toEqual(latin(['A', 'I', 'U'], ['あ', 'い', 'う']));
    expect(written(load('euc-jp.cat', 'euc-jp'))).toEqual(latin(['A', 'I', 'U'], ['あ', 'い', 'う']));
  });

  it('"indexing for dictionary objects works": laver-garry.cat has 9 top keys, CULTURE-HIGH and +STATE+ first', () => {
    const names = load('laver-garry.cat').categories.map((c) => c.name);
    const top = [...new Set(names.map((n) => n.split('.')[0]))];
    expect(top).toHaveLength(9);
    expect(top.slice(0, 2)).toEqual(['CULTURE', 'ECONOMY']);
    expect(names.find((n) => n.startsWith('CULTURE.'))).toBe('CULTURE.CULTURE-HIGH');
    expect(names.find((n) => n.startsWith('ECONOMY.'))).toBe('ECONOMY.+STATE+');
    // entries of CULTURE itself, after its subcategories, belong to CULTURE; WAR_IN is a phrase
    expect(folded(load('laver-garry.cat')).CULTURE).toEqual(['people', 'war in', 'workers']);
  });

  it('"dictionary woks with the Yoshicoder format": the outer node is kept as the first level', () => {
    const names = load('laver-garry.ykd').categories.map((c) => c.name);
    const second = [...new Set(names.map((n) => n.split('.')[1]))];
    expect(new Set(names.map((n) => n.split('.')[0]))).toEqual(new Set(['Laver and Garry']));
    expect(second).toEqual(['State in Economy', 'Institutions', 'Values', 'Law and Order', 'Environment', 'Culture', 'Groups', 'Rural', 'Urban']);
    expect(names.map((n) => n.split('.')[0])).not.toContain('New dictionary');
    expect(Object.keys(folded(load('mary.ykd')))).toEqual(['New dictionary.A CATEGORY', 'New dictionary.ANOTHER CATEGORY']);
  });

  it('"dictionary works with yoshicoder, issue 819": Dictionary > pos > A, B with phrases', () => {
    expect(folded(load('issue-819.ykd'))).toEqual({ 'Dictionary.pos.A': ['a word'], 'Dictionary.pos.B': ['b word'] });
  });

  it('newsmap dictionaries: values in other scripts, and an empty key holding the parent\'s own values', () => {
    expect(folded(load('newsmap.yml'))).toEqual({ 'AFRICA.CD': ['コンゴ民主共和国'], 'AFRICA.CF': ['中央アフリカ'], 'AFRICA.CI': ['コートジボワール'] });
    // as "flatten_dictionary() is working": unnamed values of A stay under A, beside A.B
    expect(folded(load('newsmap2.yml'))).toEqual({ 'US.MA': ['boston'], 'US.CA': ['sacramento'], US: ['washingon dc'], JP: ['tokyo'] });
  });

  it('"dictionary constructor clean values": trims and keeps a pattern once', () => {
    const d = dictionaryFromObject({ A: ['aa  ', '  aaa  '], B: ['b', 'bb', 'bb'] });
    expect(written(d)).toEqual({ A: ['aa', 'aaa'], B: ['b', 'bb'] });
  });

  it('"dictionary allows empty keys"', () => {
    const d = dictionaryFromYaml('A: a\nB: {}\nC: []\n');
    expect(d.categories.map((c) => c.name)).toEqual(['A', 'B', 'C']);
    expect(d.notes).toHaveLength(2);
  });

  it('"dictionary constructors fail if all elements unnamed": an empty top-level name is an error', () => {
    expect(errorOf(() => dictionaryFromYaml("'': [a]\n", 'x')).message).toMatch(/x:1: a category needs a name/);
  });
});

// What quanteda's read_dict_liwc (R/dictionaries.R) does with these files, step by step, and so
// what dfm_lookup counts: lines holding "<of>" are dropped whole; `\(.+\)` (greedy: from the first
// "(" to the last ")") becomes a space; every run of digits after the word is a category number
// (so 7/8 is 7 and 8); a header line's depth is its number of leading tabs, a deeper line is the
// child of the line above it with less depth; a parent keeps the words listed with its own number
// (flatten_dictionary names a child parent.child and gives the parent only its own words). Words
// here are English: framelab's lemmatizer leaves non-Cyrillic words as they are, so a pattern
// matches a word's form only, as in quanteda.
describe("quanteda's LIWC conditional codes and hierarchy, counted", () => {
  const countOf = (d: Dictionary, text: string) => {
    const counts = new FrameMatcher(d).matchText(text).counts;
    return Object.fromEntries(d.categories.map((c, k) => [c.name, counts[k]]).filter(([, n]) => n !== 0));
  };

  it('liwc_extracodes.dic: parentheticals dropped, 7/8 in both, the <of> entry not counted', () => {
    // "Well, I did like it, perhaps, anyway, kind of." word by word:
    //   well    "well (11)3"            → 3 whatever            ((11) dropped: filler stays empty)
    //   did     "did 1 2"               → 1 verb, 2 past
    //   like    "like (12 13)7/8 5 6"   → 7 cogmech, 8 tentat, 5 affect, 6 posemo
    //   perhaps "perhaps 7 8"           → cogmech, tentat
    //   anyway  "anyway 3 9"            → whatever, whatever2
    //   kind    "kind (14)7 <of>15 16"  → the line holds <of>: dropped, counts nowhere
    expect(countOf(load('liwc_extracodes.dic'), 'Well, I did like it, perhaps, anyway, kind of.')).toEqual({
      verb: 1, past: 1, whatever: 2, affect: 1, posemo: 1, cogmech: 2, tentat: 2, whatever2: 1,
    });
  });

  it('liwc_hierarchical.dic: a parent counts its own words, a child its own, a word in several counts in each', () => {
    // "She said the mom was happy and worried because I like my buddy; I know, kind of."
    //   she 1 2 → funct, funct.pronoun; the 1 → funct; mom* 20 21 → social, social.family;
    //   happy 10 11 → affect, affect.posemo; worr* 10 12 13 → affect, affect.negemo, affect.anx;
    //   because 30 32 → cogproc, cogproc.cause; like (02 134)10/11 → affect, affect.posemo;
    //   buddy 20 22 → social, social.friend; know 30 31 → cogproc, cogproc.insight; kind: <of>, nowhere
    const text = 'She said the mom was happy and worried because I like my buddy; I know, kind of.';
    expect(countOf(load('liwc_hierarchical.dic'), text)).toEqual({
      funct: 2, 'funct.pronoun': 1,
      affect: 3, 'affect.posemo': 2, 'affect.negemo': 1, 'affect.anx': 1,
      social: 2, 'social.family': 1, 'social.friend': 1,
      cogproc: 2, 'cogproc.insight': 1, 'cogproc.cause': 1,
    });
  });

  it('reads 4 spaces as one nesting level and strips a trailing "(description)" (where quanteda differs)', () => {
    // quanteda's read_dict_liwc counts leading tabs only and keeps "funct (Function words)" as the
    // name; framelab (README, "Dictionaries") reads 4 spaces as a tab and drops the description
    const header = '1\tfunct (Function words)\n    2\tpronoun (Pronouns)\n        3\tppron\n\t4\tarticle\n5\taffect\n';
    const dir = tempDir({ 'spaces.dic': `%\n${header}%\nshe\t1 2 3\nthe\t1 4\nhappy\t5\n` });
    const d = loadDictionary(path.join(dir, 'spaces.dic'));
    expect(d.categories.map((c) => c.name)).toEqual(['funct', 'funct.pronoun', 'funct.pronoun.ppron', 'funct.article', 'affect']);
  });

  it('a parenthetical runs from the first "(" to the last ")" of the line, as quanteda\'s greedy `\\(.+\\)`', () => {
    const dir = tempDir({ 'two.dic': '%\n1\tone\n2\ttwo\n3\tthree\n4\tfour\n%\nword\t(1)2 (3)4\n' });
    // "(1)2 (3)" is one parenthetical: only 4 is left
    const d = loadDictionary(path.join(dir, 'two.dic'));
    expect(d.categories.filter((c) => c.patterns.length).map((c) => c.name)).toEqual(['four']);
  });
});
