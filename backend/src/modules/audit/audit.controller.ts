import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditEntry, Page, Permission } from '@stockmaster/contracts';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { PageOf } from '../../common/swagger/page-of';
import { AuditService } from './audit.service';
import { AuditEntryDto } from './dto/audit-entry.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Endpoint({
    access: Permission.AuditRead,
    operationId: 'listAuditEntries',
    summary: 'Audit log, newest first (admin)',
    type: PageOf(AuditEntryDto),
    errors: [400],
  })
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEntry>> {
    return this.audit.list(query);
  }
}
