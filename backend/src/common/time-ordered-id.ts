import { randomFillSync } from 'node:crypto';

// Random bytes drawn 4 KB at a time, as node's randomUUID() does: one call to the generator per
// 256 ids rather than one per id.
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomBytes(count: number): Buffer {
  if (used + count > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += count;
  return pool.subarray(used - count, used);
}

/**
 * A UUID version 7 (RFC 9562): the Unix time in milliseconds, then random bits. Ids made one
 * after another sort one after another, so a B-tree index on them (an operation's, its lines')
 * takes each new id on the page that took the last one. Random (version 4) ids land on a random
 * page each: once the indexes outgrow PostgreSQL's buffer cache, every posting dirties pages all
 * over them, and after each checkpoint writes each of them whole into the WAL again.
 */
export function timeOrderedId(now: number = Date.now()): string {
  const bytes = Buffer.from(randomBytes(16));
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (bytes[6] & 0x0f); // version 7
  bytes[8] = 0x80 | (bytes[8] & 0x3f); // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
