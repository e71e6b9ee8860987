import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pythonVenv } from '@gemlab/core/testing';
import { freePort } from './free-port.js';

/** A real MLflow tracking server for tests and benchmarks. */
export interface MlflowTestServer {
  /** `http://127.0.0.1:<port>`. */
  readonly uri: string;
  /** Kills the server (its whole process group) and deletes its database and artifacts. */
  stop(): Promise<void>;
  /** Kills the server (if running) and starts it again on the same port with the same database and artifacts. */
  restart(): Promise<void>;
  /** Kills the server but keeps its database and artifacts, to simulate an outage; `restart` brings it back. */
  kill(): Promise<void>;
  /** The server's process group (its `mlflow server` process and workers), while it runs: for benchmarks that pin or meter it. */
  processGroup(): number | undefined;
}

export interface MlflowTestServerOptions {
  /** How long to wait for `/health` to answer OK (default 120 s). */
  readonly startTimeoutMs?: number;
}

const TAIL_BYTES = 4000;

/**
 * Starts `mlflow server` from the test Python environment (`pythonVenv()`) on a free port, with a
 * SQLite backend and proxied artifacts in a temporary folder, and waits until `/health` answers.
 * Start one per test file (beforeAll) and stop it in afterAll.
 */
export async function startMlflowServer(options: MlflowTestServerOptions = {}): Promise<MlflowTestServer> {
  const executable = join(pythonVenv(), 'bin', 'mlflow');
  const dir = mkdtempSync(join(tmpdir(), 'gemlab-mlflow-'));
  const port = await freePort();
  const uri = `http://127.0.0.1:${port}`;
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  let child: ChildProcess | undefined;
  let tail = '';

  /** Signals the server's whole process group (it was spawned detached, so the group id is its pid). */
  const killGroup = (signal: NodeJS.Signals): void => {
    if (child?.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group is gone
    }
  };
  const onExit = (): void => killGroup('SIGKILL');
  process.once('exit', onExit);

  const launch = async (): Promise<void> => {
    tail = '';
    const args = [
      'server',
      '--backend-store-uri',
      `sqlite:///${join(dir, 'mlflow.db')}`,
      '--artifacts-destination',
      join(dir, 'artifacts'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--workers',
      '1',
    ];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PYTHONUNBUFFERED: '1',
      MLFLOW_DISABLE_TELEMETRY: 'true',
      DO_NOT_TRACK: 'true',
    };
    delete env.MLFLOW_TRACKING_URI;
    const started = spawn(executable, args, { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    const keep = (chunk: Buffer): void => {
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
    };
    started.stdout?.on('data', keep);
    started.stderr?.on('data', keep);
    await waitHealthy(uri, started, timeoutMs, () => tail);
  };

  const kill = async (): Promise<void> => {
    const running = child;
    if (!running) return;
    if (running.exitCode !== null || running.signalCode !== null) {
      killGroup('SIGKILL');
      return;
    }
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    // The uvicorn worker may outlive the `mlflow server` process: make sure the whole group is gone
    // and the port is closed before a restart binds it again.
    killGroup('SIGKILL');
    await waitClosed(uri);
  };

  try {
    await launch();
  } catch (error) {
    await kill();
    rmSync(dir, { recursive: true, force: true });
    process.removeListener('exit', onExit);
    throw error;
  }

  return {
    uri,
    async stop() {
      await kill();
      process.removeListener('exit', onExit);
      rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await kill();
      await launch();
    },
    kill,
    processGroup: () => (child?.exitCode === null && child.signalCode === null ? child.pid : undefined),
  };
}

async function waitClosed(uri: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await fetch(`${uri}/health`, { signal: AbortSignal.timeout(500) });
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitHealthy(uri: string, child: ChildProcess, timeoutMs: number, tail: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`mlflow server exited before it became healthy (exit code ${child.exitCode}); output:\n${tail()}`);
    }
    try {
      const response = await fetch(`${uri}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok && (await response.text()).trim() === 'OK') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`mlflow server at ${uri} was not healthy after ${timeoutMs} ms; output:\n${tail()}`);
}
