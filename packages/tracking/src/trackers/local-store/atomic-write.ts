import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TEMP_MARKER } from './layout.js';

/**
 * Replaces `path` with `content` atomically: readers (and a process killed mid-write) see the
 * old file or the new one, never a mix. The temp file sits in the same folder, so rename is atomic.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `${basename(path)}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(temp, content);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
