import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { HealthStatusDto } from './health-status.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Endpoint({
    access: 'public',
    operationId: 'getHealth',
    summary: 'Liveness and database reachability, for load balancers and monitors',
    type: HealthStatusDto,
  })
  @ApiServiceUnavailableResponse({
    type: HealthStatusDto,
    description: 'The database is unreachable',
  })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthStatusDto> {
    const status = await this.health.check();
    if (status.database === 'down') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return status;
  }
}
