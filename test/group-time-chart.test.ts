// Small multiples of the time chart: one panel per group of `compare --by … --date … --every …`.
// A spec is data: its fields are tested as such, then drawn headlessly (vega's scene graph, what
// SVG and PNG export draw) to count what a reader sees.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSpec, groupTimeChart, type ChartSpec, type GroupSeriesRow } from '../src';
import { staticSpec } from '../src/charts/render';
import { CLI, ROOT, tempDir } from './helpers';

/** A row of a group's series: `words` words and `count` matches, so a rate of count / words × 1000. */
function row(file: string, year: number, category: string, documents: number, words: number, count: number): GroupSeriesRow {
  return {
    file,
    period: String(year),
    start: `${year}-01-01`,
    category,
    documents,
    paragraphs: documents,
    words,
    count,
    rate_per_1k: words > 0 ? (count / words) * 1000 : null,
    trend_slope: null,
    p: null,
    p_holm: null,
    p_bh: null,
    test: '',
  } as GroupSeriesRow;
}

// two outlets over three years; rt has no document in 2018 (a period without words: no point)
const rows: GroupSeriesRow[] = [
  row('rt.csv.gz', 2017, 'гранты', 2, 500, 1),
  row('rt.csv.gz', 2017, 'запад', 2, 500, 3),
  row('rt.csv.gz', 2018, 'гранты', 0, 0, 0),
  row('rt.csv.gz', 2018, 'запад', 0, 0, 0),
  row('rt.csv.gz', 2019, 'гранты', 4, 2000, 2),
  row('rt.csv.gz', 2019, 'запад', 4, 2000, 8),
  row('gazeta.csv.gz', 2017, 'гранты', 1, 250, 0),
  row('gazeta.csv.gz', 2017, 'запад', 1, 250, 1),
  row('gazeta.csv.gz', 2018, 'гранты', 3, 1000, 5),
  row('gazeta.csv.gz', 2018, 'запад', 3, 1000, 0),
  row('gazeta.csv.gz', 2019, 'гранты', 1, 400, 0),
  row('gazeta.csv.gz', 2019, 'запад', 1, 400, 2),
];

// the typed spec as plain data, to read its fields
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const data = (spec: ChartSpec): any => JSON.parse(JSON.stringify(spec));

describe('groupTimeChart: a time chart per group', () => {
  it('facets one layered time chart by group, in the rows\' order, with file groups named without their extension', () => {
    const spec = data(groupTimeChart(rows, { every: 'year' }));
    expect(spec.facet).toMatchObject({ field: 'group', type: 'nominal', sort: ['rt', 'gazeta'] });
    // the grouping field's Russian name (file → «Файл», as in groupChart)
    expect(spec.facet.title).toBe('Файл');
    expect(spec.columns).toBe(2);
    // one panel = a line and its points over the same x and y
    const [line, points] = spec.spec.layer;
    expect(line.mark.type).toBe('line');
    expect(points.mark.type).toBe('point');
    for (const layer of [line, points]) {
      expect(layer.encoding.x).toMatchObject({ field: 'start', type: 'temporal', timeUnit: 'year' });
      expect(layer.encoding.y).toMatchObject({ field: 'rate', type: 'quantitative' });
      expect(layer.encoding.color.field).toBe('category');
    }
    // a point's size: the group's documents in the period
    expect(points.encoding.size).toMatchObject({ field: 'documents', type: 'quantitative' });
    // the same axes in every panel, so that a rate reads the same everywhere
    expect(spec.resolve).toEqual({ scale: { x: 'shared', y: 'shared' } });
    expect(spec.title.text).toBe('Фреймы во времени: каждая группа отдельно');
  });

  it('carries every row, with its rate per 1000 words: 3 in 500 words is 6; no words, no rate', () => {
    const values = data(groupTimeChart(rows, { every: 'year' })).data.values;
    expect(values).toHaveLength(12);
    expect(values[1]).toEqual({ group: 'rt', period: '2017', start: '2017-01-01', category: 'запад', documents: 2, words: 500, count: 3, rate: 6 });
    expect(values[2].rate).toBeNull();
  });

  it('takes the panels per row, the colours\' category order and English labels', () => {
    const spec = data(groupTimeChart(rows, { every: 'year', columns: 1, categories: ['запад', 'гранты'], labels: 'en' }));
    expect(spec.columns).toBe(1);
    expect(spec.spec.layer[0].encoding.color.scale.domain).toEqual(['запад', 'гранты']);
    expect(spec.title.text).toBe('Frames over time, group by group');
    expect(spec.facet.title).toBe('file');
  });

  it('draws without warnings a panel per group and a point per period with words: 2 × 3 × 2 − 2 = 10', async () => {
    const warnings: string[] = [];
    const spec = groupTimeChart(rows, { every: 'year' });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const vega = require('vega') as typeof import('vega');
    const view = new vega.View(vega.parse(compileSpec(staticSpec(spec), (w) => warnings.push(w))), { renderer: 'none' });
    await view.runAsync();
    const symbols: Array<{ group: string; period: string }> = [];
    const headers: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const walk = (mark: any) => {
      for (const item of mark.items ?? []) {
        if (mark.marktype === 'symbol' && mark.role === 'mark') symbols.push(item.datum);
        if (mark.marktype === 'text' && mark.role === 'title-text') headers.push(item.text);
        for (const child of item.items ?? []) walk(child);
      }
    };
    walk((view.scenegraph() as unknown as { root: unknown }).root);
    view.finalize();
    expect(warnings).toEqual([]);
    // rt's 2018 has no words: its two rows have no rate and no point
    expect(symbols).toHaveLength(10);
    expect(symbols.filter((d) => d.group === 'rt' && d.period === '2018')).toEqual([]);
    // the facet's title, a header per panel, then the chart's title
    expect(headers).toEqual(['Файл', 'rt', 'gazeta', 'Фреймы во времени: каждая группа отдельно']);
  });
});

describe('framelab chart --kind group-time', () => {
  it('draws the outlets of the mixed corpus over the years, a panel per outlet', () => {
    const out = path.join(tempDir(), 'charts');
    const args = ['chart', path.join(ROOT, 'data', 'mixed-corpus', 'corpus.yaml'), '--kind', 'group-time', '--by', 'outlet', '--date', 'date', '--every', 'year'];
    const r = spawnSync(process.execPath, [CLI, ...args, '--formats', 'json', '--replicates', '50', '--permutations', '9', '--out-dir', out, '-q'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const spec = JSON.parse(fs.readFileSync(path.join(out, 'group-time.json'), 'utf8'));
    // the six outlets data/mixed-corpus/corpus.yaml names, sorted as groupTimeSeries sorts them
    expect(spec.facet.sort).toEqual(['RT', 'Газета.Ru', 'Известия', 'Интерфакс', 'РИА Новости', 'ТАСС']);
    expect(spec.facet.title).toBe('Издание');
  });

  it('asks for both --by and --date, in one line', () => {
    const r = spawnSync(process.execPath, [CLI, 'chart', path.join(ROOT, 'data', 'mixed-corpus', 'corpus.yaml'), '--kind', 'group-time', '--date', 'date', '--out-dir', path.join(tempDir(), 'c')], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim()).toBe('framelab: error: --kind group-time needs --by FIELD[,FIELD] and --date FIELD (and --every PERIOD)');
  });
});
