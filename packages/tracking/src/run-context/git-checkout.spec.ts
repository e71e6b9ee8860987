import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readGitHead } from './git-checkout.js';

const SHA = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);

describe('readGitHead', () => {
  const dirs: string[] = [];
  const checkout = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'gemlab-git-'));
    dirs.push(dir);
    mkdirSync(join(dir, '.git', 'refs', 'heads'), { recursive: true });
    mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('follows HEAD to a loose branch ref, from a subfolder', () => {
    const dir = checkout();
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(dir, '.git', 'refs', 'heads', 'main'), `${SHA}\n`);
    expect(readGitHead(join(dir, 'sub', 'deeper'))).toEqual({ commit: SHA, branch: 'main' });
  });

  it('reads packed-refs when the ref is not loose', () => {
    const dir = checkout();
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/feature/x\n');
    writeFileSync(
      join(dir, '.git', 'packed-refs'),
      `# pack-refs with: peeled\n${OTHER} refs/heads/main\n${SHA} refs/heads/feature/x\n`,
    );
    expect(readGitHead(dir)).toEqual({ commit: SHA, branch: 'feature/x' });
  });

  it('returns a detached HEAD commit without a branch', () => {
    const dir = checkout();
    writeFileSync(join(dir, '.git', 'HEAD'), `${SHA}\n`);
    expect(readGitHead(dir)).toEqual({ commit: SHA });
  });

  it('follows a .git file (worktree) to its git dir and common dir', () => {
    const main = checkout();
    writeFileSync(join(main, '.git', 'refs', 'heads', 'wt'), `${OTHER}\n`);
    const worktreeGit = join(main, '.git', 'worktrees', 'wt');
    mkdirSync(worktreeGit, { recursive: true });
    writeFileSync(join(worktreeGit, 'HEAD'), 'ref: refs/heads/wt\n');
    writeFileSync(join(worktreeGit, 'commondir'), '../..\n');
    const worktree = mkdtempSync(join(tmpdir(), 'gemlab-wt-'));
    dirs.push(worktree);
    writeFileSync(join(worktree, '.git'), `gitdir: ${worktreeGit}\n`);
    expect(readGitHead(worktree)).toEqual({ commit: OTHER, branch: 'wt' });
  });

  it('returns undefined outside a checkout or for an unborn branch', () => {
    const dir = checkout();
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/unborn\n');
    expect(readGitHead(dir)).toBeUndefined();
    const plain = mkdtempSync(join(tmpdir(), 'gemlab-nogit-'));
    dirs.push(plain);
    // tmpdir itself is not inside a checkout on any sane machine
    expect(readGitHead(plain)).toBeUndefined();
  });
});
