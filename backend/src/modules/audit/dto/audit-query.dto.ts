import { AuditQuery } from '@stockmaster/contracts';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/dto/page-query.dto';

export class AuditQueryDto extends PageQueryDto implements AuditQuery {
  /** Only entries made by this user. */
  @IsOptional()
  @IsUUID()
  userId?: string;

  /** Exact action, e.g. `auth.login.failed`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  /** Inclusive lower bound (ISO 8601 date or date-time). */
  @IsOptional()
  @IsISO8601()
  from?: string;

  /** Exclusive upper bound (ISO 8601 date or date-time). */
  @IsOptional()
  @IsISO8601()
  to?: string;
}
