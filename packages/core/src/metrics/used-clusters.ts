import { encodeLabels } from './labels.js';

/**
 * The number of clusters that hold at least one sample, i.e. that are the argmax of some
 * sample's probabilities. GEMINIs may leave clusters empty, so this is at most K.
 */
export function usedClusters(labelsPred: ArrayLike<number>): number {
  return encodeLabels(labelsPred, 'labelsPred').values.length;
}
