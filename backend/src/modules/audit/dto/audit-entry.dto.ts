import { ApiProperty } from '@nestjs/swagger';
import {
  AUDIT_ENTITY_TYPES,
  AuditEntityType,
  AuditEntry,
  AuditTarget,
} from '@stockmaster/contracts';

class AuditTargetOwnerDto {
  @ApiProperty({ enum: AUDIT_ENTITY_TYPES }) type!: AuditEntityType;
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class AuditTargetDto implements AuditTarget {
  @ApiProperty({ enum: AUDIT_ENTITY_TYPES }) type!: AuditEntityType;
  @ApiProperty() id!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'How people know it now (SKU and name, reference, path, email); null once deleted',
    example: 'MAIN/OUT/00042',
  })
  label!: string | null;
  @ApiProperty({
    nullable: true,
    type: AuditTargetOwnerDto,
    description: "The page that shows what has none of its own: a location's warehouse",
  })
  owner!: AuditTargetOwnerDto | null;
}

export class AuditEntryDto implements AuditEntry {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorEmail!: string | null;
  @ApiProperty({ example: 'auth.login.failed' }) action!: string;
  @ApiProperty({ nullable: true, type: String }) entityType!: string | null;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ nullable: true, type: AuditTargetDto }) target!: AuditTargetDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) summary!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
}
