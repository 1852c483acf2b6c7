export const FRESHNESS_STATUSES = ['fresh', 'caution', 'expired'] as const;
export type FreshnessStatus = (typeof FRESHNESS_STATUSES)[number];

export interface Freshness {
  status: FreshnessStatus;
  /** Days since the batch was received (null until it is). */
  daysOnShelf: number | null;
  /** Days left until the expiry date (negative once past; null when it does not expire). */
  daysToExpiry: number | null;
}

/** A calendar date `YYYY-MM-DD` as a day number, so that subtracting two gives whole days. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/** `date` plus `days`, as `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** Building an Intl formatter costs far more than using one: one per time zone. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar date in a time zone (the business's, not the server's). */
export function todayIn(timeZone: string, now = new Date()): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timeZone, format);
  }
  return format.format(now);
}

/**
 * The freshness rule, the one place it is written in TypeScript (the API's SQL
 * filter mirrors it): expired from the expiry date on; caution within `expiryWarningDays` before
 * it; fresh otherwise, and always when there is no expiry date.
 *
 * Example: shelf life 5 days from arrival, warning 3 → fresh on days 0–1, caution 2–4, expired from 5.
 */
export function freshness(
  batch: { receivedAt: string | null; expiresAt: string | null },
  expiryWarningDays: number,
  today: string,
): Freshness {
  const now = dayNumber(today);
  const daysOnShelf = batch.receivedAt ? now - dayNumber(batch.receivedAt) : null;
  if (!batch.expiresAt) return { status: 'fresh', daysOnShelf, daysToExpiry: null };
  const daysToExpiry = dayNumber(batch.expiresAt) - now;
  const status: FreshnessStatus =
    daysToExpiry <= 0 ? 'expired' : daysToExpiry <= expiryWarningDays ? 'caution' : 'fresh';
  return { status, daysOnShelf, daysToExpiry };
}

/** When a batch expires if no date is given: produced (or else received) date + shelf life. */
export function defaultExpiry(
  producedAt: string | null,
  receivedAt: string | null,
  shelfLifeDays: number | null,
): string | null {
  const start = producedAt ?? receivedAt;
  return start && shelfLifeDays !== null ? addDays(start, shelfLifeDays) : null;
}
