#!/usr/bin/env node
// The scanner against the baseline's walk, per byte, on the same bytes in memory: reads the texts
// of a JSONL corpus (paragraphs split on blank lines, as the corpus uses them), then times, in
// alternating rounds, framelab's Tokenizer.scan over each paragraph (with a fresh duplicate key,
// as corpus/tokens does) and the byte walk of scripts/bench-bytescan.js (fold ASCII and Cyrillic,
// hash, intern) over the same paragraphs. Reading and JSON are left out of both, so that the
// ratio is the scanner's own. Prints the fastest round of each, in ns per byte.
//
//   node scripts/bench-scan.js CORPUS.jsonl [ROUNDS] [OTHER_DIST]
//
// OTHER_DIST (a dist/ folder of another build) adds that build's scanner to the rounds, for a
// before/after comparison in one process under the same load.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [file, roundsArg, otherDist] = process.argv.slice(2);
if (!file) {
  console.error('usage: bench-scan.js CORPUS.jsonl [ROUNDS] [OTHER_DIST]');
  process.exit(2);
}
const ROUNDS = Number(roundsArg ?? 9);
const scanners = [['framelab', path.join(__dirname, '..', 'dist')]];
if (otherDist) scanners.push(['other', path.resolve(otherDist)]);

const encoder = new TextEncoder();
const parts = [];
let total = 0;
for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
  if (!line) continue;
  // normalized (NFC) here, as the tokens stage does for a document holding code points NFC changes
  for (const p of String(JSON.parse(line).text ?? '').split('\n\n')) {
    const b = encoder.encode(p.normalize('NFC'));
    parts.push(b);
    total += b.length;
  }
}
const all = new Uint8Array(total);
const bounds = new Int32Array(parts.length + 1);
parts.reduce((o, b, k) => (all.set(b, o), (bounds[k] = o), o + b.length), 0);
bounds[parts.length] = total;

const runs = scanners.map(([name, dist]) => {
  const { Tokenizer, nfcCheck } = require(path.join(dist, 'text', 'scan.js'));
  nfcCheck.on = false; // the texts are normalized above
  const { FormTable } = require(path.join(dist, 'text', 'forms.js'));
  const t = new Tokenizer(new FormTable());
  return [name, () => {
    let words = 0;
    for (let k = 0; k < parts.length; k++) {
      t.n = 0;
      t.startKey();
      t.scan(all, bounds[k], bounds[k + 1]);
      words += t.n;
    }
    return words;
  }];
});

// the baseline's walk and interning, as in scripts/bench-bytescan.js (without its JSON quote and escape tests)
let slots = new Int32Array(1 << 17);
let mask = (slots.length >> 1) - 1;
let arena = new Uint8Array(1 << 20);
let arenaUsed = 0;
let spans = new Int32Array(1 << 15);
let distinct = 0;
const word = new Uint8Array(1 << 16);
function grow() {
  const next = new Int32Array(slots.length * 2);
  const m = (next.length >> 1) - 1;
  for (let s = 0; s < slots.length; s += 2) {
    if (slots[s + 1] === 0) continue;
    let q = slots[s] & m;
    while (next[2 * q + 1] !== 0) q = (q + 1) & m;
    next[2 * q] = slots[s];
    next[2 * q + 1] = slots[s + 1];
  }
  slots = next;
  mask = m;
}
function intern(len, h) {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  let s = h & mask;
  for (;;) {
    const v = slots[2 * s + 1];
    if (v === 0) break;
    if (slots[2 * s] === h) {
      const id = v - 1;
      const off = spans[2 * id];
      if (spans[2 * id + 1] === len) {
        let k = 0;
        while (k < len && arena[off + k] === word[k]) k++;
        if (k === len) return id;
      }
    }
    s = (s + 1) & mask;
  }
  if (2 * distinct + 2 > spans.length) {
    const b = new Int32Array(spans.length * 2);
    b.set(spans);
    spans = b;
  }
  if (arenaUsed + len > arena.length) {
    const bigger = new Uint8Array(arena.length * 2);
    bigger.set(arena.subarray(0, arenaUsed));
    arena = bigger;
  }
  arena.set(word.subarray(0, len), arenaUsed);
  const id = distinct++;
  spans[2 * id] = arenaUsed;
  spans[2 * id + 1] = len;
  arenaUsed += len;
  slots[2 * s] = h;
  slots[2 * s + 1] = id + 1;
  if (distinct * 4 > slots.length) grow();
  return id;
}
const SEED = 0x811c9dc5 | 0;
function walk(b, start, end) {
  let words = 0;
  let len = 0;
  let h = SEED;
  for (let i = start; i < end; ) {
    let c = b[i];
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) c += 32;
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
        word[len++] = c;
        h = Math.imul(h ^ c, 0x01000193);
      } else if (len) {
        intern(len, h);
        words++;
        len = 0;
        h = SEED;
      }
      i++;
    } else if (c === 0xd0 || c === 0xd1) {
      let cp = ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
      if (cp < 0x430) cp += cp >= 0x410 ? 32 : 80;
      if (cp === 0x451) cp = 0x435;
      word[len++] = 0xc0 | (cp >> 6);
      word[len++] = 0x80 | (cp & 0x3f);
      h = Math.imul(h ^ cp, 0x01000193);
      i += 2;
    } else {
      if (len) {
        intern(len, h);
        words++;
        len = 0;
        h = SEED;
      }
      i += c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    }
  }
  if (len) {
    intern(len, h);
    words++;
  }
  return words;
}
runs.push(['baseline', () => {
  let words = 0;
  for (let k = 0; k < parts.length; k++) words += walk(all, bounds[k], bounds[k + 1]);
  return words;
}]);

const best = new Map(runs.map(([name]) => [name, Infinity]));
const words = new Map();
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, run] of runs) {
    const t0 = process.hrtime.bigint();
    words.set(name, run());
    best.set(name, Math.min(best.get(name), Number(process.hrtime.bigint() - t0)));
  }
}
const base = best.get('baseline');
console.log(`${(total / 1048576).toFixed(1)} MiB of text in ${parts.length} paragraphs, fastest of ${ROUNDS} rounds`);
for (const [name] of runs) {
  const ns = best.get(name);
  console.log(`${name.padEnd(9)} ${(ns / total).toFixed(2)} ns/byte  ${(ns / base).toFixed(2)}× baseline  ${words.get(name)} words`);
}
