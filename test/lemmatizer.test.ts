import { describe, expect, it } from 'vitest';
import { analyze, Lemmatizer, lemmaOf } from '../src';

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

describe('analysis: lemma and part of speech', () => {
  it('tags parts of speech, pronominal adjectives as APRO', () => {
    expect(analyze('грантов')).toEqual({ lemma: 'грант', pos: 'NOUN' });
    expect(analyze('пытаются').pos).toBe('VERB');
    expect(analyze('и').pos).toBe('CONJ');
    expect(analyze('свой').pos).toBe('APRO');
    expect(analyze('2025')).toEqual({ lemma: '2025', pos: 'NUMB' });
    expect(analyze('national')).toEqual({ lemma: 'national', pos: 'LATN' });
  });

  it('puts back the prefix Az.js splits off (евро|парламента)', () => {
    expect(lemmaOf('европарламента')).toBe('европарламент');
  });

  it('adds up the probabilities of parses with the same lemma', () => {
    // Az.js: казахстать (participle) 0.189 against казахстан nominative 0.151 + accusative 0.151
    expect(lemmaOf('казахстан')).toBe('казахстан');
  });
});
