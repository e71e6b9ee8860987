import type { SweepStrategy } from '../sweep-strategy.js';
import { gridStrategy } from './grid.js';
import { randomStrategy } from './random.js';

export const SWEEP_STRATEGIES: Readonly<Record<string, SweepStrategy>> = { grid: gridStrategy, random: randomStrategy };
