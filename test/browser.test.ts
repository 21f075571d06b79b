import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers';
import { jupyterReady, startNotebookServer } from './jupyter';

const CHROMIUM = '/usr/bin/chromium';
const browserReady = (() => {
  const ok = fs.existsSync(CHROMIUM);
  if (!ok && process.env.FRAMELAB_REQUIRE_JUPYTER) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  return ok;
})();

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A copy of the notebook for the server (the browser may autosave it) inside out/, so that
 * `framelab` resolves from the project's node_modules as for the real notebook; data/ is linked.
 */
function sandbox(notebook: string): string {
  const dir = path.join(ROOT, 'out', 'browser', 'sandbox');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'notebooks'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'notebooks', notebook), path.join(dir, 'notebooks', notebook));
  fs.symlinkSync(path.join(ROOT, 'data'), path.join(dir, 'data'));
  return dir;
}

describe.runIf(jupyterReady() && browserReady)('02-framing.ipynb in a real browser (classic Notebook, headless Chromium)', () => {
  it('runs every cell through the page and shows the six charts as SVG, without errors', { timeout: 240_000 }, async () => {
    const dir = sandbox('02-framing.ipynb');
    const token = randomBytes(16).toString('hex');
    const server = await startNotebookServer(dir, token);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(`${server.url}/notebooks/notebooks/02-framing.ipynb?token=${token}`);
      // wait for the kernel, then run all cells as the "Cell → Run All" menu does
      await page.waitForFunction(() => {
        const J = (window as unknown as { Jupyter?: { notebook?: { kernel?: { is_connected(): boolean } } } }).Jupyter;
        return J?.notebook?.kernel?.is_connected() === true;
      }, undefined, { timeout: 60_000 });
      // the committed notebook carries its outputs and is signed as trusted by the set-up: its charts show before any cell runs
      expect(await page.locator('.output_svg svg').count()).toBe(6);
      await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { execute_all_cells(): void } } }).Jupyter.notebook.execute_all_cells());
      // every cell has run when none is marked running and the last cell (the reading) has its Markdown output;
      // an error stops Run All, so stop waiting at the first one
      await page.waitForFunction(
        () =>
          document.querySelectorAll('.output_error, .output_stderr').length > 0 ||
          (document.querySelectorAll('.code_cell.running').length === 0 && document.querySelectorAll('.output_markdown').length >= 1),
        undefined,
        { timeout: 180_000, polling: 500 },
      );
      const svgCharts = await page.locator('.output_svg svg').count();
      const errors = await page.locator('.output_error, .output_stderr').allInnerTexts();
      const titles = await page.locator('.output_svg svg').evaluateAll((svgs) => svgs.map((s) => s.textContent ?? ''));
      fs.mkdirSync(path.join(ROOT, 'out', 'browser'), { recursive: true });
      await page.screenshot({ path: path.join(ROOT, 'out', 'browser', '02-framing.png'), fullPage: true });
      expect(errors).toEqual([]);
      expect(svgCharts).toBe(6);
      expect(titles.join(' ')).toMatch(/Фреймы по абзацам/);
      // the reading is text computed in the kernel and shown as Markdown
      expect(await page.locator('.output_markdown').last().innerText()).toMatch(/Чаще всего встречается фрейм «[^»]+»/);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});

describe.runIf(browserReady)('exported HTML in a real browser (vega-embed, as JupyterLab renders Vega-Lite)', () => {
  it('draws the chart offline and shows a tooltip on hover', { timeout: 120_000 }, async () => {
    const { buildChart, countFrameRows, loadCorpus, loadDictionary, toHTML } = await import('../src');
    const table = countFrameRows(loadCorpus(path.join(ROOT, 'data', 'ngo-grants-dialogue-2025.ru.txt'), { dedupe: true }), loadDictionary());
    const dir = path.join(ROOT, 'out', 'browser');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'totals.html');
    fs.writeFileSync(file, toHTML(buildChart('totals', table)));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${file}`);
      await page.waitForSelector('#vis svg', { timeout: 30_000 });
      expect(await page.locator('#error').innerText()).toBe('');
      expect(await page.locator('#vis svg').textContent()).toContain('Фреймы в тексте');
      // hover the first bar: vega-tooltip shows its category
      const bar = page.locator('#vis svg .mark-rect path').first();
      await bar.hover();
      await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 10_000 });
      expect(await page.locator('#vg-tooltip-element').innerText()).toMatch(/гранты/);
      await page.screenshot({ path: path.join(dir, 'totals-html.png') });
      expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
