import { HttpStatus, Injectable } from '@nestjs/common';
import {
  can,
  OperationDetail,
  QuickMoveResponse,
  REVERSAL_PERMISSION,
  StockErrorCode,
} from '@stockmaster/contracts';
import { timeOrderedId } from '../../common/time-ordered-id';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import { ConflictError, ValidationError } from '../../common/errors/domain-error';
import { PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../common/sql';
import { AuditService } from '../audit/audit.service';
import { WarehouseStockHistory } from '../warehouse/warehouse-stock-history';
import { QuickMoveDto } from './dto/operation.dto';
import { storedHeader } from './draft-header';
import { IdempotencyContext, Outcome } from './idempotency';
import { fromRow, lineSpecs } from './line-specs';
import { alreadyReversed, forbidden, notDraft, OperationAccess } from './operation-access';
import { BatchInfo, lineProblems } from './operation-rules';
import { postedDetail, writtenDetail } from './operation-view';
import { LineInsert, OperationHeader } from './operation-rows';
import { OperationsRepository } from './operations.repository';
import { PlannedMove } from './planned-move';
import { StockPosting } from './posting';
import { PostingTransaction } from './posting-transaction';
import { ReceiptBatches } from './receipt-batches';
import { PlanningService } from './planning.service';
import { StockRepository } from './stock.repository';

/**
 * Posting: validating a draft, the one-line shortcut and reversal. Each changes stock through
 * StockPosting inside one transaction (PostingTransaction); what the lines mean (defaults, rules,
 * allocation) is the planner's.
 */
@Injectable()
export class OperationPostingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly operations: OperationsRepository,
    private readonly stock: StockRepository,
    private readonly planning: PlanningService,
    private readonly posting: StockPosting,
    private readonly transactions: PostingTransaction,
    private readonly access: OperationAccess,
    private readonly scope: WarehouseScope,
    private readonly audit: AuditService,
    private readonly receiptBatches: ReceiptBatches,
    private readonly stockHistory: WarehouseStockHistory,
  ) {}

  /**
   * Validates a draft: all of it or nothing. In one transaction the operation is locked, its
   * lines checked and planned — a failure names every failing line, whatever failed — its moves
   * posted and it is marked done. Answers from what it wrote: only the header is read back.
   */
  async validate(
    id: string,
    user: AuthenticatedUser,
    key?: IdempotencyContext,
  ): Promise<Outcome<OperationDetail>> {
    const current = await this.access.visible(user, id);
    this.access.assertMayOperate(user, current.type);
    return this.transactions.run(key, HttpStatus.OK, async (manager) => {
      const op = (await this.operations.lock(manager, id))!;
      if (op.status !== 'draft') throw notDraft();
      const rows = await this.operations.lines(manager, id);
      const lines = rows.map(fromRow);
      const prepared = await this.planning.prepare(
        manager,
        storedHeader(op),
        lines,
        this.scope.visibleWarehouseIds(user),
      );
      const inline = lines.filter((line) => line.newBatch).map((line) => line.id);
      let received: Map<string, BatchInfo> | null = null;
      let batchIds = lines.map((line) => line.batchId);
      if (op.type === 'receipt') {
        if (prepared.errors.length) throw lineProblems(prepared.errors);
        batchIds = await this.receiptBatches.receive(manager, lines, prepared.products);
        prepared.lines.forEach((line, index) =>
          Object.assign(line, { batchId: batchIds[index], newBatch: null }),
        );
        // Receiving dates the batches, and may give them their expiry: answer them as they now are.
        received = await this.stock.batches(manager, [
          ...new Set(batchIds.filter((batchId): batchId is string => !!batchId)),
        ]);
      }
      const moves = await this.planning.plan(manager, prepared);
      const applied = await this.transactions.ensureInlineBatchLevels(
        manager,
        moves,
        inline,
        prepared.locations,
      );
      const written = await this.posting.post(manager, id, moves, prepared.locations, applied);
      await this.operations.markDone(manager, id, user.id);
      await this.audit.record(manager, {
        actor: user,
        action: 'operation.validated',
        entityType: 'operation',
        entityId: id,
        summary: { reference: op.reference, moves: moves.length },
      });
      return writtenDetail((await this.operations.view(manager, id))!, {
        operationId: id,
        reference: op.reference,
        // The lines as stored: what the draft named, with the batches receiving gave them.
        lines: lines.map((line, index) => ({
          ...line,
          lineNo: rows[index].line_no,
          batchId: batchIds[index],
          newBatch: rows[index].new_batch,
        })),
        moves: written,
        products: prepared.products,
        locations: prepared.locations,
        batches: received ? new Map([...prepared.batches, ...received]) : prepared.batches,
      });
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
    this.access.assertMayOperate(user, dto.type);
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
      id: timeOrderedId(),
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
      this.planning.today(),
      (_, field) => field,
    );
    const prepared = await this.planning.prepare(
      this.dataSource.manager,
      header,
      [line],
      this.scope.visibleWarehouseIds(user),
    );
    if (prepared.errors.length) throw lineProblems(prepared.errors);

    // Without a batch to receive, stock to read under its locks, a warehouse to flag or a key to
    // claim, the posting is one statement (moves, levels, operation, line and audit row) and
    // runs as its own transaction: no BEGIN and COMMIT round trips.
    const receives = header.type === 'receipt' && !!(line.batchId || line.newBatch);
    const direct = key || receives ? null : this.planning.planWithoutStock(prepared);
    const oneStatement =
      !!direct &&
      direct
        .flatMap((move) => [move.from, move.to])
        .every((id) => {
          const warehouse = prepared.locations.get(id)?.warehouse_id;
          return !warehouse || this.stockHistory.isMarked(warehouse);
        });

    const outcome = await this.transactions.run(
      key,
      HttpStatus.CREATED,
      async (manager) => {
        // Nothing outside this function changes: a retried transaction starts from the request.
        let stored = line;
        let lines = prepared.lines;
        if (receives) {
          const [batchId] = await this.receiptBatches.receive(manager, [line], prepared.products);
          stored = { ...line, batchId, newBatch: null };
          lines = [{ ...prepared.lines[0], batchId, newBatch: null }];
          // Receiving can set the batch's expiry: the answer shows it as it now is.
          if (batchId)
            prepared.batches.set(
              batchId,
              (await this.stock.batches(manager, [batchId])).get(batchId)!,
            );
        }
        const moves = direct ?? (await this.planning.plan(manager, { ...prepared, lines }));
        const applied = await this.transactions.ensureInlineBatchLevels(
          manager,
          moves,
          line.newBatch ? [line.id] : [],
          prepared.locations,
        );
        const written = await this.posting.post(
          manager,
          header.id,
          moves,
          prepared.locations,
          applied,
          this.operations.insertPart(
            header,
            [stored],
            user.id,
            this.audit.part({
              actor: user,
              action: 'operation.validated',
              entityType: 'operation',
              entityId: header.id,
              summary: { shortcut: true, productId: dto.productId, quantity: dto.quantity },
            }),
          ),
        );
        // The operation is created and done in the statement that wrote its moves: at their time.
        const doneAt = written[0].done_at;
        const operation = postedDetail({
          header,
          reference: this.operations.pendingReference(header.id),
          createdAt: doneAt,
          doneAt,
          by: { id: user.id, fullName: user.fullName },
          lines: [stored],
          moves: written,
          products: prepared.products,
          locations: prepared.locations,
          batches: prepared.batches,
        });
        return { operation, move: operation.moves[0] };
      },
      oneStatement,
    );
    return this.access.numbered(outcome);
  }

  /**
   * Posts the mirror of a validated operation, once (a second try answers 409); 422 when the
   * stock it must take back has gone meanwhile.
   */
  async reverse(id: string, user: AuthenticatedUser): Promise<OperationDetail> {
    if (!can(user.role, REVERSAL_PERMISSION)) throw forbidden('reverse operations');
    const original = await this.access.visible(user, id);
    if (original.status !== 'done')
      throw new ConflictError(
        'Only a validated operation can be reversed',
        StockErrorCode.OperationNotDraft,
      );
    if (await this.operations.isReversed(this.dataSource.manager, id)) throw alreadyReversed();
    const originalMoves = (await this.operations.detail(this.dataSource.manager, id))!.moves;
    const mirrorId = timeOrderedId();
    const lines: LineInsert[] = originalMoves.map((move) => ({
      id: timeOrderedId(),
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
      await this.transactions.run(undefined, HttpStatus.CREATED, async (manager) => {
        // Concurrent reversals queue on this lock; the later one then sees the earlier's mirror.
        const op = (await this.operations.lock(manager, id))!;
        if (await this.operations.isReversed(manager, id)) throw alreadyReversed();
        await this.posting.post(
          manager,
          mirrorId,
          moves,
          locations,
          new Set(),
          this.operations.insertPart(
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
            this.audit.part({
              actor: user,
              action: 'operation.reversed',
              entityType: 'operation',
              entityId: id,
              summary: { reference: op.reference, reversalId: mirrorId },
            }),
          ),
        );
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

  private async warehouseOfLocations(ids: (string | undefined)[]): Promise<string | null> {
    const known = ids.filter((id): id is string => !!id);
    const locations = await this.stock.locations(this.dataSource.manager, known);
    return [...locations.values()].find((location) => location.warehouse_id)?.warehouse_id ?? null;
  }
}
