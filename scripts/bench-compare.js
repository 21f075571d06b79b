// Compares two count tables of the same corpus and dictionary, before and after a change of the
// matching rules: identical rows, or rows whose category counts only grew (hyphenated words now
// match by their parts). Prints one line; exits 1 when a count fell or the rows do not line up.
const fs = require('node:fs');
const [before, after, label] = process.argv.slice(2);
const rows = (f) => fs.readFileSync(f, 'utf8').split(/\r?\n/).filter(Boolean).map((l) => l.split(','));
const b = rows(before);
const a = rows(after);
const fail = (m) => { console.log(`bench: ${label}: ${m}`); process.exit(1); };
if (a.length !== b.length || a[0].join() !== b[0].join()) fail('the tables differ in rows or columns');
const first = b[0].indexOf('matched');
let grew = 0;
for (let r = 1; r < b.length; r++) {
  if (a[r].join() === b[r].join()) continue;
  // the key columns must agree; counts may only grow
  if (a[r].slice(0, first).join() !== b[r].slice(0, first).join()) fail(`row ${r} differs in its keys`);
  for (let k = first; k < b[r].length; k++) if (Number(a[r][k]) < Number(b[r][k])) fail(`row ${r}: ${b[0][k]} fell from ${b[r][k]} to ${a[r][k]}`);
  grew++;
}
console.log(`bench: ${label}: ${grew ? `${grew} of ${b.length - 1} rows count more (hyphenated words matched by their parts), none less` : 'byte-identical'}`);
