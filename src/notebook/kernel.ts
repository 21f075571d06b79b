/**
 * What framelab adds to the tslab kernel it runs in: failed cells that say what failed.
 *
 * tslab prints a cell's error to the cell's stderr and replies `status: "error"` without the
 * error's name and message, so Jupyter front ends and `nbconvert --execute` report the failure as
 * `<Error>: ` with nothing after it. {@link installCellErrors} keeps the error the kernel printed
 * and adds its name, message and first stack line to the reply, as the Python kernel does.
 */

/** The parts of tslab's `JupyterHandlerImpl` this module wraps. */
interface ExecuteHandler {
  handleExecute(req: unknown, writeStream: unknown, writeDisplayData: unknown): Promise<Record<string, unknown>>;
  createWriteToIopub(name: string, writeStream: unknown): (chunk: string | Uint8Array, encoding?: unknown) => boolean;
  __framelabCellErrors?: boolean;
}

/**
 * The exports of tslab's `dist/jupyter` module, if code runs inside a tslab kernel: the kernel's
 * own copy, looked up among the loaded modules, so that framelab finds it whichever `tslab`
 * package the kernel was started from.
 */
export function tslabJupyter(): Record<string, unknown> | undefined {
  for (const [id, mod] of Object.entries(require.cache)) {
    if (/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(id) && mod?.exports) return mod.exports as Record<string, unknown>;
  }
  return undefined;
}

/** The prototype of tslab's Jupyter handler, if code runs inside a tslab kernel. */
function tslabHandlerPrototype(): ExecuteHandler | undefined {
  const impl = tslabJupyter()?.JupyterHandlerImpl as { prototype: ExecuteHandler } | undefined;
  const proto = impl?.prototype;
  return proto && typeof proto.handleExecute === 'function' && typeof proto.createWriteToIopub === 'function' ? proto : undefined;
}

/**
 * The name, message and traceback of a failed cell as a Jupyter error reply carries them, read
 * from what the kernel printed for the error (`console.error(error)`: `Name: message`, then the
 * stack for errors other than {@link FramelabError}, which prints one line).
 *
 * @example
 * errorReply('FramelabError: a.txt: no such file or folder\n')
 * // { ename: 'FramelabError', evalue: 'a.txt: no such file or folder', traceback: ['FramelabError: a.txt: no such file or folder'] }
 */
export function errorReply(printed: string): { ename: string; evalue: string; traceback: string[] } {
  const lines = printed.replace(/\s+$/, '').split('\n');
  const m = /^(?:Uncaught )?([A-Za-z_$][\w$]*): (.*)$/.exec(lines[0] ?? '');
  return m ? { ename: m[1], evalue: m[2], traceback: lines } : { ename: 'Error', evalue: lines[0] ?? '', traceback: lines };
}

/**
 * Inside a tslab kernel, makes every later failed cell's reply carry the error's name and message
 * (see the module's description). Does nothing outside a kernel or when already installed.
 * Returns whether the kernel's handler is (now) wrapped.
 */
export function installCellErrors(): boolean {
  const proto = tslabHandlerPrototype();
  if (!proto) return false;
  if (proto.__framelabCellErrors) return true;
  // tslab prints a cell's error on the cell's stderr in one write; remember the last write
  let lastError = '';
  const makeWriter = proto.createWriteToIopub;
  proto.createWriteToIopub = function (this: ExecuteHandler, name, writeStream) {
    const write = makeWriter.call(this, name, writeStream);
    if (name !== 'stderr') return write;
    return (chunk, encoding) => {
      lastError = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return write(chunk, encoding);
    };
  };
  const execute = proto.handleExecute;
  proto.handleExecute = async function (this: ExecuteHandler, req, writeStream, writeDisplayData) {
    lastError = '';
    const reply = await execute.call(this, req, writeStream, writeDisplayData);
    if (reply.status === 'error' && reply.ename === undefined && lastError) Object.assign(reply, errorReply(lastError));
    return reply;
  };
  proto.__framelabCellErrors = true;
  return true;
}
