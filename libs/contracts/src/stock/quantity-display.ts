import { fromMilli, toMilli } from './quantity';

/**
 * Units written as words take a plural; symbols (kg, g, l, ml, m) never do. A unit not listed
 * here is shown as it is.
 */
const PLURAL_UNITS: Readonly<Record<string, string>> = {
  unit: 'units',
  box: 'boxes',
  pack: 'packs',
};

/**
 * A quantity for people to read, never for the wire or an input field: trailing zeros dropped,
 * thousands grouped, a true minus sign. "1000.000" → "1,000"; "1250.5" → "1,250.5";
 * "-2.5" → "−2.5". Exact: the digits are never turned into a float.
 */
export function displayQuantity(quantity: string): string {
  const milli = toMilli(quantity.trim());
  const plain = fromMilli(milli < 0n ? -milli : milli);
  const [integer, fraction] = plain.split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${milli < 0n ? '−' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/**
 * The unit as it reads after `quantity`: "1 unit", "8 units", "0.5 units", "12.5 kg". Text that
 * is not (yet) a number, as in a field being typed, reads as plural.
 */
export function unitFor(quantity: string, unit: string): string {
  const text = quantity.trim();
  const one = /^-?\d+(\.\d+)?$/.test(text) && [1000n, -1000n].includes(toMilli(text));
  return one ? unit : (PLURAL_UNITS[unit] ?? unit);
}

/** A quantity with its unit: "1,000 units", "1 unit", "12.5 kg". */
export function displayAmount(quantity: string, unit: string): string {
  return `${displayQuantity(quantity)} ${unitFor(quantity, unit)}`;
}
