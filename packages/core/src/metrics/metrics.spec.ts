import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from './adjusted-rand-index.js';
import { argmaxRows } from './argmax-rows.js';
import { clusteringAccuracy } from './clustering-accuracy.js';
import { confusionMatrix } from './confusion-matrix.js';
import { hungarianOrderedConfusion } from './hungarian-ordered-confusion.js';
import { normalizedMutualInfo } from './normalized-mutual-info.js';
import { purity } from './purity.js';
import { usedClusters } from './used-clusters.js';

describe('clustering metrics on hand-computed toys', () => {
  // true [0,0,0,1,1,1], pred [0,0,1,1,2,2]: contingency rows (classes) [2,1,0] and [0,1,2].
  const labelsTrue = [0, 0, 0, 1, 1, 1];
  const labelsPred = [0, 0, 1, 1, 2, 2];

  it('confusion matrix counts class × cluster co-occurrences', () => {
    expect(confusionMatrix(labelsTrue, labelsPred)).toEqual({
      classes: [0, 1],
      clusters: [0, 1, 2],
      counts: [
        [2, 1, 0],
        [0, 1, 2],
      ],
    });
  });

  it('ARI = 8/33', () => {
    // Σ C(n_ij,2) = 1 + 1 = 2; Σ C(a_i,2) = 3 + 3 = 6; Σ C(b_j,2) = 3; C(6,2) = 15.
    // expected = 6·3/15 = 1.2; max = (6 + 3)/2 = 4.5; ARI = (2 - 1.2)/(4.5 - 1.2) = 8/33.
    expect(adjustedRandIndex(labelsTrue, labelsPred)).toBeCloseTo(8 / 33, 14);
  });

  it('NMI = 4 ln 2 / (3 ln 6)', () => {
    // H(true) = ln 2, H(pred) = ln 3. MI: cells (0,0) and (1,2) give (1/3) ln((1/3)/(1/2·1/3)) = (1/3) ln 2
    // each, cells (0,1), (1,1) give (1/6) ln 1 = 0 ⇒ MI = (2/3) ln 2; NMI = MI / ((ln 2 + ln 3)/2).
    expect(normalizedMutualInfo(labelsTrue, labelsPred)).toBeCloseTo((4 * Math.log(2)) / (3 * Math.log(6)), 14);
  });

  it('ACC = 4/6 (class 0 → cluster 0, class 1 → cluster 2; cluster 1 unmatched)', () => {
    expect(clusteringAccuracy(labelsTrue, labelsPred)).toBeCloseTo(4 / 6, 15);
  });

  it('purity = 5/6 (majorities 2, 1, 2)', () => {
    expect(purity(labelsTrue, labelsPred)).toBeCloseTo(5 / 6, 15);
  });

  it("matches scikit-learn's documented ARI example", () => {
    // sklearn docs: adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]) = 0.5714285714285715 = 4/7.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 14);
  });
});

describe('clustering metrics: edge cases', () => {
  it('a permuted perfect clustering scores ARI = NMI = ACC = purity = 1', () => {
    const labelsTrue = [0, 0, 1, 1, 2, 2, 2];
    const labelsPred = [5, 5, 3, 3, 9, 9, 9];
    expect(adjustedRandIndex(labelsTrue, labelsPred)).toBe(1);
    expect(normalizedMutualInfo(labelsTrue, labelsPred)).toBeCloseTo(1, 15);
    expect(clusteringAccuracy(labelsTrue, labelsPred)).toBe(1);
    expect(purity(labelsTrue, labelsPred)).toBe(1);
    expect(hungarianOrderedConfusion(labelsTrue, labelsPred)).toEqual({
      classes: [0, 1, 2],
      clusters: [5, 3, 9],
      counts: [
        [2, 0, 0],
        [0, 2, 0],
        [0, 0, 3],
      ],
    });
  });

  it('one cluster for several classes: ARI = NMI = 0, ACC = purity = largest class share', () => {
    const labelsTrue = [0, 1, 2, 0];
    const labelsPred = [7, 7, 7, 7];
    expect(adjustedRandIndex(labelsTrue, labelsPred)).toBe(0);
    expect(normalizedMutualInfo(labelsTrue, labelsPred)).toBe(0);
    expect(clusteringAccuracy(labelsTrue, labelsPred)).toBe(0.5);
    expect(purity(labelsTrue, labelsPred)).toBe(0.5);
    expect(usedClusters(labelsPred)).toBe(1);
  });

  it('one class and one cluster is a perfect match', () => {
    expect(adjustedRandIndex([3, 3, 3], [1, 1, 1])).toBe(1);
    expect(normalizedMutualInfo([3, 3, 3], [1, 1, 1])).toBe(1);
    expect(clusteringAccuracy([3, 3, 3], [1, 1, 1])).toBe(1);
    expect(adjustedRandIndex([4], [2])).toBe(1);
  });

  it('all samples distinct in both labellings is a perfect match', () => {
    expect(adjustedRandIndex([0, 1, 2, 3], [3, 2, 1, 0])).toBe(1);
    expect(normalizedMutualInfo([0, 1, 2, 3], [3, 2, 1, 0])).toBeCloseTo(1, 15);
    expect(clusteringAccuracy([0, 1, 2, 3], [3, 2, 1, 0])).toBe(1);
  });

  it('more clusters than classes: extra clusters count as errors for ACC, not for purity', () => {
    // true [0,0,1,1], pred [0,1,2,3]: each class matches one singleton cluster ⇒ ACC = 2/4.
    // ARI: Σ C(n_ij,2) = 0, expected = Σ C(a_i,2)·Σ C(b_j,2)/C(4,2) = 2·0/6 = 0, max = 1 ⇒ 0.
    // NMI: the clusters determine the class, MI = H(true) = ln 2, H(pred) = ln 4 ⇒ ln 2 / (1.5 ln 2) = 2/3.
    expect(clusteringAccuracy([0, 0, 1, 1], [0, 1, 2, 3])).toBe(0.5);
    expect(purity([0, 0, 1, 1], [0, 1, 2, 3])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 2, 3])).toBe(0);
    expect(normalizedMutualInfo([0, 0, 1, 1], [0, 1, 2, 3])).toBeCloseTo(2 / 3, 15);
  });

  it('orders matched clusters by class and puts unmatched clusters last', () => {
    // classes 0,1 × clusters 0,1,2: class 0 → [0,0,2], class 1 → [1,2,0]; matching 0→2, 1→1; cluster 0 left over.
    const ordered = hungarianOrderedConfusion([0, 0, 1, 1, 1], [2, 2, 0, 1, 1]);
    expect(ordered).toEqual({
      classes: [0, 1],
      clusters: [2, 1, 0],
      counts: [
        [2, 0, 0],
        [0, 2, 1],
      ],
    });
    expect(clusteringAccuracy([0, 0, 1, 1, 1], [2, 2, 0, 1, 1])).toBe(0.8);
  });

  it('fewer clusters than classes leaves classes unmatched', () => {
    // classes 0,1,2 × clusters 0,1: [3,0], [1,2], [0,1] ⇒ 0→0, 1→1: ACC = 5/8; purity = (3 + 2)/8.
    const labelsTrue = [0, 0, 0, 1, 1, 1, 2, 2];
    const labelsPred = [0, 0, 0, 0, 1, 1, 1, 1];
    expect(clusteringAccuracy(labelsTrue, labelsPred)).toBe(5 / 8);
    expect(purity(labelsTrue, labelsPred)).toBe(5 / 8);
    expect(hungarianOrderedConfusion(labelsTrue, labelsPred).clusters).toEqual([0, 1]);
  });

  it('counts used clusters', () => {
    expect(usedClusters([4, 4, 1, 9, 1])).toBe(3);
    expect(usedClusters(new Int32Array([0, 0, 0]))).toBe(1);
    expect(usedClusters([])).toBe(0);
  });

  it('rejects labellings of different lengths, empty ones and non-finite labels with a RangeError', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(/same length, got 2 and 1/);
    expect(() => normalizedMutualInfo([], [])).toThrow(RangeError);
    expect(() => clusteringAccuracy([0, Number.NaN], [0, 1])).toThrow(/labelsTrue\[1\] must be a finite number/);
    expect(() => purity([0], [0, 1])).toThrow(RangeError);
    expect(() => confusionMatrix([0, 1], [0, Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});

describe('argmaxRows', () => {
  it('takes the largest entry per row, the first one on ties', () => {
    const probs = new Float32Array([0.1, 0.7, 0.2, 0.5, 0.5, 0, 0.2, 0.3, 0.5]);
    expect([...argmaxRows(probs, 3)]).toEqual([1, 0, 2]);
    expect([...argmaxRows(new Float32Array([0.3, 0.7]), 1)]).toEqual([0, 0]);
  });

  it('rejects a length that is not a multiple of nClusters', () => {
    expect(() => argmaxRows(new Float32Array(5), 2)).toThrow(/5 entries, not a multiple of nClusters=2/);
    expect(() => argmaxRows(new Float32Array(4), 0)).toThrow(RangeError);
  });
});
