import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DataError } from '@gemlab/core';

/** The bytes of a data file, its path resolved against `baseDir`; a DataError names the path as given. */
export async function readDataFile(path: string, baseDir: string): Promise<Buffer> {
  try {
    return await readFile(resolve(baseDir, path));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new DataError(`${path}: cannot read the file (${reason})`, { cause: error });
  }
}

/** The text of a data file (UTF-8, byte-order mark removed). */
export async function readDataText(path: string, baseDir: string): Promise<string> {
  const text = (await readDataFile(path, baseDir)).toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
