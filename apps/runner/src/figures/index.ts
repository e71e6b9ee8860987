// Figures of trials and sweeps: Vega-Lite specs rendered headlessly to SVG (vega) and PNG (resvg), plus CSV tables.

export { renderSweepFigures } from './sweep-figures.js';
export { renderTrialFigures } from './trial-figures.js';
export type { Artifact, SweepFigureInput, SweepTrial, TrainingHistoryEntry, TrialFigureInput } from './types.js';
