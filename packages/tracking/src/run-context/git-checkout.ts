import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** What `.git/HEAD` says about a checkout: the commit, and the branch when HEAD is not detached. */
export interface GitHead {
  readonly commit: string;
  readonly branch?: string;
}

const COMMIT_PATTERN = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The git directory of the checkout holding `start`: `.git` itself, or where a `.git` file (worktree, submodule) points. */
function findGitDir(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, '.git');
    if (existsSync(candidate)) {
      if (statSync(candidate).isDirectory()) return candidate;
      const pointer = /^gitdir:\s*(.+)\s*$/m.exec(readText(candidate) ?? '');
      if (pointer) return isAbsolute(pointer[1]!) ? pointer[1]! : resolve(dir, pointer[1]!);
      return undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Resolves a ref (`refs/heads/main`) from loose refs or `packed-refs`, in the git dir and its common dir. */
function resolveRef(gitDir: string, ref: string): string | undefined {
  const common = readText(join(gitDir, 'commondir'))?.trim();
  const dirs = common ? [gitDir, resolve(gitDir, common)] : [gitDir];
  for (const dir of dirs) {
    const loose = readText(join(dir, ref))?.trim();
    if (loose && COMMIT_PATTERN.test(loose)) return loose;
    const packed = readText(join(dir, 'packed-refs'));
    if (packed) {
      for (const line of packed.split('\n')) {
        const [sha, name] = line.trim().split(' ');
        if (name === ref && sha && COMMIT_PATTERN.test(sha)) return sha;
      }
    }
  }
  return undefined;
}

/** Reads HEAD of the git checkout containing `cwd` without running git; undefined outside a checkout. */
export function readGitHead(cwd: string = process.cwd()): GitHead | undefined {
  const gitDir = findGitDir(cwd);
  if (!gitDir) return undefined;
  const head = readText(join(gitDir, 'HEAD'))?.trim();
  if (!head) return undefined;
  if (COMMIT_PATTERN.test(head)) return { commit: head };
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!ref) return undefined;
  const commit = resolveRef(gitDir, ref);
  if (!commit) return undefined;
  return ref.startsWith('refs/heads/') ? { commit, branch: ref.slice('refs/heads/'.length) } : { commit };
}
