import { stripUserinfo } from '@gemlab/tracking';
import { Redis, type RedisOptions } from 'ioredis';
import { RedisError } from './queue-errors.js';

/** BullMQ needs Redis >= 6.2 for the commands its scripts use. */
const MIN_VERSION = [6, 2] as const;
/** How long the first connection may take before `redis://…` counts as unreachable. */
const PROBE_TIMEOUT_MS = 5000;

/** `redis://host:port/db` without its password, for messages. */
export function displayUrl(url: string): string {
  return stripUserinfo(url);
}

/**
 * Connects once, without retries, and checks the server's version: a clear one-line error
 * when Redis is not there (wrong URL, not started) instead of BullMQ retrying forever.
 */
export async function probeRedis(url: string): Promise<void> {
  if (!/^rediss?:\/\//.test(url)) throw new RedisError(`'${url}' is not a Redis URL (expected redis://host:port)`);
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  client.on('error', (error: Error) => {
    lastError = error; // the socket's reason (ECONNREFUSED, ENOTFOUND), reported below once
  });
  try {
    await client.connect();
    const info = await client.info('server');
    const version = /redis_version:(\d+)\.(\d+)/.exec(info);
    const [major, minor] = [Number(version?.[1] ?? 0), Number(version?.[2] ?? 0)];
    if (major < MIN_VERSION[0] || (major === MIN_VERSION[0] && minor < MIN_VERSION[1])) {
      throw new RedisError(`Redis at ${displayUrl(url)} is version ${major}.${minor}; distributed sweeps need Redis >= 6.2`);
    }
  } catch (error) {
    if (error instanceof RedisError) throw error;
    const cause = lastError ?? error;
    const reason = cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : String(cause);
    throw new RedisError(`cannot reach Redis at ${displayUrl(url)} (${reason}); start it, or pass the right --redis URL`);
  } finally {
    client.disconnect();
  }
}

/**
 * A connection for BullMQ queues and workers: commands wait while it reconnects (forever,
 * every second at most), so a worker rides out a Redis restart.
 */
export function openRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(100 * times, 1000),
    ...options,
  });
}
