import { Inject, Injectable } from '@nestjs/common';
import {
  BatchTrace,
  BatchTraceEntry,
  fromMilli,
  ProductTrace,
  toMilli,
} from '@stockmaster/contracts';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import { NotFoundError, ValidationError } from '../../common/errors/domain-error';
import { csvStringifier } from '../../common/http/csv-cells';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { BatchTraceRepository, TraceOperationRow } from './batch-trace.repository';
import { BatchesRepository } from './batches.repository';
import { BatchesService } from './batches.service';

/** Traceability: a lot's or a product's way in, its stock now and its way out. */
@Injectable()
export class BatchTraceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchesService,
    private readonly batchRecords: BatchesRepository,
    private readonly repository: BatchTraceRepository,
    private readonly scope: WarehouseScope,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Where the lot came from (receipts), where it is (on hand by location) and where it went
   * (deliveries and scrap), reversals netted; within the caller's warehouses.
   */
  async trace(user: AuthenticatedUser, id: string): Promise<BatchTrace> {
    const row = await this.batches.visible(user, id);
    const visible = this.scope.visibleWarehouseIds(user);
    const manager = this.dataSource.manager;
    const scope = { batchId: id };
    const [operations, stock, adjusted] = await Promise.all([
      this.repository.traceOperations(manager, scope, visible),
      this.batchRecords.stock(manager, id, visible),
      this.repository.traceAdjusted(manager, scope, visible),
    ]);
    return {
      batch: {
        id: row.id,
        code: row.code,
        status: row.status,
        product: { id: row.product_id, sku: row.sku, name: row.product_name, unit: row.unit },
      },
      ...traceFlows(operations, stock, adjusted),
      onHand: stock.map((s) => ({
        location: { id: s.location_id, fullName: s.full_name },
        warehouseId: s.warehouse_id,
        quantity: s.quantity,
      })),
    };
  }

  /**
   * A product's receipts, deliveries and scrap validated between two days (inclusive, in the
   * business's time zone; either may be open), reversals netted, and what it holds now by
   * location and batch; within the caller's warehouses.
   */
  async productTrace(
    user: AuthenticatedUser,
    productId: string,
    from: string | null,
    to: string | null,
  ): Promise<ProductTrace> {
    if (from && to && from > to)
      throw new ValidationError([{ field: 'from', message: 'from must not be after to' }]);
    const manager = this.dataSource.manager;
    const product = await this.repository.productRef(manager, productId);
    if (!product) throw new NotFoundError('Product');
    const visible = this.scope.visibleWarehouseIds(user);
    const scope = { productId, from, to, timeZone: this.config.timeZone };
    const [operations, stock, adjusted] = await Promise.all([
      this.repository.traceOperations(manager, scope, visible),
      this.repository.productStock(manager, productId, visible),
      this.repository.traceAdjusted(manager, scope, visible),
    ]);
    return {
      product: { id: product.id, sku: product.sku, name: product.name, unit: product.unit },
      from,
      to,
      ...traceFlows(operations, stock, adjusted),
      onHand: stock.map((s) => ({
        location: { id: s.location_id, fullName: s.full_name },
        warehouseId: s.warehouse_id,
        batch: s.batch_id ? { id: s.batch_id, code: s.batch_code!, status: s.batch_status! } : null,
        quantity: s.quantity,
      })),
    };
  }

  /** The trace as CSV: one row per receipt, location, delivery and scrap, then the totals. */
  async traceCsv(user: AuthenticatedUser, id: string): Promise<Readable> {
    return traceCsv(await this.trace(user, id));
  }

  async productTraceCsv(
    user: AuthenticatedUser,
    productId: string,
    from: string | null,
    to: string | null,
  ): Promise<Readable> {
    return traceCsv(await this.productTrace(user, productId, from, to));
  }
}

/** Receipts, deliveries and scrap with their totals; on hand as given (now). */
function traceFlows(
  operations: TraceOperationRow[],
  stock: { quantity: string; location_id: string }[],
  adjusted: string,
): Pick<BatchTrace, 'origin' | 'destinations' | 'totals'> {
  const entries = operations.map((o): BatchTraceEntry => ({
    operationId: o.operation_id,
    reference: o.reference,
    type: o.type,
    date: o.done_at.toISOString(),
    partner: o.partner,
    warehouseId: o.warehouse_id,
    batch: o.batch_id ? { id: o.batch_id, code: o.batch_code! } : null,
    // What remains once the reversal is taken off.
    quantity: fromMilli(toMilli(o.quantity) - toMilli(o.reversed)),
    reversed: o.reversed,
  }));
  const sum = (values: string[]) =>
    fromMilli(values.reduce((total, value) => total + toMilli(value), 0n));
  const origin = entries.filter((e) => e.type === 'receipt');
  const destinations = entries.filter((e) => e.type !== 'receipt');
  const deliveries = destinations.filter((e) => e.type === 'delivery');
  const customers = new Set(
    deliveries
      .filter((e) => toMilli(e.quantity) > 0n)
      .map((e) => e.partner?.trim().toLowerCase() || `operation:${e.operationId}`),
  );
  return {
    origin,
    destinations,
    totals: {
      received: sum(origin.map((e) => e.quantity)),
      onHand: sum(stock.map((s) => s.quantity)),
      delivered: sum(deliveries.map((e) => e.quantity)),
      scrapped: sum(destinations.filter((e) => e.type === 'scrap').map((e) => e.quantity)),
      adjusted,
      customers: customers.size,
      locations: new Set(stock.map((s) => s.location_id)).size,
    },
  };
}

/** A trace as CSV rows, every cell formula-escaped: flows, stock now, then the totals. */
function traceCsv(trace: BatchTrace | ProductTrace): Readable {
  const blank = { date: '', reference: '', partner: '', location: '', batch: '', reversed: '' };
  const entry = (section: string, e: BatchTraceEntry) => ({
    ...blank,
    section,
    date: e.date,
    reference: e.reference,
    partner: e.partner ?? '',
    batch: e.batch?.code ?? '',
    quantity: e.quantity,
    reversed: e.reversed,
  });
  const records = [
    ...trace.origin.map((e) => entry('received', e)),
    ...trace.onHand.map((s) => ({
      ...blank,
      section: 'on hand',
      location: s.location.fullName,
      batch: ('batch' in s ? s.batch?.code : 'batch' in trace ? trace.batch.code : '') ?? '',
      quantity: s.quantity,
    })),
    ...trace.destinations.map((e) => entry(e.type === 'delivery' ? 'delivered' : 'scrapped', e)),
    ...(['received', 'onHand', 'delivered', 'scrapped', 'adjusted'] as const).map((key) => ({
      ...blank,
      section: `total ${key === 'onHand' ? 'on hand' : key}`,
      quantity: trace.totals[key],
    })),
  ];
  return Readable.from(records).pipe(
    csvStringifier({
      header: true,
      columns: [
        'section',
        'date',
        'reference',
        'partner',
        'location',
        'batch',
        'quantity',
        'reversed',
      ],
    }),
  );
}
