import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Option } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS } from '../src/cli/options';
import { buildProgram } from '../src/cli/main';
import { ARTICLE, ROOT, tempDir } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const longFlag = (flags: string) => flags.split(/[\s,|]+/).find((f) => f.startsWith('--'))!;

describe('CLI options: one meaning per flag, declared once', () => {
  beforeAll(() => {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
  });

  it('no command declares an option of its own: every one comes from OPTIONS', () => {
    const dir = path.join(ROOT, 'src', 'cli');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'options.ts')) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/\.(option|requiredOption|addOption)\(/);
    }
  });

  it('builds each command alone with its module, as the full program declares it', async () => {
    const all = (await buildProgram()).commands;
    for (const command of all) {
      const alone = (await buildProgram(command.name())).commands;
      // the command is there, declared as in the full program, and no module it does not need
      const same = alone.find((c) => c.name() === command.name());
      expect(same, command.name()).toBeDefined();
      expect(same!.helpInformation()).toBe(command.helpInformation());
      expect(alone.length).toBeLessThan(all.length);
    }
    // a name that is no command (a typo, help) builds every command, so that commander can say so
    expect((await buildProgram('cuont')).commands.map((c) => c.name())).toEqual(all.map((c) => c.name()));
  });

  it('each long flag is declared by one entry of OPTIONS (old spellings aside)', async () => {
    const owner = new Map<string, string>();
    for (const [name, def] of Object.entries(OPTIONS)) {
      const flag = longFlag(def.flags);
      expect(owner.get(flag), `${flag} is declared by ${owner.get(flag)} and ${name}`).toBeUndefined();
      owner.set(flag, name);
    }
    // an old spelling never shadows a flag of the same command with another meaning
    for (const command of (await buildProgram()).commands) {
      const seen = new Set<string>();
      for (const o of command.options) {
        expect(seen.has(o.long!), `${command.name()} declares ${o.long} twice`).toBe(false);
        seen.add(o.long!);
      }
    }
  });

  it('the flags that meant two things have one spelling per meaning', async () => {
    const program = await buildProgram();
    const flagsOf = (name: string) =>
      program
        .commands.find((c) => c.name() === name)!
        .options.filter((o) => !o.description.startsWith('deprecated'))
        .map((o) => o.long);
    expect(flagsOf('freq')).toContain('--word-as');
    expect(flagsOf('freq')).not.toContain('--by');
    expect(flagsOf('compare')).toContain('--by');
    expect(flagsOf('chart')).toEqual(expect.arrayContaining(['--out-dir', '--png-scale', '--smooth', '--by']));
    expect(flagsOf('chart')).not.toContain('--out');
    expect(flagsOf('sample')).toContain('--coding-scale');
    expect(flagsOf('reliability')).toEqual(expect.arrayContaining(['--unit-column', '--coder-column', '--value-column']));
    expect(flagsOf('stats')).toContain('--unit');
    expect(flagsOf('keyness')).toContain('--target-category');
    expect(flagsOf('kwic')).toContain('--category');
    expect(flagsOf('lss')).toContain('--smooth-days');
    expect(flagsOf('train')).toContain('--feature-words');
    expect(flagsOf('reproduce')).toContain('--out-dir');
    // every renamed flag keeps its old spelling, marked deprecated in --help
    const help = (await buildProgram()).commands.find((c) => c.name() === 'freq')!.helpInformation();
    expect(help).toMatch(/--by <key>\s+deprecated: the old spelling of --word-as/);
  });

  it('an old spelling still works, with one note on stderr; -q silences it', () => {
    const renamed = run('freq', ARTICLE, '--word-as', 'form', '--top', '5');
    const old = run('freq', ARTICLE, '--by', 'form', '--top', '5');
    expect(renamed.code).toBe(0);
    expect(old.code).toBe(0);
    expect(old.stdout).toBe(renamed.stdout);
    expect(old.stderr).toMatch(/framelab: --by is now --word-as in freq; the old spelling will go/);
    expect(renamed.stderr).not.toMatch(/old spelling/);
    expect(run('freq', ARTICLE, '--by', 'form', '--top', '5', '-q').stderr).toBe('');
    // the lemma list differs from the form list: the alias really carried the value over
    expect(run('freq', ARTICLE, '--top', '5').stdout).not.toBe(renamed.stdout);
  });

  it('the old and the new spelling together are an option error', () => {
    const r = run('freq', ARTICLE, '--by', 'form', '--word-as', 'lemma');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give --word-as or its old spelling --by, not both/);
  });

  it('a required option with an old spelling is required under either name', () => {
    const dir = tempDir();
    const missing = run('chart', ARTICLE, '--kind', 'totals', '--formats', 'json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/chart needs --out-dir/);
    const old = run('chart', ARTICLE, '--kind', 'totals', '--formats', 'json', '--out', path.join(dir, 'a'));
    expect(old.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'a', 'totals.json'))).toBe(true);
    expect(old.stderr).toMatch(/--out is now --out-dir in chart/);
    const rel = run('reliability', path.join(dir, 'none.csv'), '--coder-column', 'c', '--value-column', 'v');
    expect(rel.code).toBe(2);
    expect(rel.stderr).toMatch(/reliability needs --unit-column/);
  });

  it('option attribute names do not collide with their old spellings within a command', async () => {
    // commander stores `--by <key>` as "by": a command taking both --by fields and an old --by would mix them
    for (const command of (await buildProgram()).commands) {
      const keys = command.options.map((o) => (o as Option).attributeName());
      expect(new Set(keys).size, command.name()).toBe(keys.length);
    }
  });
});
