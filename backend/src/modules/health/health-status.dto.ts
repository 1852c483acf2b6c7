import { ApiProperty } from '@nestjs/swagger';
import { ComponentState, HealthStatus } from '@stockmaster/contracts';

export class HealthStatusDto implements HealthStatus {
  @ApiProperty({ enum: ['ok', 'error'], example: 'ok' })
  status!: 'ok' | 'error';

  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  database!: ComponentState;
}
