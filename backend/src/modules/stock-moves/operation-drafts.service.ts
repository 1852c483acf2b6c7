import { HttpStatus, Injectable } from '@nestjs/common';
import { OperationDetail, Operation, Page, parseSort } from '@stockmaster/contracts';
import { timeOrderedId } from '../../common/time-ordered-id';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import { NotFoundError } from '../../common/errors/domain-error';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { CreateOperationDto, OperationListQueryDto, UpdateOperationDto } from './dto/operation.dto';
import { parseBody } from './dto/parse-body';
import { patchedHeader, requestedHeader } from './draft-header';
import { IdempotencyContext, IdempotencyService, Outcome } from './idempotency';
import { fromRow, LineSpec, lineSpecs } from './line-specs';
import { notDraft, OperationAccess } from './operation-access';
import { lineProblems } from './operation-rules';
import { OperationHeader } from './operation-rows';
import { OperationsRepository } from './operations.repository';
import { PlanningService } from './planning.service';

/** Operation drafts: list, read, create, change and cancel. Nothing here moves stock. */
@Injectable()
export class OperationDraftsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly operations: OperationsRepository,
    private readonly planning: PlanningService,
    private readonly idempotency: IdempotencyService,
    private readonly access: OperationAccess,
    private readonly scope: WarehouseScope,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthenticatedUser, query: OperationListQueryDto): Promise<Page<Operation>> {
    const sort = parseSort(query.sort ?? '-createdAt');
    const { rows, total } = await this.operations.list(this.dataSource.manager, {
      type: query.type,
      status: query.status,
      warehouseId: query.warehouseId,
      productId: query.productId,
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
    const { header, lines } = this.requested(dto, user);
    await this.assertValid(this.dataSource.manager, header, lines, user);
    const outcome = await this.idempotency.run(key, HttpStatus.CREATED, async (manager) => {
      await this.insertDraft(manager, header, lines, user);
      return (await this.operations.detail(manager, header.id))!;
    });
    return this.access.numbered(outcome);
  }

  /**
   * Creates drafts in the caller's transaction — a stock import's, with the batches their lines
   * name — so that they are all created or none is. Each is checked as `create` checks it, inside
   * that transaction (it sees what the transaction wrote before). Answers each draft's id and its
   * reference, which stays pending until the transaction commits (see `numbered`).
   */
  async createAll(
    manager: EntityManager,
    dtos: CreateOperationDto[],
    user: AuthenticatedUser,
  ): Promise<{ id: string; reference: string }[]> {
    const created: { id: string; reference: string }[] = [];
    for (const dto of dtos) {
      const { header, lines } = this.requested(dto, user);
      await this.assertValid(manager, header, lines, user);
      await this.insertDraft(manager, header, lines, user);
      created.push({ id: header.id, reference: this.operations.pendingReference(header.id) });
    }
    return created;
  }

  /** An answer with the references its drafts got at commit. */
  async numbered<T>(body: T): Promise<T> {
    return (await this.access.numbered({ body, replayed: false })).body;
  }

  /** A new draft's header and lines, once the caller may create it at all. */
  private requested(
    dto: CreateOperationDto,
    user: AuthenticatedUser,
  ): { header: OperationHeader; lines: LineSpec[] } {
    this.access.assertMayOperate(user, dto.type);
    this.scope.assertVisible(user, dto.warehouseId, 'Warehouse');
    return {
      header: requestedHeader(dto, timeOrderedId(), user.id),
      lines: lineSpecs(dto.type, dto.lines, this.planning.today()),
    };
  }

  private async insertDraft(
    manager: EntityManager,
    header: OperationHeader,
    lines: LineSpec[],
    user: AuthenticatedUser,
  ): Promise<void> {
    await this.operations.insert(manager, header, lines);
    await this.audit.record(manager, {
      actor: user,
      action: 'operation.created',
      entityType: 'operation',
      entityId: header.id,
      summary: { type: header.type, lines: lines.length },
    });
  }

  /**
   * A partial update of a draft (see UpdateOperationDto). The body is read only once the
   * operation is known to be a visible draft: anything sent to a done or cancelled one is 409.
   */
  async update(id: string, body: unknown, user: AuthenticatedUser): Promise<OperationDetail> {
    const current = await this.access.visible(user, id);
    this.access.assertMayOperate(user, current.type);
    if (current.status !== 'draft') throw notDraft();
    const dto = await parseBody(UpdateOperationDto, body);
    const header = patchedHeader(current, dto);
    const replaced = dto.lines && lineSpecs(current.type, dto.lines, this.planning.today());
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
    const current = await this.access.visible(user, id);
    this.access.assertMayOperate(user, current.type);
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

  /** Checks every line against the rules that need no stock: 422 naming each failing line. */
  private async assertValid(
    manager: EntityManager,
    header: OperationHeader,
    lines: LineSpec[],
    user: AuthenticatedUser,
  ): Promise<void> {
    const prepared = await this.planning.prepare(
      manager,
      header,
      lines,
      this.scope.visibleWarehouseIds(user),
    );
    if (prepared.errors.length) throw lineProblems(prepared.errors);
  }
}
