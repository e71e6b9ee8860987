import type { TrainingHistoryEntry } from '../types.js';
import { toCsv } from './csv.js';

/** `cluster,size,fraction` for every cluster 0..K−1, empty ones included. */
export function clusterSizesCsv(sizes: readonly number[]): string {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  return toCsv(
    ['cluster', 'size', 'fraction'],
    sizes.map((size, j) => [j, size, total > 0 ? size / total : 0]),
  );
}

/** `epoch,gemini,loss` per epoch, plus a `vat` column when any epoch has a VAT term. */
export function trainingCurvesCsv(history: readonly TrainingHistoryEntry[]): string {
  const withVat = history.some((entry) => entry.vat !== undefined);
  const header = withVat ? ['epoch', 'gemini', 'loss', 'vat'] : ['epoch', 'gemini', 'loss'];
  return toCsv(
    header,
    history.map((entry) =>
      withVat ? [entry.epoch, entry.gemini, entry.loss, entry.vat] : [entry.epoch, entry.gemini, entry.loss],
    ),
  );
}
