import type { ChartSpec } from './specs';

/**
 * Custom orders (`sort: [...]`) longer than this are dropped in favour of the data's own order:
 * Vega-Lite turns such a list into one nested conditional expression, and 1000 documents made it
 * too deep to compile ("Maximum call stack size exceeded"). The charts list their rows in the
 * order the list gives, so the picture is the same.
 */
export const MAX_SORT_LIST = 200;

/**
 * A chart spec that Vega can always compile: long custom sort lists replaced by the data's order
 * (see {@link MAX_SORT_LIST}), and the line and paragraph separators U+2028 and U+2029 in any
 * text (a document id, a category, a group) shown as a space, since Vega's expression language
 * rejects them inside its strings ("Unexpected token ILLEGAL").
 *
 * @example
 * safeSpec({ mark: 'bar', encoding: { y: { field: 'doc', sort: ['a\u2028b'] } } } as never)
 * // { mark: 'bar', encoding: { y: { field: 'doc', sort: ['a b'] } } }
 */
export function safeSpec(spec: ChartSpec): ChartSpec {
  const visit = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return /[\u2028\u2029]/.test(value) ? value.replace(/[\u2028\u2029]/g, ' ') : value;
    if (Array.isArray(value)) {
      if (key === 'sort' && value.length > MAX_SORT_LIST) return null;
      return value.map((v) => visit(v, ''));
    }
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = visit(v, k);
      return out;
    }
    return value;
  };
  return visit(spec, '') as ChartSpec;
}
