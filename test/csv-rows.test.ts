import { describe, expect, it } from 'vitest';
import { countFiles, countFilesStreaming, loadDictionary, toCsv } from '../src';
import { tempDir } from './helpers';

/**
 * The streamed CSV of a count (written byte by byte per batch, `CsvRows` in table/sinks.ts) must
 * be the text `toCsv` makes, cell by cell through `formatCell` and `csvField`, of the same table
 * collected in memory: an independent renderer of the same rows.
 */
describe('the streamed CSV of a count', () => {
  it('is the text toCsv makes of the collected table: ids to quote, metadata, rates, empty paragraphs, boilerplate', async () => {
    // ids with a comma, a quote and Cyrillic letters; a field with a comma; a paragraph of digits
    // only (no word with a letter: its rates are empty under --words letters); rates that are not
    // whole numbers (1 word of 3: 333.3333); a paragraph repeated in three documents (boilerplate)
    const docs = [
      { id: 'a,b', outlet: 'Медуза, Рига', text: 'Гранты и гранты.\n\n2024 2025\n\nПодвал сайта.' },
      { id: 'он "сказал"', outlet: 'ТАСС', text: 'Коррупция, взятки и гранты НКО.\n\nПодвал сайта.' },
      { id: 'документ-3', outlet: 'РБК', text: 'Ничего о рамках здесь нет.\n\nПодвал сайта.' },
    ];
    const dir = tempDir({ 'c.jsonl': docs.map((d) => JSON.stringify(d)).join('\n') + '\n' });
    const dict = loadDictionary();
    for (const options of [
      { rate: true, meta: ['outlet'] },
      { rate: true, words: 'letters' as const, boilerplateMin: 3 },
      { dedupe: true, meta: 'all' as const },
    ]) {
      const { table } = await countFiles(dir, dict, { ...options, lemmaCache: false });
      const chunks: string[] = [];
      await countFilesStreaming(dir, dict, (s) => chunks.push(s), { ...options, lemmaCache: false });
      expect(chunks.join('')).toBe(toCsv(table));
    }
  });
});
