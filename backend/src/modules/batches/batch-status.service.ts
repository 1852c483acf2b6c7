import { Injectable } from '@nestjs/common';
import { BatchDetail, BatchErrorCode, BatchStatus } from '@stockmaster/contracts';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { BatchStatusRepository } from './batch-status.repository';
import { BatchesService } from './batches.service';

const STATUS_ACTION: Record<BatchStatus, string> = {
  available: 'released',
  quarantined: 'quarantined',
  recalled: 'recalled',
};

/** A batch's status: held, released, recalled; each change recorded with its reason. */
@Injectable()
export class BatchStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchesService,
    private readonly repository: BatchStatusRepository,
    private readonly audit: AuditService,
  ) {}

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
    await this.batches.visible(caller, id);
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
    return this.batches.get(caller, id);
  }
}
