import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { classifyQuote, countSentences, findQuotes, loadCorpus, quoteClassTable, rhetoric, splitSentences } from '../src';
import { ARTICLE, memoryCorpus, ROOT } from './helpers';

describe('quoted spans', () => {
  it('nests «…«…»…»', () => {
    const { spans, unbalanced } = findQuotes('Он писал: «так называемая «системная» практика».');
    expect(spans.map((s) => [s.text, s.depth])).toEqual([
      ['так называемая «системная» практика', 0],
      ['системная', 1],
    ]);
    expect(unbalanced).toEqual([]);
  });

  it('reads „…“ with English “…” inside, and straight "…"', () => {
    const { spans } = findQuotes('Текст „вложенные “внутри” слова“ и "прямые" кавычки.');
    expect(spans.map((s) => [s.open + s.text + s.close, s.depth])).toEqual([
      ['„вложенные “внутри” слова“', 0],
      ['“внутри”', 1],
      ['"прямые"', 0],
    ]);
  });

  it('reports an unclosed mark as one unbalanced mark instead of swallowing the text', () => {
    const text = 'Он сказал: «это «ложь» и всё. Дальше обычный текст.';
    const { spans, unbalanced } = findQuotes(text);
    expect(spans.map((s) => s.text)).toEqual(['ложь']);
    expect(unbalanced.map((u) => [u.open, u.start, u.end])).toEqual([['«', 11, 12]]);
  });

  it('reports a closing mark without an opening one', () => {
    const { spans, unbalanced } = findQuotes('лишняя » кавычка и «нормальная»');
    expect(spans.map((s) => s.text)).toEqual(['нормальная']);
    expect(unbalanced.map((u) => u.open)).toEqual(['»']);
  });

  it('classifies each kind of span by the first rule that applies', () => {
    const cls = (text: string) => {
      const { spans } = findQuotes(text);
      const s = spans[0];
      return classifyQuote(s.text, text, s.start);
    };
    expect(cls('руководитель фонда «National Endowment for Prosperity»')).toEqual({ class: 'name', rule: 'latin-name' });
    expect(cls('член органа «Диалоговая площадка по человеческому измерению»')).toEqual({ class: 'name', rule: 'named-by-noun' });
    expect(cls('статья «О реальной ситуации с пытками доложили правозащитники»')).toEqual({ class: 'quotation', rule: 'long-quotation' });
    expect(cls('он ответил: «Мы победили»')).toEqual({ class: 'quotation', rule: 'has-verb' });
    expect(cls('гранты «доверенным НПО» выделяются')).toEqual({ class: 'scare_quote', rule: 'short-phrase' });
  });

  it('lets the user change the rules', () => {
    const text = 'гранты «доверенным НПО» выделяются';
    const s = findQuotes(text).spans[0];
    expect(classifyQuote(s.text, text, s.start, { namingNouns: ['грант'], quotationMinWords: 4, scareMaxWords: 3 })).toEqual({ class: 'name', rule: 'named-by-noun' });
  });
});

describe('sentences', () => {
  it('splits at sentence ends, not at abbreviations or initials, and counts questions and exclamations', () => {
    expect(splitSentences('Кто виноват? Е. Жовтис ответил: т.н. «партнеры». Всё!')).toEqual(['Кто виноват?', 'Е. Жовтис ответил: т.н. «партнеры».', 'Всё!']);
    expect(countSentences('Разве это диалог?! Нет! Это монолог…')).toEqual({ sentences: 3, questions: 1, exclamations: 2 });
    expect(countSentences('В 2013 году. В 2014-м тоже.').sentences).toBe(2);
  });
});

describe('rhetoric markers', () => {
  it('counts each category, with multi-word markers and the abbreviation т.н.', () => {
    const r = rhetoric(
      memoryCorpus([
        // дистанцирование: т.н., так называемая, некая (3); мы: нас, наша страна (2); они: они, Запад (2)
        'Т.н. эксперты и так называемая некая коалиция учат нас, а наша страна терпит; они и Запад молчат.',
        // я: я, мной (2); усилители: четко, на самом деле (2); смягчители: в моем понимании, возможно (2); я: моем (1)
        'Я встретился с ним, инициированного мной органа; четко и, на самом деле, в моем понимании, возможно, иначе.',
      ]),
    );
    const [a, b] = r.table.rows;
    expect(a).toMatchObject({ дистанцирование: 3, мы: 2, они: 2, я: 0, усилители: 0, смягчители: 0, sentences: 1 });
    expect(b).toMatchObject({ дистанцирование: 0, мы: 0, они: 0, я: 3, усилители: 2, смягчители: 2 });
    expect(r.table.columns.slice(0, 5)).toEqual(['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched']);
  });
});

describe('the bundled article', () => {
  it('has the quoted spans found by reading it, each in its class', () => {
    // Read from data/ngo-grants-dialogue-2025.ru.txt, distinct paragraphs (0-based = line − 1):
    const expected = [
      [0, 'О реальной ситуации с пытками в Казахстане доложили правозащитники', 'quotation'], // title of the report article
      [2, 'продолжается порочная и так называемая «системная» практика пыток и увода виновных от ответственности', 'quotation'],
      [2, 'системная', 'scare_quote'], // inside the quotation
      [6, 'технического задания', 'scare_quote'],
      [8, 'Диалоговая площадка по человеческому измерению', 'name'], // органа «…»
      [18, 'Глухость', 'scare_quote'],
      [18, 'немота', 'scare_quote'],
      [19, 'политических заключенных', 'scare_quote'], // after т.н.
      [22, 'National Endowment for Prosperity', 'name'],
      [24, 'доверенным НПО', 'scare_quote'],
      [57, 'National Endowment for Prosperity', 'name'], // the signature
    ];
    const r = rhetoric(loadCorpus(ARTICLE, { dedupe: true }));
    expect(r.quotes.map((q) => [q.paragraph, q.text, q.class])).toEqual(expected);
    // without dedupe the repeated body (paragraphs 1–28) brings its spans again: 2 in paragraph 2,
    // 1 each in 6, 8, 19, 22, 24 and 2 in 18 = 9
    expect(rhetoric(loadCorpus(ARTICLE)).quotes.length).toBe(11 + 9);
  });

  it('counts the author’s devices where he uses them', () => {
    const r = rhetoric(loadCorpus(ARTICLE, { dedupe: true }));
    const row = (p: number) => r.table.rows.find((x) => x.paragraph === p)!;
    // paragraph 1: "некая Коалиция НПО Казахстана … казахстанские правозащитники"
    expect(row(1)).toMatchObject({ дистанцирование: 1, мы: 2 });
    // paragraph 19: "Меня поражает … они пытаются … они демонстративно говорят о т.н. «политических заключенных» … на самом деле"
    expect(row(19)).toMatchObject({ дистанцирование: 1, они: 2, я: 1, усилители: 1, scare_quotes: 1 });
    // paragraph 24: "Это, в моем понимании, стало возможным"
    expect(row(24)).toMatchObject({ смягчители: 1 });
    const q = quoteClassTable(r);
    expect(q.categories).toEqual(['цитаты', 'названия', 'дистанцирующие кавычки']);
    expect(q.rows.find((x) => x.paragraph === 18)).toMatchObject({ 'дистанцирующие кавычки': 2, matched: 2 });
  });

  it('framelab rhetoric lists the spans and the marker table from the command line', () => {
    const cli = path.join(ROOT, 'dist', 'cli', 'main.js');
    const quotes = spawnSync(process.execPath, [cli, 'rhetoric', ARTICLE, '--dedupe', '--quotes'], { encoding: 'utf8' });
    expect(quotes.status).toBe(0);
    const rows = parse(quotes.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]).slice(0, 7)).toEqual(['doc', 'paragraph', 'start', 'end', 'text', 'class', 'rule']);
    expect(rows.filter((x) => x.class === 'scare_quote').length).toBe(6);
    const table = spawnSync(process.execPath, [cli, 'rhetoric', ARTICLE, '--format', 'json'], { encoding: 'utf8' });
    expect(table.status).toBe(0);
    expect((JSON.parse(table.stdout) as unknown[]).length).toBe(58);
  });
});
