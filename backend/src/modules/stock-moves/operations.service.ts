import { Injectable } from '@nestjs/common';
import { Operation, OperationDetail, Page, QuickMoveResponse } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CreateOperationDto, OperationListQueryDto, QuickMoveDto } from './dto/operation.dto';
import { IdempotencyContext, Outcome } from './idempotency';
import { OperationDraftsService } from './operation-drafts.service';
import { OperationPostingService } from './operation-posting.service';

/**
 * What the operation routes call: drafts (OperationDraftsService) and posting
 * (OperationPostingService), behind the one name the controllers know.
 */
@Injectable()
export class OperationsService {
  constructor(
    private readonly drafts: OperationDraftsService,
    private readonly postings: OperationPostingService,
  ) {}

  list(user: AuthenticatedUser, query: OperationListQueryDto): Promise<Page<Operation>> {
    return this.drafts.list(user, query);
  }

  get(user: AuthenticatedUser, id: string): Promise<OperationDetail> {
    return this.drafts.get(user, id);
  }

  create(
    dto: CreateOperationDto,
    user: AuthenticatedUser,
    key?: IdempotencyContext,
  ): Promise<Outcome<OperationDetail>> {
    return this.drafts.create(dto, user, key);
  }

  /** Drafts created in the caller's transaction, all or none (OperationDraftsService.createAll). */
  createAll(
    manager: EntityManager,
    dtos: CreateOperationDto[],
    user: AuthenticatedUser,
  ): Promise<{ id: string; reference: string }[]> {
    return this.drafts.createAll(manager, dtos, user);
  }

  /** `body` with the references its operations got at commit. */
  numbered<T>(body: T): Promise<T> {
    return this.drafts.numbered(body);
  }

  update(id: string, body: unknown, user: AuthenticatedUser): Promise<OperationDetail> {
    return this.drafts.update(id, body, user);
  }

  cancel(id: string, user: AuthenticatedUser): Promise<OperationDetail> {
    return this.drafts.cancel(id, user);
  }

  validate(
    id: string,
    user: AuthenticatedUser,
    key?: IdempotencyContext,
  ): Promise<Outcome<OperationDetail>> {
    return this.postings.validate(id, user, key);
  }

  quickMove(
    dto: QuickMoveDto,
    user: AuthenticatedUser,
    key?: IdempotencyContext,
  ): Promise<Outcome<QuickMoveResponse>> {
    return this.postings.quickMove(dto, user, key);
  }

  reverse(id: string, user: AuthenticatedUser): Promise<OperationDetail> {
    return this.postings.reverse(id, user);
  }
}
