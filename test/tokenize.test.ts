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
