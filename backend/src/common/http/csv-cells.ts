import { Options, stringify, Stringifier } from 'csv-stringify';

/**
 * A cell a spreadsheet would run as a formula: it starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (OWASP's list), possibly behind quotes we added before. Quotes count so that
 * a value that itself starts with `'=` is escaped too and comes back unchanged on import.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** What {@link escapeCsvCell} wrote: one added quote in front of a formula start. */
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;
/**
 * A signed plain number (`-5`, `+2.500`) is a constant in every spreadsheet, never a formula: it
 * stays as is, so a negative quantity remains a number a spreadsheet can sum.
 */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** The OWASP rule against CSV formula injection: prefix such a cell with `'`. */
export function escapeCsvCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** Undoes {@link escapeCsvCell} exactly, so export → import gives back the stored text. */
export function unescapeCsvCell(value: string): string {
  return ESCAPED_FORMULA.test(value) ? value.slice(1) : value;
}

/** csv-stringify with every string cell escaped: the one way the API writes CSV. */
export function csvStringifier(options: Options): Stringifier {
  return stringify({ ...options, cast: { ...options.cast, string: escapeCsvCell } });
}
