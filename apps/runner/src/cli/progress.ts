import type { EpochLogs } from '@gemlab/core';
import type { TrialResult, TrialSpec } from '../trial/trial-spec.js';

/**
 * A one-line progress bar on a TTY: trials done/total, the current trial's epoch, ETA.
 * Silent when the stream is not a TTY (logs and pipes get only the final output).
 */
export class ProgressBar {
  private total = 0;
  private done = 0;
  private epochs = 0;
  private readonly current = new Map<string, { name: string; epoch: number }>();
  private readonly startedAt = Date.now();
  private finishedThisRun = 0;
  private lastDraw = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {}

  get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  plan({ total, done, epochs }: { total: number; done: number; epochs: number }): void {
    this.total = total;
    this.done = done;
    this.epochs = epochs;
    this.draw(true);
  }

  trialStarted(trial: TrialSpec): void {
    this.current.set(trial.id, { name: trial.name, epoch: 0 });
    this.draw(true);
  }

  epoch(trial: TrialSpec, logs: EpochLogs): void {
    const entry = this.current.get(trial.id);
    if (entry) entry.epoch = logs.epoch;
    this.draw(false);
  }

  trialEnded(result: TrialResult): void {
    this.current.delete(result.id);
    this.done++;
    this.finishedThisRun++;
    this.draw(true);
  }

  clear(): void {
    if (this.enabled) this.stream.write('\r\x1b[2K');
  }

  private draw(force: boolean): void {
    if (!this.enabled || this.total === 0) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 24;
    const filled = Math.round((this.done / this.total) * width);
    const running = [...this.current.values()].map((c) => `${c.name} ${c.epoch}/${this.epochs}`).join(', ');
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total} trials${running ? ` | ${running}` : ''} | ETA ${this.eta(now)}`;
    const columns = this.stream.columns ?? 120;
    this.stream.write(`\r\x1b[2K${line.slice(0, columns - 1)}`);
  }

  private eta(now: number): string {
    if (this.finishedThisRun === 0) return '?';
    const perTrial = (now - this.startedAt) / this.finishedThisRun;
    const seconds = Math.round((perTrial * (this.total - this.done)) / 1000);
    return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
  }
}
