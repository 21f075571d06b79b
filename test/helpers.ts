import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FramelabError } from '../src';
import type { Corpus } from '../src';

export const ROOT = path.resolve(__dirname, '..');
export const ARTICLE = path.join(ROOT, 'data', 'ngo-grants-dialogue-2025.ru.txt');
export const FRAMES3 = path.join(ROOT, 'test', 'fixtures', 'frames-3.yaml');

const created: string[] = [];

/** Removes the folders {@link tempDir} made; test/setup.ts calls it after each test file. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A fresh temporary folder holding the given files (text as UTF-8, bytes as given), removed after the test file. */
export function tempDir(files: Record<string, string | Uint8Array> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'framelab-test-'));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

/** The FramelabError a call throws, so that its whole message can be checked. */
export function errorOf(fn: () => unknown): FramelabError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FramelabError) return err;
    throw err;
  }
  throw new Error('expected a FramelabError, but nothing was thrown');
}

/** An in-memory corpus: one document per list of paragraph texts (ids d0, d1, …). */
export function memoryCorpus(...docs: string[][]): Corpus {
  return {
    documents: docs.map((paragraphs, d) => ({
      id: `d${d}`,
      source: 'memory',
      encoding: 'utf-8',
      meta: {},
      paragraphs: paragraphs.map((text, index) => ({ index, text, line: index + 1, duplicateOf: null })),
    })),
    droppedDuplicates: 0,
    options: { paragraphs: 'lines', dedupe: false, encoding: null },
  };
}

/** The built command line, or another build of it (FRAMELAB_CLI), to run the same tests against older code. */
export const CLI = process.env.FRAMELAB_CLI ?? path.join(ROOT, 'dist', 'cli', 'main.js');

/** A stack trace line of Node (`    at f (file.js:1:2)`): never shown to a user. */
export const STACK_LINE = /^\s+at .*(:\d+:\d+\)?|\(native\))$/m;

/**
 * Runs a command without blocking the test worker (a long spawnSync starves vitest's worker RPC).
 * Resolves with the exit code and the output.
 */
export function runAsync(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; stdout?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut?: boolean }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input !== undefined ? 'pipe' : 'ignore', options.stdout ?? 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = options.timeoutMs ? setTimeout(() => ((timedOut = true), child.kill('SIGKILL')), options.timeoutMs) : undefined;
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    if (options.input !== undefined) child.stdin!.end(options.input);
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout, stderr, ...(timedOut && { timedOut }) });
    });
  });
}
