import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { TEMP_MARKER } from './layout.js';

/**
 * Replaces `path` with `content` atomically: readers (and a process killed mid-write) see the
 * old file or the new one, never a mix. The temp file sits in the same folder, so rename is atomic.
 * Synchronous on purpose: run files are small and land in the page cache in microseconds, where a
 * thread-pool round trip per file costs milliseconds on a busy machine, between training steps.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `${basename(path)}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
