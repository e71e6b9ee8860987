import { printJson } from '../cli/output.js';
import { ProgressBar } from '../cli/progress.js';
import { resolveConfigFile } from '../config/resolve-config.js';
import { kReportMarkdown } from '../report/k-report.js';
import { runSweep, type SweepOutcome } from '../sweep/run-sweep.js';
import { withInterrupt } from './interrupt.js';

export interface SweepCommandOptions {
  readonly set: readonly string[];
  readonly json: boolean;
  readonly resume: boolean;
  readonly force: boolean;
  readonly workers?: number;
}

/** `gemlab sweep <config>`: the sweep, resumable, ending with the K report. Exit 1 if any trial failed. */
export async function sweepCommand(path: string, options: SweepCommandOptions): Promise<number> {
  const overrides = options.workers ? [...options.set, `sweep.workers=${options.workers}`] : options.set;
  const resolved = await resolveConfigFile(path, overrides);
  const progress = new ProgressBar();
  const outcome = await withInterrupt((signal) =>
    runSweep(resolved, {
      resume: options.resume,
      force: options.force,
      signal,
      warn: (message) => {
        progress.clear();
        process.stderr.write(`gemlab: warning: ${message}\n`);
      },
      hooks: {
        onPlan: (plan) => progress.plan(plan),
        onTrialStart: (trial) => progress.trialStarted(trial),
        onEpoch: (trial, logs) => progress.epoch(trial, logs),
        onTrialEnd: (result) => progress.trialEnded(result),
      },
    }),
  );
  progress.clear();
  return printSweepOutcome(outcome, options.json);
}

/** The sweep's summary and K report (or one JSON object); the exit code: 130 cancelled, 1 if a trial failed. */
export function printSweepOutcome(outcome: SweepOutcome, json: boolean): number {
  const failed = outcome.results.filter((r) => r.status !== 'FINISHED');
  if (json) {
    printJson({
      sweepId: outcome.sweepId,
      name: outcome.name,
      parentRunId: outcome.parentRunId,
      store: outcome.location,
      stoppedBy: outcome.stoppedBy ?? null,
      trials: outcome.results.map((r) => ({
        id: r.id,
        name: r.name,
        status: r.status,
        runId: r.runId,
        skipped: r.skipped ?? false,
        params: r.params,
        metrics: r.metrics,
        ...(r.error ? { error: r.error } : {}),
      })),
      report: outcome.report.rows,
      recommendations: outcome.report.recommendations,
    });
  } else {
    const skipped = outcome.results.filter((r) => r.skipped).length;
    process.stdout.write(
      `sweep '${outcome.name}' (${outcome.sweepId}): ${outcome.results.length - failed.length} finished` +
        `${skipped ? ` (${skipped} already in the store)` : ''}, ${failed.length} failed or killed; runs in ${outcome.location}\n\n`,
    );
    for (const f of failed) process.stdout.write(`  ${f.status} ${f.name}: ${f.error ?? ''}\n`);
    if (failed.length) process.stdout.write('\n');
    process.stdout.write(kReportMarkdown(outcome.report));
    if (outcome.stoppedBy) process.stdout.write(`\nstopped early: ${outcome.stoppedBy}\n`);
  }
  return outcome.stoppedBy === 'cancelled' ? 130 : failed.length > 0 ? 1 : 0;
}
