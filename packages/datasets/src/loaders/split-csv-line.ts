/**
 * The cells of one CSV line. A cell may be wrapped in double quotes (then it may hold the
 * delimiter, and "" stands for one quote); quoted cells do not span lines.
 */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < line.length) {
    const char = line[i] as string;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else cell += char;
      i += 1;
    } else if (char === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
      i += 1;
    } else if (line.startsWith(delimiter, i)) {
      cells.push(cell);
      cell = '';
      i += delimiter.length;
    } else {
      cell += char;
      i += 1;
    }
  }
  cells.push(cell);
  return cells;
}
