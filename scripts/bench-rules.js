#!/usr/bin/env node
// What rules in a dictionary cost: `framelab count` with a dictionary whose patterns carry rules
// against the same dictionary with the rules removed, on a corpus made by repeating the texts of
// data/news-sample (each copy with its own ids), run in turn RUNS times; prints each time, the
// median of each and the median of the ratios (target: at most 1.2), in wall and in CPU time
// (user + system: steadier on a shared machine).
//
//   npm run build && node scripts/bench-rules.js [--mb 50] [--runs 5] [--jobs 1] [--all-ruled]
//
// The ruled dictionary is the bundled one with every pattern of запад, демократия and нпо given a
// rule (запад*, демократ* and нко those of README's "Rules in a dictionary": case, not
// preceded_by/followed_by/in_sentence, near, pos; the others `not preceded_by против`);
// --all-ruled gives every pattern of every category a rule instead (the worst case: every
// paragraph holding any dictionary word is read again for sentences and case). --bundled times the
// bundled dictionary as it ships (with its own rules) against its patterns without the rules.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : dflt;
};
const MB = Number(opt('--mb', '50'));
const RUNS = Number(opt('--runs', '5'));
const JOBS = opt('--jobs', '1');
const ALL = args.includes('--all-ruled');
const BUNDLED = args.includes('--bundled');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const framelab = require(path.join(ROOT, 'dist', 'index.js'));

const work = path.join(os.tmpdir(), `framelab-bench-rules-${process.getuid?.() ?? 0}`);
fs.mkdirSync(work, { recursive: true });
const corpus = path.join(work, `news-${MB}mb.jsonl`);
if (!fs.existsSync(corpus)) {
  const docs = framelab.loadCorpus(path.join(ROOT, 'data', 'news-sample')).documents;
  const lines = docs.map((d) => d.paragraphs.map((p) => p.text).join('\n\n'));
  const out = fs.openSync(corpus + '.part', 'w');
  let bytes = 0;
  for (let copy = 0; bytes < MB * 1e6; copy++) {
    const chunk = lines.map((text, k) => JSON.stringify({ id: `c${copy}-${k}`, text })).join('\n') + '\n';
    fs.writeSync(out, chunk);
    bytes += Buffer.byteLength(chunk);
  }
  fs.closeSync(out);
  fs.renameSync(corpus + '.part', corpus);
}

// the dictionaries: the bundled one as an object (category → patterns), with and without rules
const bundled = framelab.loadDictionary();
const plain = {};
const ruled = {};
const RULES = {
  'запад*': { case: 'capitalized', not: [{ preceded_by: ['на', 'с', 'к', 'по'] }, { followed_by: ['округ*', 'военн* округ*'], within: 2 }, { in_sentence: ['украин*'] }] },
  'демократ*': { pos: ['NOUN'], not: [{ followed_by: ['парти*'], within: 2 }] },
  'нко': { near: [{ any: ['организаци*', 'некоммерческ*', 'грант*'], within: 'sentence' }] },
};
for (const c of bundled.categories) {
  plain[c.name] = [...c.patterns];
  ruled[c.name] = c.patterns.map((p) => {
    if (ALL) return { match: p, not: [{ preceded_by: ['не'] }], case: 'any' };
    const r = RULES[p] ?? (['запад', 'демократия', 'нпо'].includes(c.name) ? { not: [{ preceded_by: ['против'], within: 2 }] } : null);
    return r ? { match: p, ...r } : p;
  });
}
const plainFile = path.join(work, 'plain.json');
const ruledFile = BUNDLED ? framelab.BUNDLED_DICTIONARY : path.join(work, ALL ? 'all-ruled.json' : 'ruled.json');
fs.writeFileSync(plainFile, JSON.stringify(plain, null, 1));
if (!BUNDLED) fs.writeFileSync(ruledFile, JSON.stringify(ruled, null, 1));
const nRuled = BUNDLED
  ? bundled.categories.reduce((n, c) => n + (c.rules ?? []).filter((r) => r).length, 0)
  : Object.values(ruled).flat().filter((p) => typeof p !== 'string').length;

/** Wall and CPU seconds (user + system, from /usr/bin/time when present) of one count. */
const time = (dict) => {
  const out = path.join(work, 'out.csv');
  const cmd = [CLI, 'count', corpus, '--dict', dict, '--jobs', JOBS, '--out', out, '--quiet'];
  const timed = fs.existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = timed
    ? spawnSync('/usr/bin/time', ['-f', 'TIME %U %S', process.execPath, ...cmd], { encoding: 'utf8' })
    : spawnSync(process.execPath, cmd, { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(r.stderr);
  const m = /TIME ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const size = fs.statSync(corpus).size / 2 ** 20;
console.log(`corpus ${corpus} (${size.toFixed(1)} MiB), ${nRuled} ruled pattern(s) of ${Object.values(plain).flat().length}, --jobs ${JOBS}, ${RUNS} runs each`);
time(plainFile); // warm the lemma and dictionary caches
time(ruledFile);
const a = [];
const b = [];
for (let i = 0; i < RUNS; i++) {
  a.push(time(plainFile));
  b.push(time(ruledFile));
  console.log(`run ${i + 1}: plain ${a[i].wall.toFixed(2)} s (CPU ${a[i].cpu.toFixed(2)}), ruled ${b[i].wall.toFixed(2)} s (CPU ${b[i].cpu.toFixed(2)}), ratio wall ${(b[i].wall / a[i].wall).toFixed(3)}, CPU ${(b[i].cpu / a[i].cpu).toFixed(3)}`);
}
for (const k of ['wall', 'cpu']) {
  const x = a.map((r) => r[k]);
  const y = b.map((r) => r[k]);
  console.log(`median ${k}: plain ${median(x).toFixed(2)} s, ruled ${median(y).toFixed(2)} s; median of the ratios ${median(y.map((v, i) => v / x[i])).toFixed(3)}`);
}
