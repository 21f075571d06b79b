/**
 * Where a regular expression repeats something that itself repeats without bound — `(a+)+`,
 * `(\s*x)*`, `((ab)*c){2,}` — the shape on which a backtracking engine (JavaScript's) can take
 * exponential time on a line that almost matches, without ever yielding to Ctrl-C. Returns the
 * offending group as written, or null when there is none. Character classes, escapes and
 * lookarounds are read as such; a bounded outer repeat of at most one (`?`, `{0,1}`) is fine.
 *
 * @example
 * nestedQuantifier('(a+)+$') // '(a+)+'
 * nestedQuantifier('\\n{2,}') // null
 */
export function nestedQuantifier(source: string): string | null {
  const stack: Array<{ start: number; repeats: boolean }> = [{ start: 0, repeats: false }];
  let i = 0;
  /** The quantifier at `at`: its length and whether it repeats without bound / more than once. */
  const quantifierAt = (at: number): { length: number; unbounded: boolean; many: boolean } | null => {
    const c = source[at];
    let q: { length: number; unbounded: boolean; many: boolean } | null = null;
    if (c === '*' || c === '+') q = { length: 1, unbounded: true, many: true };
    else if (c === '?') q = { length: 1, unbounded: false, many: false };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
      if (m) {
        const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
        q = { length: m[0].length, unbounded: max === Infinity, many: max > 1 };
      }
    }
    if (q && source[at + q.length] === '?') q.length++; // lazy: the same backtracking
    return q;
  };
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
      if (/[pPu]/.test(source[i - 1] ?? '') && source[i] === '{') i = source.indexOf('}', i) + 1 || source.length;
    } else if (c === '[') {
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '(') {
      stack.push({ start: i, repeats: false });
      i++;
      continue;
    } else if (c === ')') {
      const group = stack.length > 1 ? stack.pop()! : { start: 0, repeats: false };
      i++;
      const q = quantifierAt(i);
      if (q && q.many && group.repeats) return source.slice(group.start, i + q.length);
      const parent = stack[stack.length - 1];
      if (group.repeats || q?.unbounded) parent.repeats = true;
      if (q) i += q.length;
      continue;
    } else i++;
    const q = quantifierAt(i);
    if (q) {
      if (q.unbounded) stack[stack.length - 1].repeats = true;
      i += q.length;
    }
  }
  return null;
}
