// Charts that read right: each test draws a chart headlessly (vega's scene graph, what SVG and PNG
// export draw) and reads what a reader would see: axis labels and titles, texts, tooltips, positions.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  compileSpec,
  countFiles,
  FLATTENED_LINE_BREAKS,
  loadDictionary,
  timeSeries,
  correlationChart,
  documentLabels,
  fieldTitle,
  groupChart,
  groupValueLabel,
  paragraphChart,
  shortDocumentId,
  shortenMiddle,
  timeChart,
  totalsChart,
  type ChartSpec,
  type FrameTable,
  type GroupRow,
  type SeriesRow,
} from '../src';
import { staticSpec } from '../src/charts/render';
import { CLI, ROOT, tempDir } from './helpers';

interface SceneItem {
  role: string;
  type: string;
  /** For the parts of an axis: its side (`bottom`, `left`, …). */
  orient?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  item: any;
}

/** Every item of the drawn chart, with the role of its mark (`axis-label`, `axis-title`, `mark`, …). */
async function scene(spec: ChartSpec): Promise<SceneItem[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vega = require('vega') as typeof import('vega');
  const view = new vega.View(vega.parse(compileSpec(staticSpec(spec), () => {})), { renderer: 'none' });
  await view.runAsync();
  const out: SceneItem[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const walk = (mark: any, orient?: string) => {
    for (const item of mark.items ?? []) {
      const side = mark.role === 'axis' ? item.orient : orient;
      out.push({ role: mark.role, type: mark.marktype, item, orient: side });
      for (const child of item.items ?? []) walk(child, side);
    }
  };
  walk((view.scenegraph() as unknown as { root: unknown }).root);
  view.finalize();
  return out;
}

/** The texts of a role that show: labels hidden by an expression are empty, those dropped as overlapping have opacity 0. */
const shown = (items: SceneItem[], role: string, orient?: string) =>
  items
    .filter((x) => x.role === role && (orient === undefined || x.orient === orient) && x.item.opacity !== 0)
    .map((x) => String(x.item.text ?? ''))
    .filter((t) => t !== '');

/** A count table of one category per document: `[doc, [counts per paragraph]]`, 10 words a paragraph. */
function table(docs: Array<[string, number[]]>, extra: Record<string, Record<string, string>> = {}): FrameTable {
  const fields = Object.keys(Object.values(extra)[0] ?? {});
  const rows = docs.flatMap(([doc, counts]) =>
    counts.map((n, i) => ({ doc, ...(extra[doc] ?? {}), paragraph: i, tokens: 10, duplicate_of: null as number | null, matched: n, гранты: n })),
  );
  return { columns: ['doc', ...fields, 'paragraph', 'tokens', 'duplicate_of', 'matched', 'гранты'], categories: ['гранты'], rows, texts: rows.map(() => 'Текст абзаца.') };
}

describe('document labels', () => {
  it('shortens ids from the middle and keeps URLs apart by their last segment', () => {
    // 35 characters to 20: the first 10, an ellipsis, the last 9
    expect(shortenMiddle('644595-avto-ekspert-rossiya-novosti', 20)).toBe('644595-avt…a-novosti');
    expect(shortDocumentId('https://www.sport-interfax.ru/659837')).toBe('sport-interfax.ru/659837');
    expect(shortDocumentId('https://www.gazeta.ru/news/business/2008/11/21/n_1298950.shtml')).toBe('gazeta.ru/n_1298950');
    expect(shortDocumentId('https://iz.ru/699785/nataliia-portiakova/chtoby-pomnili')).toBe('chtoby-pomnili');
    expect(shortDocumentId('corpus.jsonl:3')).toBe('corpus.jsonl:3');
    // two documents of one title stay apart
    expect(documentLabels(['a', 'b', 'c'], ['Новость', 'Новость', null])).toEqual(['Новость', 'Новость (2)', 'c']);
  });

  it('a chart of URL documents labels each by a short, unique id, not a URL cut from the right', async () => {
    const ids = ['659837', '660425', '660543'].map((n) => `https://www.sport-interfax.ru/${n}`);
    const labels = shown(await scene(totalsChart(table(ids.map((id) => [id, [1]])))), 'axis-label');
    expect(labels).toEqual(expect.arrayContaining(['sport-interfax.ru/659837', 'sport-interfax.ru/660425', 'sport-interfax.ru/660543']));
    expect(labels.some((l) => l.startsWith('https://'))).toBe(false);
  });

  it('uses the title when the table carries one (--meta title)', async () => {
    const ids = ['https://tass.ru/nauka/1', 'https://tass.ru/nauka/2'];
    const t = table(ids.map((id) => [id, [1, 0, 2]]), { [ids[0]]: { title: 'Учёные нашли воду' }, [ids[1]]: { title: 'Спутник запущен' } });
    // two documents of three paragraphs: a panel each, headed by its title
    const headers = (await scene(paragraphChart(t))).filter((x) => x.type === 'text').map((x) => String(x.item.text));
    expect(headers).toEqual(expect.arrayContaining(['Учёные нашли воду', 'Спутник запущен']));
  });
});

describe('document labels from the command line', () => {
  it('framelab chart labels documents by their title field when they have one', () => {
    const dir = tempDir({
      'news.jsonl': [
        { id: 'https://example.ru/news/1', title: 'Гранты для НКО', text: 'Гранты и гранты.\n\nДиалог.\n\nЕщё абзац.' },
        { id: 'https://example.ru/news/2', title: 'Диалог с властью', text: 'Диалог.\n\nГранты.\n\nКонец.' },
      ].map((d) => JSON.stringify(d)).join('\n'),
    });
    const r = spawnSync(process.execPath, [CLI, 'chart', path.join(dir, 'news.jsonl'), '--kind', 'totals', '--formats', 'json', '--out-dir', path.join(dir, 'charts'), '-q'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const spec = fs.readFileSync(path.join(dir, 'charts', 'totals.json'), 'utf8');
    expect(spec).toContain('Гранты для НКО');
    expect(spec).toContain('Диалог с властью');
  });
});

describe('the paragraph axis', () => {
  it('labels every paragraph of a 3-paragraph text (0, 1, 2), not only 0', async () => {
    expect(shown(await scene(paragraphChart(table([['d', [1, 2, 0]]]))), 'axis-label', 'bottom')).toEqual(['0', '1', '2']);
  });

  it('labels every second paragraph from 0 where two-digit numbers would not fit one step', async () => {
    const labels = shown(await scene(paragraphChart(table([['d', Array.from({ length: 30 }, () => 1)]]))), 'axis-label', 'bottom');
    // paragraphs 0–29: labels 0, 2, …, 28
    expect(labels).toEqual(Array.from({ length: 15 }, (_, k) => String(2 * k)));
  });
});

describe('tooltips', () => {
  it('name the repeated paragraph only for a repeat: no "Повтор абзаца: null"', async () => {
    const t = table([['d', [1, 1, 1]]]);
    t.rows[2].duplicate_of = 0;
    const bars = (await scene(paragraphChart(t))).filter((x) => x.role === 'mark' && x.item.tooltip);
    // the tooltip as vega-tooltip (vega-embed's handler) writes it in the page
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { formatValue, escapeHTML } = require('vega-tooltip') as { formatValue: (v: unknown, html: (s: unknown) => string, depth: number) => string; escapeHTML: (s: unknown) => string };
    const tip = (p: number) => formatValue(bars.find((b) => b.item.datum.paragraph === p)!.item.tooltip, escapeHTML, 2);
    expect(tip(0)).toContain('<td class="key">Абзац</td><td class="value">0</td>');
    expect(tip(0)).not.toContain('Повтор абзаца');
    expect(tip(0)).not.toContain('null');
    expect(tip(2)).toContain('<td class="key">Повтор абзаца</td><td class="value">0</td>');
  });
});

/** A yearly series row. */
function yearRow(year: number, category: string, count: number): SeriesRow {
  return { period: String(year), start: `${year}-01-01`, category, documents: 1, paragraphs: 1, words: 100, count, rate_per_1k: count * 10, trend_slope: null, p: null, p_holm: null, p_bh: null, test: '' };
}

describe('the time chart', () => {
  // twelve years, as in the news sample (2008–2019)
  const years = Array.from({ length: 12 }, (_, k) => 2008 + k);
  // both categories have the same rate every year
  const rows = years.flatMap((y) => [yearRow(y, 'гранты', 1), yearRow(y, 'запад', 1)]);

  it('draws equal rates of two categories side by side, not one on the other', async () => {
    const points = (await scene(timeChart(rows, { every: 'year' }))).filter((x) => x.type === 'symbol' && x.role === 'mark');
    expect(points).toHaveLength(24);
    const x = (category: string) => points.filter((p) => p.item.datum.category === category && p.item.datum.period === '2010')[0].item.x;
    expect(x('гранты')).not.toBe(x('запад'));
  });

  it('has one tick label per year, on the news sample too (2008–2019, with empty years)', async () => {
    const labels = shown(await scene(timeChart(rows, { every: 'year' })), 'axis-label', 'bottom');
    for (const y of years) expect(labels).toContain(String(y));
    expect(labels.every((l) => /^\d{4}$/.test(l))).toBe(true);
    const { table: news } = await countFiles(path.join(ROOT, 'data', 'news-sample'), loadDictionary(), { idField: 'url', meta: ['date'], paragraphs: FLATTENED_LINE_BREAKS });
    const series = timeSeries(news, 'date', 'year', { permutations: 9 });
    const newsLabels = shown(await scene(timeChart(series.rows, { every: 'year' })), 'axis-label', 'bottom');
    for (let y = 2008; y <= 2019; y++) expect(newsLabels).toContain(String(y));
  });
});

/** A group row: one category in one file. */
function groupRow(file: string, count: number): GroupRow {
  return { file, category: 'гранты', documents: 5, paragraphs: 10, words: 1000, count, rate_per_1k: count, ci_low: 0, ci_high: count * 2, rate_ratio: null, rr_low: null, rr_high: null, f_docs: 1, g2: 1, df: 1, p: 0.5, p_holm: 0.5, p_bh: 0.5, p_words: 0.5, test: '' };
}

describe('the group chart', () => {
  it('titles its axis by the field in Russian and names file groups without .csv.gz', async () => {
    expect(fieldTitle('file')).toBe('Файл');
    expect(fieldTitle('outlet')).toBe('Издание');
    expect(groupValueLabel('file', 'rt.csv.gz')).toBe('rt');
    const items = await scene(groupChart([groupRow('rt.csv.gz', 3), groupRow('tass-001.csv.gz', 1)]));
    expect(shown(items, 'axis-title')).toContain('Файл');
    expect(shown(items, 'axis-title')).not.toContain('file');
    const labels = shown(items, 'axis-label');
    expect(labels).toEqual(expect.arrayContaining(['rt', 'tass-001']));
    expect(labels.some((l) => l.endsWith('.csv.gz'))).toBe(false);
  });
});

describe('a text with no matches', () => {
  it('shows a message instead of an empty chart', async () => {
    const texts = (await scene(paragraphChart(table([['d', [0, 0, 0]]])))).filter((x) => x.type === 'text').map((x) => String(x.item.text));
    expect(texts.some((t) => t.startsWith('Нет совпадений'))).toBe(true);
    const totals = (await scene(totalsChart(table([['d', [0, 0]]])))).filter((x) => x.type === 'text').map((x) => String(x.item.text));
    expect(totals.some((t) => t.startsWith('Нет совпадений'))).toBe(true);
  });
});

describe('the correlation chart', () => {
  it('writes its cells in the number format of its legend (Russian: 0,44, −0,16)', async () => {
    const rows = [{ a: 'гранты', b: 'запад', pearson_r: 0.44, pearson_p: 0.01, spearman_r: 0.4, spearman_p: 0.02 }, { a: 'гранты', b: 'диалог', pearson_r: -0.16, pearson_p: 0.3, spearman_r: -0.1, spearman_p: 0.4 }];
    const items = await scene(correlationChart(rows, ['гранты', 'запад', 'диалог']));
    const cells = items.filter((x) => x.type === 'text' && x.role === 'mark').map((x) => String(x.item.text));
    expect(cells).toEqual(expect.arrayContaining(['0,44', '−0,16']));
    expect(cells.some((t) => /\d\.\d/.test(t))).toBe(false);
    // the legend speaks the same format (its minus sign is the locale's, as in the cells)
    expect(shown(items, 'legend-label')).toContain('−1');
  });
});
