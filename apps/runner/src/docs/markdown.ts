/** A Markdown table; cells are escaped so that `|` and line breaks cannot break a row. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Inline code that survives backticks inside the text. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * A value the way a YAML config writes it in flow style: `[20, 20]`, `{ name: linear }`, `ova`.
 * Strings are quoted only where YAML would read them as something else.
 */
export function flowValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowValue).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, inner]) => `${key}: ${flowValue(inner)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  if (typeof value === 'string') return plainYamlString(value) ? value : JSON.stringify(value);
  return String(value);
}

function plainYamlString(text: string): boolean {
  if (text === '' || /^(true|false|null|~|yes|no|on|off)$/i.test(text)) return false;
  if (!Number.isNaN(Number(text))) return false;
  return /^[A-Za-z_./][\w./-]*$/.test(text);
}
