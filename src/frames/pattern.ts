import { FramelabError, type ErrorLocation } from '../errors';
import { foldCase } from '../text/normalize';
import { isAbbreviation } from '../text/tokenize';

/** A compiled glob for one word: tests a folded word form or lemma. */
export interface WordGlob {
  /** The glob, folded (lower case, ё → е). */
  glob: string;
  test(word: string): boolean;
}

const ALLOWED = /^[\p{L}\p{N}*?-]+$/u;

/**
 * Compiles one word glob: `*` matches any run of characters (also none), `?` exactly one, the
 * rest literally; case- and ё-insensitive; the whole word must match. Exact words and prefix
 * globs (`грант*`) get fast paths; any other glob is matched by a two-pointer walk that backs up
 * only to the last `*`, so its time grows with the word's length times the glob's, never
 * exponentially (a regular expression would backtrack on `*а*а*а…б`).
 *
 * @example
 * compileWordGlob('грант*').test('грантодателей') // true
 * compileWordGlob('пытк?').test('пытки')         // true
 */
export function compileWordGlob(glob: string): WordGlob {
  const g = foldCase(glob);
  const star = g.indexOf('*');
  if (!g.includes('?') && star === -1) return { glob: g, test: (w) => w === g };
  if (!g.includes('?') && star === g.length - 1) {
    const prefix = g.slice(0, -1);
    return { glob: g, test: (w) => w.startsWith(prefix) };
  }
  const p = Array.from(g.replace(/\*+/g, '*'));
  return { glob: g, test: (w) => globMatch(p, /[\uD800-\uDFFF]/.test(w) ? Array.from(w) : w) };
}

/** Whether a glob (as characters; `*` any run, `?` one character) matches the whole word. */
function globMatch(p: readonly string[], w: string | readonly string[]): boolean {
  let pi = 0;
  let wi = 0;
  let star = -1;
  let mark = 0;
  while (wi < w.length) {
    const c = p[pi];
    if (pi < p.length && (c === '?' || c === w[wi])) {
      pi++;
      wi++;
    } else if (pi < p.length && c === '*') {
      star = pi++;
      mark = wi;
    } else if (star >= 0) {
      pi = star + 1;
      wi = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/**
 * Splits a dictionary pattern into its word globs and checks it can match: each word may hold
 * only letters, digits, inner hyphens and the wildcards `*` and `?`, since that is all a word is
 * made of, or be a dotted abbreviation (`т.н.`); a pattern that matches every word (`*`, `?*`,
 * `* *`) is refused.
 *
 * @example
 * parsePattern('иностранн* грант*') // ['иностранн*', 'грант*']
 * parsePattern('т.н.')              // ['т.н.']
 * parsePattern('грант.')            // throws: "." is never part of a word
 */
export function parsePattern(pattern: unknown, where: ErrorLocation = {}): string[] {
  if (typeof pattern !== 'string' && typeof pattern !== 'number') {
    throw new FramelabError(`pattern must be a text, not ${pattern === null ? 'empty' : typeof pattern}`, where);
  }
  const text = String(pattern).trim();
  const at = { ...where, pattern: text };
  if (!text) throw new FramelabError('empty pattern', at);
  const parts = text.split(/\s+/u);
  for (const part of parts) {
    if (isAbbreviation(part)) continue; // т.н., т.е.: dotted abbreviations are words of their own
    if (!ALLOWED.test(part)) {
      const bad = [...part].find((c) => !/[\p{L}\p{N}*?-]/u.test(c));
      throw new FramelabError(
        `invalid pattern "${text}": "${bad}" is never part of a word (words are letters, digits and inner hyphens; wildcards are * and ?)`,
        at,
      );
    }
    if (/^-|-$|--/.test(part)) {
      throw new FramelabError(`invalid pattern "${text}": a hyphen must stand between two letters or wildcards`, at);
    }
  }
  // a glob of stars and at most one ? matches every word (a word has at least one letter)
  if (parts.every((p) => /^\*+$/.test(p) || (/^\**\?\**$/.test(p) && p.includes('*')))) {
    throw new FramelabError(`invalid pattern "${text}": it matches every word${parts.length > 1 ? ' of every run' : ''}`, at);
  }
  return parts.map(foldCase);
}
