import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers';
import { jupyterEnv, jupyterReady, PYTHON, startNotebookServer } from './jupyter';

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
 * `framelab` resolves from the project's node_modules as for the real notebook; data/ and
 * node_modules/ are linked (the server serves the chart libraries from node_modules/, as it does
 * at the root of a study or of the project).
 */
function sandbox(notebook: string): string {
  const dir = path.join(ROOT, 'out', 'browser', 'sandbox');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'notebooks'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'notebooks', notebook), path.join(dir, 'notebooks', notebook));
  fs.symlinkSync(path.join(ROOT, 'data'), path.join(dir, 'data'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/** Trusts a notebook in the project's trust store, as a user does with `framelab trust` after reading it. */
function trust(file: string): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'main.js'), 'trust', file], { cwd: ROOT, env: jupyterEnv(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`framelab trust failed: ${r.stderr}`);
}

/** Opens a notebook of the sandbox in classic Notebook and waits for its kernel. */
async function openNotebook(browser: Awaited<ReturnType<typeof launchChromium>>, url: string) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url);
  await page.waitForFunction(() => {
    const J = (window as unknown as { Jupyter?: { notebook?: { kernel?: { is_connected(): boolean } } } }).Jupyter;
    return J?.notebook?.kernel?.is_connected() === true;
  }, undefined, { timeout: 60_000 });
  return page;
}

describe.runIf(jupyterReady() && browserReady)('02-framing.ipynb in a real browser (classic Notebook, headless Chromium)', () => {
  it('runs every cell through the page; its six charts are interactive: hovering a bar shows the paragraph', { timeout: 300_000 }, async () => {
    const dir = sandbox('02-framing.ipynb');
    // the committed notebook carries its outputs; trusted (the set-up trusts nothing by itself), its
    // charts are drawn by vega-embed, which the notebook's first output loads from the server's node_modules
    trust(path.join(dir, 'notebooks', '02-framing.ipynb'));
    const token = randomBytes(16).toString('hex');
    const server = await startNotebookServer(dir, token);
    const browser = await launchChromium();
    try {
      const page = await openNotebook(browser, `${server.url}/notebooks/notebooks/02-framing.ipynb?token=${token}`);
      await page.waitForFunction(() => document.querySelectorAll('.framelab-chart .vega-embed svg').length === 6, undefined, { timeout: 60_000 });
      // the libraries came from node_modules through the notebook server, and nothing from elsewhere
      const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      expect(loaded).toContain(`${server.url}/files/node_modules/vega-embed/build/vega-embed.min.js`);
      expect(loaded.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'))).toEqual([]);
      await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { execute_all_cells(): void } } }).Jupyter.notebook.execute_all_cells());
      // every cell has run when none is marked running and the last cell (the reading) has its Markdown output;
      // an error stops Run All, so stop waiting at the first one
      await page.waitForFunction(
        () =>
          document.querySelectorAll('.output_error, .output_stderr').length > 0 ||
          (document.querySelectorAll('.code_cell.running').length === 0 &&
            document.querySelectorAll('.output_markdown').length >= 1 &&
            document.querySelectorAll('.framelab-chart .vega-embed svg').length === 6),
        undefined,
        { timeout: 180_000, polling: 500 },
      );
      const errors = await page.locator('.output_error, .output_stderr').allInnerTexts();
      expect(errors).toEqual([]);
      const charts = page.locator('.framelab-chart .vega-embed svg');
      expect(await charts.count()).toBe(6);
      // the images were replaced by the live charts
      expect(await page.locator('.framelab-chart img').count()).toBe(0);
      expect((await charts.first().textContent()) ?? '').toMatch(/Фреймы по абзацам/);
      // hover a bar of the first chart (frames per paragraph): the tooltip names the paragraph and its first words
      const bars = charts.first().locator('.mark-rect path');
      const boxes = await bars.evaluateAll((paths) => paths.map((p) => p.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
      const index = boxes.findIndex((b) => b.w > 3 && b.h > 3);
      await bars.nth(index).scrollIntoViewIfNeeded();
      const bar = (await bars.nth(index).boundingBox())!;
      await page.mouse.move(bar.x + bar.width / 2 - 5, bar.y + bar.height / 2 - 5);
      await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
      await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 10_000 });
      const tooltip = await page.locator('#vg-tooltip-element').innerText();
      expect(tooltip).toMatch(/Абзац/);
      expect(tooltip).toMatch(/Начало абзаца/);
      fs.mkdirSync(path.join(ROOT, 'out', 'browser'), { recursive: true });
      await page.screenshot({ path: path.join(ROOT, 'out', 'browser', '02-framing.png'), fullPage: true });
      // the reading is text computed in the kernel and shown as Markdown
      expect(await page.locator('.output_markdown').last().innerText()).toMatch(/Чаще всего встречается фрейм «[^»]+»/);
    } finally {
      await browser.close();
      await server.stop();
    }
  });

  it('opened and saved in Jupyter (as autosave does) without an edit, the committed notebook keeps its bytes', { timeout: 180_000 }, async () => {
    const dir = sandbox('02-framing.ipynb');
    const file = path.join(dir, 'notebooks', '02-framing.ipynb');
    trust(file);
    const before = fs.readFileSync(file);
    const written = fs.statSync(file).mtimeMs;
    const token = randomBytes(16).toString('hex');
    const server = await startNotebookServer(dir, token);
    const browser = await launchChromium();
    try {
      const page = await openNotebook(browser, `${server.url}/notebooks/notebooks/02-framing.ipynb?token=${token}`);
      await page.waitForFunction(() => document.querySelectorAll('.framelab-chart .vega-embed svg').length === 6, undefined, { timeout: 60_000 });
      // what autosave does after two minutes, at once: the kernel's metadata and the outputs as the page holds them
      await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { save_notebook(): Promise<unknown> } } }).Jupyter.notebook.save_notebook());
      // (save_notebook resolves once the server has written the file)
      // the server did write the file (the check below compares a new write, not the untouched file)
      expect(fs.statSync(file).mtimeMs).toBeGreaterThan(written);
      const after = fs.readFileSync(file);
      if (!after.equals(before)) fs.writeFileSync(path.join(ROOT, 'out', 'browser', '02-framing.saved.ipynb'), after);
      expect(after.toString('utf8')).toBe(before.toString('utf8'));
    } finally {
      await browser.close();
      await server.stop();
    }
  });

  it('opened untrusted (executed elsewhere), it still shows every chart, as an image', { timeout: 180_000 }, async () => {
    const dir = sandbox('02-framing.ipynb');
    // any change to a signed notebook drops its trust, as a notebook executed on another machine has none here
    const file = path.join(dir, 'notebooks', '02-framing.ipynb');
    const nb = JSON.parse(fs.readFileSync(file, 'utf8')) as { metadata: Record<string, unknown> };
    nb.metadata.framelab_browser_test = 'untrusted copy';
    fs.writeFileSync(file, JSON.stringify(nb, null, 1));
    const token = randomBytes(16).toString('hex');
    const server = await startNotebookServer(dir, token);
    const browser = await launchChromium();
    try {
      const page = await openNotebook(browser, `${server.url}/notebooks/notebooks/02-framing.ipynb?token=${token}`);
      await page.waitForFunction(() => document.querySelectorAll('.framelab-chart img').length === 6, undefined, { timeout: 60_000 });
      // the images have loaded (a data: URI the sanitizer kept) and no script ran
      const widths = await page.locator('.framelab-chart img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
      expect(widths.every((w) => w > 100)).toBe(true);
      expect(await page.locator('.framelab-chart .vega-embed').count()).toBe(0);
      expect(await page.locator('#notification_trusted').innerText()).toMatch(/Not Trusted/);
      await page.screenshot({ path: path.join(ROOT, 'out', 'browser', '02-framing-untrusted.png'), fullPage: true });
    } finally {
      await browser.close();
      await server.stop();
    }
  });

  it('nbconvert --to html shows every chart as an image, without scripts', { timeout: 180_000 }, async () => {
    const outDir = path.join(ROOT, 'out', 'browser', 'nbconvert');
    fs.rmSync(outDir, { recursive: true, force: true });
    const r = spawnSync(PYTHON, ['-m', 'nbconvert', '--to', 'html', '--output-dir', outDir, path.join(ROOT, 'notebooks', '02-framing.ipynb')], { env: jupyterEnv(), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const html = path.join(outDir, '02-framing.html');
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      await page.goto(`file://${html}`);
      const imgs = page.locator('.framelab-chart img');
      expect(await imgs.count()).toBe(6);
      const widths = await imgs.evaluateAll((list) => list.map((i) => (i as HTMLImageElement).naturalWidth));
      expect(widths.every((w) => w > 100)).toBe(true);
    } finally {
      await browser.close();
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
