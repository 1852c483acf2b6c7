import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@stockmaster/contracts';
import { RequirePermission } from '../../common/auth/require-permission.decorator';
import { ApiErrors } from '../../common/swagger/api-errors.decorator';
import { PageOf } from '../../common/swagger/page-of';
import { AuditEntry, Page } from '@stockmaster/contracts';
import { AuditService } from './audit.service';
import { AuditEntryDto } from './dto/audit-entry.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({ summary: 'Audit log, newest first (admin)' })
  @ApiOkResponse({ type: PageOf(AuditEntryDto) })
  @ApiErrors(400, 401, 403)
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEntry>> {
    return this.audit.list(query);
  }
}
