import type { DataSet, PluginContext, PluginSpec, TObject } from '@gemlab/core';
import { SeededRng } from '@gemlab/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultParams } from './load-dataset.js';

export interface DatasetConformanceOptions {
  /** Param sets to try, each defaulted by the plugin's schema; default `spec.testParams`, else `[{}]`. */
  readonly params?: readonly Record<string, unknown>[];
  /**
   * Whether the data depends on the seed (generators: different seeds must give different x)
   * or not (bundled sets and files: every seed must give the same data). Default true.
   */
  readonly seeded?: boolean;
  /** Directory relative paths resolve against; a function when it is created in a beforeAll. */
  readonly baseDir?: string | (() => string);
}

const SEED = 1234;
const OTHER_SEED = 98765;

/**
 * Checks a dataset plugin against the contract in `@gemlab/core` (contracts/dataset.ts): the
 * schema defaults its params, the data is a pure function of params and seed, shapes and meta
 * agree, labels are 0..classes-1, values are finite. A check named in `spec.expectedFailures`
 * runs as `it.fails` with its reason in the title.
 */
export function describeDatasetConformance(spec: PluginSpec<'dataset', TObject>, options: DatasetConformanceOptions = {}): void {
  const paramSets = options.params ?? spec.testParams ?? [{}];
  const seeded = options.seeded ?? true;
  for (const raw of paramSets) {
    describe(`dataset '${spec.name}' conformance with ${JSON.stringify(raw)}`, () => {
      let params: Record<string, unknown>;
      const loads = new Map<number, Promise<DataSet>>();
      const load = (seed: number, values = params): Promise<DataSet> => {
        const baseDir = typeof options.baseDir === 'function' ? options.baseDir() : (options.baseDir ?? process.cwd());
        const context: PluginContext = {
          rng: new SeededRng(seed),
          baseDir,
          create: () => {
            throw new Error(`dataset '${spec.name}' asked for a nested plugin; datasets take none`);
          },
        };
        return Promise.resolve(spec.create(values, context));
      };
      const loadOnce = (seed: number): Promise<DataSet> => {
        const cached = loads.get(seed);
        if (cached) return cached;
        const data = load(seed);
        loads.set(seed, data);
        return data;
      };
      const check = (name: string, body: () => Promise<void>): void => {
        const reason = spec.expectedFailures?.[name];
        if (reason) it.fails(`${name} (expected failure: ${reason})`, body);
        else it(name, body);
      };

      beforeAll(() => {
        params = defaultParams(spec, raw);
      });

      check('the schema accepts and defaults the params', async () => {
        expect(params).toMatchObject(raw);
      });

      check('the same seed gives identical data', async () => {
        const [first, second] = [await loadOnce(SEED), await load(SEED)];
        expect(firstDifference(second.x, first.x), 'first differing x index').toBe(-1);
        expect(firstDifference(second.y, first.y), 'first differing y index').toBe(-1);
        expect(second.sampleShape).toEqual(first.sampleShape);
        expect(second.meta).toEqual(first.meta);
      });

      if (seeded) {
        check('a different seed gives different samples', async () => {
          const [first, other] = [await loadOnce(SEED), await loadOnce(OTHER_SEED)];
          expect(other.x.length).toBe(first.x.length);
          expect(firstDifference(other.x, first.x), 'x is the same for seeds 1234 and 98765').not.toBe(-1);
        });
      } else {
        check('the data does not depend on the seed', async () => {
          const [first, other] = [await loadOnce(SEED), await loadOnce(OTHER_SEED)];
          expect(firstDifference(other.x, first.x), 'first x index that changed with the seed').toBe(-1);
          expect(firstDifference(other.y, first.y), 'first y index that changed with the seed').toBe(-1);
        });
      }

      check('params survive a JSON round trip', async () => {
        const again = await load(SEED, JSON.parse(JSON.stringify(params)) as Record<string, unknown>);
        expect(firstDifference(again.x, (await loadOnce(SEED)).x), 'first differing x index').toBe(-1);
      });

      check('x has n · features values and matches the sample shape', async () => {
        const data = await loadOnce(SEED);
        expect(data.x).toBeInstanceOf(Float32Array);
        expect(data.sampleShape.length).toBeGreaterThan(0);
        for (const size of data.sampleShape) expect(Number.isInteger(size) && size > 0).toBe(true);
        const features = data.sampleShape.reduce((product, size) => product * size, 1);
        expect(data.meta.features).toBe(features);
        expect(Number.isInteger(data.meta.n) && data.meta.n > 0).toBe(true);
        expect(data.x.length).toBe(data.meta.n * features);
      });

      check('labels are integers in 0..classes-1, one per sample', async () => {
        const data = await loadOnce(SEED);
        if (!data.y) {
          expect(data.meta.classes).toBeUndefined();
          return;
        }
        expect(data.y).toBeInstanceOf(Int32Array);
        expect(data.y.length).toBe(data.meta.n);
        const classes = data.meta.classes as number;
        expect(Number.isInteger(classes) && classes > 0).toBe(true);
        const outside = data.y.filter((label) => label < 0 || label >= classes);
        expect(outside.length, `labels outside 0..${classes - 1}`).toBe(0);
      });

      check('meta names the data set and its source', async () => {
        const { meta } = await loadOnce(SEED);
        expect(typeof meta.name === 'string' && meta.name.length > 0).toBe(true);
        expect(typeof meta.source === 'string' && meta.source.length > 0).toBe(true);
      });

      check('every value is finite', async () => {
        const data = await loadOnce(SEED);
        const bad = data.x.findIndex((value) => !Number.isFinite(value));
        expect(bad, `x[${bad}] = ${data.x[bad]}`).toBe(-1);
      });
    });
  }
}

/** The first index where two arrays differ (bitwise, so NaN equals NaN), or -1 when equal; a length mismatch counts as 0. */
function firstDifference(a: Float32Array | Int32Array | undefined, b: Float32Array | Int32Array | undefined): number {
  if (a === undefined || b === undefined) return a === b ? -1 : 0;
  if (a.length !== b.length || a.constructor !== b.constructor) return 0;
  const left = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const right = new Uint32Array(b.buffer, b.byteOffset, b.length);
  return left.findIndex((word, i) => word !== right[i]);
}
