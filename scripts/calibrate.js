#!/usr/bin/env node
// `npm run calibrate`: simulates clustered corpora, runs every test and interval framelab prints
// through the library, and writes the table between the calibration markers of docs/statistics.md.
// Usage: node scripts/calibrate.js [--quick]   (--quick: a small run, printed, docs untouched)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { calibrate, calibrationMarkdown } = require('../dist/calibrate/calibrate.js');

const quick = process.argv.includes('--quick');
const size = quick
  ? { nullReplicates: 100, altReplicates: 50, permutations: 199, resamples: 499, seed: 20250513 }
  : { nullReplicates: 2000, altReplicates: 500, permutations: 499, resamples: 999, seed: 20250513 };
const started = Date.now();
const measures = calibrate(size, (line) => process.stderr.write(`${((Date.now() - started) / 1000).toFixed(0)} s  ${line}\n`));
const seconds = ((Date.now() - started) / 1000).toFixed(0);
const body =
  `Run: seed ${size.seed}; ${size.nullReplicates} replicates of every null scenario (level and coverage; Monte-Carlo SE of a .05 rate ≈ ${Math.sqrt(0.05 * 0.95 / size.nullReplicates).toFixed(4)}), ` +
  `${size.altReplicates} of every alternative (power); ${size.permutations} permutations per test and ${size.resamples} bootstrap resamples (validate) inside each replicate; ` +
  `${seconds} s on one core (Node ${process.versions.node}).\n\n` +
  calibrationMarkdown(measures) + '\n';
if (quick) {
  process.stdout.write(body);
} else {
  const file = path.join(__dirname, '..', 'docs', 'statistics.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = '<!-- calibration:start -->';
  const end = '<!-- calibration:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) {
    process.stderr.write(`framelab: ${file} has no ${start} … ${end} markers to write the table between\n`);
    process.exit(1);
  }
  fs.writeFileSync(file, `${text.slice(0, a + start.length)}\n${body}${text.slice(b)}`);
  process.stderr.write(`wrote ${file} (${seconds} s)\n`);
}
