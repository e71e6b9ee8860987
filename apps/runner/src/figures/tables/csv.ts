/** A CSV cell: text as is, numbers in JavaScript's shortest round-trip form, missing as empty. */
export type CsvCell = string | number | undefined;

/** RFC 4180 CSV with a header row and '\n' line ends; a cell holding a comma, quote or line break is quoted. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(formatCell).join(',')).join('\n') + '\n';
}

function formatCell(cell: CsvCell): string {
  if (cell === undefined) return '';
  const text = String(cell);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
