/** A decimal number as written in a text file: optional sign, digits with an optional point, exponent. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NOT_A_NUMBER = /^[+-]?nan$/i;
const INFINITE = /^[+-]?(inf|infinity)$/i;

/** A cell's value, or why it is unusable as a feature value (finite numbers only). */
export type ParsedNumber = { readonly value: number } | { readonly problem: string };

export function parseNumber(cell: string): ParsedNumber {
  const text = cell.trim();
  if (DECIMAL.test(text)) return { value: Number(text) };
  if (text === '') return { problem: 'empty cell' };
  if (NOT_A_NUMBER.test(text)) return { problem: 'NaN is not allowed' };
  if (INFINITE.test(text)) return { problem: `'${text}' is not finite` };
  return { problem: `'${text}' is not a number` };
}

/** Where a cell is, for error messages: `file, row r, column c ('name')`, all 1-based. */
export function cellPlace(path: string, row: number, column: number, columnName?: string): string {
  return `${path}, row ${row}, column ${column}${columnName === undefined ? '' : ` ('${columnName}')`}`;
}

/** Whether a cell reads as a value (a number, a NaN or infinity spelling, or empty), as opposed to a name. */
export function looksNumeric(cell: string): boolean {
  const text = cell.trim();
  return text === '' || DECIMAL.test(text) || NOT_A_NUMBER.test(text) || INFINITE.test(text);
}
