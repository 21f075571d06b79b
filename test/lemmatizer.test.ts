import { describe, expect, it } from 'vitest';
import { Lemmatizer, lemmaOf } from '../src';

describe('lemmas (OpenCorpora via Az.js)', () => {
  it('gives dictionary lemmas of inflected forms', () => {
    expect(lemmaOf('грантов')).toBe('грант');
    expect(lemmaOf('пыток')).toBe('пытка');
    expect(lemmaOf('пытками')).toBe('пытка');
    expect(lemmaOf('пытаются')).toBe('пытаться');
    expect(lemmaOf('взятках')).toBe('взятка');
    expect(lemmaOf('коррумпирована')).toBe('коррумпировать');
    expect(lemmaOf('мной')).toBe('я');
  });

  it('reads ё as е in lemmas', () => {
    expect(lemmaOf('елки')).toBe('елка');
  });

  it('keeps the first part of hyphenated words the dictionary does not know', () => {
    expect(lemmaOf('консультативно-совещательного')).toBe('консультативно-совещательный');
    expect(lemmaOf('стран-участниц')).toBe('стран-участница');
    expect(lemmaOf('вице-президента')).toBe('вице-президент');
  });

  it('leaves words without Cyrillic letters alone', () => {
    expect(lemmaOf('national')).toBe('national');
    expect(lemmaOf('2025')).toBe('2025');
  });

  it('parses each distinct form once', () => {
    const l = new Lemmatizer();
    l.lemma('грантов');
    l.lemma('грантов');
    l.lemma('гранты');
    expect(l.size).toBe(2);
  });
});
