import { startQueueWorker } from '../executors/bullmq/queue-worker.js';
import { redisUrlOf } from './redis-url.js';

export interface WorkerCommandOptions {
  readonly redis?: string;
  readonly concurrency: number;
  readonly trackingUri?: string;
}

/**
 * `gemlab worker --redis <url>`: runs queued trials until SIGINT/SIGTERM, then finishes the
 * running ones (a second signal quits at once; other workers take those trials over).
 */
export async function workerCommand(options: WorkerCommandOptions): Promise<number> {
  // The sandboxed trial processes inherit it: they log to this server (credentials included).
  if (options.trackingUri) process.env.MLFLOW_TRACKING_URI = options.trackingUri;
  const log = (line: string) => process.stdout.write(`gemlab worker ${process.pid}: ${line}\n`);
  const worker = await startQueueWorker({ redisUrl: redisUrlOf(options.redis), concurrency: options.concurrency, log });
  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = () => {
      if (stopping) process.exit(130);
      stopping = true;
      log('stopping: finishing the running trials (again to quit now)');
      worker.close().then(resolve, resolve);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  log('stopped');
  return 0;
}
