// quanteda's own dictionary format: YAML (`.yml`/`.yaml`), or the same nesting in JSON; framelab's
// rules (a mapping in a category's list) are read here too.
import type { Node, Pair } from 'yaml';
import { FramelabError } from '../errors';
import { parseRule, type LinedValue } from './rules';
import type { RawCategory } from './dict-raw';

/**
 * Parses quanteda's format: a mapping of category names to lists of patterns (or to a single
 * pattern), nested mappings named `parent.child`, the comment above a key kept as the category's
 * description; a mapping in a list is a pattern with rules (see ../rules.ts).
 */
export function parseNested(text: string, file: string, format: 'yaml' | 'json'): RawCategory[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LineCounter, parseDocument, isMap, isScalar, isSeq } = require('yaml') as typeof import('yaml');
  const lines = new LineCounter();
  // repeated keys are found by the loader's finalize (naming both lines); yaml's own check is quadratic in the keys
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    throw new FramelabError(`invalid ${format.toUpperCase()}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, { file, line });
  }
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range ? lines.linePos(node.range[0]).line : undefined;
  const root = doc.contents;
  if (!isMap(root)) {
    throw new FramelabError('a dictionary must map category names to lists of patterns', { file, line: lineOf(root as Node) ?? 1 });
  }
  // a YAML node as plain data with the line of each part, for the rules' errors
  const linedOf = (node: Node | null | undefined): LinedValue => {
    if (isMap(node)) {
      return { value: null, line: lineOf(node), entries: (node.items as Pair[]).map((pair) => ({ key: isScalar(pair.key) ? String((pair.key as { value: unknown }).value ?? '').trim() : '', line: lineOf(pair.key as Node), value: linedOf(pair.value as Node) })) };
    }
    if (isSeq(node)) return { value: null, line: lineOf(node), items: node.items.map((i) => linedOf(i as Node)) };
    return { value: isScalar(node) ? node.value : null, line: lineOf(node) };
  };
  const categories: RawCategory[] = [];
  const visit = (pairs: Pair[], prefix: string, mapComment: string) => {
    for (const [k, pair] of pairs.entries()) {
      const key = pair.key as Node;
      const keyName = isScalar(key) ? String(key.value ?? '').trim() : '';
      const line = lineOf(key);
      // an empty key inside a category holds the category's own patterns (quanteda reads `US: {MA: Boston, '': Washington}` so)
      if (!keyName && !prefix) throw new FramelabError('a category needs a name', { file, line });
      const name = keyName ? prefix + keyName : prefix.slice(0, -1);
      const value = pair.value as Node | null;
      if (isMap(value) && value.items.length > 0) {
        visit(value.items as Pair[], name + '.', value.commentBefore ?? '');
        continue;
      }
      const patterns = isSeq(value)
        ? value.items.map((item) => {
            // a mapping in the list is a pattern with rules (framelab's extension; see ./rules.ts)
            if (isMap(item)) {
              const { pattern, rule } = parseRule(linedOf(item as Node), file);
              return { text: pattern, line: lineOf(item as Node) ?? line, rule };
            }
            return { text: isScalar(item) ? item.value : item, line: lineOf(item as Node) ?? line };
          })
        : isScalar(value) && value.value !== null && value.value !== ''
          ? [{ text: value.value, line: lineOf(value) }]
          : [];
      categories.push({ name, line, patterns, description: describe(key, k === 0 ? mapComment : '') });
    }
  };
  visit(root.items as Pair[], '', '');
  return categories;
}

/** The last comment paragraph above a key, as one line. */
function describe(key: Node, fallback: string): string {
  const comment = (key as { commentBefore?: string | null }).commentBefore || fallback;
  const paragraphs = comment.split(/\n\s*\n/);
  return paragraphs[paragraphs.length - 1]
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
}
