// Lexicoder dictionaries (`.lc3`, `.lcd`).
import { FramelabError } from '../errors';
import type { RawCategory } from './dict-raw';

/** Parses a Lexicoder `.lc3`/`.lcd` dictionary: a line `+name` starts a category, the lines after it are its patterns. */
export function parseLexicoder(text: string, file: string): RawCategory[] {
  const out: RawCategory[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, n) => {
    const line = raw.trim();
    if (!line) return;
    if (line.startsWith('+')) {
      out.push({ name: line.slice(1).trim(), line: n + 1, patterns: [] });
      return;
    }
    const current = out[out.length - 1];
    if (!current) throw new FramelabError(`the pattern "${line}" stands before any "+category" line`, { file, line: n + 1 });
    current.patterns.push({ text: line, line: n + 1 });
  });
  return out;
}
