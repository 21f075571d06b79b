import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes a file so that readers see either the old file or the whole new one: the data goes to
 * a temporary file in the same folder, which is then renamed into place. On failure the
 * temporary file is removed and the old file is left untouched.
 *
 * @example
 * writeFileAtomic('out/counts.csv', toCsv(countFrameRows(corpus, dict)));
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.framelab-tmp-${process.pid}-${Date.now()}`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
