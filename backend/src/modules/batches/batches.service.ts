import { Inject, Injectable } from '@nestjs/common';
import {
  AuditAction,
  Batch,
  BatchDateField,
  batchDateProblems,
  BatchDates,
  BatchDetail,
  BatchErrorCode,
  BatchRecall,
  BatchStatus,
  BatchTrace,
  BatchTraceEntry,
  ProductTrace,
  fromMilli,
  toMilli,
  defaultExpiry,
  freshness,
  Page,
  parseSort,
  PublicBatchReport,
  StockErrorCode,
  todayIn,
} from '@stockmaster/contracts';
import { Readable } from 'node:stream';
import * as QRCode from 'qrcode';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import {
  BusinessRuleError,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '../../common/errors/domain-error';
import { csvStringifier } from '../../common/http/csv-cells';
import { PG_CHECK_VIOLATION, PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../common/sql';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { StockQueriesService } from '../stock-moves/stock-queries.service';
import { BatchesRepository, BatchRow, TraceOperationRow } from './batches.repository';
import { BatchListQueryDto, CreateBatchDto, UpdateBatchDto } from './dto/batch.dto';
import { newPublicToken } from './public-token';

const STATUS_ACTION: Record<BatchStatus, string> = {
  available: 'released',
  quarantined: 'quarantined',
  recalled: 'recalled',
};

@Injectable()
export class BatchesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: BatchesRepository,
    private readonly scope: WarehouseScope,
    private readonly queries: StockQueriesService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  today(): string {
    return todayIn(this.config.timeZone);
  }

  async list(user: AuthenticatedUser, query: BatchListQueryDto): Promise<Page<Batch>> {
    const sort = parseSort(query.sort ?? 'expiresAt');
    const { rows, total } = await this.repository.list(this.dataSource.manager, {
      productId: query.productId,
      warehouseId: query.warehouseId,
      status: query.status,
      expiringWithinDays: query.expiringWithinDays,
      alerts: [
        ...(query.expired ? (['expired'] as const) : []),
        ...(query.expiring ? (['caution'] as const) : []),
      ],
      blocked: query.blocked,
      search: query.search?.trim() || undefined,
      today: this.today(),
      visibleWarehouses: this.scope.visibleWarehouseIds(user),
      sort: sort.field,
      direction: sort.direction === 'desc' ? 'DESC' : 'ASC',
      page: query.page,
      limit: query.limit,
    });
    return {
      data: rows.map((row) => this.toBatch(row)),
      meta: { page: query.page, limit: query.limit, total },
    };
  }

  async get(user: AuthenticatedUser, id: string): Promise<BatchDetail> {
    const row = await this.visible(user, id);
    const visible = this.scope.visibleWarehouseIds(user);
    const stock = await this.repository.stock(this.dataSource.manager, id, visible);
    const moves = await this.queries.ledger(user, { batchId: id, limit: 200 });
    return {
      ...this.toBatch(row),
      stock: stock.map((s) => ({
        location: { id: s.location_id, fullName: s.full_name },
        warehouseId: s.warehouse_id,
        quantity: s.quantity,
      })),
      moves: moves.data,
      statusHistory: (await this.repository.history(this.dataSource.manager, id)).map((h) => ({
        from: h.from_status,
        to: h.to_status,
        reason: h.reason,
        publicNotice: h.public_notice,
        user: { id: h.user_id, email: h.user_email },
        at: h.at.toISOString(),
      })),
    };
  }

  /**
   * Where the lot came from (receipts), where it is (on hand by location) and where it went
   * (deliveries and scrap), reversals netted; within the caller's warehouses.
   */
  async trace(user: AuthenticatedUser, id: string): Promise<BatchTrace> {
    const row = await this.visible(user, id);
    const visible = this.scope.visibleWarehouseIds(user);
    const manager = this.dataSource.manager;
    const scope = { batchId: id };
    const [operations, stock, adjusted] = await Promise.all([
      this.repository.traceOperations(manager, scope, visible),
      this.repository.stock(manager, id, visible),
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

  /** available → quarantined: held (not delivered, not transferred) while a doubt is checked. */
  quarantine(id: string, reason: string, caller: AuthenticatedUser): Promise<BatchDetail> {
    return this.changeStatus(id, caller, 'quarantined', reason, null, ['available']);
  }

  /** quarantined → available. */
  release(id: string, reason: string | null, caller: AuthenticatedUser): Promise<BatchDetail> {
    return this.changeStatus(id, caller, 'available', reason, null, ['quarantined']);
  }

  /** available or quarantined → recalled, for good; the notice goes on the public page. */
  recall(
    id: string,
    reason: string,
    publicNotice: string,
    caller: AuthenticatedUser,
  ): Promise<BatchDetail> {
    return this.changeStatus(id, caller, 'recalled', reason, publicNotice, [
      'available',
      'quarantined',
    ]);
  }

  private async changeStatus(
    id: string,
    caller: AuthenticatedUser,
    to: BatchStatus,
    reason: string | null,
    publicNotice: string | null,
    allowedFrom: readonly BatchStatus[],
  ): Promise<BatchDetail> {
    await this.visible(caller, id);
    await transaction(this.dataSource, async (manager) => {
      const batch = await this.repository.lockForStatusChange(manager, id);
      if (!batch) throw new NotFoundError('Batch');
      if (batch.status === 'recalled')
        throw new ConflictError(
          `Batch ${batch.code} is recalled: a recall is final`,
          BatchErrorCode.Recalled,
        );
      if (!allowedFrom.includes(batch.status))
        throw new ConflictError(
          to === 'available'
            ? `Batch ${batch.code} is ${batch.status}: only a quarantined batch can be released`
            : `Batch ${batch.code} is already ${batch.status}`,
          BatchErrorCode.StatusConflict,
        );
      await this.repository.setStatus(manager, id, {
        from: batch.status,
        to,
        reason,
        publicNotice,
        user: caller,
      });
      await this.audit.record(manager, {
        actor: caller,
        action: `batch.${STATUS_ACTION[to]}`,
        entityType: 'batch',
        entityId: id,
        summary: { code: batch.code, from: batch.status, to, reason, publicNotice },
      });
    });
    return this.get(caller, id);
  }

  async create(dto: CreateBatchDto, caller: AuthenticatedUser): Promise<Batch> {
    this.assertDates(dto);
    return this.write(async (manager) => {
      const product = await this.repository.productRules(manager, dto.productId);
      if (!product) throw new NotFoundError('Product');
      if (product.tracking !== 'batch') {
        throw new BusinessRuleError(
          'This product is not batch-tracked',
          [{ field: 'productId', message: 'Switch the product to batch tracking first' }],
          StockErrorCode.BatchNotAllowed,
        );
      }
      const id = await this.repository.insert(manager, {
        productId: dto.productId,
        code: dto.code,
        producedAt: dto.producedAt ?? null,
        receivedAt: dto.receivedAt ?? null,
        expiresAt:
          dto.expiresAt ??
          defaultExpiry(dto.producedAt ?? null, dto.receivedAt ?? null, product.shelf_life_days),
        token: newPublicToken(),
        notes: dto.notes ?? null,
      });
      await this.audit.record(manager, {
        actor: caller,
        action: 'batch.created',
        entityType: 'batch',
        entityId: id,
        summary: { code: dto.code },
      });
      return this.toBatch(
        (await this.repository.find(manager, id, this.scope.visibleWarehouseIds(caller)))!,
      );
    });
  }

  /**
   * Creates many batches at once (imports): the rules and defaults of `create` for each, in one
   * transaction and one statement, with one audit entry naming how many. Resolves with the ids
   * in the order given; a code another writer created meanwhile is reused, as receipts do.
   */
  async createMany(
    specs: {
      productId: string;
      code: string;
      producedAt?: string | null;
      expiresAt?: string | null;
      notes?: string | null;
    }[],
    caller: AuthenticatedUser,
  ): Promise<string[]> {
    for (const spec of specs) this.assertDates(spec);
    if (!specs.length) return [];
    return this.write(async (manager) => {
      const byId = await this.repository.productsRules(manager, [
        ...new Set(specs.map((spec) => spec.productId)),
      ]);
      if (specs.some((spec) => byId.get(spec.productId)?.tracking !== 'batch')) {
        throw new BusinessRuleError(
          'Only batch-tracked products have batches',
          [{ field: 'productId', message: 'Switch the product to batch tracking first' }],
          StockErrorCode.BatchNotAllowed,
        );
      }
      const ids = await this.repository.insertOrReuse(
        manager,
        specs.map((spec) => ({
          productId: spec.productId,
          code: spec.code,
          producedAt: spec.producedAt ?? null,
          receivedAt: null,
          expiresAt:
            spec.expiresAt ??
            defaultExpiry(spec.producedAt ?? null, null, byId.get(spec.productId)!.shelf_life_days),
          token: newPublicToken(),
          notes: spec.notes ?? null,
        })),
      );
      await this.audit.record(manager, {
        actor: caller,
        action: AuditAction.BatchesImported,
        entityType: 'batch',
        summary: { count: ids.length, codes: specs.slice(0, 20).map((spec) => spec.code) },
      });
      return ids;
    });
  }

  async update(id: string, dto: UpdateBatchDto, caller: AuthenticatedUser): Promise<Batch> {
    const row = await this.visible(caller, id);
    const given = (['producedAt', 'receivedAt', 'expiresAt'] as const).filter(
      (field) => dto[field] !== undefined,
    );
    this.assertDates(
      {
        producedAt: dto.producedAt !== undefined ? dto.producedAt : row.produced_at,
        receivedAt: dto.receivedAt !== undefined ? dto.receivedAt : row.received_at,
        expiresAt: dto.expiresAt !== undefined ? dto.expiresAt : row.expires_at,
      },
      given,
    );
    return this.write(async (manager) => {
      await this.repository.update(manager, id, {
        produced_at: dto.producedAt,
        received_at: dto.receivedAt,
        expires_at: dto.expiresAt,
        notes: dto.notes,
      });
      await this.audit.record(manager, {
        actor: caller,
        action: 'batch.updated',
        entityType: 'batch',
        entityId: id,
        summary: { ...dto },
      });
      return this.toBatch(
        (await this.repository.find(manager, id, this.scope.visibleWarehouseIds(caller)))!,
      );
    });
  }

  /** A new token: printed labels with the old QR code stop working at once. */
  async rotateToken(id: string, caller: AuthenticatedUser): Promise<Batch> {
    await this.visible(caller, id);
    return transaction(this.dataSource, async (manager) => {
      await this.repository.setToken(manager, id, newPublicToken());
      await this.audit.record(manager, {
        actor: caller,
        action: 'batch.token_rotated',
        entityType: 'batch',
        entityId: id,
      });
      return this.toBatch(
        (await this.repository.find(manager, id, this.scope.visibleWarehouseIds(caller)))!,
      );
    });
  }

  async qr(
    user: AuthenticatedUser,
    id: string,
    format: 'svg' | 'png',
  ): Promise<{ body: string | Buffer; type: string }> {
    const row = await this.visible(user, id);
    const url = this.publicUrl(row.public_token);
    return format === 'png'
      ? {
          body: await QRCode.toBuffer(url, {
            type: 'png',
            errorCorrectionLevel: 'M',
            margin: 2,
            width: 512,
          }),
          type: 'image/png',
        }
      : {
          body: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
          type: 'image/svg+xml',
        };
  }

  /** The public report: exactly these fields, nothing that identifies stock, places or people. */
  async publicReport(token: string): Promise<PublicBatchReport> {
    const row = /^[A-Za-z0-9_-]{16,64}$/.test(token)
      ? await this.repository.findByToken(this.dataSource.manager, token)
      : null;
    if (!row) throw new NotFoundError('Batch');
    const fresh = freshness(
      { receivedAt: row.received_at, expiresAt: row.expires_at },
      row.expiry_warning_days,
      this.today(),
    );
    return {
      productName: row.product_name,
      unit: row.unit,
      batchCode: row.code,
      producedAt: row.produced_at,
      receivedAt: row.received_at,
      expiresAt: row.expires_at,
      daysOnShelf: fresh.daysOnShelf,
      daysToExpiry: fresh.daysToExpiry,
      status: fresh.status,
      batchStatus: row.status,
      recall: this.recallOf(row),
    };
  }

  private async visible(user: AuthenticatedUser, id: string): Promise<BatchRow> {
    const visible = this.scope.visibleWarehouseIds(user);
    const row = await this.repository.find(this.dataSource.manager, id, visible);
    // An agent sees a batch only while it is (or was) in one of its warehouses.
    if (
      !row ||
      (visible && !(await this.repository.touchesWarehouses(this.dataSource.manager, id, visible)))
    )
      throw new NotFoundError('Batch');
    return row;
  }

  /** 400 naming the field when the dates contradict each other or production is in the future. */
  private assertDates(dates: BatchDates, given?: readonly BatchDateField[]): void {
    const problems = batchDateProblems(dates, this.today(), given);
    if (problems.length) throw new ValidationError(problems);
  }

  private publicUrl(token: string): string {
    return `${this.config.publicUrl}/fresh/${token}`;
  }

  private recallOf(row: BatchRow): BatchRecall | null {
    return row.status === 'recalled' && row.recall_notice && row.recalled_at
      ? { notice: row.recall_notice, recalledAt: row.recalled_at.toISOString() }
      : null;
  }

  private toBatch(row: BatchRow): Batch {
    return {
      id: row.id,
      productId: row.product_id,
      product: {
        id: row.product_id,
        sku: row.sku,
        name: row.product_name,
        unit: row.unit,
        expiryWarningDays: row.expiry_warning_days,
      },
      code: row.code,
      producedAt: row.produced_at,
      receivedAt: row.received_at,
      expiresAt: row.expires_at,
      notes: row.notes,
      status: row.status,
      recall: this.recallOf(row),
      freshness: freshness(
        { receivedAt: row.received_at, expiresAt: row.expires_at },
        row.expiry_warning_days,
        this.today(),
      ),
      onHand: row.on_hand,
      publicUrl: this.publicUrl(row.public_token),
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await transaction(this.dataSource, work);
    } catch (error) {
      if (
        pgCode(error) === PG_UNIQUE_VIOLATION &&
        pgConstraint(error) === 'batches_code_per_product'
      ) {
        throw new ConflictError(
          'This product already has a batch with this code',
          BatchErrorCode.CodeTaken,
        );
      }
      // A concurrent change of the other date can still make them contradict: the table refuses.
      if (
        pgCode(error) === PG_CHECK_VIOLATION &&
        pgConstraint(error)?.startsWith('batches_produced_')
      )
        throw new ValidationError([
          {
            field: 'producedAt',
            message: 'The production date is after the receipt or expiry date',
          },
        ]);
      throw error;
    }
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
