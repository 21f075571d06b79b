import { describe, expect, it } from 'vitest';
import { compileWordGlob, FramelabError, parsePattern } from '../src';

describe('word globs', () => {
  it('* matches any run, also none; ? exactly one character', () => {
    const g = compileWordGlob('грант*');
    expect(['грант', 'грантов', 'грантодателей'].every((w) => g.test(w))).toBe(true);
    expect(g.test('гарант')).toBe(false);
    const q = compileWordGlob('пытк?');
    expect(q.test('пытки')).toBe(true);
    expect(q.test('пытка')).toBe(true);
    expect(q.test('пытк')).toBe(false);
    expect(q.test('пытками')).toBe(false);
  });

  it('matches the whole word only', () => {
    expect(compileWordGlob('диалог').test('диалоговая')).toBe(false);
    expect(compileWordGlob('*диалог*').test('антидиалоговый')).toBe(true);
  });

  it('is case- and ё-insensitive on the pattern side', () => {
    expect(compileWordGlob('Ёлк*').test('елки')).toBe(true);
  });

  it('matches many stars without backtracking blow-up (one pass per star: linear in the word for a given glob)', () => {
    // a regex-like backtracking matcher tries every split of 35 letters among 13 stars (~10^10 ways)
    const glob = compileWordGlob('*а'.repeat(12) + '*б');
    expect(glob.test('а'.repeat(35))).toBe(false);
    expect(glob.test('а'.repeat(35) + 'б')).toBe(true);
    expect(glob.test('а'.repeat(11) + 'б')).toBe(false); // twelve а are needed before the б
  });

  it('treats regex characters literally (hyphen inside a word)', () => {
    expect(compileWordGlob('вице-*').test('вице-президент')).toBe(true);
    expect(compileWordGlob('вице-*').test('вицеxпрезидент')).toBe(false);
  });
});

describe('parsePattern', () => {
  it('splits multi-word patterns into folded globs', () => {
    expect(parsePattern('Иностранн*  ГРАНТ*')).toEqual(['иностранн*', 'грант*']);
  });

  it.each([
    ['грант.', '"."'],
    ['т.н.x', '"."'],
    ['«грант»', '"«"'],
    ['*', 'every word'],
    ['-грант', 'hyphen'],
    ['', 'empty'],
  ])('rejects %s, naming what is wrong', (pattern, reason) => {
    expect(() => parsePattern(pattern, { file: 'd.yaml', line: 7 })).toThrowError(FramelabError);
    expect(() => parsePattern(pattern, { file: 'd.yaml', line: 7 })).toThrowError(reason);
    expect(() => parsePattern(pattern, { file: 'd.yaml', line: 7 })).toThrowError(/^d\.yaml:7: /);
  });
});
