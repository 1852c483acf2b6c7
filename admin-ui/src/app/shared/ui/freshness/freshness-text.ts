import { Freshness, FreshnessStatus } from '@stockmaster/contracts';

/** The word for each status, as filters and headings use it. */
export const FRESHNESS_LABELS: Record<FreshnessStatus, string> = {
  fresh: 'Fresh',
  caution: 'Use soon',
  expired: 'Expired',
};

/** A Material Symbols ligature per status: the status is never told by colour alone. */
export const FRESHNESS_ICONS: Record<FreshnessStatus, string> = {
  fresh: 'check_circle',
  caution: 'schedule',
  expired: 'block',
};

/** `1 day`, `3 days`. */
export function dayCount(days: number): string {
  return `${days} ${Math.abs(days) === 1 ? 'day' : 'days'}`;
}

/**
 * What a freshness chip says: "Fresh", "Use soon · 2 days left", "Expired". The days come from
 * the API's (or the shared rule's) `daysToExpiry`, never recomputed here.
 */
export function freshnessText(freshness: Freshness): string {
  const label = FRESHNESS_LABELS[freshness.status];
  if (freshness.status === 'caution' && freshness.daysToExpiry !== null) {
    return `${label} · ${dayCount(freshness.daysToExpiry)} left`;
  }
  return label;
}
