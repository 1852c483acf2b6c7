import { ApiProperty } from '@nestjs/swagger';
import { AuditEntry } from '@stockmaster/contracts';

export class AuditEntryDto implements AuditEntry {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorEmail!: string | null;
  @ApiProperty({ example: 'auth.login.failed' }) action!: string;
  @ApiProperty({ nullable: true, type: String }) entityType!: string | null;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) summary!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
}
