import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { indexedPng } from '../src/charts/palette';
import { loadCorpus, loadDictionary } from '../src';
import { buildManifest, codeSha256 } from '../src/reproduce/manifest';
import { filesRead, readsOf, recordRead } from '../src/util/reads';
import { verifyManifest } from '../src/reproduce/verify';
import { ROOT, tempDir } from './helpers';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('the files a run reads', () => {
  it('are recorded by the corpus reader and the dictionary loader, once each, and logged where FRAMELAB_READS says', () => {
    const dir = tempDir({ 'texts/a.txt': 'Гранты и доноры.\n', 'dict.yaml': 'гранты:\n  - грант*\n' });
    const log = path.join(dir, 'reads.jsonl');
    const before = process.env.FRAMELAB_READS;
    process.env.FRAMELAB_READS = log;
    try {
      loadCorpus(path.join(dir, 'texts'));
      loadDictionary(path.join(dir, 'dict.yaml'));
      loadDictionary(path.join(dir, 'dict.yaml'));
    } finally {
      if (before === undefined) delete process.env.FRAMELAB_READS;
      else process.env.FRAMELAB_READS = before;
    }
    const expected = [
      { file: path.join(dir, 'texts', 'a.txt'), kind: 'corpus' },
      { file: path.join(dir, 'dict.yaml'), kind: 'dictionary' },
    ];
    expect(filesRead().filter((r) => r.file.startsWith(dir))).toEqual(expected);
    // the dictionary was loaded twice and logged once; a line cut short is skipped
    fs.appendFileSync(log, '{"file": "/x", "ki');
    expect(readsOf(log)).toEqual(expected);
  });
});

describe('the manifest and framelab verify', () => {
  /** A study-like folder with a text in data/, a dictionary at its root and a corpus outside it, and its manifest. */
  function folder() {
    const outside = tempDir({ 'elsewhere.txt': 'Второй текст.\n' });
    const root = tempDir({ 'data/a.txt': 'Первый текст.\n', 'dictionary.yaml': 'гранты:\n  - грант*\n', 'notebooks/01.ipynb': '{}\n', 'out/tables/01/counts.csv': 'doc,n\r\na,1\r\n' });
    const manifest = buildManifest({
      root,
      dataDir: path.join(root, 'data'),
      outDir: path.join(root, 'out'),
      notebooks: [{ file: path.join(root, 'notebooks', '01.ipynb'), seconds: 1.23 }],
      reads: [
        { file: path.join(root, 'data', 'a.txt'), kind: 'corpus' },
        { file: path.join(outside, 'elsewhere.txt'), kind: 'corpus' },
        { file: path.join(root, 'dictionary.yaml'), kind: 'dictionary' },
        { file: path.join(root, 'out', 'tables', '01', 'counts.csv'), kind: 'table' },
      ],
    });
    return { root, outside, manifest };
  }

  it('fingerprints what was read, wherever it is, and the framelab code', () => {
    const { root, outside, manifest } = folder();
    expect(manifest.inputs).toEqual([
      // a file outside the folder keeps its absolute path; paths sort as strings ('/' before letters)
      { file: path.join(outside, 'elsewhere.txt'), kind: 'corpus', bytes: Buffer.byteLength('Второй текст.\n'), sha256: sha(path.join(outside, 'elsewhere.txt')) },
      { file: 'data/a.txt', kind: 'corpus', bytes: Buffer.byteLength('Первый текст.\n'), sha256: sha(path.join(root, 'data', 'a.txt')) },
      { file: 'dictionary.yaml', kind: 'dictionary', bytes: Buffer.byteLength('гранты:\n  - грант*\n'), sha256: sha(path.join(root, 'dictionary.yaml')) },
      // out/tables/01/counts.csv was read back, but it is the run's own output, listed under outputs
    ]);
    expect(manifest.dictionaries.map((d) => [d.file, d.categories])).toEqual([['dictionary.yaml', ['гранты']]]);
    expect(manifest.outputs).toEqual([{ file: 'out/tables/01/counts.csv', sha256: sha(path.join(root, 'out', 'tables', '01', 'counts.csv')) }]);
    expect(manifest.framelab.sha256).toBe(codeSha256(ROOT));
  });

  it('the code hash changes with any file of the package and not with its place', () => {
    const a = tempDir({ 'package.json': '{"version":"1.0.0","files":["dist"]}', 'dist/x.js': 'one', 'src/ignored.ts': 'a' });
    const b = tempDir({ 'package.json': '{"version":"1.0.0","files":["dist"]}', 'dist/x.js': 'one', 'src/ignored.ts': 'b' });
    expect(codeSha256(a)).toBe(codeSha256(b));
    fs.writeFileSync(path.join(b, 'dist', 'x.js'), 'two');
    expect(codeSha256(a)).not.toBe(codeSha256(b));
  });

  it('verify passes on the same folder and names each difference', () => {
    const { root, outside, manifest } = folder();
    expect(verifyManifest(root, manifest)).toEqual([]);
    // one byte of a text, a file removed, another framelab, another Node
    const text = path.join(root, 'data', 'a.txt');
    const bytes = fs.readFileSync(text);
    bytes[bytes.length - 1] = 0x20;
    fs.writeFileSync(text, bytes);
    fs.rmSync(path.join(outside, 'elsewhere.txt'));
    const found = verifyManifest(root, { ...manifest, node: 'v0.0.1', framelab: { version: '0.0.9', sha256: 'f'.repeat(64) } });
    expect(found.filter((f) => f.level === 'error').map((f) => f.message.replace(/ \(.*/, ''))).toEqual([
      `missing input: ${path.join(outside, 'elsewhere.txt')}`,
      'changed input: data/a.txt',
      'different framelab code: 0.0.9',
    ]);
    expect(found.filter((f) => f.level === 'warning').map((f) => f.message)).toEqual([`Node v0.0.1 ran, this is ${process.version}`]);
  });
});

describe('the indexed PNG of notebook charts', () => {
  it('is lossless for an image of at most 256 colours', () => {
    // 20×10 pixels in 200 distinct colours (one per pixel): every pixel must come back as it was
    const width = 20;
    const height = 10;
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) rgba.set([i, 255 - i, (i * 7) % 256, 255], i * 4);
    const png = PNG.sync.read(indexedPng(rgba, width, height));
    expect([png.width, png.height]).toEqual([width, height]);
    expect(Buffer.from(png.data).equals(Buffer.from(rgba))).toBe(true);
  });

  it('draws more colours with the nearest of 256 (the frequent fills exactly)', () => {
    // a white image with a red block (200 pixels) and 300 single-pixel greys: 302 colours
    const width = 50;
    const height = 20;
    const rgba = new Uint8Array(width * height * 4).fill(255);
    for (let i = 0; i < 200; i++) rgba.set([200, 30, 40, 255], (500 + i) * 4);
    for (let i = 0; i < 300; i++) rgba.set([i % 256, i % 256, Math.floor(i / 256) * 100, 255], i * 4);
    const png = PNG.sync.read(indexedPng(rgba, width, height));
    const at = (i: number) => [...png.data.subarray(i * 4, i * 4 + 4)];
    expect(at(600)).toEqual([200, 30, 40, 255]);
    expect(at(width * height - 1)).toEqual([255, 255, 255, 255]);
    // a grey off the palette lands within one 8-level step per channel (the 32×32×32 grid's cell)
    for (let i = 0; i < 300; i++) {
      const [r, g, b] = at(i);
      const [r0, g0, b0] = [i % 256, i % 256, Math.floor(i / 256) * 100];
      expect(Math.max(Math.abs(r - r0), Math.abs(g - g0), Math.abs(b - b0))).toBeLessThanOrEqual(8);
    }
  });
});
