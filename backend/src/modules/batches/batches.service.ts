import { Inject, Injectable } from '@nestjs/common';
import {
  AuditAction,
  Batch,
  BatchDateField,
  batchDateProblems,
  BatchDates,
  BatchDetail,
  defaultExpiry,
  freshness,
  Page,
  parseSort,
  PublicBatchReport,
  StockErrorCode,
  todayIn,
} from '@stockmaster/contracts';
import * as QRCode from 'qrcode';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import {
  BusinessRuleError,
  NotFoundError,
  ValidationError,
} from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { StockQueriesService } from '../stock-moves/stock-queries.service';
import { batchRefusals } from './batch-refusals';
import { BatchStatusRepository } from './batch-status.repository';
import { batchPublicUrl, batchRecall, toBatch } from './batch-view';
import { BatchesRepository, BatchRow } from './batches.repository';
import { BatchListQueryDto, CreateBatchDto, UpdateBatchDto } from './dto/batch.dto';
import { newPublicToken, newPublicTokens } from './public-token';

@Injectable()
export class BatchesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: BatchesRepository,
    private readonly statusRepository: BatchStatusRepository,
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
      statusHistory: (await this.statusRepository.history(this.dataSource.manager, id)).map(
        (h) => ({
          from: h.from_status,
          to: h.to_status,
          reason: h.reason,
          publicNotice: h.public_notice,
          user: { id: h.user_id, email: h.user_email },
          at: h.at.toISOString(),
        }),
      ),
    };
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
   * statement of the caller's transaction (a stock import creates its drafts in it too), with one
   * audit entry naming how many. Resolves with the ids in the order given; a code another writer
   * created meanwhile is reused, as receipts do.
   */
  async createMany(
    manager: EntityManager,
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
    return batchRefusals(async () => {
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
      const tokens = newPublicTokens(specs.length);
      const ids = await this.repository.insertOrReuse(
        manager,
        specs.map((spec, index) => ({
          productId: spec.productId,
          code: spec.code,
          producedAt: spec.producedAt ?? null,
          receivedAt: null,
          expiresAt:
            spec.expiresAt ??
            defaultExpiry(spec.producedAt ?? null, null, byId.get(spec.productId)!.shelf_life_days),
          token: tokens[index],
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
    const url = batchPublicUrl(this.config.publicUrl, row.public_token);
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
      recall: batchRecall(row),
    };
  }

  /** The batch, or 404 when the caller may not see it. */
  async visible(user: AuthenticatedUser, id: string): Promise<BatchRow> {
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

  private toBatch(row: BatchRow): Batch {
    return toBatch(row, this.today(), this.config.publicUrl);
  }

  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return batchRefusals(() => transaction(this.dataSource, work));
  }
}
