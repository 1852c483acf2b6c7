import { randomBytes } from 'node:crypto';

/** A token's random bytes: 144 bits, 24 characters in base64url. */
const TOKEN_BYTES = 18;

/** 144 random bits, URL-safe: a QR code cannot be guessed from another one. */
export function newPublicToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * `count` tokens as `newPublicToken` makes them, from one draw of the random source (a receipt
 * creating 5,000 batches: one call instead of 5,000).
 */
export function newPublicTokens(count: number): string[] {
  const bytes = randomBytes(TOKEN_BYTES * count);
  return Array.from({ length: count }, (_, i) =>
    bytes.subarray(i * TOKEN_BYTES, (i + 1) * TOKEN_BYTES).toString('base64url'),
  );
}
