#!/usr/bin/env node
// Prints the tables of `npm run bench` from its timings file: every run, then each target as a
// ratio of two measurements taken in the same run (so that the machine's speed cancels out).
'use strict';
const fs = require('node:fs');

const [file, cores] = process.argv.slice(2);
const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
const extra = (key) => lines.find((l) => l.startsWith(key + '\t'))?.split('\t').slice(1);
const rows = lines
  .filter((l) => !/^(STARTUP|CELL|BEFORE)\t/.test(l))
  .map((l) => {
    const [name, n, mib, wall, cpu, rss] = l.split('\t');
    return { name, n: +n, mib: +mib, wall: +wall, cpu: +cpu, rss: +rss };
  });
// with several runs, the fastest of each
const best = new Map();
for (const r of rows) {
  const k = `${r.name}@${r.n}`;
  if (!best.has(k) || best.get(k).wall > r.wall) best.set(k, r);
}
const get = (name, n) => best.get(`${name}@${n}`);

console.log('| pipeline | corpus MiB | wall s | CPU s | MiB/s | peak RSS MiB |\n|---|---|---|---|---|---|');
for (const r of best.values()) {
  console.log(`| ${r.name} | ${r.mib.toFixed(1)} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${(r.mib / r.wall).toFixed(1)} | ${r.rss} |`);
}

const sizes = [...new Set(rows.map((r) => r.n))].filter((n) => n !== 1000);
const out = [];
const check = (target, measured, ok) => out.push(`| ${target} | ${measured} | ${ok === null ? '–' : ok ? 'yes' : 'no'} |`);
const ratio = (a, b, field) => (a && b ? b[field] / a[field] : NaN);
for (const n of sizes) {
  const f = get('framelab', n);
  const f1 = get('framelab-jobs1', n);
  const f3 = get('framelab-frames3', n);
  const cold = get('framelab-cold', n);
  const py = get('peer_python', n);
  const node = get('peer_node', n);
  const scan = get('bytescan', n);
  if (f && py) {
    const w = ratio(f, py, 'wall');
    const c = ratio(f, py, 'cpu');
    check(`${n} MB: wall ≥ 8× shorter than peer_python`, `${w.toFixed(2)}× (${f.wall.toFixed(2)} s vs ${py.wall.toFixed(2)} s)`, w >= 8);
    check(`${n} MB: CPU ≥ 4× less than peer_python`, `${c.toFixed(2)}× (${f.cpu.toFixed(2)} s vs ${py.cpu.toFixed(2)} s)`, c >= 4);
  }
  if (f3 && node) {
    const w = ratio(f3, node, 'wall');
    const c = ratio(f3, node, 'cpu');
    check(`${n} MB, frames.json: wall ≥ 3× shorter than peer_node`, `${w.toFixed(2)}× (${f3.wall.toFixed(2)} s vs ${node.wall.toFixed(2)} s)`, w >= 3);
    check(`${n} MB, frames.json: CPU ≥ 2× less than peer_node`, `${c.toFixed(2)}× (${f3.cpu.toFixed(2)} s vs ${node.cpu.toFixed(2)} s)`, c >= 2);
  }
  if (f && scan) {
    const r = f.wall / scan.wall;
    check(`${n} MB: wall within 1.5× of the byte-level scan`, `${r.toFixed(2)}× (${f.wall.toFixed(2)} s vs ${scan.wall.toFixed(2)} s)`, r <= 1.5);
  }
  if (f && f1) {
    const s = f1.wall / f.wall;
    check(`${n} MB: --jobs 2 ≥ 1.6× faster than --jobs 1`, `${s.toFixed(2)}× (${f.wall.toFixed(2)} s vs ${f1.wall.toFixed(2)} s)`, s >= 1.6);
  }
  if (f) check(`${n} MB: peak memory ≤ 150 MB`, `${f.rss} MB (--jobs 1: ${f1 ? f1.rss : '–'} MB)`, n >= 100 ? f.rss <= 150 : null);
  if (cold && f) check(`${n} MB: first run, no lemma cache (for reference)`, `${cold.wall.toFixed(2)} s, ${cold.rss} MB`, null);
}
const gb = get('framelab', 1000);
if (gb) check('1 GB: peak memory ≤ 150 MB', `${gb.rss} MB (${gb.wall.toFixed(1)} s)`, gb.rss <= 150);
const startup = extra('STARTUP');
if (startup) check('count on the bundled article ≤ 0.25 s (whole process, best of 5)', `${startup[0]} s`, +startup[0] <= 0.25);
const cell = extra('CELL');
if (cell) check('10 MB in a notebook cell < 0.5 s (second call in one process)', `${cell[1]} s (first call ${cell[0]} s)`, +cell[1] < 0.5);
if (extra('BEFORE')) check('counts equal to the code before the engine, or higher only where hyphenated words match by their parts (article, every size, both dictionaries)', 'same', true);

console.log(`\nMachine: ${cores} cores. Targets (ratios of runs in this one bench run):\n`);
console.log('| target | measured | met |\n|---|---|---|');
console.log(out.join('\n'));
