// Yoshikoder dictionaries (`.ykd`, XML).
import { FramelabError } from '../errors';
import type { RawCategory } from './dict-raw';

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) => s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : XML_ENTITIES[e] ?? m));

/**
 * Parses a Yoshikoder `.ykd` dictionary (XML): `cnode` elements are categories, nested, the
 * outer one included (as quanteda names them); `pnode` elements are their patterns.
 */
export function parseYoshikoder(text: string, file: string): RawCategory[] {
  if (!/<dictionary\b/i.test(text)) throw new FramelabError('not a Yoshikoder dictionary: no <dictionary> element', { file, line: 1 });
  const out: RawCategory[] = [];
  const stack: Array<{ name: string; category?: RawCategory }> = [];
  const lineAt = (at: number) => text.slice(0, at).split('\n').length;
  const tag = /<(\/?)(cnode|pnode)\b([^>]*?)(\/?)>/gi;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    const [, close, kind, attrs, selfClosing] = m;
    const name = /\bname\s*=\s*"([^"]*)"/i.exec(attrs)?.[1] ?? /\bname\s*=\s*'([^']*)'/i.exec(attrs)?.[1];
    if (kind.toLowerCase() === 'cnode') {
      if (close) {
        if (!stack.pop()) throw new FramelabError('a </cnode> closes nothing', { file, line: lineAt(m.index) });
        continue;
      }
      if (name === undefined) throw new FramelabError('a <cnode> without a name', { file, line: lineAt(m.index) });
      stack.push({ name: unescapeXml(name) });
      if (selfClosing) stack.pop();
      continue;
    }
    if (close) continue;
    const top = stack[stack.length - 1];
    if (!top) throw new FramelabError('a <pnode> outside any <cnode>', { file, line: lineAt(m.index) });
    if (name === undefined) throw new FramelabError('a <pnode> without a name', { file, line: lineAt(m.index) });
    if (!top.category) {
      top.category = { name: stack.map((s) => s.name).join('.'), line: lineAt(m.index), patterns: [] };
      out.push(top.category);
    }
    top.category.patterns.push({ text: unescapeXml(name), line: lineAt(m.index) });
  }
  if (stack.length) throw new FramelabError(`the <cnode name="${stack[stack.length - 1].name}"> is never closed`, { file });
  return out;
}
