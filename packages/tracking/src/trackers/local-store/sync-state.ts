import { join } from 'node:path';
import { writeJsonAtomic } from './atomic-write.js';
import { SYNC_FILE } from './layout.js';
import { readSyncFile, type SyncEntry } from './store-files.js';

/**
 * Records in a run's sync.json what one MLflow server (keyed by its URL without credentials)
 * has of the run: its MLflow run id, and whether everything is there. Only the process that
 * owns the run, or a sync after it, writes the file.
 */
export function recordSyncState(
  runDir: string,
  server: string,
  state: { readonly mlflowRunId?: string; readonly complete: boolean },
): void {
  const file = readSyncFile(runDir);
  const previous = file[server];
  const entry: SyncEntry = {
    ...((state.mlflowRunId ?? previous?.mlflowRunId) ? { mlflowRunId: state.mlflowRunId ?? previous?.mlflowRunId } : {}),
    complete: state.complete,
    updatedAt: Date.now(),
  };
  writeJsonAtomic(join(runDir, SYNC_FILE), { ...file, [server]: entry });
}
