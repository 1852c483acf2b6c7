import { Params } from '@angular/router';
import {
  AttentionBatch,
  AttentionDraft,
  AttentionLowStock,
  Dashboard,
  DashboardAttention,
  ExpiryBucket,
  ExpiryBucketRow,
  MovesPerDay,
  OPERATION_TYPES,
  OperationType,
  Permission,
  displayAmount,
  displayQuantity,
} from '@stockmaster/contracts';

import { dayCount } from '../../shared/ui/freshness';
import { TYPE_ICONS } from '../../shared/util/operation-labels';

/** A list page opened with the filter that shows exactly a card's rows. */
export interface ListLink {
  route: string;
  queryParams: Params;
}

export interface CardItem {
  text: string;
  detail: string;
  /** The row's own page, when the user may open it. */
  route: string | null;
}

export type CardTone = 'error' | 'warning' | 'info';

export interface AttentionView {
  key: keyof DashboardAttention;
  title: string;
  icon: string;
  tone: CardTone;
  count: number;
  items: CardItem[];
  /** The filtered list, or null when the user may not open it (or there is no such list yet). */
  link: ListLink | null;
  /** What the card says when there is nothing to do. */
  none: string;
}

type Can = (permission: Permission) => boolean;

/** Only set filters reach the URL, so that "all my warehouses" leaves the list unfiltered. */
function withWarehouse(params: Params, warehouseId: string): Params {
  return warehouseId ? { ...params, warehouseId } : params;
}

/**
 * Where each card leads. Every link is the list endpoint's own filter for the same facts the
 * dashboard counts, so the list shows exactly the card's rows.
 */
export function attentionLinks(warehouseId: string): Record<string, ListLink> {
  return {
    expiredBatches: {
      route: '/batches',
      queryParams: withWarehouse({ expired: 'true' }, warehouseId),
    },
    expiringBatches: {
      route: '/batches',
      queryParams: withWarehouse({ expiring: 'true' }, warehouseId),
    },
    belowMinimum: {
      route: '/stock',
      queryParams: withWarehouse({ view: 'summary', belowMinimum: 'true' }, warehouseId),
    },
    draftOperations: {
      route: '/operations',
      queryParams: withWarehouse({ status: 'draft' }, warehouseId),
    },
    quarantinedBatches: {
      route: '/batches',
      queryParams: withWarehouse({ blocked: 'true' }, warehouseId),
    },
  };
}

const LINK_PERMISSIONS: Record<string, Permission> = {
  expiredBatches: Permission.BatchesRead,
  expiringBatches: Permission.BatchesRead,
  belowMinimum: Permission.StockRead,
  draftOperations: Permission.StockRead,
  quarantinedBatches: Permission.BatchesRead,
};

function batchItem(row: AttentionBatch, can: Can): CardItem {
  const days = row.daysToExpiry;
  const when =
    days === null
      ? 'no expiry date'
      : days < 0
        ? `expired ${dayCount(-days)} ago`
        : days === 0
          ? 'expires today'
          : `${dayCount(days)} left`;
  return {
    text: `${row.product.name} · ${row.batch.code}`,
    detail: `${displayAmount(row.onHand, row.product.unit)} in ${row.warehouse.code}, ${when}`,
    route: can(Permission.BatchesRead) ? `/batches/${row.batch.id}` : null,
  };
}

function lowStockItem(row: AttentionLowStock, can: Can): CardItem {
  return {
    text: `${row.product.name} (${row.product.sku})`,
    detail: `${displayAmount(row.onHand, row.product.unit)} in ${row.warehouse.code}, minimum ${displayQuantity(row.minQuantity)}`,
    route: can(Permission.CatalogRead) ? `/products/${row.product.id}` : null,
  };
}

function draftItem(row: AttentionDraft, can: Can): CardItem {
  const lines = `${row.lineCount} ${row.lineCount === 1 ? 'line' : 'lines'}`;
  return {
    text: row.reference,
    detail: `${TYPE_NOUNS[row.type]}, ${lines}, created ${new Date(row.createdAt).toLocaleDateString()}`,
    route: can(Permission.StockRead) ? `/operations/${row.id}` : null,
  };
}

const TYPE_NOUNS: Record<OperationType, string> = {
  receipt: 'Receipt',
  delivery: 'Delivery',
  transfer: 'Transfer',
  adjustment: 'Adjustment',
  scrap: 'Scrap',
};

/**
 * The attention cards, most urgent first; the blocked card (quarantined or recalled batches
 * still on hand) only once something is held back.
 */
export function attentionCards(
  dashboard: Dashboard,
  warehouseId: string,
  can: Can,
): AttentionView[] {
  const { attention } = dashboard;
  const links = attentionLinks(warehouseId);
  const link = (key: string) => (can(LINK_PERMISSIONS[key]) ? links[key] : null);
  const cards: AttentionView[] = [
    {
      key: 'expiredBatches',
      title: 'Expired, still on hand',
      icon: 'block',
      tone: 'error',
      count: attention.expiredBatches.count,
      items: attention.expiredBatches.items.map((row) => batchItem(row, can)),
      link: link('expiredBatches'),
      none: 'No expired stock.',
    },
    {
      key: 'expiringBatches',
      title: 'Use soon',
      icon: 'schedule',
      tone: 'warning',
      count: attention.expiringBatches.count,
      items: attention.expiringBatches.items.map((row) => batchItem(row, can)),
      link: link('expiringBatches'),
      none: 'Nothing enters its warning window.',
    },
    {
      key: 'belowMinimum',
      title: 'Below minimum',
      icon: 'trending_down',
      tone: 'warning',
      count: attention.belowMinimum.count,
      items: attention.belowMinimum.items.map((row) => lowStockItem(row, can)),
      link: link('belowMinimum'),
      none: 'No product is below its minimum.',
    },
    {
      key: 'draftOperations',
      title: 'Drafts to validate',
      icon: 'edit_note',
      tone: 'info',
      count: attention.draftOperations.count,
      items: attention.draftOperations.items.map((row) => draftItem(row, can)),
      link: link('draftOperations'),
      none: 'No draft waits.',
    },
  ];
  if (attention.quarantinedBatches.count > 0) {
    cards.push({
      key: 'quarantinedBatches',
      title: 'Blocked batches',
      icon: 'gpp_maybe',
      tone: 'warning',
      count: attention.quarantinedBatches.count,
      items: attention.quarantinedBatches.items.map((row) => batchItem(row, can)),
      link: link('quarantinedBatches'),
      none: '',
    });
  }
  return cards;
}

export interface TodayRow {
  type: OperationType;
  label: string;
  icon: string;
  operations: number;
  lines: number;
  link: ListLink;
}

const TODAY_LABELS: Record<OperationType, string> = {
  receipt: 'Receipts',
  delivery: 'Deliveries',
  transfer: 'Transfers',
  adjustment: 'Adjustments',
  scrap: 'Scrap',
};

/** Today's validated work per type; each row opens the done operations of that type, latest first. */
export function todayRows(dashboard: Dashboard, warehouseId: string): TodayRow[] {
  return OPERATION_TYPES.map((type) => ({
    type,
    label: TODAY_LABELS[type],
    icon: TYPE_ICONS[type],
    operations: dashboard.today[type]?.operations ?? 0,
    lines: dashboard.today[type]?.lines ?? 0,
    link: {
      route: '/operations',
      queryParams: withWarehouse({ type, status: 'done', sort: '-doneAt' }, warehouseId),
    },
  }));
}

/** Whether the install is still empty: no stock and nothing asking for attention. */
export function isEmptyInstall(dashboard: Dashboard): boolean {
  const attention = dashboard.attention;
  const waiting = Object.values(attention).some((card) => card.count > 0);
  return !dashboard.gettingStarted.hasStock && !waiting;
}

// ---- chart text alternatives -------------------------------------------------------------

export const BUCKET_LABELS: Record<ExpiryBucket, string> = {
  expired: 'Expired',
  days0to2: '0–2 days',
  days3to7: '3–7 days',
  days8to30: '8–30 days',
  over30: 'Over 30 days',
  noExpiry: 'No expiry date',
};

/** `2026-11-03` → "Nov 3" in the reader's locale, without a time-zone shift. */
export function shortDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/** The stock movement chart in one sentence. */
export function movementSummary(days: MovesPerDay[]): string {
  if (days.length === 0) return 'No stock movement data.';
  let totalIn = 0;
  let totalOut = 0;
  let busiest: MovesPerDay | null = null;
  let busiestTotal = 0;
  for (const day of days) {
    const dayIn = Number(day.in);
    const dayOut = Number(day.out);
    totalIn += dayIn;
    totalOut += dayOut;
    if (dayIn + dayOut > busiestTotal) {
      busiest = day;
      busiestTotal = dayIn + dayOut;
    }
  }
  const span = `${shortDay(days[0].date)} to ${shortDay(days[days.length - 1].date)}`;
  if (!busiest) return `No stock moved in or out from ${span}.`;
  return (
    `From ${span}, ${displayQuantity(String(totalIn))} in and ${displayQuantity(String(totalOut))} out ` +
    `(all units together). Busiest day ${shortDay(busiest.date)}: ` +
    `${displayQuantity(busiest.in)} in, ${displayQuantity(busiest.out)} out.`
  );
}

/** The freshness chart in one sentence: what is at risk, then the rest. */
export function freshnessSummary(rows: ExpiryBucketRow[]): string {
  const parts = rows
    .filter((row) => Number(row.quantity) > 0)
    .map((row) => `${BUCKET_LABELS[row.bucket].toLowerCase()}: ${displayQuantity(row.quantity)}`);
  if (parts.length === 0) return 'No stock on hand.';
  return `Quantity on hand by days to expiry (all units together): ${parts.join('; ')}.`;
}
