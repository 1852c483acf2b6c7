/**
 * Quantities are decimals with at most 3 places (kg, litres) and below 10^12, carried as strings
 * on the wire and stored as PostgreSQL `numeric`: never added as JavaScript floats.
 */
export const QUANTITY_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,3})?$/;
export const QUANTITY_MESSAGE =
  'must be a non-negative decimal with at most 3 decimals and below 10^12';
