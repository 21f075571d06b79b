import { describe, expect, it } from 'vitest';
import { dictionaryFromObject, dictionaryFromYaml, frameMatches, frequencyList, matchSummary } from '../src';
import { errorOf, memoryCorpus } from './helpers';

const corpusOf = (...paragraphs: string[]) => memoryCorpus(paragraphs);

describe('frequency lists', () => {
  const corpus = corpusOf('Гранты и гранты, и грант.', 'Гранты для НПО и для нас.');

  it('counts lemmas with their dispersion, most frequent first, ties alphabetical', () => {
    // грант: гранты, гранты, грант, гранты = 4 in 2 paragraphs; и: 3 in 2; для: 2 in 1; мы (нас), нпо: 1 each
    expect(frequencyList(corpus).map((r) => [r.word, r.count, r.paragraphs])).toEqual([
      ['грант', 4, 2],
      ['и', 3, 2],
      ['для', 2, 1],
      ['мы', 1, 1],
      ['нпо', 1, 1],
    ]);
  });

  it('counts forms instead of lemmas, and keeps content words only when asked', () => {
    expect(frequencyList(corpus, { by: 'form', top: 2 }).map((r) => [r.word, r.count])).toEqual([
      ['гранты', 3],
      ['и', 3],
    ]);
    expect(frequencyList(corpus, { contentOnly: true }).map((r) => r.word)).toEqual(['грант', 'нпо']);
  });
});

describe('what each pattern matched', () => {
  it('groups matches by pattern and word, and says whether the lemma was needed', () => {
    const dict = dictionaryFromObject({ пытки: ['пытка', 'пытк*'], гранты: ['грант*'] });
    const m = frameMatches(corpusOf('Пытки, пыток и пытками; гранты и гранты.'), dict);
    // "пытка" is tried first only by order of length (both one word): the first listed pattern wins
    expect(matchSummary(m, dict).map((r) => [r.category, r.pattern, r.form, r.via, r.count])).toEqual([
      ['пытки', 'пытка', 'пытками', 'lemma', 1],
      ['пытки', 'пытка', 'пытки', 'lemma', 1],
      ['пытки', 'пытка', 'пыток', 'lemma', 1],
      ['гранты', 'грант*', 'гранты', 'form', 2],
    ]);
  });

  it('reads a dictionary from YAML text, naming the line of an error', () => {
    expect(dictionaryFromYaml('гранты: [грант*]\nкоррупция: [коррупц*, взятк*]\n', 'мой').categories.map((c) => c.patterns.length)).toEqual([1, 2]);
    expect(errorOf(() => dictionaryFromYaml('гранты: [грант*]\nкоррупция: [«взятка»]\n', 'мой')).message).toMatch(/^мой:2: invalid pattern/);
  });
});
