#!/usr/bin/env node
// Baseline for the benchmark: the least work any counter of a JSONL corpus must do. Reads the
// file in 4 MiB chunks, finds each line's "text" value, walks its UTF-8 bytes, folds ASCII and
// Cyrillic letters to lower case in place (ё → е), hashes each word (a run of letters and digits)
// and interns it in an open-addressing table. No string is built per word; no lemmas, no
// dictionary, no output. Prints words, distinct words and lines.
'use strict';
const fs = require('node:fs');

const file = process.argv[2];
if (!file) {
  console.error('usage: bench-bytescan.js CORPUS.jsonl');
  process.exit(2);
}
const CHUNK = 4 << 20;
const fd = fs.openSync(file, 'r');
let buf = Buffer.alloc(CHUNK);

// interning: a slot holds [hash, id + 1]; a word's folded bytes live in an arena at [offset, length]
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
    let t = slots[s] & m;
    while (next[2 * t + 1] !== 0) t = (t + 1) & m;
    next[2 * t] = slots[s];
    next[2 * t + 1] = slots[s + 1];
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
        const a = arena;
        const w = word;
        let k = 0;
        while (k < len && a[off + k] === w[k]) k++;
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

let words = 0;
let lines = 0;
const KEY = Buffer.from('"text"');
const SEED = 0x811c9dc5 | 0;

/** Scans one line: finds "text": "…" and walks the string's bytes up to the closing quote. */
function scanLine(b, start, end) {
  lines++;
  let k = b.indexOf(KEY, start);
  if (k < 0 || k >= end) return;
  k += KEY.length;
  while (k < end && b[k] !== 0x22) k++;
  k++;
  let len = 0;
  let h = SEED;
  for (let i = k; i < end; ) {
    let c = b[i];
    if (c < 0x80) {
      if (c === 0x22) break;
      if (c === 0x5c) {
        // an escape (\n, \", \\, \uXXXX) ends a word
        if (len) { intern(len, h); words++; len = 0; h = SEED; }
        i += b[i + 1] === 0x75 ? 6 : 2;
        continue;
      }
      if (c >= 0x41 && c <= 0x5a) c += 32;
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
        word[len++] = c;
        h = Math.imul(h ^ c, 0x01000193);
      } else if (len) {
        intern(len, h); words++; len = 0; h = SEED;
      }
      i++;
    } else if (c === 0xd0 || c === 0xd1) {
      // Cyrillic U+0400–U+047F: fold А–Я, Ѐ–Џ, ё → е
      let cp = ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
      if (cp < 0x430) cp += cp >= 0x410 ? 32 : 80;
      if (cp === 0x451) cp = 0x435;
      word[len++] = 0xc0 | (cp >> 6);
      word[len++] = 0x80 | (cp & 0x3f);
      h = Math.imul(h ^ cp, 0x01000193);
      i += 2;
    } else {
      if (len) { intern(len, h); words++; len = 0; h = SEED; }
      i += c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    }
  }
  if (len) { intern(len, h); words++; }
}

let carry = 0;
for (;;) {
  const n = fs.readSync(fd, buf, carry, buf.length - carry, null);
  const filled = carry + n;
  if (filled === 0) break;
  let start = 0;
  for (;;) {
    const nl = buf.indexOf(0x0a, start);
    if (nl < 0 || nl >= filled) break;
    if (nl > start) scanLine(buf, start, nl);
    start = nl + 1;
  }
  if (n === 0) {
    if (start < filled) scanLine(buf, start, filled);
    break;
  }
  carry = filled - start;
  if (carry === buf.length) buf = Buffer.concat([buf, Buffer.alloc(buf.length)]);
  buf.copy(buf, 0, start, filled);
}
console.log(`${words} words, ${distinct} distinct, ${lines} lines`);
