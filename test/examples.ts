/**
 * The `@example` blocks of framelab's public API, found and made runnable.
 *
 * Every function and class exported from src/index.ts is looked up with the TypeScript compiler;
 * its `@example` blocks become small async programs. A statement followed by a comment that reads
 * as a value (`words('Гранты, гранты!') // ['гранты', 'гранты']`, on the same line or the next) is
 * checked against it:
 * - numbers agree to the digits the comment shows (`0.4857`), or to the last digit before `…`
 *   when it is cut short (`1.4666…`);
 * - a string with `…` matches any text in its place;
 * - an array ending in `, …]` checks its first items, an object ending in `, … }` the keys shown;
 * - `// throws: text` expects an error whose message contains the text.
 * Comments that do not read as a value (`// leading frame per third`) explain and are not checked.
 *
 * The examples run in a folder with the files they name (see {@link exampleWorld}) and with these
 * names defined: every export of framelab, `corpus` (the bundled article without repeats), `dict`
 * (the bundled dictionary), `table` (their count table), `matches`, `counted` (the counted rows of
 * a.jsonl), `fs` and `iconv`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export interface Example {
  /** Exported name the example documents. */
  name: string;
  /** Source file, relative to the project root, and the line of the `@example` tag. */
  where: string;
  /** The example as written. */
  code: string;
  /** The example as JavaScript, with its checks, as the body of an async function. */
  program: string;
  /** How many values it checks. */
  checks: number;
}

export interface PublicApi {
  examples: Example[];
  /** Exported functions and classes without an `@example`. */
  missing: string[];
}

/** The public functions and classes of src/index.ts and their examples. */
export function publicExamples(root: string): PublicApi {
  const index = path.join(root, 'src', 'index.ts');
  const program = ts.createProgram([index], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  const examples: Example[] = [];
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.declarations?.find((d) => ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d));
    if (!decl) continue;
    const file = path.relative(root, decl.getSourceFile().fileName);
    const tags = ts.getJSDocTags(decl).filter((t) => t.tagName.text === 'example');
    if (tags.length === 0) missing.push(`${exported.name} (${file})`);
    for (const tag of tags) {
      const code = (ts.getTextOfJSDocComment(tag.comment) ?? '').replace(/^```\w*\n|\n```$/g, '');
      const line = decl.getSourceFile().getLineAndCharacterOfPosition(tag.getStart()).line + 1;
      const { program: js, checks } = toProgram(code, `${file}:${line}`);
      examples.push({ name: exported.name, where: `${file}:${line}`, code, program: js, checks });
    }
  }
  return { examples, missing };
}

/** The example as an async function body, each value comment turned into a check. */
function toProgram(code: string, where: string): { program: string; checks: number } {
  const source = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  let checks = 0;
  for (const stmt of source.statements) {
    const comment = valueComment(code, stmt);
    if (!comment) continue;
    const expected = expectedValue(comment);
    if (!expected) continue;
    const expr = ts.isExpressionStatement(stmt) ? stmt.expression : undefined;
    if (!expr) continue;
    const text = code.slice(expr.getStart(source), expr.end);
    const label = JSON.stringify(`${where}: ${text.replace(/\s+/g, ' ')}`);
    checks++;
    if (expected.throws !== undefined) {
      edits.push({ start: stmt.getStart(source), end: stmt.end, text: `__throws(() => (${text}), ${JSON.stringify(expected.throws)}, ${label});` });
    } else {
      edits.push({ start: stmt.getStart(source), end: stmt.end, text: `__check(await (${text}), (${expected.literal}), ${label});` });
    }
  }
  let edited = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) edited = edited.slice(0, e.start) + e.text + edited.slice(e.end);
  const js = ts.transpileModule(edited, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;
  return { program: js, checks };
}

/** The comment right after a statement: on its line, or alone on the next line. */
function valueComment(code: string, stmt: ts.Statement): string | undefined {
  const ranges = ts.getTrailingCommentRanges(code, stmt.end) ?? [];
  const same = ranges.find((r) => r.kind === ts.SyntaxKind.SingleLineCommentTrivia);
  if (same) return code.slice(same.pos + 2, same.end).trim();
  const rest = code.slice(stmt.end);
  const next = /^[ \t;]*\r?\n[ \t]*\/\/([^\n]*)/.exec(rest);
  return next ? next[1].trim() : undefined;
}

/**
 * The value a comment states, as a JavaScript expression over the markers of the checker, or
 * undefined when the comment is prose. The longest leading part that reads as a value wins.
 */
export function expectedValue(comment: string): { literal: string; throws?: undefined } | { throws: string; literal?: undefined } | undefined {
  const thrown = /^throws:?\s*(.*)$/.exec(comment);
  if (thrown) return { throws: thrown[1].replace(/^["'](.*)["']$/, '$1') };
  if (!/^[[{'"\d-]|^(true|false|null)\b/.test(comment)) return undefined;
  const cuts = [comment.length];
  for (let i = comment.length - 1; i > 0; i--) if (/[\s,(:;]/.test(comment[i])) cuts.push(i);
  for (const cut of cuts) {
    const literal = markers(comment.slice(0, cut).trim().replace(/[,:;]$/, ''));
    if (literal && isLiteral(literal)) return { literal };
  }
  return undefined;
}

/** Writes the `…` shorthands as calls of the checker's markers. */
function markers(text: string): string {
  return text
    .replace(/,\s*(…|\.\.\.)\s*\]/g, ', __REST]')
    .replace(/,\s*(…|\.\.\.)\s*\}/g, ', [__MORE]: true }')
    .replace(/(-?\d+\.\d+)(…|\.\.\.)/g, '__CUT("$1")')
    .replace(/(?<![\p{L}\p{N}_.$"])(-?\d+(?:\.\d+)?(?:e-?\d+)?)(?![\p{L}\p{N}_."…(])/gu, (m, n: string, offset: number, all: string) =>
      insideString(all, offset) ? m : `__NUM("${n}")`,
    );
}

function insideString(text: string, at: number): boolean {
  let quote: string | null = null;
  for (let i = 0; i < at; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
  }
  return quote !== null;
}

/** Whether the text is a value made of literals and the markers only (no other names). */
function isLiteral(text: string): boolean {
  const source = ts.createSourceFile('v.ts', `(${text});`, ts.ScriptTarget.ES2022, true);
  if ((source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length) return false;
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isKey = parent && ts.isPropertyAssignment(parent) && parent.name === node;
      if (!isKey && !['__REST', '__MORE', '__CUT', '__NUM', 'undefined', 'NaN', 'Infinity'].includes(node.text)) ok = false;
    }
    if (ts.isCallExpression(node) && !(ts.isIdentifier(node.expression) && ['__CUT', '__NUM'].includes(node.expression.text))) ok = false;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return ok;
}

/** The checker the example programs run with (JavaScript, for the child process). */
export const CHECKER = String.raw`
const util = require('node:util');
const __REST = Symbol('rest');
const __MORE = Symbol('more');
class Approx { constructor(text, cut) { this.text = text; this.value = Number(text); const d = (text.split('.')[1] || '').replace(/e.*/, '').length; this.tol = (cut ? 1 : 0.5) * Math.pow(10, -d) * (1 + 1e-9); if (/e/.test(text)) this.tol = Math.abs(this.value) * 0.5e-3; } }
const __CUT = (t) => new Approx(t, true);
const __NUM = (t) => new Approx(t, false);
function same(actual, expected) {
  if (expected instanceof Approx) return typeof actual === 'number' && Math.abs(actual - expected.value) <= expected.tol;
  if (typeof expected === 'string') {
    if (typeof actual !== 'string') return false;
    if (!/…/.test(expected)) return actual === expected;
    const re = new RegExp('^' + expected.split('…').map((s) => s.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&')).join('[\\s\\S]*') + '$');
    return re.test(actual);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return false;
    const rest = expected[expected.length - 1] === __REST;
    const items = rest ? expected.slice(0, -1) : expected;
    if (rest ? actual.length < items.length : actual.length !== items.length) return false;
    return items.every((e, i) => same(actual[i], e));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    const more = expected[__MORE] === true;
    const keys = Object.keys(expected);
    if (!more && Object.keys(actual).filter((k) => actual[k] !== undefined).length !== keys.length) return false;
    return keys.every((k) => same(actual[k], expected[k]));
  }
  return Object.is(actual, expected);
}
let checked = 0;
function __check(actual, expected, label) {
  checked++;
  if (!same(actual, expected)) throw new Error(label + '\n  expected ' + util.inspect(expected, { depth: 4 }) + '\n  got      ' + util.inspect(actual, { depth: 4, maxStringLength: 300 }));
}
function __throws(fn, text, label) {
  checked++;
  try { fn(); } catch (e) { if (String(e && e.message).includes(text)) return; throw new Error(label + '\n  expected an error with "' + text + '", got: ' + e.message); }
  throw new Error(label + '\n  expected an error, none was thrown');
}
`;

/** Writes the files the examples name, in `dir` (a fresh folder, the examples' working folder). */
export function exampleWorld(dir: string, root: string): void {
  fs.symlinkSync(path.join(root, 'data'), path.join(dir, 'data'));
  const article = fs.readFileSync(path.join(root, 'data', 'ngo-grants-dialogue-2025.ru.txt'), 'utf8');
  const paragraphs = article.split(/\n\s*\n/).filter((p) => p.trim());
  fs.writeFileSync(path.join(dir, 'article.txt'), article);
  fs.writeFileSync(path.join(dir, 'corpus.jsonl'), paragraphs.slice(0, 6).map((text, i) => JSON.stringify({ id: `p${i + 1}`, text })).join('\n') + '\n');
  fs.mkdirSync(path.join(dir, 'reference'));
  fs.writeFileSync(path.join(dir, 'reference', 'other.txt'), 'Государство поддерживает диалог с обществом.\n\nГраждане обсуждают законы.\n');
  fs.writeFileSync(path.join(dir, 'a.jsonl'), JSON.stringify({ id: 'a', text: 'Гранты и снова гранты тут' }) + '\n');
  fs.writeFileSync(path.join(dir, 'lexicon.tsv'), 'иноагентов\tиноагент\n');
  fs.writeFileSync(path.join(dir, 'dict.yaml'), 'гранты: [грант*]\nкоррупция: [коррупц*, взятк*]\n');
  fs.mkdirSync(path.join(dir, 'results'));
  fs.writeFileSync(path.join(dir, 'results', 'counts.csv'), 'doc,paragraph,tokens,duplicate_of,matched,гранты\r\na,1,10,,1,1\r\na,2,5,,0,0\r\n');
  fs.mkdirSync(path.join(dir, 'out', 'tables'), { recursive: true });
  fs.copyFileSync(path.join(dir, 'results', 'counts.csv'), path.join(dir, 'out', 'tables', 'counts.csv'));
}

/** The program that runs every example in order and prints one JSON line per example. */
export function examplesScript(examples: Example[], root: string): string {
  const dist = JSON.stringify(path.join(root, 'dist', 'index.js'));
  const bodies = examples.map(
    (e) =>
      `  run(${JSON.stringify(e.name)}, ${JSON.stringify(e.where)}, async () => {\n${e.program}\n  });`,
  );
  return `'use strict';
${CHECKER}
// a stand-in for the tslab kernel, so that show(), showTable() and showMarkdown() display into a list
const shown = [];
const fake = require('node:path').join(process.cwd(), 'node_modules', 'tslab', 'dist', 'jupyter.js');
require.cache[fake] = { id: fake, filename: fake, loaded: true, exports: { lastWriteDisplayData: (m) => shown.push(m) } };
const framelab = require(${dist});
Object.assign(globalThis, framelab);
globalThis.fs = require('node:fs');
globalThis.iconv = require(require.resolve('iconv-lite', { paths: [${JSON.stringify(root)}] }));
const corpus = loadCorpus('data/ngo-grants-dialogue-2025.ru.txt', { dedupe: true });
const dict = loadDictionary();
const dictionary = dict;
const table = countFrameRows(corpus, dict);
const matches = frameMatches(corpus, dict);
let counted;
const queue = [];
function run(name, where, fn) { queue.push({ name, where, fn }); }
${bodies.join('\n')}
(async () => {
  await countCorpus('a.jsonl', dictionaryFromObject({ гранты: ['грант*'] }), (c) => (counted = c));
  for (const { name, where, fn } of queue) {
    const before = checked, displays = shown.length;
    try {
      await fn();
      process.stdout.write('@@example ' + JSON.stringify({ name, where, ok: true, checks: checked - before, displays: shown.length - displays }) + '\\n');
    } catch (e) {
      process.stdout.write('@@example ' + JSON.stringify({ name, where, ok: false, error: String(e && e.stack || e).split('\\n').slice(0, 4).join('\\n') }) + '\\n');
    }
  }
})();
`;
}
