import { Controller, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission } from '@stockmaster/contracts';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { AlertDigestService } from './alert-digest.service';
import { DigestQueryDto, DigestRunResultDto } from './dto/digest.dto';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly digest: AlertDigestService) {}

  @Post('digest')
  @Endpoint({
    access: Permission.UsersManage,
    operationId: 'runAlertDigest',
    summary: 'Run the daily alert digest now, or (dryRun=true) say who would receive what',
    description:
      'Without dryRun the mails are queued at once, on top of the scheduled digest: the daily run at ALERT_DIGEST_AT still goes out (a manual run is for checking or catching up, not a replacement).',
    status: HttpStatus.OK,
    type: DigestRunResultDto,
    errors: [400],
  })
  run(@Query() query: DigestQueryDto): Promise<DigestRunResultDto> {
    return this.digest.run({ dryRun: query.dryRun ?? false });
  }
}
