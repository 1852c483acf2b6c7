/** The freshness rule of libs/contracts `freshness()`, in SQL, for filtering ($today is a date). */
export const FRESHNESS_SQL = (today: string) => `
  CASE WHEN b.expires_at IS NULL THEN 'fresh'
       WHEN b.expires_at <= ${today}::date THEN 'expired'
       WHEN b.expires_at - ${today}::date <= p.expiry_warning_days THEN 'caution'
       ELSE 'fresh' END`;

/**
 * The same rule for one state, as conditions on `b` (and `p` for the warning window) that an
 * index on the expiry date can serve: the lists' `expired` / `expiring` filters and the dashboard.
 */
export const FRESHNESS_CONDITION: Record<'expired' | 'caution', (today: string) => string> = {
  expired: (today) => `b.expires_at <= ${today}::date`,
  caution: (today) =>
    `b.expires_at > ${today}::date AND b.expires_at - ${today}::date <= p.expiry_warning_days`,
};
