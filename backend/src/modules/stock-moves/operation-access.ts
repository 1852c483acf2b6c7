import { HttpStatus, Injectable } from '@nestjs/common';
import { canOperate, ErrorCode, OperationType, StockErrorCode } from '@stockmaster/contracts';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import { ConflictError, DomainError, NotFoundError } from '../../common/errors/domain-error';
import { Outcome } from './idempotency';
import { OperationRow } from './operation-rows';
import { OperationsRepository } from './operations.repository';

export const alreadyReversed = () =>
  new ConflictError('This operation has already been reversed', StockErrorCode.AlreadyReversed);
export const notDraft = () =>
  new ConflictError('Only a draft operation can change', StockErrorCode.OperationNotDraft);

export function forbidden(what: string): DomainError {
  return new DomainError(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, `Your role may not ${what}`);
}

/** What every operation use case checks first: the operation is visible, the type is allowed. */
@Injectable()
export class OperationAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly operations: OperationsRepository,
    private readonly scope: WarehouseScope,
  ) {}

  /** The operation, when it is in one of the caller's warehouses; 404 otherwise. */
  async visible(user: AuthenticatedUser, id: string): Promise<OperationRow> {
    const op = await this.operations.find(this.dataSource.manager, id);
    if (!op || !this.scope.canUse(user, op.warehouse_id)) throw new NotFoundError('Operation');
    return op;
  }

  /** The route checked `operations.write`; the type may need more (the shared OPERATION_PERMISSION). */
  assertMayOperate(user: AuthenticatedUser, type: OperationType): void {
    if (!canOperate(user.role, type)) throw forbidden(`handle ${type} operations`);
  }

  /** An answer with the references its operations got at commit (see `pendingReference`). */
  async numbered<T>(outcome: Outcome<T>): Promise<Outcome<T>> {
    return {
      ...outcome,
      body: await this.operations.resolveReferences(this.dataSource.manager, outcome.body),
    };
  }
}
