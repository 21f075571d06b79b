import { describe, expect, it } from 'vitest';
import { foldCase, paragraphKey, tokenize, words } from '../src';

describe('tokenize', () => {
  it('keeps inner hyphens and splits on quotes, dashes and punctuation', () => {
    expect(words('Консультативно-совещательного органа «Диалоговая площадка» – в 2013 году.')).toEqual([
      'консультативно-совещательного',
      'органа',
      'диалоговая',
      'площадка',
      'в',
      '2013',
      'году',
    ]);
  });

  it('splits „“, "", a hyphen used as a dash and dots', () => {
    expect(words('„Глухость“ - и "немота"; 1.Учет')).toEqual(['глухость', 'и', 'немота', '1', 'учет']);
  });

  it('keeps dotted abbreviations (т.н., т.е.) as one word, but not web addresses or sentence ends', () => {
    expect(words('т.н. «политических», т.е. www.gnu.org и США. Конец')).toEqual(['т.н.', 'политических', 'т.е.', 'www', 'gnu', 'org', 'и', 'сша', 'конец']);
  });

  it('does not keep leading, trailing or doubled hyphens', () => {
    expect(words('-грант- грант--донор')).toEqual(['грант', 'грант', 'донор']);
  });

  it('continues a word over a hyphen only before a letter or digit, whatever script follows', () => {
    // each case takes one branch of the scanner's word loop: what follows the hyphen is Cyrillic
    // (lead byte D0/D1), ASCII, another script (Greek α, two bytes CE B1), a non-word character
    // outside ASCII («, two bytes C2 AB), a digit, or the end of the text
    expect(words('кто-то e-mail α-β кто-«то» ст-12 кто-')).toEqual(['кто-то', 'e-mail', 'α-β', 'кто', 'то', 'ст-12', 'кто']);
    // Greek letters inside a word, and a letter outside the BMP (𝐀, U+1D400, four bytes) as a letter
    expect(words('аβв x𝐀y')).toEqual(['аβв', 'x𝐀y']);
    // a combining mark after a hyphen is no letter (\p{M}): the word ends at the hyphen
    expect(words('кто-\u0301то')).toEqual(['кто', 'то']);
    // offsets after a hyphenated word in another script stay in UTF-16 units
    const text = 'α-β «гранты»';
    expect(tokenize(text).map((x) => text.slice(x.start, x.end))).toEqual(['α-β', 'гранты']);
  });

  it('folds case and reads ё as е', () => {
    expect(words('ЁЛКА Её')).toEqual(['елка', 'ее']);
    expect(foldCase('Ёж')).toBe('еж');
  });

  it('reports offsets into the original text', () => {
    const text = '«Гранты» и доноры';
    const t = tokenize(text);
    expect(t.map((x) => text.slice(x.start, x.end))).toEqual(['Гранты', 'и', 'доноры']);
    expect(t[0].norm).toBe('гранты');
  });

  it('normalizes decomposed й (и + combining breve) before matching', () => {
    expect(foldCase('и\u0306')).toBe('й');
  });

  it('paragraph keys ignore case and spacing', () => {
    expect(paragraphKey(' Диалог   и\tдоверие ')).toBe(paragraphKey('диалог и ДОВЕРИЕ'));
  });
});

describe('a form table that took the state of an empty one', () => {
  it('keeps each form it adds: the same form gets the same id again', async () => {
    const { FormTable } = await import('../src/text/forms');
    const table = new FormTable();
    table.importState(new FormTable().exportState());
    // two forms, each interned twice: two ids, 0 and 1, each given back the second time
    const ids = ['слово', 'дом', 'слово', 'дом'].map((f) => table.idOf(f));
    expect(ids).toEqual([0, 1, 0, 1]);
    expect(table.text(1)).toBe('дом');
  });
});
