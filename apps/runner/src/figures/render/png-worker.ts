import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { type PngJob, type PngResult, pngWorkerMain } from './png-worker-main.js';

/**
 * A worker thread that turns SVGs into PNG files, so rasterising and encoding (two thirds of a figure's cost) run
 * beside the thread that lays out the next figure. It is started from the source text of `pngWorkerMain`, which
 * works the same from TypeScript sources (tests, tsx) and from the built JavaScript, and is started on first use.
 * It holds the process open only while jobs are pending; if it dies, pending jobs fail and the next job starts a
 * new one.
 */
class PngWorker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (png: Uint8Array) => void; reject: (error: Error) => void }>();

  /** Jobs sent and not yet answered. */
  get load(): number {
    return this.pending.size;
  }

  render(svg: string, options: ResvgRenderOptions): Promise<Uint8Array> {
    const worker = this.started();
    const id = this.nextId++;
    const result = new Promise<Uint8Array>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    if (this.pending.size === 1) worker.ref();
    worker.postMessage({ id, svg, options } satisfies PngJob);
    return result;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const resvgPath = createRequire(import.meta.url).resolve('@resvg/resvg-js');
    // `__name` is the helper that esbuild's keepNames (tsx, vitest) inserts into transpiled functions
    const source = `var __name = (f) => f;\n(${pngWorkerMain.toString()})(require, ${JSON.stringify(resvgPath)});`;
    const worker = new Worker(source, { eval: true });
    worker.unref();
    worker.on('message', (result: PngResult) => this.settle(result));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`PNG worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private settle(result: PngResult): void {
    const job = this.pending.get(result.id);
    if (!job) return;
    this.pending.delete(result.id);
    if (this.pending.size === 0) this.worker?.unref();
    if ('png' in result) job.resolve(result.png);
    else job.reject(new Error(`PNG rendering failed: ${result.error}`));
  }

  /** The jobs of a dead worker fail; a late event from a worker already replaced changes nothing. */
  private fail(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}

/**
 * Two workers where there are two cores: rasterising takes about twice the time of laying a figure out, so with
 * one worker the PNGs are the bottleneck; more than two only add memory on the 2-core machines this runs on.
 * `GEMLAB_PNG_THREADS` sets it: a sweep's worker processes get their share of the cores (see local-pool.ts),
 * since two processes with two PNG threads each would take four threads to two cores.
 */
export const PNG_THREADS_ENV = 'GEMLAB_PNG_THREADS';
const poolSize = Math.max(1, Number(process.env[PNG_THREADS_ENV]) || Math.min(2, availableParallelism()));
let pool: PngWorker[] | undefined;

/** Rasterises an SVG to a PNG file on the least busy worker thread. */
export function renderPngInWorker(svg: string, options: ResvgRenderOptions): Promise<Uint8Array> {
  pool ??= Array.from({ length: poolSize }, () => new PngWorker());
  const idlest = pool.reduce((best, worker) => (worker.load < best.load ? worker : best));
  return idlest.render(svg, options);
}
