// LIWC dictionaries (`.dic`).
import { FramelabError } from '../errors';
import type { RawCategory } from './dict-raw';

/**
 * Parses a LIWC `.dic` dictionary: a header between two `%` lines numbering the categories
 * (`1<TAB>гранты`; `01` and `1` are one number; a category indented under another is its child,
 * as in LIWC 2015 and 2022 headers), then one entry a line: a pattern and the numbers of its
 * categories. As quanteda does, LIWC 2007's conditional codes are simplified: parenthetical
 * expressions `(02 134)` are dropped (from the line's first `(` to its last `)`, as quanteda's
 * greedy `\(.+\)` does) and `125/464` counts in both, and an entry with the `<of>`
 * tag is left out; a number the header does not define is left out with a note (an error with
 * `strict`). Each simplification is noted.
 */
export function parseLiwc(text: string, file: string, notes: string[], strict: boolean): RawCategory[] {
  const lines = text.split(/\r\n|\r|\n/);
  let i = 0;
  while (i < lines.length && !lines[i].trim()) i++;
  if (lines[i]?.trim() !== '%') throw new FramelabError('not a LIWC dictionary: the first line must be "%"', { file, line: i + 1 });
  const byId = new Map<number, RawCategory>();
  const order: RawCategory[] = [];
  const stack: Array<{ depth: number; name: string }> = [];
  for (i++; i < lines.length && lines[i].trim() !== '%'; i++) {
    const raw = lines[i];
    if (!raw.trim()) continue;
    const m = /^([ \t]*)(\d+)\s+(.+?)\s*$/u.exec(raw);
    if (!m) throw new FramelabError(`a category line must be "<number> <name>", got "${raw.trim()}"`, { file, line: i + 1 });
    const depth = (m[1].match(/\t/g) ?? []).length + Math.floor(m[1].replace(/\t/g, '').length / 4);
    const id = Number(m[2]);
    if (byId.has(id)) throw new FramelabError(`category number ${m[2]} is defined twice`, { file, line: i + 1 });
    // a description in parentheses after the name (LIWC 2015: "2 pronoun (Total pronouns)") is not part of it
    const own = m[3].replace(/\s*\([^)]*\)\s*$/, '').trim();
    while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop();
    const name = [...stack.map((s) => s.name), own].join('.');
    stack.push({ depth, name: own });
    const category: RawCategory = { name, line: i + 1, patterns: [] };
    byId.set(id, category);
    order.push(category);
  }
  if (i >= lines.length) throw new FramelabError('the category header is not closed by a second "%" line', { file, line: lines.length });
  if (order.length === 0) throw new FramelabError('the header defines no categories', { file, line: i + 1 });
  const undefinedIds = new Map<number, number[]>();
  const parenthetical: number[] = [];
  let ofTags = 0;
  for (i++; i < lines.length; i++) {
    let line = lines[i].trim();
    if (!line) continue;
    if (/<of>/i.test(line)) {
      ofTags++;
      continue;
    }
    // quanteda's rule, `\(.+\)` greedy: from the first "(" to the last ")" of the line
    if (/\(.+\)/.test(line)) {
      parenthetical.push(i + 1);
      line = line.replace(/\(.+\)/, ' ').trim();
    }
    const fields = line.split(/\s+/u);
    let k = fields.length;
    while (k > 1 && /^\d+(?:\/\d+)*$/.test(fields[k - 1])) k--;
    const pattern = fields.slice(0, k).join(' ');
    const ids = fields.slice(k).flatMap((f) => f.split('/').map(Number));
    if (ids.length === 0) throw new FramelabError(`entry "${line}" names no category number`, { file, line: i + 1, pattern });
    for (const id of ids) {
      const c = byId.get(id);
      if (!c) {
        if (strict) throw new FramelabError(`unknown category number ${id} for "${pattern}"`, { file, line: i + 1, pattern });
        undefinedIds.set(id, [...(undefinedIds.get(id) ?? []), i + 1]);
        continue;
      }
      c.patterns.push({ text: pattern, line: i + 1 });
    }
  }
  if (ofTags) notes.push(`${file}: ${ofTags} term(s) left out because they hold the <of> tag, which framelab (like quanteda) does not support`);
  if (parenthetical.length) notes.push(`${file}: parenthetical expressions ignored in lines ${parenthetical.join(', ')} (LIWC 2007 conditional codes: every number given counts)`);
  for (const [id, at] of undefinedIds) notes.push(`${file}:${at[0]}: category number ${id} is not in the header; left out (${at.length} entr${at.length === 1 ? 'y' : 'ies'}; --strict makes it an error)`);
  return order;
}
