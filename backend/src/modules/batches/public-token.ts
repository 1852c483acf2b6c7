import { randomBytes } from 'node:crypto';

/** 144 random bits, URL-safe: a QR code cannot be guessed from another one. */
export function newPublicToken(): string {
  return randomBytes(18).toString('base64url');
}
