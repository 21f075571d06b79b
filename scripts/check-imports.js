#!/usr/bin/env node
// The house rule for src/: arrows point down. Reads every import between the TypeScript files
// under a source folder (static imports and re-exports, `import type` included, dynamic import()
// and require()), then prints
//   - every import of a file that does not exist,
//   - every circle of files (a strongly connected component of the file graph), and
//   - every import that points up a layer, or sideways into another folder of the same layer,
//     per the layer order declared below (the same order docs/architecture.md draws);
// and exits 1 when there is any (2 on a usage error). A file may import files of its own folder
// and of any lower layer. Usage: node scripts/check-imports.js [SRC_DIR]   (default: src)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

/**
 * Layers from the bottom up. A member is a folder of src/ or a file at its top. Every file must
 * belong to a layer, so a new folder has to be placed here before it can be imported.
 */
const LAYERS = [
  { name: 'ground', members: ['errors.ts', 'defaults.ts'] }, // the error type and the defaults: import nothing
  { name: 'base', members: ['util', 'types'] }, // files written atomically and within limits, caches, the record of files read
  { name: 'text', members: ['text'] }, // characters, words, forms, lemmas: no notion of a file or a document
  { name: 'corpus', members: ['corpus'] }, // files → documents → paragraphs → tokens
  { name: 'table', members: ['table'] }, // the count table's shape and its formats (CSV, JSON, Parquet, DataFrame)
  { name: 'frames', members: ['frames'] }, // dictionaries, matching, counting a corpus into a table
  { name: 'stats', members: ['stats'] }, // statistics of count tables
  { name: 'analysis', members: ['analysis'] }, // word-level analyses: concordances, collocates, keyness, frequencies
  { name: 'studies', members: ['validate', 'rhetoric'] }, // validation against hand coding (shows concordances), rhetoric
  { name: 'calibration', members: ['calibrate'] }, // seeded simulations that check every test and interval (npm run calibrate)
  { name: 'charts', members: ['charts'] }, // Vega-Lite specs and their rendering
  { name: 'models', members: ['models'] }, // classifiers trained on coding, Latent Semantic Scaling, and their charts
  { name: 'hosts', members: ['notebook', 'reproduce'] }, // Jupyter display, reproducing notebooks
  { name: 'cli', members: ['cli'] }, // the framelab command
  { name: 'api', members: ['index.ts'] }, // the package's public surface
];

function layerOf(rel) {
  const top = rel.split('/')[0];
  const i = LAYERS.findIndex((l) => l.members.includes(top));
  return i < 0 ? null : { index: i, member: top };
}

function sourceFiles(dir, root = dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(p, root, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path.relative(root, p).split(path.sep).join('/'));
  }
  return out;
}

function resolve(files, from, spec) {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  const stem = base.endsWith('.js') ? base.slice(0, -3) : base;
  for (const candidate of [base, `${stem}.ts`, `${stem}/index.ts`]) if (files.has(candidate)) return candidate;
  return base.startsWith('../') ? undefined : null; // undefined: outside the source folder (package.json)
}

/** File → the files it imports, in sorted order; `missing` lists imports that name no file. */
function importGraph(root, missing = []) {
  const files = new Set(sourceFiles(root));
  const graph = new Map();
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const targets = new Set();
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolve(files, file, fileName);
      if (target === null) missing.push(`${file} imports '${fileName}', which is no file`);
      else if (target && target !== file) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan), each as one cycle through them. */
function circles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  // one cycle through each component, from its first file back to it (breadth first, so shortest)
  return found.map((component) => {
    const inside = new Set(component);
    const start = component[0];
    const parent = new Map();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift();
      for (const w of graph.get(v)) {
        if (!inside.has(w)) continue;
        if (w === start) {
          const cycle = [start];
          for (let u = v; u !== start; u = parent.get(u)) cycle.splice(1, 0, u);
          return { files: component, cycle: [...cycle, start] };
        }
        if (!parent.has(w)) {
          parent.set(w, v);
          queue.push(w);
        }
      }
    }
    return { files: component, cycle: component };
  });
}

function check(root) {
  const missing = [];
  const graph = importGraph(root, missing);
  const problems = missing.map((m) => `missing: ${m}`);
  for (const file of graph.keys()) {
    if (!layerOf(file)) problems.push(`no layer: ${file} (place "${file.split('/')[0]}" in LAYERS of scripts/check-imports.js)`);
  }
  for (const c of circles(graph)) problems.push(`circle of ${c.files.length} files (${c.files.join(', ')}), one way round: ${c.cycle.join(' → ')}`);
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    for (const target of targets) {
      const to = layerOf(target);
      if (!from || !to || from.member === to.member) continue;
      if (to.index > from.index) {
        problems.push(`up: ${file} (${LAYERS[from.index].name}) imports ${target} (${LAYERS[to.index].name})`);
      } else if (to.index === from.index) {
        problems.push(`sideways: ${file} imports ${target} (both ${LAYERS[from.index].name}; siblings stay apart)`);
      }
    }
  }
  const arrows = [...graph.values()].reduce((n, t) => n + t.length, 0);
  return { problems, files: graph.size, arrows };
}

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'src'));
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    console.error(`check-imports: ${root} is not a folder`);
    process.exit(2);
  }
  const { problems, files, arrows } = check(root);
  console.log(`layers, bottom up: ${LAYERS.map((l) => `${l.name} (${l.members.join(', ')})`).join(' < ')}`);
  console.log(`${files} files, ${arrows} imports between them`);
  for (const p of problems) console.log(p);
  console.log(problems.length ? `${problems.length} problem(s)` : 'no circle, no import pointing up or sideways');
  process.exit(problems.length ? 1 : 0);
}

module.exports = { LAYERS, importGraph, circles, check };
