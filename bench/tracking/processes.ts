// Where the tracking benchmarks' processes run, and what CPU they spend, read from /proc.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The stat fields (see `statFields`) of every live process in a process group, by pid. */
function groupStats(pgid: number): Map<number, string[]> {
  const members = new Map<number, string[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[2]) === pgid) members.set(Number(entry), fields);
  }
  return members;
}

/** /proc/<pid>/stat after "(comm) ": state is [0], pgrp [2], utime..cstime [11]..[14]; undefined once it exited. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds of every live process in the group, their waited-for children included. */
export function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const fields of groupStats(pgid).values()) {
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return ticks / 100; // USER_HZ
}

/** Restricts a process and all its threads to one CPU (children started later inherit it). */
export function pinProcess(pid: number, cpu: number): void {
  execFileSync('taskset', ['--all-tasks', '--pid', '--cpu-list', String(cpu), String(pid)], { stdio: 'ignore' });
}

/** Restricts every process of a group, with all their threads, to one CPU. */
export function pinGroup(pgid: number, cpu: number): void {
  for (const pid of groupStats(pgid).keys()) pinProcess(pid, cpu);
}
