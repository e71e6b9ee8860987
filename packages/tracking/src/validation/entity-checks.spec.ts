import { TrackingError } from '@gemlab/core';
import { describe, expect, it } from 'vitest';
import { checkArtifactPath, checkDataset, checkKey, checkParam, checkTag } from './entity-checks.js';
import { decodeMetricValue, encodeMetricValue } from './metric-value.js';

describe('entity checks (MLflow rules, applied client-side)', () => {
  it('accepts keys made of letters, digits, _ - . space / and nested names', () => {
    for (const key of ['loss', 'train/loss', 'final.ari', 'k-means 2', 'a_b/c-d.e f', 'x'.repeat(250)]) {
      expect(() => checkKey('metric', key)).not.toThrow();
    }
  });

  it('refuses other characters, keys over 250 chars and keys that normalise to another path', () => {
    for (const key of ['a*b', 'é', 'a:b', 'x'.repeat(251), '', '/abs', 'a//b', 'a/', '../x', 'a/./b', '.']) {
      expect(() => checkKey('metric', key), key).toThrow(TrackingError);
    }
  });

  it('stringifies params as Number() can read them back and refuses (never truncates) values over 6000 chars', () => {
    expect(checkParam('lr', 0.001)).toBe('0.001');
    expect(checkParam('k', 5)).toBe('5');
    expect(checkParam('flag', false)).toBe('false');
    expect(checkParam('v', 'x'.repeat(6000))).toHaveLength(6000);
    expect(() => checkParam('layers', 'x'.repeat(6001))).toThrow(/param 'layers' is 6001 characters long \(at most 6000\)/);
  });

  it('refuses tag values over 8000 chars, naming the tag', () => {
    expect(() => checkTag('note', 'y'.repeat(8000))).not.toThrow();
    expect(() => checkTag('note', 'y'.repeat(8001))).toThrow(/tag 'note' is 8001 characters long/);
  });

  it('limits dataset digests to 36 characters', () => {
    expect(() => checkDataset('blobs', 'a'.repeat(36))).not.toThrow();
    expect(() => checkDataset('blobs', 'a'.repeat(37))).toThrow(/dataset 'blobs': digest/);
  });

  it('allows relative nested artifact paths only', () => {
    expect(() => checkArtifactPath('figures/k_curve.svg')).not.toThrow();
    for (const path of ['', '/etc/passwd', '../x', 'a/../../x', 'a\\b', 'a//b', 'dir/']) {
      expect(() => checkArtifactPath(path), path).toThrow(TrackingError);
    }
  });

  it('encodes non-finite metric values as MLflow strings, since JSON.stringify(NaN) is null', () => {
    expect(JSON.stringify([NaN, Infinity, -Infinity, 2].map(encodeMetricValue))).toBe('["NaN","Infinity","-Infinity",2]');
    expect(decodeMetricValue('NaN')).toBeNaN();
    expect(decodeMetricValue('Infinity')).toBe(Number.POSITIVE_INFINITY);
    expect(decodeMetricValue('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
    expect(decodeMetricValue(0.25)).toBe(0.25);
  });
});
