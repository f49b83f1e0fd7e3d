/**
 * The one CSV writer of the hub: every CSV file it hands out (reports, exports) is written here.
 *
 * RFC 4180 (CRLF line ends, a cell quoted when it holds a quote, comma or line break), and formula
 * neutralisation (CSV injection): a spreadsheet opening the file runs a cell that begins with =, +, -
 * or @ (or their full-width forms, which some spreadsheets fold to the ASCII ones), or with a tab or
 * carriage return, as a formula. Such a text cell, also when only blanks precede the dangerous
 * character, is written with a single quote in front and quoted, so it opens as the text that was
 * stored. Numbers the hub writes itself (a JavaScript number, e.g. a negative difference) stay numbers.
 */
export type CsvCell = string | number | boolean | null | undefined;

/** The characters that make a spreadsheet read a cell as a formula (ASCII and full-width forms). */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;

/** True when a text cell would be read by a spreadsheet as a formula. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** One cell as CSV text: null and undefined are empty; text that looks like a formula is neutralised. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  const text = String(value);
  if (isFormulaLike(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as a CSV file: CRLF after every row, the header being the first row. */
export function csvOf(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
