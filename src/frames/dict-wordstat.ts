// WordStat dictionaries (`.cat`).
import { FramelabError } from '../errors';
import type { RawCategory } from './dict-raw';

/**
 * Parses a WordStat `.cat` dictionary: categories and sub-categories by indentation (tabs), an
 * entry is a line ending with a weight in parentheses (`Botswana (1)`), under the category above
 * it. An underscore joins the words of a phrase.
 */
export function parseWordStat(text: string, file: string): RawCategory[] {
  const out: RawCategory[] = [];
  const stack: Array<{ depth: number; name: string; line: number; category?: RawCategory }> = [];
  text.split(/\r\n|\r|\n/).forEach((raw, n) => {
    if (!raw.trim()) return;
    const lead = /^[ \t]*/.exec(raw)![0];
    const depth = (lead.match(/\t/g) ?? []).length;
    const entry = /^(.*?)\s*\(\s*\d+(?:\.\d+)?\s*\)\s*$/.exec(raw.trim());
    if (entry) {
      // an entry belongs to the nearest category above it that is less indented
      while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop();
      const top = stack[stack.length - 1];
      if (!top) throw new FramelabError(`the entry "${raw.trim()}" stands before any category`, { file, line: n + 1 });
      if (!top.category) {
        top.category = { name: stack.map((s) => s.name).join('.'), line: top.line, patterns: [] };
        out.push(top.category);
      }
      top.category.patterns.push({ text: entry[1].replace(/_/g, ' '), line: n + 1 });
      return;
    }
    while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop();
    stack.push({ depth, name: raw.trim(), line: n + 1 });
  });
  return out;
}
