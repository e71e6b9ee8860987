import type { DatasetMeta, ParamValue, RunHandle, RunStatus } from '@gemlab/core';
import type { LocalRunHandle } from '../local-store/local-run-handle.js';
import type { MlflowRunHandle } from '../mlflow/mlflow-run-handle.js';

/** What a mirrored run needs from its tracker: to report a mirror failure and to record sync state. */
export interface MirrorSupervisor {
  /** False once the server is considered unreachable for this tracker. */
  readonly mirrorAvailable: boolean;
  mirrorFailed(error: unknown, runDir: string): Promise<void>;
  mirrorCompleted(runDir: string, mlflowRunId: string): Promise<void>;
}

/**
 * A run written to the local store first (the source of truth, whose errors the caller sees) and
 * then to its MLflow mirror. When the mirror fails, it is dropped for the rest of the run and the
 * run is left marked "not fully synced" in the store, for `syncStore` to complete later.
 */
export class ResilientRunHandle implements RunHandle {
  readonly runId: string;

  constructor(
    private readonly local: LocalRunHandle,
    private mirror: MlflowRunHandle | undefined,
    private readonly supervisor: MirrorSupervisor,
  ) {
    this.runId = local.runId;
  }

  /** The MLflow run id while the run is mirrored. */
  get mirrorRunId(): string | undefined {
    return this.mirror?.runId;
  }

  async logParams(params: Readonly<Record<string, ParamValue>>): Promise<void> {
    await this.local.logParams(params);
    await this.toMirror((mirror) => mirror.logParams(params));
  }

  async logMetrics(metrics: Readonly<Record<string, number>>, step?: number): Promise<void> {
    await this.local.logMetrics(metrics, step);
    await this.toMirror((mirror) => mirror.logMetrics(metrics, step));
  }

  async setTags(tags: Readonly<Record<string, string>>): Promise<void> {
    await this.local.setTags(tags);
    await this.toMirror((mirror) => mirror.setTags(tags));
  }

  async logDatasetInput(dataset: DatasetMeta & { readonly digest: string }): Promise<void> {
    await this.local.logDatasetInput(dataset);
    await this.toMirror((mirror) => mirror.logDatasetInput(dataset));
  }

  async logArtifact(path: string, content: string | Uint8Array): Promise<void> {
    await this.local.logArtifact(path, content);
    await this.toMirror((mirror) => mirror.logArtifact(path, content));
  }

  async flush(): Promise<void> {
    await this.local.flush();
    await this.toMirror((mirror) => mirror.flush());
  }

  async end(status: Exclude<RunStatus, 'RUNNING'>): Promise<void> {
    await this.local.end(status);
    const mirrored = await this.toMirror((mirror) => mirror.end(status, this.local.endTime));
    if (mirrored && this.mirror) await this.supervisor.mirrorCompleted(this.local.runDir, this.mirror.runId);
    this.mirror = undefined;
  }

  /** Sends one call to the mirror; true when it succeeded. */
  private async toMirror(call: (mirror: MlflowRunHandle) => Promise<void>): Promise<boolean> {
    const mirror = this.mirror;
    if (!mirror) return false;
    if (!this.supervisor.mirrorAvailable) {
      this.mirror = undefined;
      await this.supervisor.mirrorFailed(undefined, this.local.runDir);
      return false;
    }
    try {
      await call(mirror);
      return true;
    } catch (error) {
      this.mirror = undefined;
      await this.supervisor.mirrorFailed(error, this.local.runDir);
      return false;
    }
  }
}
