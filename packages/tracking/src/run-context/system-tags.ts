import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { readGitHead } from './git-checkout.js';

/** Run tags MLflow's UI reads (User, Source, Version columns); set at creation because `mlflow.user` is immutable. */
export const SYSTEM_TAG = {
  user: 'mlflow.user',
  sourceName: 'mlflow.source.name',
  sourceType: 'mlflow.source.type',
  gitCommit: 'mlflow.source.git.commit',
  gitBranch: 'mlflow.source.git.branch',
  parentRunId: 'mlflow.parentRunId',
  runName: 'mlflow.runName',
} as const;

/** The tag linking an MLflow run to the local-store run it mirrors or was synced from. */
export const LOCAL_RUN_ID_TAG = 'gemlab.localRunId';

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

let cached: Readonly<Record<string, string>> | undefined;

/**
 * The tags that describe where a run comes from: OS user, entry script (`process.argv[1]`'s
 * basename, or 'gemlab'), source type LOCAL, and the git commit/branch when run from a checkout.
 * Computed once per process.
 */
export function systemTags(): Readonly<Record<string, string>> {
  if (cached) return cached;
  const script = process.argv[1];
  const tags: Record<string, string> = {
    [SYSTEM_TAG.user]: osUser(),
    [SYSTEM_TAG.sourceName]: script ? basename(script) : 'gemlab',
    [SYSTEM_TAG.sourceType]: 'LOCAL',
  };
  const head = readGitHead();
  if (head) {
    tags[SYSTEM_TAG.gitCommit] = head.commit;
    if (head.branch) tags[SYSTEM_TAG.gitBranch] = head.branch;
  }
  cached = tags;
  return cached;
}
