import { randomBytes } from 'node:crypto';
import { type RunRecord, type Tracker, TrackingError } from '@gemlab/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A tracker on a real store, plus optional ways to look into that store. */
export interface TrackerConformanceFixture {
  readonly tracker: Tracker;
  /** The stored history of one metric (every point, in any order), to check steps and de-duplication. */
  metricHistory?(runId: string, key: string): Promise<readonly { readonly step: number; readonly value: number }[]>;
  /** An artifact's bytes as stored. */
  readArtifact?(runId: string, path: string): Promise<Uint8Array>;
  /** Releases what the fixture holds (the tracker is closed by the suite). */
  cleanup?(): Promise<void>;
}

const DATASET = { name: 'blobs', n: 300, features: 2, classes: 3, source: 'synthetic', digest: 'd41d8cd98f00b204' };

/**
 * The guarantees of the `Tracker` contract (core/src/contracts/tracker.ts), checked against a
 * real store. Every tracker, built-in or third-party, runs it in its own tests:
 * `describeTrackerConformance('local store', async () => ({ tracker: new LocalStoreTracker({ store: dir }) }))`.
 */
export function describeTrackerConformance(name: string, factory: () => Promise<TrackerConformanceFixture>): void {
  describe(`tracker conformance: ${name}`, () => {
    let fixture: TrackerConformanceFixture;
    let tracker: Tracker;
    const experiment = (label: string) => `conformance-${label}-${randomBytes(4).toString('hex')}`;
    const only = async (filter: Parameters<Tracker['searchRuns']>[0]): Promise<RunRecord> => {
      const runs = await tracker.searchRuns(filter);
      expect(runs).toHaveLength(1);
      return runs[0]!;
    };

    beforeAll(async () => {
      fixture = await factory();
      tracker = fixture.tracker;
    });
    afterAll(async () => {
      await tracker?.close();
      await fixture?.cleanup?.();
    });

    it('startRun creates the experiment and a RUNNING run that searchRuns sees at once', async () => {
      const exp = experiment('start');
      const before = Date.now();
      const run = await tracker.startRun({ experiment: exp, name: 'tv-ova-k4-r0', tags: { 'gemlab.trialId': 't1' } });
      const record = await only({ experiment: exp });
      expect(record.runId).toBe(run.runId);
      expect(record.name).toBe('tv-ova-k4-r0');
      expect(record.experiment).toBe(exp);
      expect(record.status).toBe('RUNNING');
      expect(record.endTime).toBeUndefined();
      expect(record.startTime).toBeGreaterThanOrEqual(before - 1000);
      expect(record.tags['gemlab.trialId']).toBe('t1');
      await run.end('FINISHED');
    });

    it('params are strings (numbers parse back), write-once, and the same value again is fine', async () => {
      const exp = experiment('params');
      const run = await tracker.startRun({ experiment: exp, name: 'p' });
      await run.logParams({ lr: 0.001, k: 5, tanh: true, name: 'mlp' });
      await run.logParams({ k: 5, lr: 0.001 });
      await expect(run.logParams({ k: 6 })).rejects.toThrow(TrackingError);
      await expect(run.logParams({ k: 6 })).rejects.toThrow(/'k'/);
      await run.flush();
      const record = await only({ experiment: exp });
      expect(record.params).toEqual({ lr: '0.001', k: '5', tanh: 'true', name: 'mlp' });
      expect(Number(record.params.lr)).toBe(0.001);
      await run.end('FINISHED');
    });

    it('metrics: the latest value is the one at the highest step, whatever the logging order', async () => {
      const exp = experiment('metrics');
      const run = await tracker.startRun({ experiment: exp, name: 'm' });
      await run.logMetrics({ loss: 3, gemini: 0.1 }, 0);
      await run.logMetrics({ loss: 1, gemini: 0.3 }, 2);
      await run.logMetrics({ loss: 2, gemini: 0.2 }, 1);
      await run.logMetrics({ final: 7 });
      await run.flush();
      expect((await only({ experiment: exp })).metrics).toEqual({ loss: 1, gemini: 0.3, final: 7 });
      if (fixture.metricHistory) {
        const history = await fixture.metricHistory(run.runId, 'loss');
        expect([...history].sort((a, b) => a.step - b.step)).toEqual([
          { step: 0, value: 3 },
          { step: 1, value: 2 },
          { step: 2, value: 1 },
        ]);
        expect(await fixture.metricHistory(run.runId, 'final')).toEqual([{ step: 0, value: 7 }]);
      }
      await run.end('FINISHED');
    });

    it('logging the same point twice stores one point', async () => {
      const exp = experiment('dedupe');
      const run = await tracker.startRun({ experiment: exp, name: 'd' });
      await run.logMetrics({ loss: 0.5 }, 3);
      await run.logMetrics({ loss: 0.5 }, 3);
      await run.flush();
      await run.logMetrics({ loss: 0.5 }, 3);
      await run.end('FINISHED');
      expect((await only({ experiment: exp })).metrics).toEqual({ loss: 0.5 });
      if (fixture.metricHistory) expect(await fixture.metricHistory(run.runId, 'loss')).toEqual([{ step: 3, value: 0.5 }]);
    });

    it('NaN and ±Infinity metric values survive the round trip', async () => {
      const exp = experiment('nonfinite');
      const run = await tracker.startRun({ experiment: exp, name: 'n' });
      await run.logMetrics({ nan: Number.NaN, inf: Number.POSITIVE_INFINITY, ninf: Number.NEGATIVE_INFINITY, ok: 1.5 }, 1);
      await run.end('FINISHED');
      const { metrics } = await only({ experiment: exp });
      expect(metrics.nan).toBeNaN();
      expect(metrics.inf).toBe(Number.POSITIVE_INFINITY);
      expect(metrics.ninf).toBe(Number.NEGATIVE_INFINITY);
      expect(metrics.ok).toBe(1.5);
    });

    it('tags can be overwritten', async () => {
      const exp = experiment('tags');
      const run = await tracker.startRun({ experiment: exp, name: 't', tags: { stage: 'start' } });
      await run.setTags({ stage: 'middle', other: 'x' });
      await run.setTags({ stage: 'end' });
      await run.flush();
      const { tags } = await only({ experiment: exp });
      expect(tags.stage).toBe('end');
      expect(tags.other).toBe('x');
      await run.end('FINISHED');
    });

    it('end sets status and end time; after end every call rejects', async () => {
      const exp = experiment('end');
      const finished = await tracker.startRun({ experiment: exp, name: 'ok' });
      const failed = await tracker.startRun({ experiment: exp, name: 'bad' });
      const killed = await tracker.startRun({ experiment: exp, name: 'killed' });
      await finished.logMetrics({ loss: 1 }, 0);
      await finished.end('FINISHED');
      await failed.end('FAILED');
      await killed.end('KILLED');
      const byName = new Map((await tracker.searchRuns({ experiment: exp })).map((r) => [r.name, r]));
      expect(byName.get('ok')?.status).toBe('FINISHED');
      expect(byName.get('bad')?.status).toBe('FAILED');
      expect(byName.get('killed')?.status).toBe('KILLED');
      const ok = byName.get('ok')!;
      expect(ok.endTime).toBeGreaterThanOrEqual(ok.startTime);
      expect(ok.metrics).toEqual({ loss: 1 });
      const calls: [string, () => Promise<void>][] = [
        ['logParams', () => finished.logParams({ a: 1 })],
        ['logMetrics', () => finished.logMetrics({ loss: 2 }, 1)],
        ['setTags', () => finished.setTags({ a: 'b' })],
        ['logDatasetInput', () => finished.logDatasetInput(DATASET)],
        ['logArtifact', () => finished.logArtifact('a.txt', 'x')],
        ['flush', () => finished.flush()],
        ['end', () => finished.end('FAILED')],
      ];
      for (const [label, call] of calls) await expect(call(), label).rejects.toThrow(TrackingError);
      const after = (await tracker.searchRuns({ experiment: exp })).find((r) => r.name === 'ok')!;
      expect(after.status).toBe('FINISHED');
      expect(after.metrics).toEqual({ loss: 1 });
    });

    it('searchRuns filters by parent run and by tags, exactly', async () => {
      const exp = experiment('search');
      const parent = await tracker.startRun({ experiment: exp, name: 'sweep', tags: { 'gemlab.role': 'sweep' } });
      const children = [];
      for (let k = 2; k <= 4; k++) {
        children.push(
          await tracker.startRun({
            experiment: exp,
            name: `k${k}`,
            parentRunId: parent.runId,
            tags: { 'gemlab.role': 'trial', k: String(k), quote: "it's" },
          }),
        );
      }
      const other = await tracker.startRun({ experiment: experiment('search-other'), name: 'elsewhere' });
      expect(await tracker.searchRuns({ experiment: exp })).toHaveLength(4);
      const kids = await tracker.searchRuns({ experiment: exp, parentRunId: parent.runId });
      expect(kids.map((r) => r.name).sort()).toEqual(['k2', 'k3', 'k4']);
      expect(kids.every((r) => r.parentRunId === parent.runId)).toBe(true);
      expect((await only({ experiment: exp, tags: { k: '3' } })).name).toBe('k3');
      expect((await only({ experiment: exp, tags: { 'gemlab.role': 'sweep' } })).runId).toBe(parent.runId);
      expect(await tracker.searchRuns({ experiment: exp, tags: { k: '3', 'gemlab.role': 'sweep' } })).toEqual([]);
      expect(await tracker.searchRuns({ experiment: exp, tags: { quote: "it's" } })).toHaveLength(3);
      expect(await tracker.searchRuns({ experiment: experiment('never-created') })).toEqual([]);
      for (const run of [...children, parent, other]) await run.end('FINISHED');
    });

    it('refuses bad keys, over-long values and bad artifact paths, naming the culprit', async () => {
      const run = await tracker.startRun({ experiment: experiment('refuse'), name: 'r' });
      await expect(run.logMetrics({ 'bad*key': 1 })).rejects.toThrow(/bad\*key/);
      await expect(run.logMetrics({ [`k${'x'.repeat(250)}`]: 1 })).rejects.toThrow(TrackingError);
      await expect(run.logMetrics({ '../up': 1 })).rejects.toThrow(TrackingError);
      await expect(run.logMetrics({ loss: 1 }, 1.5)).rejects.toThrow(TrackingError);
      await expect(run.logParams({ long: 'x'.repeat(6001) })).rejects.toThrow(/'long'/);
      await run.logParams({ fits: 'x'.repeat(6000) });
      await expect(run.setTags({ big: 'y'.repeat(8001) })).rejects.toThrow(/'big'/);
      for (const path of ['../escape.txt', '/abs.txt', 'a//b.txt', 'a/./b.txt', '']) {
        await expect(run.logArtifact(path, 'x'), path).rejects.toThrow(TrackingError);
      }
      await expect(run.logDatasetInput({ ...DATASET, digest: 'z'.repeat(37) })).rejects.toThrow(TrackingError);
      await run.end('FINISHED');
    });

    it('stores artifacts at nested paths, and the dataset input', async () => {
      const exp = experiment('artifacts');
      const run = await tracker.startRun({ experiment: exp, name: 'a' });
      await run.logDatasetInput(DATASET);
      await run.logArtifact('config.yaml', 'seed: 0\n');
      await run.logArtifact('figures/k/curve.svg', new Uint8Array([60, 115, 118, 103, 62]));
      await run.end('FINISHED');
      if (fixture.readArtifact) {
        expect(new TextDecoder().decode(await fixture.readArtifact(run.runId, 'config.yaml'))).toBe('seed: 0\n');
        expect([...(await fixture.readArtifact(run.runId, 'figures/k/curve.svg'))]).toEqual([60, 115, 118, 103, 62]);
      }
      expect((await only({ experiment: exp })).status).toBe('FINISHED');
    });

    it('resumeRun reopens a finished run: RUNNING again, params still write-once, more metrics, end again', async () => {
      const exp = experiment('resume');
      const first = await tracker.startRun({ experiment: exp, name: 'parent' });
      await first.logParams({ 'sweep.size': 4 });
      await first.logMetrics({ done: 1 }, 0);
      await first.end('FAILED');
      const again = await tracker.resumeRun(first.runId);
      expect(again.runId).toBe(first.runId);
      const running = await only({ experiment: exp });
      expect(running.status).toBe('RUNNING');
      expect(running.endTime).toBeUndefined();
      await expect(again.logParams({ 'sweep.size': 5 })).rejects.toThrow(TrackingError);
      await again.logParams({ 'sweep.size': 4 });
      await again.logMetrics({ done: 1 }, 0);
      await again.logMetrics({ done: 2 }, 1);
      await again.end('FINISHED');
      const record = await only({ experiment: exp });
      expect(record.status).toBe('FINISHED');
      expect(record.metrics).toEqual({ done: 2 });
      if (fixture.metricHistory) expect(await fixture.metricHistory(first.runId, 'done')).toHaveLength(2);
      await expect(tracker.resumeRun('0123456789abcdef0123456789abcdef')).rejects.toThrow(TrackingError);
    });

    it('deleteRun removes a run from searches', async () => {
      const exp = experiment('delete');
      const keep = await tracker.startRun({ experiment: exp, name: 'keep' });
      const drop = await tracker.startRun({ experiment: exp, name: 'drop' });
      await drop.end('KILLED');
      await tracker.deleteRun(drop.runId);
      expect((await tracker.searchRuns({ experiment: exp })).map((r) => r.name)).toEqual(['keep']);
      await keep.end('FINISHED');
    });
  });
}
