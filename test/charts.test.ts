import * as fs from 'node:fs';
import * as path from 'node:path';
import Module from 'node:module';
import { gunzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  buildChart,
  CHART_KINDS,
  compileSpec,
  countFrameRows,
  exportChart,
  FramelabError,
  frameMatches,
  loadCorpus,
  loadDictionary,
  show,
  svgToPNG,
  toHTML,
  toPNG,
  toSVG,
} from '../src';
import type { ChartKind, ChartSpec, FrameTable, MatchRow } from '../src';
import { chartFontFiles } from '../src/charts/render';
import { ARTICLE, FRAMES3, ROOT, tempDir } from './helpers';

/** Number of drawn items (paths, rects, lines, texts) in the SVG group of a mark whose class contains `name`. */
function marksIn(svg: string, name: string): number {
  const open = new RegExp(`<g class="mark-[a-z]+ role-mark [^"]*${name}[^"]*"[^>]*>`).exec(svg);
  if (!open) throw new Error(`no mark group ${name}`);
  const body = svg.slice(open.index + open[0].length, svg.indexOf('</g>', open.index));
  return (body.match(/<(path|rect|line|text)\b/g) ?? []).length;
}

let table: FrameTable;
let deduped: FrameTable;
let matches: MatchRow[];

beforeAll(() => {
  const dict = loadDictionary(FRAMES3);
  const corpus = loadCorpus(ARTICLE);
  table = countFrameRows(corpus, dict);
  deduped = countFrameRows(loadCorpus(ARTICLE, { dedupe: true }), dict);
  matches = frameMatches(corpus, dict);
});

describe('chart specs', () => {
  it.each(CHART_KINDS)('%s compiles with vega-lite and renders with vega without warnings, with its Russian title', async (kind) => {
    const warnings: string[] = [];
    const spec = buildChart(kind, table, { matches });
    compileSpec(spec, (w) => warnings.push(w));
    const svg = await toSVG(spec, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    expect(svg.startsWith('<svg')).toBe(true);
    const title = ((spec as { title: { text: string } }).title.text);
    expect(title).toMatch(/[а-я]/);
    expect(svg).toContain(title);
  });

  it('draws one mark per data point', async () => {
    // 58 paragraphs × 3 categories
    expect(marksIn(await toSVG(buildChart('paragraphs', table)), 'marks')).toBe(174);
    expect(marksIn(await toSVG(buildChart('heatmap', table)), 'marks')).toBe(174);
    // all 30 matches of the three frames stand in the body, which the article has twice: 60 ticks; 30 without repeats
    expect(matches.length).toBe(60);
    expect(marksIn(await toSVG(buildChart('dispersion', table, { matches })), 'marks')).toBe(60);
    expect(marksIn(await toSVG(buildChart('dispersion', table, { matches, duplicates: 'drop' })), 'marks')).toBe(30);
    // 3 × 3 co-occurrence cells, each with a label
    const cooc = await toSVG(buildChart('cooccurrence', table));
    expect(marksIn(cooc, 'layer_0_marks')).toBe(9);
    expect(marksIn(cooc, 'layer_1_marks')).toBe(9);
    // one bar per category in each of the two panels
    const totals = await toSVG(buildChart('totals', deduped));
    expect([marksIn(totals, 'concat_0_marks'), marksIn(totals, 'concat_1_marks')]).toEqual([3, 3]);
  });

  it('carries the hand-counted totals of the deduplicated article in its data', () => {
    const spec = buildChart('totals', deduped) as { data: { values: Array<{ category: string; total: number }> } };
    expect(spec.data.values.map((v) => [v.category, v.total])).toEqual([
      ['гранты', 16],
      ['коррупция', 5],
      ['диалог', 9],
    ]);
  });

  it('gives a category the same colour in every chart, and honours overridden labels', () => {
    const colours = (s: ChartSpec) => JSON.stringify(s).match(/"domain":\["гранты","коррупция","диалог"\],"range":\[[^\]]*\]/g);
    const seen = (['paragraphs', 'arc', 'dispersion', 'totals'] as ChartKind[]).map((k) => colours(buildChart(k, table, { matches }))![0]);
    expect(new Set(seen).size).toBe(1);
    const en = buildChart('heatmap', table, { title: 'Frame density', labels: { paragraph: 'Paragraph' } });
    expect(JSON.stringify(en)).toContain('"Frame density"');
    expect(JSON.stringify(en)).toContain('"title":"Paragraph"');
  });

  it('marks repeated paragraphs or leaves them out', () => {
    const marked = JSON.stringify(buildChart('paragraphs', table));
    expect(marked).toContain('повторные абзацы (28)');
    const dropped = buildChart('paragraphs', table, { duplicates: 'drop' }) as { data: { values: unknown[] } };
    expect(dropped.data.values.length).toBe(30 * 3);
  });
});

describe('rendering and export', () => {
  it('PNG decodes, has the SVG size times the scale, and draws Cyrillic text', async () => {
    const spec = buildChart('totals', deduped);
    const svg = await toSVG(spec);
    const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
    const png = PNG.sync.read(await toPNG(spec, { scale: 2 }));
    expect([png.width, png.height]).toEqual([w * 2, h * 2]);

    // The title band (top 22 SVG pixels) holds only text: count dark pixels with the bundled font,
    // and without any font (the control: resvg then draws no letters at all).
    const darkInTitle = (buf: Buffer) => {
      const img = PNG.sync.read(buf);
      let dark = 0;
      for (let y = 0; y < 44; y++) for (let x = 0; x < img.width; x++) if (img.data[(y * img.width + x) * 4] < 128) dark++;
      return dark;
    };
    expect(darkInTitle(svgToPNG(svg, { scale: 2 }))).toBeGreaterThan(500);
    expect(darkInTitle(svgToPNG(svg, { scale: 2, fontFiles: [] }))).toBe(0);
    expect(chartFontFiles().every((f) => fs.existsSync(f))).toBe(true);
  });

  it('HTML is self-contained: libraries inlined, nothing loaded from the network', () => {
    const html = toHTML(buildChart('heatmap', table));
    expect(html).toContain('vegaEmbed(');
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
    expect(html).toContain('"Плотность фреймов: абзац × категория"');
    // the spec survives the page: parse it back
    const json = /const spec = (.*);\n/.exec(html)![1];
    expect(JSON.parse(json).title.text).toBe('Плотность фреймов: абзац × категория');
  });

  it('exportChart writes exactly the requested files, atomically', async () => {
    const dir = tempDir();
    const base = path.join(dir, 'sub', 'heat');
    const files = await exportChart(buildChart('heatmap', table), base, ['json', 'svg']);
    expect(files).toEqual([`${base}.svg`, `${base}.json`]);
    expect(fs.readdirSync(path.join(dir, 'sub')).sort()).toEqual(['heat.json', 'heat.svg']);
    expect(JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')).$schema).toMatch(/vega-lite\/v5/);
    await expect(exportChart(buildChart('heatmap', table), base, ['svg', 'pdf' as never])).rejects.toThrow(/unknown chart format "pdf"/);
  });

  it('the same input gives byte-identical JSON and SVG', async () => {
    const a = buildChart('arc', table);
    const b = buildChart('arc', countFrameRows(loadCorpus(ARTICLE), loadDictionary(FRAMES3)));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(await toSVG(a)).toBe(await toSVG(b));
  });
});

describe('show() in Jupyter', () => {
  const fakePath = path.join(path.sep, 'fake', 'node_modules', 'tslab', 'dist', 'jupyter.js');
  afterEach(() => {
    delete require.cache[fakePath];
  });

  it('fails with a clear message outside a kernel', async () => {
    await expect(show(buildChart('totals', table))).rejects.toThrow(FramelabError);
    await expect(show(buildChart('totals', table))).rejects.toThrow(/needs a running tslab/);
  });

  it('sends the chart libraries once, then one message per chart: HTML, Vega-Lite, PNG and text', async () => {
    const sent: Array<{ data: Record<string, unknown>; metadata: Record<string, unknown> }> = [];
    const fake = new Module(fakePath);
    fake.exports = { lastWriteDisplayData: (content: { data: Record<string, unknown>; metadata: Record<string, unknown> }) => sent.push(content) };
    require.cache[fakePath] = fake as NodeJS.Module;
    const spec = buildChart('totals', table);
    await show(spec);
    await show(spec);
    // the loader of the libraries (vega, vega-lite, vega-embed from the server's node_modules, not inlined), then the two charts
    expect(sent.length).toBe(3);
    expect(Object.keys(sent[0].data)).toEqual(['text/html']);
    const loader = String(sent[0].data['text/html']);
    expect(loader).toMatch(/vegaEmbed/);
    expect(loader).toContain('"vega/build/vega.min.js","vega-lite/build/vega-lite.min.js","vega-embed/build/vega-embed.min.js"');
    for (const lib of ['vega/build/vega.min.js', 'vega-lite/build/vega-lite.min.js', 'vega-embed/build/vega-embed.min.js']) {
      expect(fs.existsSync(path.join(ROOT, 'node_modules', lib)), lib).toBe(true);
    }
    expect(loader).not.toMatch(/<script src=/);
    // a few lines, not the 830 KB of the libraries
    expect(loader.length).toBeLessThan(3000);
    const chart = sent[1];
    expect(Object.keys(chart.data).sort()).toEqual(['application/vnd.vegalite.v5+json', 'image/png', 'text/html', 'text/plain']);
    expect(chart.data['application/vnd.vegalite.v5+json']).toEqual(spec);
    // the PNG: base64 of a PNG file, the SVG's size in pixels, 8-bit indexed colour (IHDR bit depth 8, colour type 3)
    const png = Buffer.from(String(chart.data['image/png']), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const { width, height } = chart.metadata['image/png'] as { width: number; height: number };
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([width, height]);
    expect([png[24], png[25]]).toEqual([8, 3]);
    // the HTML: the PNG as an image (what an untrusted notebook keeps), and the script that replaces it
    const html = String(chart.data['text/html']);
    expect(html).toContain(`<img src="data:image/png;base64,${chart.data['image/png']}" width="${width}" height="${height}"`);
    expect(html).toMatch(/<script>[\s\S]*vegaEmbed\(live, s,/);
    // the spec travels in the script gzipped: it inflates to the chart's spec
    const packed = /atob\('([A-Za-z0-9+/=]+)'\)/.exec(html)![1];
    expect(JSON.parse(gunzipSync(Buffer.from(packed, 'base64')).toString('utf8'))).toEqual(JSON.parse(JSON.stringify(spec)));
    // two charts, two ids: each script finds its own chart
    const ids = sent.slice(1).map((m) => /id="([^"]+)"/.exec(String(m.data['text/html']))![1]);
    expect(new Set(ids).size).toBe(2);
  });
});
