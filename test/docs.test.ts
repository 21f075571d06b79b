// Docs that cannot rot: every command of every shell block (```sh, ```bash) of README.md and of the
// README that `framelab init` writes is run from a clean copy of the project (or of a new study),
// and must exit as the README says (0 unless its line carries `# expect: exit N`) without a stack
// trace. A command that needs Jupyter or Chromium, or takes minutes, says so on its line:
// `# docs-test: skip (the reason)`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, STACK_LINE, tempDir } from './helpers';

/** One command of a shell block, with what the README says about it. */
interface DocCommand {
  /** Where it stands: `README.md:27`. */
  where: string;
  command: string;
  /** Variable assignments earlier in the same block (`P='pattern:…'`), run before the command. */
  prelude: string;
  /** The exit code the README promises. */
  exit: number;
  /** Why the test does not run it, from `# docs-test: skip (…)`. */
  skip?: string;
}

/** The offset of a line's comment (`#` outside quotes, at the start or after white space), or -1. */
function commentStart(line: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return i;
  }
  return -1;
}

const ASSIGNMENT = /^[A-Za-z_]\w*=\S.*$/;

/** Every command of the ```sh and ```bash blocks of a Markdown text, with its markers. */
export function shellCommands(markdown: string, file: string): DocCommand[] {
  const lines = markdown.split('\n');
  const commands: DocCommand[] = [];
  let inBlock = false;
  let prelude = '';
  for (let i = 0; i < lines.length; i++) {
    const fence = /^\s*```\s*(\S*)/.exec(lines[i]);
    if (fence) {
      inBlock = !inBlock && ['sh', 'bash', 'shell', 'console'].includes(fence[1]);
      prelude = '';
      continue;
    }
    if (!inBlock) continue;
    const first = i;
    let text = lines[i];
    while (/\\$/.test(text) && i + 1 < lines.length) text = text.slice(0, -1) + ' ' + lines[++i].trim();
    const at = commentStart(text);
    const command = (at < 0 ? text : text.slice(0, at)).trim();
    const comment = at < 0 ? '' : text.slice(at);
    if (command === '') continue;
    const where = `${file}:${first + 1}`;
    const skip = /docs-test:\s*skip\s*\(([^)]+)\)/.exec(comment);
    if (/docs-test:/.test(comment) && !skip) throw new Error(`${where}: a docs-test marker reads "docs-test: skip (the reason)"`);
    const exit = /expect:\s*exit\s+(\d+)/.exec(comment);
    if (ASSIGNMENT.test(command) && !skip) {
      prelude += command + '\n';
      continue;
    }
    commands.push({ where, command, prelude, exit: exit ? Number(exit[1]) : 0, skip: skip?.[1] });
  }
  return commands;
}

/** A copy of the project's committed files, with the built dist and node_modules linked in. */
function cleanCopy(): string {
  const dir = tempDir();
  const listed = spawnSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  const files =
    listed.status === 0
      ? listed.stdout.split('\0').filter((f) => f !== '' && fs.existsSync(path.join(ROOT, f)))
      : null;
  if (files) {
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
    }
  } else {
    const skip = new Set(['node_modules', 'dist', 'out', '.git', '.jupyter']);
    fs.cpSync(ROOT, dir, { recursive: true, filter: (src) => !skip.has(path.relative(ROOT, src).split(path.sep)[0]) });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  fs.symlinkSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'));
  return dir;
}

/** A new study made by `framelab init` (without npm install: framelab's own node_modules are linked in). */
function cleanStudy(): string {
  const dir = path.join(tempDir(), 'my-study');
  const made = spawnSync(process.execPath, [CLI, 'init', dir, '--no-install'], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`framelab init failed: ${made.stderr}`);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

function run(c: DocCommand, cwd: string) {
  return spawnSync('bash', ['-c', c.prelude + c.command], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', FRAMELAB_DEBUG: '' },
  });
}

describe('the marker syntax', () => {
  it('reads commands, continuations, assignments and markers', () => {
    const md = [
      'text', '```sh', 'P=\'a#b\'   # a value with a hash', 'npx framelab count "$P" \\', '  --format table   # expect: exit 1',
      '# a comment line', 'npm test  # the suite  # docs-test: skip (runs the whole suite)', '```', '```ts', 'notShell()', '```',
    ].join('\n');
    expect(shellCommands(md, 'X.md')).toEqual([
      { where: 'X.md:4', command: 'npx framelab count "$P"  --format table', prelude: "P='a#b'\n", exit: 1, skip: undefined },
      { where: 'X.md:7', command: 'npm test', prelude: "P='a#b'\n", exit: 0, skip: 'runs the whole suite' },
    ]);
    expect(() => shellCommands('```sh\nnpm test  # docs-test: skipped\n```', 'X.md')).toThrow(/X.md:2: a docs-test marker/);
  });
});

const readme = shellCommands(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), 'README.md');

describe('README.md: every shell command runs as written', () => {
  it('has commands to run', () => {
    // the README's blocks hold far more than these: a parser that lost them would be caught here
    expect(readme.filter((c) => !c.skip).length).toBeGreaterThan(20);
  });
  let copy = '';
  const project = () => (copy ||= cleanCopy());
  for (const c of readme) {
    it.skipIf(c.skip !== undefined)(`${c.where}: ${c.command}${c.skip ? ` (skipped: ${c.skip})` : ''}`, () => {
      const r = run(c, project());
      const output = r.stdout + r.stderr;
      expect(output, `${c.where} printed a stack trace`).not.toMatch(STACK_LINE);
      expect(r.status, `${c.where} exited ${r.status} (expected ${c.exit}):\n${r.stderr.slice(-2000)}`).toBe(c.exit);
    });
  }
});

describe('the README framelab init writes: every shell command runs as written', () => {
  let study = '';
  const folder = () => (study ||= cleanStudy());
  // the template (src/cli/study.ts) carries no markers yet: these need Jupyter in the study, or install packages
  const UNMARKED_NEEDS_JUPYTER = /^(npm run (setup|notebook|reproduce)|npm (ci|install))\b/;
  const commands = (() => {
    const dir = tempDir();
    const made = spawnSync(process.execPath, [CLI, 'init', path.join(dir, 's'), '--no-install'], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`framelab init failed: ${made.stderr}`);
    return shellCommands(fs.readFileSync(path.join(dir, 's', 'README.md'), 'utf8'), 'study README.md').map((c) =>
      c.skip === undefined && UNMARKED_NEEDS_JUPYTER.test(c.command) ? { ...c, skip: 'needs Jupyter or the network' } : c,
    );
  })();
  it('has commands', () => expect(commands.length).toBeGreaterThan(0));
  for (const c of commands) {
    it.skipIf(c.skip !== undefined)(`${c.where}: ${c.command}${c.skip ? ` (skipped: ${c.skip})` : ''}`, () => {
      const r = run(c, folder());
      expect(r.stdout + r.stderr, `${c.where} printed a stack trace`).not.toMatch(STACK_LINE);
      expect(r.status, `${c.where} exited ${r.status} (expected ${c.exit}):\n${r.stderr.slice(-2000)}`).toBe(c.exit);
    });
  }
});

describe('data/coding/validation-report.md', () => {
  it('is what scripts/validation-report.js makes from the current dictionaries, sheets and code', () => {
    // the README quotes this report: a change to the dictionary or to validate must re-make it
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'validation-report.js'), '--check'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
  });
});
