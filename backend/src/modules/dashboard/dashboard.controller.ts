import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission } from '@stockmaster/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { DashboardService } from './dashboard.service';
import { DashboardDto, DashboardQueryDto } from './dto/dashboard.dto';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Endpoint({
    access: Permission.StockRead,
    operationId: 'getDashboard',
    summary: 'What needs attention, today’s activity and the charts, in one answer',
    description:
      'Limited to the caller’s warehouses (agents: theirs), or to `warehouseId`; a warehouse the caller cannot see answers 404. Each card’s count is the total of the list it links to (see the card descriptions).',
    type: DashboardDto,
    errors: [400, 404],
  })
  get(
    @Query() query: DashboardQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DashboardDto> {
    return this.dashboard.dashboard(user, query.warehouseId);
  }
}
