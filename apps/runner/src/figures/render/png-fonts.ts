import { execFileSync } from 'node:child_process';
import type { ResvgRenderOptions } from '@resvg/resvg-js';

type FontOptions = NonNullable<ResvgRenderOptions['font']>;
let cached: FontOptions | undefined;

/**
 * The fonts resvg loads for every PNG. Loading all system fonts costs more per render than drawing a chart's text,
 * so fontconfig is asked once for the system's sans-serif face (regular and bold) and only those are loaded; the
 * SVG's font list ends in sans-serif, which then maps to that face. Without fontconfig, every system font is loaded.
 */
export function pngFonts(): FontOptions {
  cached ??= askFontconfig() ?? { loadSystemFonts: true };
  return cached;
}

function askFontconfig(): FontOptions | undefined {
  try {
    const match = (pattern: string) =>
      execFileSync('fc-match', ['--format=%{file}\t%{family[0]}', pattern], { encoding: 'utf8', timeout: 10_000 });
    const [regular, family] = match('sans-serif').split('\t');
    const [bold] = match('sans-serif:bold').split('\t');
    if (!regular || !family) return undefined;
    return {
      loadSystemFonts: false,
      fontFiles: [...new Set([regular, bold].filter(Boolean))],
      defaultFontFamily: family,
      sansSerifFamily: family,
    };
  } catch {
    return undefined;
  }
}
