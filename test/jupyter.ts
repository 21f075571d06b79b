import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { jupyterEnv as studyJupyterEnv } from '../src/cli/study';
import { ROOT } from './helpers';

export const PYTHON = '/usr/bin/python3';
export const KERNEL_SPEC = path.join(ROOT, '.jupyter', 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json');

/**
 * Whether Jupyter with the project's tslab kernel is set up (`npm run setup`). CI sets
 * FRAMELAB_REQUIRE_JUPYTER=1, so there a missing set-up fails the tests instead of skipping them.
 */
export function jupyterReady(): boolean {
  const ok = fs.existsSync(KERNEL_SPEC) && spawnSync(PYTHON, ['-c', 'import nbclient, notebook'], { stdio: 'ignore' }).status === 0;
  if (!ok && process.env.FRAMELAB_REQUIRE_JUPYTER) throw new Error('Jupyter or the tslab kernel is missing: run "npm run setup"');
  return ok;
}

/** Environment that points Jupyter at the project-local folders, as `framelab setup` and `framelab reproduce` do. */
export function jupyterEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // the project's own .jupyter/, even when the shell running the tests points JUPYTER_PATH elsewhere
  return { ...studyJupyterEnv(ROOT, { ...process.env, JUPYTER_PATH: '' }), ...extra };
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts Jupyter Notebook on 127.0.0.1 and resolves once it answers. */
export async function startNotebookServer(dir: string, token: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    PYTHON,
    ['-m', 'notebook', '--no-browser', ...(process.getuid?.() === 0 ? ['--allow-root'] : []), '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0', `--NotebookApp.token=${token}`, `--notebook-dir=${dir}`],
    { env: jupyterEnv(), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Jupyter exited (${child.exitCode}): ${log.slice(-500)}`);
    try {
      const r = await fetch(`${url}/api/status?token=${token}`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Jupyter did not answer within 60 s: ${log.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return { url, stop };
}
