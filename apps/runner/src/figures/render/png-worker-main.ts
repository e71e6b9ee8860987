import type { ResvgRenderOptions } from '@resvg/resvg-js';

/** A job for the PNG worker: an SVG and the resvg options to rasterise it with. */
export interface PngJob {
  readonly id: number;
  readonly svg: string;
  readonly options: ResvgRenderOptions;
}

/** The worker's answer: the PNG file, or the message of what failed. */
export type PngResult = { readonly id: number; readonly png: Uint8Array } | { readonly id: number; readonly error: string };

/**
 * The body of the PNG worker thread, started from its source text (see png-worker.ts), so it must not refer to
 * anything outside itself; `load` is the worker's CommonJS require. Per job:
 * - each plain `<text>` element is replaced by a `<path>` of its glyph outlines, which keeps its transform, fill
 *   and stroke. resvg shapes every text element anew (about 0.5 ms each, most of a chart's raster time), while
 *   axis labels and titles repeat from figure to figure, so outlines are made once per (text, font, anchor) by
 *   resvg itself (its usvg tree written back as SVG) and cached;
 * - resvg rasterises the SVG;
 * - the opaque RGBA pixels are written as a PNG with no row filter and zlib level 3: charts are mostly flat
 *   colour, where that is as small as resvg's own encoder at a third of its time.
 */
export function pngWorkerMain(load: (id: string) => unknown, resvgPath: string): void {
  const { parentPort } = load('node:worker_threads') as typeof import('node:worker_threads');
  const { crc32, deflateSync } = load('node:zlib') as typeof import('node:zlib');
  const { Resvg } = load(resvgPath) as typeof import('@resvg/resvg-js');
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    out.set(data, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const encode = (rgba: Uint8Array, width: number, height: number): Buffer => {
    const stride = width * 4;
    const scanlines = Buffer.alloc(height * (stride + 1)); // each row: filter byte 0 (none), then its pixels
    for (let y = 0; y < height; y++) scanlines.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, standard filters, no interlace
    return Buffer.concat([
      signature,
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(scanlines, { level: 3 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  };
  const outlines = new Map<string, string>();
  const maxOutlines = 4000;
  const outlined = new Set(['text-anchor', 'font-family', 'font-size', 'font-weight', 'font-style']);
  const kept = new Set([
    'transform',
    'fill',
    'fill-opacity',
    'opacity',
    'stroke',
    'stroke-width',
    'stroke-linejoin',
    'stroke-opacity',
    'aria-hidden',
  ]);
  const outline = (attributes: [string, string][], content: string, options: PngJob['options']): string => {
    const font = attributes.filter(([name]) => outlined.has(name));
    const key = JSON.stringify([content, font]);
    let d = outlines.get(key);
    if (d === undefined) {
      const fontAttributes = font.map(([name, value]) => ` ${name}="${value}"`).join('');
      const probe = `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><text${fontAttributes}>${content}</text></svg>`;
      const tree = new Resvg(probe, { ...options, fitTo: { mode: 'original' } }).toString();
      d = [...tree.matchAll(/<path\b[^>]*\sd="([^"]*)"/g)].map((match) => match[1]).join(' ');
      if (outlines.size >= maxOutlines) outlines.clear();
      outlines.set(key, d);
    }
    return d;
  };
  const textAsPaths = (svg: string, options: PngJob['options']): string =>
    svg.replace(/<text\b([^>]*)>([^<]*)<\/text>/g, (element: string, attributeText: string, content: string) => {
      const attributes = [...attributeText.matchAll(/\s([\w-]+)="([^"]*)"/g)].map((match): [string, string] => [
        match[1],
        match[2],
      ]);
      // anything else (x, dx, letter-spacing, …) is left to resvg's own text layout
      if (!attributes.every(([name]) => outlined.has(name) || kept.has(name))) return element;
      const d = outline(attributes, content, options);
      const style = attributes
        .filter(([name]) => kept.has(name))
        .map(([name, value]) => ` ${name}="${value}"`)
        .join('');
      return d === '' ? '' : `<path${style} d="${d}"/>`;
    });
  parentPort?.on('message', (job: PngJob) => {
    try {
      const image = new Resvg(textAsPaths(job.svg, job.options), job.options).render();
      // a copy in its own ArrayBuffer: a small Buffer may sit in Node's shared pool, which must not be transferred
      const bytes = new Uint8Array(encode(image.pixels, image.width, image.height));
      parentPort.postMessage({ id: job.id, png: bytes } satisfies PngResult, [bytes.buffer as ArrayBuffer]);
    } catch (error) {
      parentPort.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies PngResult);
    }
  });
}
