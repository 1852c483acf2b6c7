import { AlertDigestRunEntity } from '../modules/alerts/alert-digest-run.entity';
import { AuditEntryEntity } from '../modules/audit/audit-entry.entity';
import { InvitationEntity } from '../modules/auth/invitation.entity';
import { PasswordResetEntity } from '../modules/auth/password-reset.entity';
import { RateLimitEntity } from '../modules/auth/rate-limit.entity';
import { RefreshTokenEntity } from '../modules/auth/refresh-token.entity';
import { SignInFailureEntity } from '../modules/auth/sign-in-failure.entity';
import { UserWarehouseEntity } from '../modules/auth/user-warehouse.entity';
import { UserEntity } from '../modules/auth/user.entity';
import { BatchStatusChangeEntity } from '../modules/batches/batch-status-change.entity';
import { BatchEntity } from '../modules/batches/batch.entity';
import { CategoryEntity } from '../modules/catalog/category.entity';
import { ProductEntity } from '../modules/catalog/product.entity';
import { ReorderRuleEntity } from '../modules/catalog/reorder-rule.entity';
import { MailOutboxMessageEntity } from '../modules/mail/mail-outbox-message.entity';
import { IdempotencyKeyEntity } from '../modules/stock-moves/idempotency-key.entity';
import { OperationLineEntity } from '../modules/stock-moves/operation-line.entity';
import { OperationSequenceEntity } from '../modules/stock-moves/operation-sequence.entity';
import { OperationEntity } from '../modules/stock-moves/operation.entity';
import { StockLevelEntity } from '../modules/stock-moves/stock-level.entity';
import { StockMoveEntity } from '../modules/stock-moves/stock-move.entity';
import {
  StockExpiryTotalEntity,
  StockFlowEntity,
  StockTotalEntity,
} from '../modules/stock-moves/stock-summary.entity';
import {
  StockSnapshotDayEntity,
  StockSnapshotEntity,
} from '../modules/stock-moves/stock-snapshot.entity';
import { LocationEntity } from '../modules/warehouse/location.entity';
import { WarehouseEntity } from '../modules/warehouse/warehouse.entity';

/**
 * One entity per table of the migrations, listed rather than globbed so that the compiled app,
 * the ts-jest harness and the CLI data source all see the same set.
 *
 * The migrations stay the source of truth; the entities describe what they built, and an API
 * test proves TypeORM finds nothing to change. What TypeORM cannot write (expression, operator
 * class and descending indexes) is declared by name with `synchronize: false`, so its diff
 * leaves it alone; checks are declared by name and expression; triggers are the migrations' only.
 */
export const ENTITIES = [
  UserEntity,
  UserWarehouseEntity,
  RefreshTokenEntity,
  PasswordResetEntity,
  InvitationEntity,
  SignInFailureEntity,
  RateLimitEntity,
  AuditEntryEntity,
  MailOutboxMessageEntity,
  CategoryEntity,
  ProductEntity,
  WarehouseEntity,
  LocationEntity,
  ReorderRuleEntity,
  OperationSequenceEntity,
  OperationEntity,
  OperationLineEntity,
  StockMoveEntity,
  StockLevelEntity,
  StockTotalEntity,
  StockExpiryTotalEntity,
  StockFlowEntity,
  IdempotencyKeyEntity,
  BatchEntity,
  AlertDigestRunEntity,
  BatchStatusChangeEntity,
  StockSnapshotDayEntity,
  StockSnapshotEntity,
];
