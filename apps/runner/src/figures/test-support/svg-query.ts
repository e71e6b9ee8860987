/** The `<g>` groups of an SVG whose class attribute starts with `classPrefix` (e.g. 'mark-symbol role-mark'). */
export function svgGroups(svg: string, classPrefix: string): string[] {
  const groups: string[] = [];
  const opening = `<g class="${classPrefix}`;
  for (let start = svg.indexOf(opening); start >= 0; start = svg.indexOf(opening, start + 1)) {
    let depth = 0;
    const tag = /<(\/?)g\b[^>]*>/g;
    tag.lastIndex = start;
    for (let match = tag.exec(svg); match; match = tag.exec(svg)) {
      depth += match[1] ? -1 : 1;
      if (depth === 0) {
        groups.push(svg.slice(start, tag.lastIndex));
        break;
      }
    }
  }
  return groups;
}

/** The elements `<name …>` in a piece of SVG, as their opening tags. */
export function svgElements(svg: string, name: string): string[] {
  return svg.match(new RegExp(`<${name}\\b[^>]*>`, 'g')) ?? [];
}

/** The text content of every `<text>` element, in document order. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
}

/** An attribute of an opening tag. */
export function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** The vertices of an SVG path made of M/L commands (what vega writes for linear lines and areas). */
export function pathPoints(d: string): [number, number][] {
  return [...d.matchAll(/[ML]\s*(-?[\d.]+(?:e-?\d+)?)[ ,](-?[\d.]+(?:e-?\d+)?)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}
