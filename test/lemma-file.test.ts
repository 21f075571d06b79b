import { describe, expect, it } from 'vitest';
import { LemmaFile } from '../src/text/lemma-cache';

// a cache file as saveLemmaCache writes it: form<TAB>lemma<TAB>pos[<TAB>?], sorted by the forms' UTF-8 bytes
const lines = [
  ['a', 'a', 'LATN'],
  ['ab', 'ab', ''],
  ['а', 'а', 'CONJ'], // Cyrillic а: two bytes (D0 B0)
  ['гранта', 'грант', 'NOUN'], // D0 B3 D1 80 …: the same first four bytes as the next two
  ['грантам', 'грант', 'NOUN'],
  ['грантов', 'грант', 'NOUN', '?'],
  ['гру', 'груз', 'NOUN'],
];
const file = new LemmaFile(new TextEncoder().encode(lines.map((l) => l.join('\t') + '\n').join('')));

describe('the lemma cache file', () => {
  it('finds every form it holds, short and long, among lines that start alike', () => {
    expect(file.lookup('a')).toEqual({ lemma: 'a', pos: 'LATN' });
    expect(file.lookup('ab')).toEqual({ lemma: 'ab', pos: null });
    expect(file.lookup('а')).toEqual({ lemma: 'а', pos: 'CONJ' });
    expect(file.lookup('гранта')).toEqual({ lemma: 'грант', pos: 'NOUN' });
    expect(file.lookup('грантам')).toEqual({ lemma: 'грант', pos: 'NOUN' });
    expect(file.lookup('грантов')).toEqual({ lemma: 'грант', pos: 'NOUN', guessed: true });
    expect(file.lookup('гру')).toEqual({ lemma: 'груз', pos: 'NOUN' });
  });

  it('finds no form it does not hold: a prefix of one, one that starts alike, one that starts otherwise', () => {
    for (const form of ['', 'b', 'абв', 'гр', 'грант', 'грантами', 'груз', 'ёлка']) expect(file.lookup(form)).toBeUndefined();
  });
});
