import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@stockmaster/contracts';
import { RequirePermission } from '../../common/auth/require-permission.decorator';
import { ApiErrors } from '../../common/swagger/api-errors.decorator';
import { AuditService } from './audit.service';
import { AuditPageDto } from './dto/audit-entry.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({ summary: 'Audit log, newest first (admin)' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiErrors(400, 401, 403)
  list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query);
  }
}
