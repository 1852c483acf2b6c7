import { PublicBatchReport } from '@stockmaster/contracts';

import { FRESHNESS_LABELS, dayCount } from '../../../shared/ui/freshness';

/** The banner's sentence under the status word, from the report's own day counts. */
export function statusSentence(report: PublicBatchReport, expiry: string | null): string {
  const days = report.daysToExpiry;
  switch (report.status) {
    case 'fresh':
      return days === null
        ? 'This product has no expiry date.'
        : `Good until ${expiry} (${dayCount(days)} left).`;
    case 'caution':
      return days === null
        ? 'Use it soon.'
        : `Use it soon: it expires on ${expiry} (${dayCount(days)} left).`;
    case 'expired':
      if (days === null) return 'It is past its expiry date. Do not eat or sell it.';
      if (days === 0) return `It expired today (${expiry}). Do not eat or sell it.`;
      return `It expired on ${expiry}, ${dayCount(-days)} ago. Do not eat or sell it.`;
  }
}

export function statusHeadline(report: PublicBatchReport): string {
  return FRESHNESS_LABELS[report.status];
}

export function daysOnShelfText(days: number | null): string {
  if (days === null) return 'Not received yet';
  return days === 0 ? 'Arrived today' : dayCount(days);
}

export function daysToExpiryText(days: number | null): string {
  if (days === null) return 'No expiry date';
  if (days > 0) return dayCount(days);
  if (days === 0) return 'Expired today';
  return `Expired ${dayCount(-days)} ago`;
}
