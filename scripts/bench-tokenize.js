#!/usr/bin/env node
// Baseline for the benchmark: read a JSONL corpus, decode it, split the text into words with
// framelab's word pattern, and nothing else (no lemmas, no dictionary). Prints the word count.
'use strict';
const fs = require('node:fs');
const WORD = /(?<![\p{L}\p{N}])\p{L}{1,3}\.(?:\p{L}{1,3}\.)+(?!\p{L})|[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const fd = fs.openSync(process.argv[2], 'r');
const buf = Buffer.alloc(1 << 20);
const dec = new TextDecoder('utf-8');
let pending = '';
let words = 0;
const line = (l) => {
  if (!l) return;
  const text = JSON.parse(l).text.toLowerCase();
  for (const _ of text.matchAll(WORD)) words++;
};
for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) {
  const chunk = pending + dec.decode(buf.subarray(0, n), { stream: true });
  const lines = chunk.split('\n');
  pending = lines.pop();
  lines.forEach(line);
}
line(pending + dec.decode());
console.log(words);
