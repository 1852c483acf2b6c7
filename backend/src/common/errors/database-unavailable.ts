/** Seconds a client is told to wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs that mean "the server cannot be reached or is going away", not "the query is wrong":
 * connection exceptions (class 08), operator intervention (57P01–57P03: shutdown, crash, start-up)
 * and too many connections.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** Socket errors of the driver when the server's port is closed, unreachable or resets. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);

/**
 * What node-postgres says when a connection dies or cannot be had in time. These errors carry no
 * code, only their message, which is the driver's own text (not the server's).
 */
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated due to connection timeout|Client was closed and is not queryable)/;

interface MaybeDriverError {
  code?: unknown;
  message?: unknown;
  driverError?: MaybeDriverError;
  errors?: unknown;
}

/**
 * Whether an error means that PostgreSQL could not be reached (down, restarting, refusing this
 * database, out of connections) rather than that a request was wrong. Those answer 503 with
 * `Retry-After`, never 401 or 500: the client's session is still good once the database is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length) {
    const current = pending.pop() as MaybeDriverError | null | undefined;
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const code = typeof current.code === 'string' ? current.code : undefined;
    const message = typeof current.message === 'string' ? current.message : '';
    if (code && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)))
      return true;
    // ALTER DATABASE … ALLOW_CONNECTIONS false (maintenance): 55000 at connection time only.
    if (code === '55000' && /not currently accepting connections/.test(message)) return true;
    if (UNAVAILABLE_MESSAGES.test(message)) return true;
    pending.push(current.driverError);
    // Node's AggregateError: connecting to localhost tries ::1 and 127.0.0.1.
    if (Array.isArray(current.errors)) pending.push(...(current.errors as unknown[]));
    pending.push((current as { cause?: unknown }).cause);
  }
  return false;
}
