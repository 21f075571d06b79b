#!/usr/bin/env node
// `npm run calibrate`: simulates clustered corpora, runs every test and interval framelab prints
// through the library, and writes the table between the calibration markers of docs/statistics.md.
// Usage: node scripts/calibrate.js [--quick] [--only PART,PART] [--scenario TEXT]
//   --quick: a small run, printed, docs untouched; --only (compare, intervals, correlations,
//   cooccurrence, trend, validate, trend-groups, sparse-intervals) and --scenario (scenarios whose name contains TEXT) run a part
//   of the full-size calibration and print it, docs untouched (the seeds of the full run for
//   `compare`, the first part; later parts draw other streams when run alone).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { calibrate, calibrationMarkdown } = require('../dist/calibrate/calibrate.js');

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const quick = process.argv.includes('--quick');
const only = arg('--only') ? arg('--only').split(',') : undefined;
const scenario = arg('--scenario');
const partial = quick || only !== undefined || scenario !== undefined;
const size = quick
  ? { nullReplicates: 100, altReplicates: 50, permutations: 199, resamples: 499, seed: 20250513 }
  : { nullReplicates: 2000, altReplicates: 500, permutations: 499, resamples: 999, seed: 20250513 };
// scenarios whose rate came within one Monte-Carlo SE of its bound at 2000 replicates get more
size.moreReplicates = quick ? undefined : { 'three groups': 6000, 'unequal spread: 10 documents': 6000, 'unequal spread: 30 documents': 6000, 'sparse category': 6000 };
size.only = only;
size.scenario = scenario;
const started = Date.now();
const measures = calibrate(size, (line) => process.stderr.write(`${((Date.now() - started) / 1000).toFixed(0)} s  ${line}\n`));
const seconds = ((Date.now() - started) / 1000).toFixed(0);
const body =
  `Run: seed ${size.seed}; ${size.nullReplicates} replicates of every null scenario${size.moreReplicates ? ` (${Object.entries(size.moreReplicates).map(([k, n]) => `${n} of "${k}…"`).join(', ')})` : ''} (level and coverage; Monte-Carlo SE of a .05 rate ≈ ${Math.sqrt(0.05 * 0.95 / size.nullReplicates).toFixed(4)}), ` +
  `${size.altReplicates} of every alternative (power); ${size.permutations} permutations per test and ${size.resamples} bootstrap resamples (validate) inside each replicate; ` +
  `${seconds} s on one core (Node ${process.versions.node}).\n\n` +
  calibrationMarkdown(measures) + '\n';
if (partial) {
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
