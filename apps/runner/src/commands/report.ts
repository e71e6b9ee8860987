import { GemlabError } from '@gemlab/core';
import { createTracker } from '@gemlab/tracking';
import { printJson } from '../cli/output.js';
import { resolveConfigFile } from '../config/resolve-config.js';
import { kReportMarkdown } from '../report/k-report.js';
import { logSweepArtifacts } from '../report/sweep-artifacts.js';
import { expandSweep } from '../sweep/expand-sweep.js';
import { resultFromRecord } from '../sweep/resume.js';
import { SweepNotFoundError } from '../sweep/sweep-errors.js';
import type { TrialResult } from '../trial/trial-spec.js';

/**
 * `gemlab report <config>`: rebuilds the sweep's K report, tables and figures from what the
 * store holds (after a resumed or partly failed sweep, or with newer figure code) and logs
 * them on its parent run again; the trials are not re-run.
 */
export async function reportCommand(path: string, options: { set: readonly string[]; json: boolean }): Promise<number> {
  const resolved = await resolveConfigFile(path, options.set);
  const sweep = expandSweep(resolved);
  const { experiment, tracking } = resolved.config;
  const tracker = createTracker({
    store: tracking.store,
    uri: tracking.uri,
    warn: (m) => process.stderr.write(`gemlab: warning: ${m}\n`),
  });
  try {
    const [parent] = (
      await tracker.searchRuns({ experiment, tags: { 'gemlab.sweepId': sweep.sweepId, 'gemlab.role': 'sweep' } })
    ).sort((a, b) => b.startTime - a.startTime);
    if (!parent) throw new SweepNotFoundError(sweep.name, tracker.location);
    if (parent.status === 'RUNNING') {
      throw new GemlabError('GEMLAB_SWEEP_RUNNING', `sweep '${sweep.name}' is still running (or was killed): resume it first`);
    }
    const children = new Map(
      (await tracker.searchRuns({ experiment, parentRunId: parent.runId })).map((run) => [run.tags['gemlab.trialId'], run]),
    );
    const results: TrialResult[] = sweep.trials.flatMap((trial) => {
      const record = children.get(trial.id);
      return record ? [resultFromRecord(trial, record)] : [];
    });
    const run = await tracker.resumeRun(parent.runId);
    const report = await logSweepArtifacts(run, sweep.name, results);
    await run.end(parent.status);
    if (options.json)
      printJson({
        sweepId: sweep.sweepId,
        parentRunId: parent.runId,
        trials: results.length,
        report: report.rows,
        recommendations: report.recommendations,
      });
    else
      process.stdout.write(
        `sweep '${sweep.name}': report and figures of ${results.length} trials logged on ${parent.runId}\n\n${kReportMarkdown(report)}`,
      );
    return 0;
  } finally {
    await tracker.close();
  }
}
