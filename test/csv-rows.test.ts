import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { countFiles, countFilesStreaming, countRows, loadDictionary, textSink, toCsv } from '../src';
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

  it('is the same as bytes, copied as they come, as the command line writes it, past the writer\'s first buffer', async () => {
    // 3,000 paragraphs of one document in one batch: about 200 KiB of CSV, more than the 64 KiB
    // the writer starts with, so that its buffer grows while a batch is written
    const text = Array.from({ length: 3000 }, (_, i) => `Абзац ${i}: гранты, коррупция и диалог.`).join('\n');
    const dir = tempDir({ 'c.jsonl': JSON.stringify({ id: 'один', text }) + '\n' });
    const file = path.join(dir, 'c.jsonl');
    const dict = loadDictionary();
    for (const options of [{}, { rate: true }]) {
      const strings: string[] = [];
      await countRows([file], dict, textSink((s) => strings.push(s), 'csv'), { ...options, lemmaCache: false });
      const bytes: Buffer[] = [];
      // the view is valid only during the call: copied, as a writer must
      await countRows([file], dict, textSink((c) => bytes.push(Buffer.from(typeof c === 'string' ? Buffer.from(c) : c)), 'csv', undefined, true), { ...options, lemmaCache: false });
      const csv = strings.join('');
      expect(csv.split('\r\n')).toHaveLength(1 + 3000 + 1);
      expect(Buffer.byteLength(csv)).toBeGreaterThan(1 << 16);
      expect(Buffer.concat(bytes).toString('utf8')).toBe(csv);
    }
  });
});
