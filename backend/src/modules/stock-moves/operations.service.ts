import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  ADJUSTING_TYPES,
  can,
  ErrorCode,
  ErrorDetail,
  fromMilli,
  OperationDetail,
  OperationType,
  Page,
  Operation,
  parseSort,
  Permission,
  QuickMoveResponse,
  StockErrorCode,
  toMilli,
  todayIn,
} from '@stockmaster/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import {
  BusinessRuleError,
  ConflictError,
  DomainError,
  NotFoundError,
  ValidationError,
} from '../../common/errors/domain-error';
import { PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../common/sql';
import { transaction } from '../../database/transaction';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../audit/audit.service';
import { newPublicToken } from '../batches/public-token';
import {
  CreateOperationDto,
  OperationLineDto,
  OperationListQueryDto,
  QuickMoveDto,
} from './dto/operation.dto';
import { IdempotencyContext, IdempotencyService, Outcome } from './idempotency';
import {
  BatchInfo,
  checkLine,
  LocationInfo,
  NewBatchSpec,
  ProductInfo,
  ResolvedLine,
} from './operation-rules';
import {
  LineInsert,
  LineRow,
  OperationHeader,
  OperationRow,
  OperationsRepository,
} from './operations.repository';
import { postedDetail } from './operation-view';
import { MissingLevels, PlannedMove, StockPosting } from './posting';
import { StockRepository } from './stock.repository';

const alreadyReversed = () =>
  new ConflictError('This operation has already been reversed', StockErrorCode.AlreadyReversed);
const notDraft = () =>
  new ConflictError('Only a draft operation can change', StockErrorCode.OperationNotDraft);

/** A line of a draft or of a request, before or after it was stored. */
interface LineSpec {
  id: string;
  productId: string;
  batchId: string | null;
  newBatch: NewBatchSpec | null;
  quantity: string | null;
  countedQuantity: string | null;
  sourceLocationId: string | null;
  destinationLocationId: string | null;
}

interface Prepared {
  lines: ResolvedLine[];
  lineIds: string[];
  products: Map<string, ProductInfo>;
  locations: Map<string, LocationInfo>;
  batches: Map<string, BatchInfo>;
  errors: ErrorDetail[];
}

function fromRow(row: LineRow): LineSpec {
  return {
    id: row.id,
    productId: row.product_id,
    batchId: row.batch_id,
    newBatch: row.batch_id ? null : row.new_batch,
    quantity: row.quantity,
    countedQuantity: row.counted_quantity,
    sourceLocationId: row.source_location_id,
    destinationLocationId: row.destination_location_id,
  };
}

/**
 * Operations: drafts, validation, cancellation, reversal and the one-line shortcut. Every path
 * that changes stock goes through StockPosting inside one transaction.
 */
@Injectable()
export class OperationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly operations: OperationsRepository,
    private readonly stock: StockRepository,
    private readonly posting: StockPosting,
    private readonly idempotency: IdempotencyService,
    private readonly scope: WarehouseScope,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(user: AuthenticatedUser, query: OperationListQueryDto): Promise<Page<Operation>> {
    const sort = parseSort(query.sort ?? '-createdAt');
    const { rows, total } = await this.operations.list(this.dataSource.manager, {
      type: query.type,
      status: query.status,
      warehouseId: query.warehouseId,
      from: query.from,
      to: query.to,
      search: query.search?.trim() || undefined,
      visibleWarehouses: this.scope.visibleWarehouseIds(user),
      sort: sort.field,
      direction: sort.direction === 'desc' ? 'DESC' : 'ASC',
      page: query.page,
      limit: query.limit,
    });
    return { data: rows, meta: { page: query.page, limit: query.limit, total } };
  }

  async get(user: AuthenticatedUser, id: string): Promise<OperationDetail> {
    const detail = await this.operations.detail(this.dataSource.manager, id);
    if (!detail || !this.scope.canUse(user, detail.warehouseId))
      throw new NotFoundError('Operation');
    return detail;
  }

  async create(
    dto: CreateOperationDto,
    user: AuthenticatedUser,
    key?: IdempotencyContext,
  ): Promise<Outcome<OperationDetail>> {
    this.assertMayOperate(user, dto.type);
    this.scope.assertVisible(user, dto.warehouseId, 'Warehouse');
    const header = this.header(dto, randomUUID(), user.id);
    const lines = this.lineSpecs(dto.type, dto.lines);
    await this.assertValid(header, lines, user);
    const outcome = await this.idempotency.run(key, HttpStatus.CREATED, async (manager) => {
      await this.operations.insert(manager, header, lines);
      await this.audit.record(manager, {
        actor: user,
        action: 'operation.created',
        entityType: 'operation',
        entityId: header.id,
        summary: { type: header.type, lines: lines.length },
      });
      return (await this.operations.detail(manager, header.id))!;
    });
    return this.numbered(outcome);
  }

  /** Replaces header and lines of a draft. */
  async update(
    id: string,
    dto: CreateOperationDto,
    user: AuthenticatedUser,
  ): Promise<OperationDetail> {
    const current = await this.visible(user, id);
    this.assertMayOperate(user, current.type);
    this.assertMayOperate(user, dto.type);
    this.scope.assertVisible(user, dto.warehouseId, 'Warehouse');
    if (current.status !== 'draft') throw notDraft();
    if (dto.warehouseId !== current.warehouse_id) {
      throw new ValidationError([
        {
          field: 'warehouseId',
          message: 'A draft stays in its warehouse (its reference is numbered there)',
        },
      ]);
    }
    const header = this.header(dto, id, user.id);
    const lines = this.lineSpecs(dto.type, dto.lines);
    await this.assertValid(header, lines, user);
    return transaction(this.dataSource, async (manager) => {
      const locked = await this.operations.lock(manager, id);
      if (locked!.status !== 'draft') throw notDraft();
      await this.operations.updateHeader(manager, header);
      await this.operations.replaceLines(manager, id, lines);
      await this.audit.record(manager, {
        actor: user,
        action: 'operation.updated',
        entityType: 'operation',
        entityId: id,
        summary: { lines: lines.length },
      });
      return (await this.operations.detail(manager, id))!;
    });
  }

  async cancel(id: string, user: AuthenticatedUser): Promise<OperationDetail> {
    const current = await this.visible(user, id);
    this.assertMayOperate(user, current.type);
    return transaction(this.dataSource, async (manager) => {
      const locked = await this.operations.lock(manager, id);
      if (locked!.status !== 'draft') throw notDraft();
      await this.operations.markCancelled(manager, id);
      await this.audit.record(manager, {
        actor: user,
        action: 'operation.cancelled',
        entityType: 'operation',
        entityId: id,
        summary: { reference: locked!.reference },
      });
      return (await this.operations.detail(manager, id))!;
    });
  }

  /**
   * Validates a draft: all of it or nothing. The checks that need no stock run first; then,
   * in one transaction, the operation is locked, its moves posted and it is marked done.
   */
  async validate(
    id: string,
    user: AuthenticatedUser,
    key?: IdempotencyContext,
  ): Promise<Outcome<OperationDetail>> {
    const current = await this.visible(user, id);
    this.assertMayOperate(user, current.type);
    return this.postingTransaction(key, HttpStatus.OK, async (manager) => {
      const op = (await this.operations.lock(manager, id))!;
      if (op.status !== 'draft') throw notDraft();
      let lines = (await this.operations.lines(manager, id)).map(fromRow);
      const prepared = await this.prepare(manager, this.headerOf(op), lines, user);
      if (prepared.errors.length) throw this.invalid(prepared.errors);
      const inline = lines.filter((line) => line.newBatch).map((line) => line.id);
      if (op.type === 'receipt') {
        await this.receiveBatches(manager, lines);
        lines = (await this.operations.lines(manager, id)).map(fromRow);
        prepared.lines.forEach((line, index) =>
          Object.assign(line, { batchId: lines[index].batchId, newBatch: null }),
        );
      }
      const moves = await this.plan(manager, op.type, prepared, true);
      await this.ensureInlineBatchLevels(manager, moves, inline, prepared.locations);
      await this.posting.post(manager, id, moves, prepared.locations);
      await this.operations.markDone(manager, id, user.id);
      await this.audit.record(manager, {
        actor: user,
        action: 'operation.validated',
        entityType: 'operation',
        entityId: id,
        summary: { reference: op.reference, moves: moves.length },
      });
      return (await this.operations.detail(manager, id))!;
    });
  }

  /**
   * The one-line shortcut for scanners and integrations: creates and validates an operation in
   * one transaction, and answers from what it wrote rather than reading it back.
   */
  async quickMove(
    dto: QuickMoveDto,
    user: AuthenticatedUser,
    key?: IdempotencyContext,
  ): Promise<Outcome<QuickMoveResponse>> {
    this.assertMayOperate(user, dto.type);
    const warehouseId =
      dto.warehouseId ??
      (await this.warehouseOfLocations([dto.sourceLocationId, dto.destinationLocationId]));
    if (!warehouseId) {
      throw new ValidationError([
        {
          field: 'warehouseId',
          message: 'Give warehouseId, or an internal source or destination location',
        },
      ]);
    }
    this.scope.assertVisible(user, warehouseId, 'Warehouse');
    const header: OperationHeader = {
      id: randomUUID(),
      type: dto.type,
      warehouseId,
      sourceLocationId: dto.sourceLocationId ?? null,
      destinationLocationId: dto.destinationLocationId ?? null,
      partner: null,
      scheduledAt: null,
      notes: null,
      createdBy: user.id,
    };
    const [line] = this.lineSpecs(dto.type, [
      { productId: dto.productId, quantity: dto.quantity, batchId: dto.batchId, batch: dto.batch },
    ]);
    const prepared = await this.prepare(this.dataSource.manager, header, [line], user);
    if (prepared.errors.length) throw this.invalid(prepared.errors);

    const outcome = await this.postingTransaction(key, HttpStatus.CREATED, async (manager) => {
      // Nothing outside this function changes: a retried transaction starts from the request.
      let stored = line;
      let lines = prepared.lines;
      if (header.type === 'receipt') {
        const [batchId] = await this.receiveBatches(manager, [line]);
        stored = { ...line, batchId, newBatch: null };
        lines = [{ ...prepared.lines[0], batchId, newBatch: null }];
        // Receiving can set the batch's expiry: the answer shows it as it now is.
        if (batchId)
          prepared.batches.set(
            batchId,
            (await this.stock.batches(manager, [batchId])).get(batchId)!,
          );
      }
      const moves = await this.plan(manager, header.type, { ...prepared, lines }, true);
      if (line.newBatch)
        await this.ensureInlineBatchLevels(manager, moves, [line.id], prepared.locations);
      const written = await this.posting.post(manager, header.id, moves, prepared.locations);
      const { createdAt, doneAt } = await this.operations.insert(
        manager,
        header,
        [stored],
        user.id,
      );
      await this.audit.record(manager, {
        actor: user,
        action: 'operation.validated',
        entityType: 'operation',
        entityId: header.id,
        summary: { shortcut: true, productId: dto.productId, quantity: dto.quantity },
      });
      const operation = postedDetail({
        header,
        reference: this.operations.pendingReference(header.id),
        createdAt,
        doneAt: doneAt!,
        by: { id: user.id, fullName: user.fullName },
        lines: [stored],
        moves: written,
        products: prepared.products,
        locations: prepared.locations,
        batches: prepared.batches,
      });
      return { operation, move: operation.moves[0] };
    });
    return this.numbered(outcome);
  }

  /**
   * Posts the mirror of a validated operation, once (a second try answers 409); 422 when the
   * stock it must take back has gone meanwhile.
   */
  async reverse(id: string, user: AuthenticatedUser): Promise<OperationDetail> {
    if (!can(user.role, Permission.OperationsAdjust)) throw this.forbidden('reverse operations');
    const original = await this.visible(user, id);
    if (original.status !== 'done')
      throw new ConflictError(
        'Only a validated operation can be reversed',
        StockErrorCode.OperationNotDraft,
      );
    if (await this.operations.isReversed(this.dataSource.manager, id)) throw alreadyReversed();
    const originalMoves = (await this.operations.detail(this.dataSource.manager, id))!.moves;
    const mirrorId = randomUUID();
    const lines: LineInsert[] = originalMoves.map((move) => ({
      id: randomUUID(),
      productId: move.product.id,
      batchId: move.batch?.id ?? null,
      quantity: move.quantity,
      countedQuantity: null,
      sourceLocationId: move.destinationLocation.id,
      destinationLocationId: move.sourceLocation.id,
    }));
    const moves: PlannedMove[] = lines.map((line, index) => ({
      line: index,
      lineId: line.id,
      productId: line.productId,
      batchId: line.batchId,
      from: line.sourceLocationId!,
      to: line.destinationLocationId!,
      quantity: line.quantity!,
    }));
    const locations = await this.stock.locations(this.dataSource.manager, [
      ...new Set(moves.flatMap((m) => [m.from, m.to])),
    ]);
    try {
      await this.postingTransaction(undefined, HttpStatus.CREATED, async (manager) => {
        // Concurrent reversals queue on this lock; the later one then sees the earlier's mirror.
        const op = (await this.operations.lock(manager, id))!;
        if (await this.operations.isReversed(manager, id)) throw alreadyReversed();
        await this.posting.post(manager, mirrorId, moves, locations);
        await this.operations.insert(
          manager,
          {
            ...this.headerOf(op),
            id: mirrorId,
            createdBy: user.id,
            notes: `Reversal of ${op.reference}`,
            scheduledAt: null,
            reversalOfId: op.id,
          },
          lines,
          user.id,
        );
        await this.audit.record(manager, {
          actor: user,
          action: 'operation.reversed',
          entityType: 'operation',
          entityId: id,
          summary: { reference: op.reference, reversalId: mirrorId },
        });
      });
    } catch (error) {
      if (
        pgCode(error) === PG_UNIQUE_VIOLATION &&
        pgConstraint(error) === 'operations_reversal_of_id_key'
      )
        throw alreadyReversed();
      throw error;
    }
    return (await this.operations.detail(this.dataSource.manager, mirrorId))!;
  }

  // --- helpers ------------------------------------------------------------------------------

  /**
   * Runs a posting transaction, idempotent when `key` is given. A posting only locks level rows
   * that exist; when it needs new ones it stops (MissingLevels), they are created outside any
   * transaction, and it runs again: postings never wait on each other's fresh rows.
   */
  private async postingTransaction<T>(
    key: IdempotencyContext | undefined,
    status: number,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<Outcome<T>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.idempotency.run(key, status, work);
      } catch (error) {
        if (!(error instanceof MissingLevels) || attempt >= 3) throw error;
        await this.stock.ensureLevels(this.dataSource.manager, error.keys);
      }
    }
  }

  /**
   * The levels of batches a receipt names inline are created inside its transaction (the batch
   * may be new, invisible to anyone else), before it locks any level: an insert that has to wait
   * then holds no level lock another posting could be waiting for.
   */
  private async ensureInlineBatchLevels(
    manager: EntityManager,
    moves: PlannedMove[],
    inlineLineIds: string[],
    locations: Map<string, LocationInfo>,
  ): Promise<void> {
    const inline = new Set(inlineLineIds);
    const keys = this.posting.keysOf(
      moves.filter((move) => move.lineId && inline.has(move.lineId)),
      locations,
    );
    await this.stock.ensureLevels(manager, keys);
  }

  /** An answer with the references its operations got at commit (see `pendingReference`). */
  private async numbered<T>(outcome: Outcome<T>): Promise<Outcome<T>> {
    return {
      ...outcome,
      body: await this.operations.resolveReferences(this.dataSource.manager, outcome.body),
    };
  }

  private async visible(user: AuthenticatedUser, id: string): Promise<OperationRow> {
    const op = await this.operations.find(this.dataSource.manager, id);
    if (!op || !this.scope.canUse(user, op.warehouse_id)) throw new NotFoundError('Operation');
    return op;
  }

  /** Adjustments and scrap need `operations.adjust`; the rest `operations.write` (route-level). */
  private assertMayOperate(user: AuthenticatedUser, type: OperationType): void {
    if (ADJUSTING_TYPES.includes(type) && !can(user.role, Permission.OperationsAdjust))
      throw this.forbidden(`handle ${type} operations`);
  }

  private forbidden(what: string): DomainError {
    return new DomainError(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, `Your role may not ${what}`);
  }

  private invalid(errors: ErrorDetail[]): BusinessRuleError {
    return new BusinessRuleError(
      `${errors.length} problem(s) in the lines: nothing was saved`,
      errors,
      StockErrorCode.ValidationFailed,
    );
  }

  private header(dto: CreateOperationDto, id: string, userId: string): OperationHeader {
    return {
      id,
      type: dto.type,
      warehouseId: dto.warehouseId,
      sourceLocationId: dto.sourceLocationId ?? null,
      destinationLocationId: dto.destinationLocationId ?? null,
      partner: dto.partner || null,
      scheduledAt: dto.scheduledAt ?? null,
      notes: dto.notes ?? null,
      createdBy: userId,
    };
  }

  private headerOf(op: OperationRow): OperationHeader {
    return {
      id: op.id,
      type: op.type,
      warehouseId: op.warehouse_id,
      sourceLocationId: op.source_location_id,
      destinationLocationId: op.destination_location_id,
      partner: op.partner,
      scheduledAt: op.scheduled_at?.toISOString() ?? null,
      notes: op.notes,
      createdBy: '',
    };
  }

  /** Shapes request lines by type: counts carry a location and a counted quantity, moves a quantity. */
  private lineSpecs(
    type: OperationType,
    lines: Pick<
      OperationLineDto,
      | 'productId'
      | 'quantity'
      | 'countedQuantity'
      | 'locationId'
      | 'batchId'
      | 'batch'
      | 'sourceLocationId'
      | 'destinationLocationId'
    >[],
  ): LineSpec[] {
    const problems: { field: string; message: string }[] = [];
    const specs = lines.map((line, index) => {
      if (type === 'adjustment') {
        if (line.countedQuantity === undefined)
          problems.push({
            field: `lines.${index}.countedQuantity`,
            message: 'An adjustment line needs countedQuantity',
          });
        if (!line.locationId)
          problems.push({
            field: `lines.${index}.locationId`,
            message: 'An adjustment line needs locationId',
          });
        if (line.quantity !== undefined)
          problems.push({
            field: `lines.${index}.quantity`,
            message: 'An adjustment line gives countedQuantity, not quantity',
          });
      } else {
        if (line.quantity === undefined)
          problems.push({ field: `lines.${index}.quantity`, message: 'quantity is required' });
        if (line.countedQuantity !== undefined || line.locationId !== undefined) {
          problems.push({
            field: `lines.${index}.countedQuantity`,
            message: 'countedQuantity and locationId belong to adjustments',
          });
        }
      }
      if (line.batch && type !== 'receipt')
        problems.push({ field: `lines.${index}.batch`, message: 'Only receipts create batches' });
      if (line.batch && line.batchId)
        problems.push({
          field: `lines.${index}.batch`,
          message: 'Give batchId or batch, not both',
        });
      return {
        id: randomUUID(),
        productId: line.productId,
        batchId: line.batchId ?? null,
        newBatch: type === 'receipt' ? (line.batch ?? null) : null,
        quantity: type === 'adjustment' ? null : (line.quantity ?? null),
        countedQuantity: type === 'adjustment' ? (line.countedQuantity ?? null) : null,
        sourceLocationId:
          type === 'adjustment' ? (line.locationId ?? null) : (line.sourceLocationId ?? null),
        destinationLocationId: type === 'adjustment' ? null : (line.destinationLocationId ?? null),
      };
    });
    if (problems.length) throw new ValidationError(problems);
    return specs;
  }

  private async assertValid(
    header: OperationHeader,
    lines: LineSpec[],
    user: AuthenticatedUser,
  ): Promise<void> {
    const prepared = await this.prepare(this.dataSource.manager, header, lines, user);
    if (prepared.errors.length) throw this.invalid(prepared.errors);
  }

  /** Applies the type's default locations and checks every line; loads what the posting needs. */
  private async prepare(
    manager: EntityManager,
    header: OperationHeader,
    lines: LineSpec[],
    user: AuthenticatedUser,
  ): Promise<Prepared> {
    const [from, to] = await this.defaults(manager, header);
    const resolved: ResolvedLine[] = lines.map((line, index) => ({
      line: index,
      productId: line.productId,
      batchId: line.batchId,
      newBatch: line.newBatch,
      quantity: line.quantity,
      countedQuantity: line.countedQuantity,
      from: line.sourceLocationId ?? from,
      to: header.type === 'adjustment' ? null : (line.destinationLocationId ?? to),
    }));
    const locationIds = [
      ...new Set(
        resolved.flatMap((line) => [line.from, line.to]).filter((id): id is string => !!id),
      ),
    ];
    const { products, locations, batches } = await this.stock.lookup(manager, {
      productIds: [...new Set(resolved.map((line) => line.productId))],
      locationIds,
      batchIds: [
        ...new Set(resolved.map((line) => line.batchId).filter((id): id is string => !!id)),
      ],
    });
    const context = {
      type: header.type,
      warehouseId: header.warehouseId,
      products,
      locations,
      batches,
      today: this.today(),
      usableWarehouses: this.scope.visibleWarehouseIds(user),
    };
    const errors = resolved.flatMap((line) => checkLine(line, context));
    if (header.type === 'adjustment') {
      const counted = new Map<string, number>();
      for (const line of resolved) {
        const key = `${line.productId}|${line.from}|${line.batchId ?? ''}`;
        const first = counted.get(key);
        if (first !== undefined)
          errors.push({
            line: line.line,
            error: StockErrorCode.ValidationFailed,
            message: `Already counted on line ${first + 1}`,
          });
        else counted.set(key, line.line);
      }
    }
    return {
      lines: resolved,
      lineIds: lines.map((line) => line.id),
      products,
      locations,
      batches,
      errors,
    };
  }

  /** Default source and destination per type (DESIGN.md §4), overridable by the header. */
  private async defaults(
    manager: EntityManager,
    header: OperationHeader,
  ): Promise<[string | null, string | null]> {
    const root = () => this.stock.warehouseRoot(manager, header.warehouseId);
    const virtual = (type: 'supplier' | 'customer' | 'scrap') =>
      this.stock.virtualLocation(manager, type);
    switch (header.type) {
      case 'receipt':
        return [
          header.sourceLocationId ?? (await virtual('supplier')),
          header.destinationLocationId ?? (await root()),
        ];
      case 'delivery':
        return [
          header.sourceLocationId ?? (await root()),
          header.destinationLocationId ?? (await virtual('customer')),
        ];
      case 'transfer':
        return [header.sourceLocationId ?? (await root()), header.destinationLocationId];
      case 'scrap':
        return [
          header.sourceLocationId ?? (await root()),
          header.destinationLocationId ?? (await virtual('scrap')),
        ];
      case 'adjustment':
        return [null, null];
    }
  }

  /**
   * Turns prepared lines into moves. A count becomes the difference between counted and held,
   * read under the level's lock so a concurrent posting cannot slip between reading and writing.
   */
  private async plan(
    manager: EntityManager,
    type: OperationType,
    prepared: Prepared,
    lock: boolean,
  ): Promise<PlannedMove[]> {
    if (type === 'delivery') return this.planDelivery(manager, prepared, lock);
    if (type !== 'adjustment') {
      return prepared.lines.map((line) => ({
        line: line.line,
        lineId: prepared.lineIds[line.line],
        productId: line.productId,
        batchId: line.batchId,
        from: line.from!,
        to: line.to!,
        quantity: line.quantity!,
      }));
    }
    const inventory = await this.stock.virtualLocation(manager, 'inventory');
    const inventoryInfo = (await this.stock.locations(manager, [inventory])).get(inventory)!;
    prepared.locations.set(inventory, inventoryInfo);
    const keys = prepared.lines.map((line) => ({
      productId: line.productId,
      locationId: line.from!,
      warehouseId: prepared.locations.get(line.from!)!.warehouse_id!,
      batchId: line.batchId,
    }));
    const levels = await this.posting.lock(manager, keys);
    const moves: PlannedMove[] = [];
    for (const line of prepared.lines) {
      const held = toMilli(
        levels.get(`${line.productId}|${line.from}|${line.batchId ?? ''}`)?.quantity ?? '0',
      );
      const difference = toMilli(line.countedQuantity!) - held;
      if (difference === 0n) continue;
      const gain = difference > 0n;
      moves.push({
        line: line.line,
        lineId: prepared.lineIds[line.line],
        productId: line.productId,
        batchId: line.batchId,
        from: gain ? inventory : line.from!,
        to: gain ? line.from! : inventory,
        quantity: fromMilli(gain ? difference : -difference),
      });
    }
    return moves;
  }

  /**
   * Deliveries: a line of a batch-tracked product without a batch is allocated FEFO — the
   * non-expired batches on hand at the source and below it, earliest expiry first, then code —
   * split over as many batches as it takes, one move each.
   */
  private async planDelivery(
    manager: EntityManager,
    prepared: Prepared,
    lock: boolean,
  ): Promise<PlannedMove[]> {
    const moves: PlannedMove[] = [];
    const shortages: ErrorDetail[] = [];
    const left = new Map<string, bigint>();
    const isFefo = (line: ResolvedLine) =>
      prepared.products.get(line.productId)?.tracking === 'batch' && !line.batchId;
    for (const line of prepared.lines.filter((candidate) => !isFefo(candidate))) {
      moves.push({
        line: line.line,
        lineId: prepared.lineIds[line.line],
        productId: line.productId,
        batchId: line.batchId,
        from: line.from!,
        to: line.to!,
        quantity: line.quantity!,
      });
    }
    // Taken in product order, so concurrent deliveries lock their candidates in one order.
    const fefoLines = prepared.lines
      .filter(isFefo)
      .sort((a, b) => a.productId.localeCompare(b.productId) || a.line - b.line);
    for (const line of fefoLines) {
      let needed = toMilli(line.quantity!);
      const candidates = await this.stock.fefoCandidates(
        manager,
        line.productId,
        line.from!,
        this.today(),
        lock,
      );
      for (const candidate of candidates) {
        const available = left.get(candidate.id) ?? toMilli(candidate.quantity);
        const take = available < needed ? available : needed;
        if (take <= 0n) continue;
        left.set(candidate.id, available - take);
        needed -= take;
        prepared.batches.set(candidate.batch_id, {
          id: candidate.batch_id,
          product_id: line.productId,
          code: candidate.code,
          expires_at: candidate.expires_at,
        });
        moves.push({
          line: line.line,
          lineId: prepared.lineIds[line.line],
          productId: line.productId,
          batchId: candidate.batch_id,
          from: candidate.location_id,
          to: line.to!,
          quantity: fromMilli(take),
        });
        if (needed === 0n) break;
      }
      if (needed > 0n) {
        shortages.push({
          line: line.line,
          error: StockErrorCode.InsufficientStock,
          message: `Not enough unexpired stock: ${fromMilli(toMilli(line.quantity!) - needed)} available, ${line.quantity} needed`,
        });
      }
    }
    if (shortages.length) {
      shortages.sort((a, b) => a.line! - b.line!);
      throw new BusinessRuleError(
        `Not enough stock for ${shortages.length} line(s): nothing was posted`,
        shortages,
        StockErrorCode.InsufficientStock,
      );
    }
    const unknown = [...new Set(moves.map((move) => move.from))].filter(
      (id) => !prepared.locations.has(id),
    );
    for (const [id, info] of await this.stock.locations(manager, unknown))
      prepared.locations.set(id, info);
    return moves.sort((a, b) => a.line - b.line);
  }

  /**
   * Receipts: creates the batches their lines name inline, and gives every received batch its
   * received date (today unless given) and default expiry. Returns the batch id per line.
   */
  private async receiveBatches(
    manager: EntityManager,
    lines: LineSpec[],
  ): Promise<(string | null)[]> {
    const inline = lines.filter((line) => line.newBatch && !line.batchId);
    const created = await this.stock.materialiseInlineBatches(
      manager,
      inline.map((line) => ({
        lineId: line.id,
        productId: line.productId,
        spec: line.newBatch!,
        token: newPublicToken(),
      })),
    );
    const ids = lines.map((line) => created.get(line.id) ?? line.batchId);
    await this.stock.receiveBatches(
      manager,
      ids.filter((id): id is string => !!id),
      this.today(),
    );
    return ids;
  }

  private today(): string {
    return todayIn(this.config.timeZone);
  }

  private async warehouseOfLocations(ids: (string | undefined)[]): Promise<string | null> {
    const known = ids.filter((id): id is string => !!id);
    const locations = await this.stock.locations(this.dataSource.manager, known);
    return [...locations.values()].find((location) => location.warehouse_id)?.warehouse_id ?? null;
  }
}
