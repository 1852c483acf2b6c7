import { ApiProperty } from '@nestjs/swagger';
import { AuditEntry, PageMeta } from '@stockmaster/contracts';

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

export class PageMetaDto implements PageMeta {
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() total!: number;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) data!: AuditEntryDto[];
  @ApiProperty() meta!: PageMetaDto;
}
