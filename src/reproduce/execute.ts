import { spawn, spawnSync } from 'node:child_process';
import { FramelabError } from '../errors';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where a notebook failed: the cell and what it raised. */
export interface NotebookError {
  notebook: string;
  /** 1-based number of the cell in the notebook (markdown cells count too, as in the file). */
  cell: number;
  /** First line of the cell's source. */
  source: string;
  /** The error, with any text the cell printed before it (tslab prints TypeScript errors there). */
  message: string;
}

/** The result of executing one notebook. */
export interface NotebookRun {
  notebook: string;
  /** The executed copy, with outputs. */
  output: string;
  /** SHA-256 of the bytes the runner wrote to `output` (absent when the runner failed). */
  sha256?: string;
  seconds: number;
  error?: NotebookError;
}

/** The nbclient runner shipped with framelab (scripts/run-notebook.py). */
export const NOTEBOOK_RUNNER = path.join(__dirname, '..', '..', 'scripts', 'run-notebook.py');

/**
 * Executes a notebook headlessly with nbclient in its own kernel (the one named in its
 * metadata), stopping at the first cell that fails; the executed copy goes to `outDir` and the
 * failure names the cell. The kernel starts in the notebook's folder.
 */
export function executeNotebook(
  notebook: string,
  outDir: string,
  options: { python?: string; env?: NodeJS.ProcessEnv; timeoutSeconds?: number } = {},
): Promise<NotebookRun> {
  const python = options.python ?? '/usr/bin/python3';
  const started = process.hrtime.bigint();
  const output = path.join(outDir, path.basename(notebook));
  fs.rmSync(output, { force: true });
  const args = [NOTEBOOK_RUNNER, notebook, output, String(options.timeoutSeconds ?? 600)];
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => reject(new Error(`cannot start ${python}: ${err.message}`)));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const line = stdout.trim().split('\n').pop() ?? '';
      let result: { ok: boolean; cell?: number; source?: string; message?: string; sha256?: string } | undefined;
      try {
        result = JSON.parse(line);
      } catch {
        result = undefined;
      }
      if (code !== 0 || !result) {
        const last = stderr.trim().split('\n').filter((l) => l.trim() && !/Debugger warning|frozen modules|PYDEVD|Note: Debugging|^0\.00s/.test(l)).slice(-2).join(' ');
        resolve({ notebook, output, seconds, error: { notebook, cell: 0, source: '', message: `the notebook runner failed (exit ${code}): ${last}` } });
        return;
      }
      resolve({
        notebook,
        output,
        sha256: result.sha256,
        seconds,
        error: result.ok ? undefined : { notebook, cell: result.cell ?? 0, source: result.source ?? '', message: result.message ?? '' },
      });
    });
  });
}

/**
 * Python that writes the copy of an executed notebook that is committed: each framelab chart keeps
 * its HTML (the PNG as an image and the gzipped spec that draws it live) and its text, and drops the
 * Vega-Lite and the PNG that repeat them, so that a notebook stays a few hundred kilobytes. Written
 * as nbformat (and so Jupyter, on save) writes it; prints the SHA-256 of the bytes written.
 */
const SLIM_NOTEBOOK = `
import hashlib, os, sys
import nbformat
src, dst = sys.argv[1], sys.argv[2]
nb = nbformat.read(src, as_version=4)
for cell in nb.cells:
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if 'class="framelab-chart"' in data.get("text/html", ""):
            data.pop("application/vnd.vegalite.v5+json", None)
            data.pop("image/png", None)
            out.get("metadata", {}).pop("image/png", None)
text = nbformat.writes(nb)
if not text.endswith("\\n"):
    text += "\\n"
data = text.encode("utf-8")
tmp = dst + ".framelab-tmp"
with open(tmp, "wb") as f:
    f.write(data)
os.replace(tmp, dst)
print(hashlib.sha256(data).hexdigest())
`;

/**
 * Writes the committed copy of an executed notebook (see SLIM_NOTEBOOK above) to `dest`, atomically;
 * returns the SHA-256 of the bytes written.
 */
export function slimNotebook(executed: string, dest: string, options: { python?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(options.python ?? '/usr/bin/python3', ['-c', SLIM_NOTEBOOK, executed, dest], { env: options.env ?? process.env, encoding: 'utf8' });
  const sha = (r.stdout ?? '').trim();
  if (r.status !== 0 || !/^[0-9a-f]{64}$/.test(sha)) {
    throw new FramelabError(`could not write the notebook: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`, { file: dest });
  }
  return sha;
}
