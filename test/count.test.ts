import { describe, expect, it } from 'vitest';
import {
  BUNDLED_DICTIONARY,
  countFrameRows,
  countFrames,
  dictionaryFromObject,
  FrameMatcher,
  Lemmatizer,
  loadCorpus,
  loadDictionary,
  words,
} from '../src';
import { ARTICLE, FRAMES3, memoryCorpus } from './helpers';

/** A one-document corpus with one paragraph per text. */
const corpusOf = (...paragraphs: string[]) => memoryCorpus(paragraphs);

function countIn(dict: Record<string, unknown>, text: string): Record<string, unknown> {
  return countFrameRows(corpusOf(text), dictionaryFromObject(dict)).rows[0];
}

describe('matching every inflected form', () => {
  it('a prefix glob counts grant words in any case form and derivation', () => {
    const row = countIn({ гранты: ['грант*'] }, 'Грантов, грантового, грантодателей и ГРАНТЫ; но не гарантии.');
    expect(row.гранты).toBe(4);
  });

  it('an exact lemma counts its inflected forms: пытка counts пыток and пытками', () => {
    const row = countIn({ пытки: ['пытка'] }, 'Доклад о пытках: пыток стало меньше, с пытками борются.');
    expect(row.пытки).toBe(3);
  });

  it('the пытаются trap: a verb whose form starts alike but whose lemma is пытаться does not count', () => {
    const row = countIn({ пытки: ['пытка'] }, 'Они пытаются и пытались, но мои попытки напрасны.');
    expect(row.пытки).toBe(0);
  });

  it('matches lemmas that the form does not show (коррумпирована → коррумпировать; взяток → взятка)', () => {
    const row = countIn({ коррупция: ['коррумпировать', 'взятка'] }, 'Система коррумпирована, взяток много.');
    expect(row.коррупция).toBe(2);
  });

  it('matches ё and е alike, both in the pattern and in the text', () => {
    expect(countIn({ x: ['её'] }, 'Ее и её').x).toBe(2);
    expect(countIn({ x: ['елка'] }, 'Ёлки').x).toBe(1);
  });
});

describe('multi-word patterns and counting rules', () => {
  it('a multi-word pattern counts once per run of matching words', () => {
    const row = countIn({ иностранные_гранты: ['иностранн* грант*'] }, 'Иностранные гранты и иностранных грантов, но не гранты иностранные.');
    expect(row.иностранные_гранты).toBe(2);
  });

  it('inside one category the longer pattern wins and its words are not counted again', () => {
    // "финансовой поддержке" is one match of the two-word pattern; "финансирование" one of финансир*.
    const row = countIn({ гранты: ['финансир*', 'финансов* поддержк*', 'поддержк*'] }, 'При финансовой поддержке и финансировании.');
    expect(row.гранты).toBe(2);
  });

  it('a word counts at most once per category even when several patterns match it', () => {
    const row = countIn({ гранты: ['грант*', 'гранты', 'грант'] }, 'Гранты');
    expect(row.гранты).toBe(1);
  });

  it('a word may count in several categories, and matched counts it once', () => {
    const row = countIn({ a: ['грант*'], b: ['*ы'] }, 'Гранты и доноры');
    expect(row.a).toBe(1);
    expect(row.b).toBe(2);
    expect(row.tokens).toBe(3);
    expect(row.matched).toBe(2);
  });

  it('reports which pattern made each match', () => {
    const m = new FrameMatcher(dictionaryFromObject({ гранты: ['грант*', 'иностранн* грант*'] }));
    const r = m.count(words('иностранные гранты и гранты'));
    expect(r.matches).toEqual([
      { category: 0, start: 0, length: 2, pattern: 'иностранн* грант*' },
      { category: 0, start: 3, length: 1, pattern: 'грант*' },
    ]);
  });
});

describe('the counting hot path', () => {
  it('countText gives the numbers of count(words(text)), abbreviations and hyphens included', () => {
    const m = new FrameMatcher(dictionaryFromObject({ дист: ['т.н.', 'так называем*'], гранты: ['грант*', 'иностранн* грант*'], ab: ['ab*'] }));
    for (const text of [
      'т.н. и т.е. www.gnu.org аб1. аб-в.г. x--ab.c. США. Т.Н.Иванов 1.Учет',
      'Так называемые иностранные гранты, т.н.«доноры» и ab.cd.ef. İstanbul',
      '',
    ]) {
      const forms = words(text);
      const fast = m.countText(text);
      const slow = m.count(forms, false);
      expect([fast.tokens, fast.counts, fast.matched]).toEqual([forms.length, slow.counts, slow.matched]);
    }
  });
});

describe('the count table', () => {
  it('has the columns in the documented order, rates per 1000 words when asked', () => {
    const t = countFrameRows(corpusOf('Гранты и гранты и диалог', '–'), dictionaryFromObject({ гранты: ['грант*'], диалог: ['диалог'] }), { rate: true });
    expect(t.columns).toEqual(['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', 'гранты', 'диалог', 'гранты_per_1k', 'диалог_per_1k']);
    // 2 of 5 words → 400 per 1000; 1 of 5 → 200.
    expect(t.rows[0]).toMatchObject({ tokens: 5, matched: 3, гранты: 2, диалог: 1, гранты_per_1k: 400, диалог_per_1k: 200 });
    // a paragraph without words has no rate
    expect(t.rows[1]).toMatchObject({ tokens: 0, гранты: 0, гранты_per_1k: null });
  });

  it('counts the three mission frames on the deduplicated article as a grep of the file does', () => {
    // Words of the 30 distinct paragraphs (lines 1–29 and 58) that start with a pattern, listed by
    //   grep -noiP '(?<![\p{L}\p{N}-])(?:грант|финансир)[\p{L}\p{N}-]*' (and likewise for the others);
    // no word there matches by its lemma only. Line numbers in brackets:
    //   гранты 16: финансируемых(4) грантового финансирования(5) грантодателей(7) финансируемых(10)
    //              грантовое финансирование(24) грантов гранты гранты грантов(25)
    //              финансирование грантов(26) финансирования финансирование(28) гранты(29)
    //   коррупция 5: коррумпирована(13) коррупции взятках(21) коррупции(23) коррупции(26)
    //   диалог 9: диалога(6) Диалоговая(9) Диалоговой(10) диалога(11) Диалоговой диалога(18)
    //             диалогу(27) Диалоговая диалога(28)
    const t = countFrameRows(loadCorpus(ARTICLE, { dedupe: true }), loadDictionary(FRAMES3));
    const total = (c: string) => t.rows.reduce((s, r) => s + (r[c] as number), 0);
    expect(t.rows.length).toBe(30);
    expect([total('гранты'), total('коррупция'), total('диалог')]).toEqual([16, 5, 9]);
    const p24 = t.rows.find((r) => r.paragraph === 24)!;
    expect(p24.гранты).toBe(4);
  });

  it('counts a hand-checked paragraph of the article with the bundled dictionary', () => {
    // Paragraph 20: "Продвигая демократию, Запад сам погряз в коррупции, забыв свои ценности. Так, в Бельгии
    // по делу о крупных взятках задержаны вице-президент Европарламента и еще несколько человек."
    // 25 words (вице-президент is one); коррупция: коррупции, взятках; демократия: демократию;
    // запад: Запад, Европарламента; matched 5 ("человек" alone is not "прав* человек*").
    const t = countFrameRows(loadCorpus(ARTICLE), loadDictionary(BUNDLED_DICTIONARY));
    const row = t.rows.find((r) => r.paragraph === 20)!;
    expect(row).toMatchObject({ tokens: 25, matched: 5, гранты: 0, коррупция: 2, диалог: 0, демократия: 1, запад: 2, права_человека: 0 });
  });

  it('counts the same hand-checked paragraph with a lemmatizer or a matcher (its own vocabulary) of the caller', () => {
    // paragraph 20 as in the test above: the options change where lemmas and form ids live, not the counts
    const dict = loadDictionary(BUNDLED_DICTIONARY);
    const corpus = loadCorpus(ARTICLE);
    const expected = { tokens: 25, matched: 5, гранты: 0, коррупция: 2, диалог: 0, демократия: 1, запад: 2, права_человека: 0 };
    const lemmatizer = new Lemmatizer();
    const matcher = new FrameMatcher(dict, lemmatizer);
    for (const options of [{ lemmatizer }, { matcher }, { matcher }]) {
      const row = countFrameRows(corpus, dict, options).rows.find((r) => r.paragraph === 20)!;
      expect(row).toMatchObject(expected);
    }
  });

  it('gives a danfojs DataFrame with the same columns, NaN for empty cells', () => {
    const df = countFrames(loadCorpus(ARTICLE), loadDictionary(FRAMES3));
    expect(df.shape).toEqual([58, 8]);
    expect(df.columns).toEqual(['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', 'гранты', 'коррупция', 'диалог']);
    // all 16 grant words stand in the body (lines 2–29), which is counted twice without dedupe: 32
    expect(df.column('гранты').sum()).toBe(32);
    expect(Number.isNaN(df.column('duplicate_of').values[0] as number)).toBe(true);
    expect(df.column('duplicate_of').values[29]).toBe(1);
  });
});
