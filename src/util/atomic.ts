import * as fs from 'node:fs';
import { outputTarget, removeStaleTemps, tempPathFor } from './output';

/**
 * Writes a file so that readers see either the old file or the whole new one: the data goes to
 * a temporary file in the same folder, which is then renamed into place. On failure the
 * temporary file is removed and the old file is left untouched. A symbolic link stays a link
 * (its target is replaced); a device or FIFO (`/dev/null`, `/dev/stdout`) is written directly,
 * never replaced by a file; temporary files of killed earlier runs are removed.
 *
 * @example
 * writeFileAtomic('out/counts.csv', toCsv(countFrameRows(corpus, dict)));
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const target = outputTarget(file);
  if (target.mode === 'direct') {
    fs.writeFileSync(target.file, data);
    return;
  }
  removeStaleTemps(target.file);
  const tmp = tempPathFor(target.file, `-${Date.now()}`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, target.file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
