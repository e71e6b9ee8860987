import { inflateSync } from 'node:zlib';

/** The IHDR fields of a PNG file, read from its bytes. */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
}

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Reads the chunks of a PNG file; throws unless it starts with the PNG signature and IHDR. */
export function pngChunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  if (!signature.every((byte, i) => png[i] === byte)) throw new Error('not a PNG: bad signature');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: { type: string; data: Uint8Array }[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    chunks.push({ type, data: png.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  if (chunks[0]?.type !== 'IHDR') throw new Error('not a PNG: first chunk is not IHDR');
  return chunks;
}

export function pngHeader(png: Uint8Array): PngHeader {
  const ihdr = pngChunks(png)[0].data;
  const view = new DataView(ihdr.buffer, ihdr.byteOffset, ihdr.byteLength);
  return { width: view.getUint32(0), height: view.getUint32(4), bitDepth: ihdr[8], colorType: ihdr[9] };
}

/** Decodes an 8-bit RGBA PNG whose rows all use filter 0 (what the figures' encoder writes) to its pixels. */
export function pngPixels(png: Uint8Array): { header: PngHeader; rgba: Uint8Array } {
  const header = pngHeader(png);
  if (header.bitDepth !== 8 || header.colorType !== 6)
    throw new Error(`expected 8-bit RGBA, got ${header.bitDepth}-bit type ${header.colorType}`);
  const idat = Buffer.concat(
    pngChunks(png)
      .filter((chunk) => chunk.type === 'IDAT')
      .map((chunk) => chunk.data),
  );
  const raw = inflateSync(idat);
  const stride = header.width * 4;
  if (raw.length !== header.height * (stride + 1))
    throw new Error(`IDAT holds ${raw.length} bytes, expected ${header.height * (stride + 1)}`);
  const rgba = new Uint8Array(header.height * stride);
  for (let y = 0; y < header.height; y++) {
    if (raw[y * (stride + 1)] !== 0) throw new Error(`row ${y} uses filter ${raw[y * (stride + 1)]}`);
    rgba.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { header, rgba };
}

/** The size an SVG declares on its root element. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg[^>]*>/.exec(svg)?.[0] ?? '';
  const attribute = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(root)?.[1]);
  return { width: attribute('width'), height: attribute('height') };
}
