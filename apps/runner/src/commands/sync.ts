import { syncStore } from '@gemlab/tracking';
import { printJson } from '../cli/output.js';

/**
 * `gemlab sync`: replays the local run store into an MLflow server, idempotently (a second
 * sync creates nothing; runs a failed server left incomplete are completed).
 */
export async function syncCommand(options: { store: string; to?: string; experiment?: string; json: boolean }): Promise<number> {
  const events: { localRunId: string; mlflowRunId?: string; outcome: string }[] = [];
  const result = await syncStore({
    store: options.store,
    uri: options.to,
    experiment: options.experiment,
    onRun: (event) => {
      events.push(event);
      if (!options.json && process.stdout.isTTY) process.stdout.write(`\r\x1b[2K${events.length} runs synced`);
    },
  });
  if (options.json) printJson({ ...result, runs: events });
  else
    process.stdout.write(
      `${process.stdout.isTTY ? '\r\x1b[2K' : ''}synced ${options.store}: ${result.created} created, ${result.completed} completed, ${result.skipped} already complete, ${result.deleted} deleted\n`,
    );
  return 0;
}
