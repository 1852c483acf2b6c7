/** The freshness rule of libs/contracts `freshness()`, in SQL, for filtering ($today is a date). */
export const FRESHNESS_SQL = (today: string) => `
  CASE WHEN b.expires_at IS NULL THEN 'fresh'
       WHEN b.expires_at <= ${today}::date THEN 'expired'
       WHEN b.expires_at - ${today}::date <= p.expiry_warning_days THEN 'caution'
       ELSE 'fresh' END`;

/**
 * The same rule for one state, as conditions on `b` (and `p` for the warning window) that an
 * index on the expiry date can serve: the lists' `expired` / `expiring` filters.
 */
export const FRESHNESS_CONDITION: Record<'expired' | 'caution', (today: string) => string> = {
  expired: (today) => `b.expires_at <= ${today}::date`,
  caution: (today) =>
    `b.expires_at > ${today}::date AND b.expires_at - ${today}::date <= p.expiry_warning_days`,
};

/**
 * The same rule on a stock level `s`, which carries its batch's expiry date and the first day
 * of its warning window (expiry − the product's warning days, kept by triggers): a range of
 * one partial index each, for the dashboard's cards and the alert digest.
 */
export const LEVEL_FRESHNESS_CONDITION: Record<'expired' | 'caution', (today: string) => string> = {
  expired: (today) => `s.expires_at <= ${today}::date`,
  caution: (today) => `s.warn_from <= ${today}::date AND s.expires_at > ${today}::date`,
};
