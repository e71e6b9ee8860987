import { GemlabError } from '@gemlab/core';

/** Resuming a sweep whose trials changed since it started. */
export class SweepChangedError extends GemlabError {
  constructor(name: string) {
    super(
      'GEMLAB_SWEEP_CHANGED',
      `sweep '${name}' already exists in the store with a different definition; rerun with --force to continue it anyway, or set sweep.name to start a new sweep`,
    );
  }
}

/** `--resume` of a sweep that was never started. */
export class SweepNotFoundError extends GemlabError {
  constructor(name: string, location: string) {
    super('GEMLAB_SWEEP_NOT_FOUND', `no sweep '${name}' to resume in ${location}; run it without --resume to start it`);
  }
}
