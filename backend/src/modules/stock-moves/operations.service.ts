import { HttpStatus, Injectable } from '@nestjs/common';
import {
  can,
  canOperate,
  ErrorCode,
  OperationDetail,
  OperationType,
  Page,
  Operation,
  parseSort,
  REVERSAL_PERMISSION,
  QuickMoveResponse,
  StockErrorCode,
} from '@stockmaster/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  ValidationError,
} from '../../common/errors/domain-error';
import { PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../common/sql';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { newPublicToken } from '../batches/public-token';
import {
  CreateOperationDto,
  OperationListQueryDto,
  QuickMoveDto,
  UpdateOperationDto,
} from './dto/operation.dto';
import { parseBody } from './dto/parse-body';
import { patchedHeader, requestedHeader, storedHeader } from './draft-header';
import { IdempotencyContext, IdempotencyService, Outcome } from './idempotency';
import { fromRow, LineSpec, lineSpecs } from './line-specs';
import { OperationPlanner } from './operation-planner';
import { blockedBatchRefusal, lineProblems, LocationInfo } from './operation-rules';
import { OperationRow } from './operation-rows';
import { LineInsert, OperationHeader, OperationsRepository } from './operations.repository';
import { postedDetail } from './operation-view';
import { MissingLevels, PlannedMove, StockPosting } from './posting';
import { StockRepository } from './stock.repository';

const alreadyReversed = () =>
  new ConflictError('This operation has already been reversed', StockErrorCode.AlreadyReversed);
const notDraft = () =>
  new ConflictError('Only a draft operation can change', StockErrorCode.OperationNotDraft);

/**
 * Operations: drafts, validation, cancellation, reversal and the one-line shortcut. Every path
 * that changes stock goes through StockPosting inside one transaction; what the lines mean
 * (defaults, rules, allocation) is the OperationPlanner's.
 */
@Injectable()
export class OperationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly operations: OperationsRepository,
    private readonly stock: StockRepository,
    private readonly planner: OperationPlanner,
    private readonly posting: StockPosting,
    private readonly idempotency: IdempotencyService,
    private readonly scope: WarehouseScope,
    private readonly audit: AuditService,
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
    const header = requestedHeader(dto, randomUUID(), user.id);
    const lines = lineSpecs(dto.type, dto.lines, this.planner.today());
    await this.assertValid(this.dataSource.manager, header, lines, user);
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

  /**
   * A partial update of a draft (see UpdateOperationDto). The body is read only once the
   * operation is known to be a visible draft: anything sent to a done or cancelled one is 409.
   */
  async update(id: string, body: unknown, user: AuthenticatedUser): Promise<OperationDetail> {
    const current = await this.visible(user, id);
    this.assertMayOperate(user, current.type);
    if (current.status !== 'draft') throw notDraft();
    const dto = await parseBody(UpdateOperationDto, body);
    const header = patchedHeader(current, dto);
    const replaced = dto.lines && lineSpecs(current.type, dto.lines, this.planner.today());
    return transaction(this.dataSource, async (manager) => {
      const locked = (await this.operations.lock(manager, id))!;
      if (locked.status !== 'draft') throw notDraft();
      // The stored lines are checked again too: the header they depend on may have changed.
      const lines = replaced ?? (await this.operations.lines(manager, id)).map(fromRow);
      await this.assertValid(manager, header, lines, user);
      await this.operations.updateHeader(manager, header);
      if (replaced) await this.operations.replaceLines(manager, id, replaced);
      await this.audit.record(manager, {
        actor: user,
        action: 'operation.updated',
        entityType: 'operation',
        entityId: id,
        summary: {
          fields: Object.keys(dto).filter((field) => dto[field as keyof typeof dto] !== undefined),
          lines: lines.length,
        },
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
   * Validates a draft: all of it or nothing. In one transaction the operation is locked, its
   * lines checked and planned — a failure names every failing line, whatever failed — its moves
   * posted and it is marked done.
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
      const prepared = await this.planner.prepare(
        manager,
        storedHeader(op),
        lines,
        this.scope.visibleWarehouseIds(user),
      );
      const inline = lines.filter((line) => line.newBatch).map((line) => line.id);
      if (op.type === 'receipt') {
        if (prepared.errors.length) throw lineProblems(prepared.errors);
        await this.receiveBatches(manager, lines);
        lines = (await this.operations.lines(manager, id)).map(fromRow);
        prepared.lines.forEach((line, index) =>
          Object.assign(line, { batchId: lines[index].batchId, newBatch: null }),
        );
      }
      const moves = await this.planner.plan(manager, prepared);
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
      includeChildren: dto.includeChildren ?? false,
      partner: null,
      scheduledAt: null,
      notes: null,
      createdBy: user.id,
    };
    const [line] = lineSpecs(
      dto.type,
      [
        {
          productId: dto.productId,
          quantity: dto.quantity,
          batchId: dto.batchId,
          batch: dto.batch,
          acceptExpired: dto.acceptExpired,
        },
      ],
      this.planner.today(),
      (_, field) => field,
    );
    const prepared = await this.planner.prepare(
      this.dataSource.manager,
      header,
      [line],
      this.scope.visibleWarehouseIds(user),
    );
    if (prepared.errors.length) throw lineProblems(prepared.errors);

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
      const moves = await this.planner.plan(manager, { ...prepared, lines });
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
    if (!can(user.role, REVERSAL_PERMISSION)) throw this.forbidden('reverse operations');
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
            ...storedHeader(op),
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
        blockedBatchRefusal(error);
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

  /** The route checked `operations.write`; the type may need more (the shared OPERATION_PERMISSION). */
  private assertMayOperate(user: AuthenticatedUser, type: OperationType): void {
    if (!canOperate(user.role, type)) throw this.forbidden(`handle ${type} operations`);
  }

  private forbidden(what: string): DomainError {
    return new DomainError(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, `Your role may not ${what}`);
  }

  /** Checks every line against the rules that need no stock: 422 naming each failing line. */
  private async assertValid(
    manager: EntityManager,
    header: OperationHeader,
    lines: LineSpec[],
    user: AuthenticatedUser,
  ): Promise<void> {
    const prepared = await this.planner.prepare(
      manager,
      header,
      lines,
      this.scope.visibleWarehouseIds(user),
    );
    if (prepared.errors.length) throw lineProblems(prepared.errors);
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
      this.planner.today(),
    );
    return ids;
  }

  private async warehouseOfLocations(ids: (string | undefined)[]): Promise<string | null> {
    const known = ids.filter((id): id is string => !!id);
    const locations = await this.stock.locations(this.dataSource.manager, known);
    return [...locations.values()].find((location) => location.warehouse_id)?.warehouse_id ?? null;
  }
}
