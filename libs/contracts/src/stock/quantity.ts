/**
 * Quantities are decimals with at most 3 places (kg, litres) and below 10^12, carried as strings
 * on the wire and stored as PostgreSQL `numeric`: never added as JavaScript floats.
 */
export const QUANTITY_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,3})?$/;
export const QUANTITY_MESSAGE =
  'must be a non-negative decimal with at most 3 decimals and below 10^12';

/** A decimal quantity string (possibly negative, as PostgreSQL prints numeric) in thousandths, exactly. */
export function toMilli(quantity: string): bigint {
  const negative = quantity.startsWith('-');
  const [integer, fraction = ''] = (negative ? quantity.slice(1) : quantity).split('.');
  const milli = BigInt(integer || '0') * 1000n + BigInt(fraction.slice(0, 3).padEnd(3, '0'));
  return negative ? -milli : milli;
}

/** Thousandths back to the shortest decimal string: 1250n → "1.25", 3000n → "3". */
export function fromMilli(milli: bigint): string {
  const negative = milli < 0n;
  const abs = negative ? -milli : milli;
  const integer = abs / 1000n;
  const fraction = (abs % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
}

/** Negative when a < b, 0 when equal, positive when a > b, compared exactly. */
export function compareQuantities(a: string, b: string): number {
  const difference = toMilli(a) - toMilli(b);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** "12.500" → "12.5", "3.000" → "3": a quantity as people write it. */
export function formatQuantity(quantity: string): string {
  return fromMilli(toMilli(quantity));
}
