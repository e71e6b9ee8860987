import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from '@gemlab/core/testing';
import { freePort } from '@gemlab/tracking/testing';

/** A throwaway redis-server on 127.0.0.1 for the distributed-sweep tests. */
export interface RedisTestServer {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** SIGKILLs the server (a lost Redis); with `persistent`, its append-only file stays for `restart`. */
  kill(): Promise<void>;
  /** Starts it again on the same port (and, with `persistent`, the same data). */
  restart(): Promise<void>;
  /** Kills it and deletes its folder. */
  stop(): Promise<void>;
}

export interface RedisTestServerOptions {
  /**
   * Keep the data across `kill` + `restart`: an append-only file fsynced on every write, as a
   * production Redis for BullMQ is run. Default: no persistence at all (`--save '' --appendonly no`).
   */
  readonly persistent?: boolean;
}

let cachedBinary: string | undefined;

/** GEMLAB_REDIS_SERVER (exported by scripts/test.sh), else what scripts/setup-redis.sh finds or unpacks. */
export function redisServerBinary(): string {
  if (cachedBinary) return cachedBinary;
  const fromEnv = process.env.GEMLAB_REDIS_SERVER;
  if (fromEnv && existsSync(fromEnv)) {
    cachedBinary = fromEnv;
    return fromEnv;
  }
  const script = join(repositoryRoot(), 'scripts', 'setup-redis.sh');
  try {
    cachedBinary = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  } catch {
    throw new Error(
      'no redis-server for the distributed-sweep tests: scripts/setup-redis.sh failed (see above); install Redis >= 6.2 and set GEMLAB_REDIS_SERVER',
    );
  }
  return cachedBinary;
}

/** Starts redis-server on a free port of 127.0.0.1 and waits until it answers PING. */
export async function startRedisServer(options: RedisTestServerOptions = {}): Promise<RedisTestServer> {
  const binary = redisServerBinary();
  const dir = mkdtempSync(join(tmpdir(), 'gemlab-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let output = '';
  const onExit = () => child?.kill('SIGKILL');
  process.once('exit', onExit);

  const launch = async () => {
    const persistence = options.persistent
      ? ['--appendonly', 'yes', '--appendfsync', 'always', '--save', '']
      : ['--save', '', '--appendonly', 'no'];
    output = '';
    const args = ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--daemonize', 'no', ...persistence];
    const started = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    started.stdout?.on('data', keep);
    started.stderr?.on('data', keep);
    for (let waited = 0; ; waited += 100) {
      if (started.exitCode !== null) throw new Error(`redis-server exited (${started.exitCode}) on start:\n${output}`);
      if (await answersPing(port)) return;
      if (waited > 20_000) throw new Error(`redis-server on port ${port} did not answer PING after 20 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };

  try {
    await launch();
  } catch (error) {
    // A server that started but never answered must not outlive the test run.
    await kill();
    process.removeListener('exit', onExit);
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    async restart() {
      await kill();
      await launch();
    },
    async stop() {
      await kill();
      process.removeListener('exit', onExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** True when something on the port answers `PING` with `+PONG`. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
