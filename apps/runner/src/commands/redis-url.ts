import { RedisError } from '../executors/bullmq/queue-errors.js';

/** --redis, else GEMLAB_REDIS_URL. */
export function redisUrlOf(option: string | undefined): string {
  const url = option || process.env.GEMLAB_REDIS_URL;
  if (!url) throw new RedisError('no Redis server given: pass --redis redis://host:6379 or set GEMLAB_REDIS_URL');
  return url;
}
