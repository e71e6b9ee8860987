import { pngFonts } from './png-fonts.js';
import { renderPngInWorker } from './png-worker.js';

/** The PNG's pixels per SVG pixel. */
export const pngScale = 2;

/**
 * Rasterises an SVG with resvg on a worker thread, on a white background (so every pixel is opaque). Text needs
 * a system font: resvg turns glyphs into paths itself, and a machine without any font gets a PNG without text.
 */
export function renderPng(svg: string, scale = pngScale): Promise<Uint8Array> {
  return renderPngInWorker(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: pngFonts(),
    logLevel: 'off',
  });
}
