import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRoot } from '@gemlab/core/testing';

/** The URL of this package's entry module, for scripts run in a separate process. */
export function trackingEntryUrl(): string {
  const source = join(import.meta.dirname, '..', 'index.ts');
  return pathToFileURL(existsSync(source) ? source : join(import.meta.dirname, '..', 'index.js')).href;
}

export interface NodeScript {
  readonly child: ChildProcess;
  /** Resolves with the first stdout line that starts with `prefix`. */
  line(prefix: string): Promise<string>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited(): Promise<number | null>;
  output(): string;
}

/**
 * Runs TypeScript `code` (ESM, top-level await allowed) in a fresh Node process through tsx,
 * from the repository root so workspace packages resolve to their sources.
 */
export function runNodeScript(code: string, env: NodeJS.ProcessEnv = {}): NodeScript {
  const file = join(mkdtempSync(join(tmpdir(), 'gemlab-script-')), 'script.mts');
  writeFileSync(file, code);
  const child = spawn(process.execPath, ['--conditions=@gemlab/source', '--import', 'tsx', file], {
    cwd: repositoryRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: { prefix: string; resolve: (line: string) => void }[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const line of out.split('\n')) {
      for (const waiter of [...waiters]) {
        if (line.startsWith(waiter.prefix)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited: () => exit,
    line: (prefix) =>
      new Promise<string>((resolve, reject) => {
        const found = out.split('\n').find((l) => l.startsWith(prefix));
        if (found) return resolve(found);
        waiters.push({ prefix, resolve });
        exit.then((code) => reject(new Error(`script exited (${code}) before printing '${prefix}':\n${out}`)));
      }),
  };
}
