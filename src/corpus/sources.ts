import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node } from 'yaml';
import { FramelabError } from '../errors';
import { listCorpus, type CorpusFile, type SkippedFile } from './files';
export { isAboutFile } from './files';

/**
 * One source of a corpus: files (a path, a folder or a glob) with the way to read them and the
 * fields their documents get besides their own. A `corpus.yaml` lists sources; the flags
 * `--name-fields`, `--sidecar`, `--field` and `--exclude` make one source of the paths given.
 */
export interface SourceSpec {
  /** A file, a folder, or a glob (`texts/*.txt`, `**\/result.json`), relative to the corpus file. */
  path: string;
  /** Fields every document of the source gets (`outlet: Meduza`); they win over the record's own. */
  fields?: Record<string, string>;
  /** A regular expression with named groups matched against each file name without its extension (readtext's `docvarsfrom = "filenames"`). */
  nameFields?: string;
  /** A sidecar file holding each file's metadata as a JSON object: a path template beside the file, `{stem}` the name without extension, `{name}` the whole name (`{stem}_meta.json`). */
  sidecar?: string;
  /** Globs of files left out (matched against the path relative to the source's folder and against the file name). */
  exclude?: string[];
  /** JSONL/JSON field or CSV column of the id and of the text. */
  idField?: string;
  textField?: string;
  /** Encoding of the source's files (else detected). */
  encoding?: string;
  /** Paragraph mode of the source (see `--paragraphs`). */
  paragraphs?: string;
  /** Where it was declared, for errors. */
  where?: { file: string; line: number };
}

/** A corpus file (`corpus.yaml`): its sources. */
export interface CorpusSpec {
  file: string;
  sources: SourceSpec[];
}

/** Whether a path names a corpus file (`.yaml`/`.yml`) rather than texts. */
export function isCorpusFile(p: string): boolean {
  return /\.ya?ml$/i.test(p);
}

const SOURCE_KEYS: Record<string, keyof SourceSpec> = {
  path: 'path',
  fields: 'fields',
  name_fields: 'nameFields',
  sidecar: 'sidecar',
  exclude: 'exclude',
  id_field: 'idField',
  text_field: 'textField',
  encoding: 'encoding',
  paragraphs: 'paragraphs',
};

/**
 * Reads a corpus file: a YAML mapping with `sources:` (a list), each source a mapping with `path`
 * and optionally `fields`, `name_fields`, `sidecar`, `exclude`, `id_field`, `text_field`,
 * `encoding`, `paragraphs`; a top-level `exclude:` list applies to every source. Relative paths are
 * taken from the corpus file's folder. Errors name the corpus file and line.
 *
 * @example
 * readCorpusSpec('data/mixed-corpus/corpus.yaml').sources.length // 6
 */
export function readCorpusSpec(file: string): CorpusSpec {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FramelabError(code === 'ENOENT' ? 'no such corpus file' : `cannot read: ${code}`, { file });
  }
  const { LineCounter, parseDocument, isMap, isSeq, isScalar } = yamlModule();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined): number | undefined => (node?.range ? lines.linePos(node.range[0]).line : undefined);
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new FramelabError(`not valid YAML: ${e.message.split('\n')[0]}`, { file, line: e.linePos?.[0].line });
  }
  const root = doc.contents;
  if (!isMap(root)) throw new FramelabError('a corpus file is a mapping with a "sources:" list', { file, line: lineOf(root as Node) ?? 1 });
  const base = path.dirname(file);
  let globalExclude: string[] = [];
  let sourcesNode: Node | undefined;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const line = lineOf(pair.key as Node);
    if (key === 'sources') sourcesNode = pair.value as Node;
    else if (key === 'exclude') globalExclude = stringList(pair.value as Node, 'exclude', file, line);
    else if (key !== 'name' && key !== 'description') throw new FramelabError(`unknown key "${key}" (a corpus file has sources, exclude, name, description)`, { file, line });
  }
  if (!sourcesNode || !isSeq(sourcesNode) || sourcesNode.items.length === 0) {
    throw new FramelabError('"sources:" must be a list of sources, each with a path', { file, line: lineOf(sourcesNode) ?? 1 });
  }
  const sources: SourceSpec[] = sourcesNode.items.map((item) => {
    const line = lineOf(item as Node) ?? 1;
    const where = { file, line };
    // a bare string is a path
    if (isScalar(item)) return { path: resolveFrom(base, String(item.value)), exclude: globalExclude, where };
    if (!isMap(item)) throw new FramelabError('a source is a path or a mapping with "path:"', where);
    const spec: SourceSpec = { path: '', where };
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const at = { file, line: lineOf(pair.key as Node) ?? line };
      const name = SOURCE_KEYS[key];
      if (!name) throw new FramelabError(`unknown key "${key}" in a source (use ${Object.keys(SOURCE_KEYS).join(', ')})`, at);
      const value = pair.value as Node;
      if (name === 'fields') {
        if (!isMap(value)) throw new FramelabError('"fields:" is a mapping of field names to values (outlet: Meduza)', at);
        spec.fields = {};
        for (const f of value.items) {
          const k = isScalar(f.key) ? String(f.key.value) : '';
          if (!isScalar(f.value) || f.value.value === null) throw new FramelabError(`field "${k}" needs a value`, { file, line: lineOf(f.key as Node) ?? at.line });
          spec.fields[k] = String(f.value.value);
        }
      } else if (name === 'exclude') {
        spec.exclude = stringList(value, 'exclude', file, at.line);
      } else {
        if (!isScalar(value) || value.value === null || String(value.value).trim() === '') throw new FramelabError(`"${key}:" needs a value`, at);
        (spec as unknown as Record<string, string>)[name] = String(value.value);
      }
    }
    if (!spec.path) throw new FramelabError('a source needs "path:"', where);
    spec.path = resolveFrom(base, spec.path);
    spec.exclude = [...globalExclude, ...(spec.exclude ?? [])];
    checkSource(spec);
    return spec;
  });
  return { file, sources };
}

function resolveFrom(base: string, p: string): string {
  return path.isAbsolute(p) ? p : path.join(base, p);
}

/**
 * The yaml package, loaded when a corpus file is read: every count imports this module (and worker
 * threads with it), few read a corpus file, and loading the package costs ~30 ms.
 */
function yamlModule(): typeof import('yaml') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml') as typeof import('yaml');
}

function stringList(node: Node | undefined, key: string, file: string, line: number | undefined): string[] {
  const { isScalar, isSeq } = yamlModule();
  if (isScalar(node) && typeof node.value === 'string') return [node.value];
  if (!isSeq(node) || !node.items.every((i) => isScalar(i) && typeof i.value === 'string')) {
    throw new FramelabError(`"${key}:" is a list of globs`, { file, line });
  }
  return node.items.map((i) => String((i as { value: unknown }).value));
}

/**
 * Checks a source's options before anything is read: the name pattern compiles and has named
 * groups, the sidecar template names the file. Errors name where the source was declared.
 */
export function checkSource(spec: SourceSpec): void {
  const where = spec.where ?? {};
  if (spec.nameFields !== undefined) nameFieldsPattern(spec.nameFields, where);
  if (spec.sidecar !== undefined) {
    const keys = [...spec.sidecar.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]);
    if (keys.length === 0) throw new FramelabError(`the sidecar template "${spec.sidecar}" names no file: put {stem} (the file name without extension) or {name} in it`, where);
    const groups = spec.nameFields ? [...spec.nameFields.matchAll(/\(\?<([^=!>][^>]*)>/g)].map((m) => m[1]) : [];
    const unknown = keys.find((k) => k !== 'stem' && k !== 'name' && !groups.includes(k));
    if (unknown) throw new FramelabError(`the sidecar template "${spec.sidecar}" uses {${unknown}}, which is neither {stem}, {name} nor a named group of the file-name pattern`, where);
  }
  if (spec.idField !== undefined && spec.idField === (spec.textField ?? 'text')) throw new FramelabError('the id field and the text field are the same', where);
}

/** A `name_fields` regular expression, checked: it compiles and has at least one named group. */
export function nameFieldsPattern(source: string, where: { file?: string; line?: number } = {}): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(source, 'u');
  } catch (err) {
    throw new FramelabError(`invalid file-name pattern /${source}/: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`, where);
  }
  if (!/\(\?<[^=!>][^>]*>/.test(source)) throw new FramelabError(`the file-name pattern /${source}/ has no named group: write (?<date>…) for each field`, where);
  return re;
}

/**
 * The fields a file name gives: the named groups of `pattern` matched against the name without
 * extensions (folders left out), Unicode-normalized (NFC), no-break spaces read as spaces, values
 * trimmed. Null when the name does not match.
 *
 * @example
 * nameFields('2019-05-17-Выселяторы', /^(?<date>\d{4}-\d{2}-\d{2})-(?<title>.+)$/u)
 * // { date: '2019-05-17', title: 'Выселяторы' }
 */
export function nameFields(stem: string, pattern: RegExp): Record<string, string> | null {
  const name = stem.normalize('NFC').replace(/\u00a0/g, ' ');
  const m = pattern.exec(name);
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) out[k] = v.trim();
  return out;
}

/**
 * A glob as a regular expression over `/`-separated relative paths: `*` any characters but `/`,
 * `**` any folders, `?` one character, `{a,b}` either.
 *
 * @example
 * globPattern('**\/*.txt').test('2019/may/a.txt') // true
 * globPattern('*.txt').test('2019/a.txt')        // false
 */
export function globPattern(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += '(?:' + glob.slice(i + 1, close).split(',').map((s) => s.replace(/[.+^$()|[\]\\*?]/g, '\\$&')).join('|') + ')';
        i = close;
      }
    } else re += c.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u');
}

const hasGlob = (p: string) => /[*?{]/.test(p);

/** The folder a glob starts from (its part before the first segment with a wildcard) and the rest. */
function globBase(p: string): { base: string; rest: string } {
  const parts = p.split(/[\\/]/);
  const k = parts.findIndex(hasGlob);
  const base = parts.slice(0, k).join('/') || (p.startsWith('/') ? '/' : '.');
  return { base, rest: parts.slice(k).join('/') };
}

/**
 * Lists the files of one source: its path (a file, a folder, or a glob), excluded globs, licence
 * and readme files and sidecar files left out; each file carries the source's number, reading
 * options and the fields its name and sidecar give. `files` and `skipped` grow.
 */
export function listSource(spec: SourceSpec, index: number, files: CorpusFile[], skipped: SkippedFile[]): void {
  const where = spec.where ?? {};
  let listed: CorpusFile[];
  let left: SkippedFile[];
  let root: string;
  if (hasGlob(spec.path)) {
    const { base, rest } = globBase(spec.path);
    const re = globPattern(rest);
    root = base;
    let all;
    try {
      all = listCorpus([base]);
    } catch (err) {
      if (err instanceof FramelabError && /no such|no .* files in this folder/.test(err.message)) throw new FramelabError(`no file matches ${spec.path}`, where);
      throw err;
    }
    listed = all.files.filter((f) => re.test(f.relative));
    // the files of the folder that the glob does not take are no concern of this source
    left = all.skipped.filter((s) => re.test(path.relative(base, s.file).split(path.sep).join('/')));
    if (listed.length === 0) throw new FramelabError(`no file that framelab reads matches ${spec.path}`, where);
    // ids and the file field relative to the folder the glob starts from
  } else {
    let all;
    try {
      all = listCorpus([spec.path]);
    } catch (err) {
      if (err instanceof FramelabError && spec.where) {
        const at = err.location.file ? `${err.location.file}${err.location.line !== undefined ? `:${err.location.line}` : ''}: ` : '';
        throw new FramelabError(`${err.message.startsWith(at) ? err.message.slice(at.length) : err.message} (${err.location.file ?? spec.path})`, where);
      }
      throw err;
    }
    listed = all.files;
    left = all.skipped;
    root = spec.path;
  }
  const excludes = (spec.exclude ?? []).map(globPattern);
  const excluded = (f: { relative: string; file: string }) => excludes.some((re) => re.test(f.relative) || re.test(path.basename(f.file)));
  const pattern = spec.nameFields !== undefined ? nameFieldsPattern(spec.nameFields, where) : null;
  const groupsOf = (file: string) => (pattern ? (nameFields(stemOf(path.basename(file)), pattern) ?? undefined) : undefined);
  const sidecars = new Set<string>();
  if (spec.sidecar) for (const f of listed) sidecars.add(path.resolve(sidecarPath(f.file, spec.sidecar, groupsOf(f.file))));
  let excludedCount = 0;
  for (const f of listed) {
    const name = path.basename(f.file);
    if (excluded(f)) {
      excludedCount++;
      continue;
    }
    if (sidecars.has(path.resolve(f.file))) continue; // metadata of another file
    const meta: Record<string, unknown> = {};
    if (pattern) {
      const stem = stemOf(name);
      const got = nameFields(stem, pattern);
      if (!got) throw new FramelabError(`the file name "${stem}" does not match the file-name pattern /${spec.nameFields}/`, { file: f.file });
      Object.assign(meta, got);
    }
    if (spec.sidecar) Object.assign(meta, readSidecar(sidecarPath(f.file, spec.sidecar, meta as Record<string, string>)));
    const cf: CorpusFile = { ...f, source: index };
    if (Object.keys(meta).length) cf.meta = meta;
    if (spec.fields && Object.keys(spec.fields).length) cf.fixed = { ...spec.fields };
    if (spec.idField !== undefined || spec.textField !== undefined) cf.fields = { id: spec.idField ?? 'id', text: spec.textField ?? 'text' };
    if (spec.encoding !== undefined) cf.encoding = spec.encoding;
    if (spec.paragraphs !== undefined) cf.paragraphs = spec.paragraphs;
    files.push(cf);
  }
  for (const s of left) if (!excluded({ relative: path.relative(root, s.file), file: s.file })) skipped.push(s);
  if (excludedCount > 0 && files.every((f) => f.source !== index)) throw new FramelabError(`every file of ${spec.path} is excluded`, where);
}

/** A file name without its extensions (`.csv.gz` both). */
export function stemOf(name: string): string {
  const base = /\.gz$/i.test(name) ? name.slice(0, -3) : name;
  const ext = path.extname(base);
  return ext ? base.slice(0, -ext.length) : base;
}

/**
 * Where a file's sidecar is: the template filled, beside the file: `{stem}` the name without
 * extension, `{name}` the whole name, `{group}` a named group of the file-name pattern (so that
 * `7_raw.txt` finds `7_meta.json` with `name_fields: '^(?<n>\\d+)_raw$'` and `sidecar: '{n}_meta.json'`).
 *
 * @example
 * sidecarPath('texts/7_raw.txt', '{stem}.json') // 'texts/7_raw.json'
 * sidecarPath('texts/7_raw.txt', '{n}_meta.json', { n: '7' }) // 'texts/7_meta.json'
 */
export function sidecarPath(file: string, template: string, groups: Record<string, string> = {}): string {
  const name = path.basename(file);
  const filled = template.replace(/\{([^{}]+)\}/g, (whole, key: string) => (key === 'stem' ? stemOf(name) : key === 'name' ? name : (groups[key] ?? whole)));
  return path.join(path.dirname(file), filled);
}

/** Fields a sidecar file (a JSON object) gives a file; {} when there is no such file. Nested values are kept as JSON text. */
function readSidecar(side: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(side, 'utf8');
  } catch {
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new FramelabError(`the sidecar is not valid JSON: ${(err as Error).message}`, { file: side });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FramelabError('a sidecar file holds one JSON object of fields', { file: side });
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
  return out;
}

/** Which files lack the sidecar their source asks for (for one note). */
export function missingSidecars(files: readonly CorpusFile[], specs: readonly SourceSpec[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    const spec = f.source !== undefined ? specs[f.source] : undefined;
    if (spec?.sidecar && !fs.existsSync(sidecarPath(f.file, spec.sidecar, (f.meta ?? {}) as Record<string, string>))) out.push(f.file);
  }
  return out;
}
