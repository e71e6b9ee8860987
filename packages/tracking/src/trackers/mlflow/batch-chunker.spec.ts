import { describe, expect, it } from 'vitest';
import { chunkBatch } from './batch-chunker.js';
import type { MlflowMetric } from './rest-types.js';

const metric = (i: number): MlflowMetric => ({
  key: `m${i % 10}`,
  value: i,
  timestamp: 1_700_000_000_000,
  step: Math.floor(i / 10),
});

describe('chunkBatch', () => {
  it('splits 2500 metrics into 1000 + 1000 + 500, in order', () => {
    const metrics = Array.from({ length: 2500 }, (_, i) => metric(i));
    const requests = chunkBatch('run', { metrics });
    expect(requests.map((r) => r.metrics?.length)).toEqual([1000, 1000, 500]);
    expect(requests.flatMap((r) => r.metrics ?? [])).toEqual(metrics);
    expect(requests.every((r) => r.run_id === 'run')).toBe(true);
  });

  it('keeps at most 100 params and 100 tags, and 1000 entities in all, per request', () => {
    const params = Array.from({ length: 250 }, (_, i) => ({ key: `p${i}`, value: String(i) }));
    const tags = Array.from({ length: 150 }, (_, i) => ({ key: `t${i}`, value: 'v' }));
    const metrics = Array.from({ length: 1900 }, (_, i) => metric(i));
    const requests = chunkBatch('run', { params, tags, metrics });
    for (const r of requests) {
      expect(r.params?.length ?? 0).toBeLessThanOrEqual(100);
      expect(r.tags?.length ?? 0).toBeLessThanOrEqual(100);
      expect((r.params?.length ?? 0) + (r.tags?.length ?? 0) + (r.metrics?.length ?? 0)).toBeLessThanOrEqual(1000);
    }
    expect(requests.flatMap((r) => r.params ?? [])).toEqual(params);
    expect(requests.flatMap((r) => r.tags ?? [])).toEqual(tags);
    expect(requests.flatMap((r) => r.metrics ?? [])).toEqual(metrics);
    expect(requests[0]!.params).toHaveLength(100);
  });

  it('keeps every request under 1 MB of JSON', () => {
    // 100 params of 6000 chars each (600 kB) + 100 tags of 8000 chars (800 kB) cannot share a request.
    const params = Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: 'x'.repeat(6000) }));
    const tags = Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value: 'y'.repeat(8000) }));
    const requests = chunkBatch('run', { params, tags });
    expect(requests.length).toBeGreaterThanOrEqual(2);
    for (const r of requests) expect(Buffer.byteLength(JSON.stringify(r))).toBeLessThanOrEqual(1_000_000);
    expect(requests.flatMap((r) => r.tags ?? [])).toHaveLength(100);
  });

  it('sends nothing for an empty batch', () => {
    expect(chunkBatch('run', {})).toEqual([]);
  });
});
