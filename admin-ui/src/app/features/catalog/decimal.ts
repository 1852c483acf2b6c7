/** A non-negative quantity with up to 3 decimals, as the API takes it ("12", "12.5", "0.125"). */
export const QUANTITY_PATTERN = /^\d{1,12}(\.\d{1,3})?$/;

/**
 * Compares two non-negative decimal strings exactly (quantities are never JavaScript floats):
 * negative when a < b, 0 when equal, positive when a > b.
 */
export function compareDecimals(a: string, b: string): number {
  const [aInt, aFrac] = normalize(a);
  const [bInt, bFrac] = normalize(b);
  if (aInt.length !== bInt.length) return aInt.length - bInt.length;
  if (aInt !== bInt) return aInt < bInt ? -1 : 1;
  if (aFrac !== bFrac) return aFrac < bFrac ? -1 : 1;
  return 0;
}

function normalize(value: string): [string, string] {
  const [int = '', frac = ''] = value.trim().split('.');
  return [int.replace(/^0+(?=\d)/, '') || '0', frac.padEnd(3, '0')];
}

/** "12.500" → "12.5", "3.000" → "3": quantities as people write them. */
export function formatQuantity(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}
