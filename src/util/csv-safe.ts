/** A number as a spreadsheet reads it: never a formula, so never neutralised. */
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** What a spreadsheet takes for the start of a formula (OWASP's list), after any quotes already added. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * A CSV cell that a spreadsheet shows as text instead of running it: a cell beginning with `=`,
 * `+`, `-`, `@`, a tab or a carriage return (`=HYPERLINK(…)`, `+cmd|…`) gets a single quote in
 * front, as OWASP recommends against CSV injection. Numbers (`-0.5`) are left alone; a cell that
 * already begins with quotes before such a character gets one more, so that
 * {@link restoreFormulaCell} gives back exactly the original.
 *
 * @example
 * neutralizeFormulaCell('=HYPERLINK("http://x")') // '\'=HYPERLINK("http://x")'
 * neutralizeFormulaCell('-0.5') // '-0.5'
 */
export function neutralizeFormulaCell(cell: string): string {
  return FORMULA_START.test(cell) && !NUMERIC.test(cell) ? `'${cell}` : cell;
}

/**
 * Undoes {@link neutralizeFormulaCell} for a sheet read back (a coded sample): one leading quote
 * before a formula character is removed.
 *
 * @example
 * restoreFormulaCell("'=1+1") // '=1+1'
 * restoreFormulaCell("'так называемые'") // "'так называемые'"
 */
export function restoreFormulaCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) && !NUMERIC.test(cell.slice(1)) ? cell.slice(1) : cell;
}

let guarding = false;

/**
 * Turns the neutralising of formula cells on or off for every CSV this process writes
 * (`--safe-csv`; always on for `sample --excel`). Returns the previous setting.
 *
 * @example
 * guardCsvFormulas(true) // false (it was off)
 */
export function guardCsvFormulas(on: boolean): boolean {
  const was = guarding;
  guarding = on;
  return was;
}

/** Whether formula cells are being neutralised (see {@link guardCsvFormulas}). */
export function guardingCsvFormulas(): boolean {
  return guarding;
}
