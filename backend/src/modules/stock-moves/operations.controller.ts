import { Body, Controller, Get, HttpStatus, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  Operation,
  OperationDetail,
  Page,
  Permission,
  REVERSAL_PERMISSION,
} from '@stockmaster/contracts';
import type { Response } from 'express';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { PageOf } from '../../common/swagger/page-of';
import { CreateOperationDto, OperationListQueryDto, UpdateOperationDto } from './dto/operation.dto';
import { OperationDetailDto, OperationDto } from './dto/stock-responses.dto';
import { Idempotency, IdempotencyContext } from './idempotency';
import { IdempotencyHeader, reply } from './idempotent-reply';
import { OperationsService } from './operations.service';
import { IdParam } from '../../common/http/parse-id.pipe';

@ApiTags('operations')
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get()
  @Endpoint({
    access: Permission.StockRead,
    operationId: 'listOperations',
    summary: 'Operations (agents: their warehouses), newest first by default',
    type: PageOf(OperationDto),
    errors: [400],
  })
  list(
    @Query() query: OperationListQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<Operation>> {
    return this.operations.list(user, query);
  }

  @Post()
  @Endpoint({
    access: Permission.OperationsWrite,
    operationId: 'createOperation',
    summary: 'Create a draft; its reference is numbered gap-free per warehouse and type',
    description:
      'Adjustments and scrap need `operations.adjust` (the shared OPERATION_PERMISSION map).',
    status: HttpStatus.CREATED,
    type: OperationDetailDto,
    errors: [400, 404, 422],
  })
  @IdempotencyHeader()
  async create(
    @Body() dto: CreateOperationDto,
    @CurrentUser() user: AuthenticatedUser,
    @Idempotency() key: IdempotencyContext | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OperationDetail> {
    return reply(res, await this.operations.create(dto, user, key));
  }

  @Get(':id')
  @Endpoint({
    access: Permission.StockRead,
    operationId: 'getOperation',
    summary: 'An operation with its lines and, once done, the moves it wrote',
    type: OperationDetailDto,
    errors: [400, 404],
  })
  get(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<OperationDetail> {
    return this.operations.get(user, id);
  }

  @Patch(':id')
  @Endpoint({
    access: Permission.OperationsWrite,
    operationId: 'updateOperation',
    summary: 'Change a draft: absent fields stay, null clears, lines (when sent) replace all lines',
    description:
      'The type and warehouse cannot change (409 OPERATION_TYPE_FIXED / OPERATION_WAREHOUSE_FIXED). A done or cancelled operation answers 409 OPERATION_NOT_DRAFT whatever the body.',
    type: OperationDetailDto,
    errors: [400, 404, 409, 422],
  })
  @ApiBody({ type: UpdateOperationDto })
  update(
    @IdParam() id: string,
    // Validated by the service once the operation is known to be a draft.
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OperationDetail> {
    return this.operations.update(id, body, user);
  }

  @Post(':id/validate')
  @Endpoint({
    access: Permission.OperationsWrite,
    operationId: 'validateOperation',
    summary: 'Validate a draft: all lines posted in one transaction, or none',
    description:
      'A failure answers 422 with details naming every failing line (INSUFFICIENT_STOCK, LOCATION_NOT_ALLOWED, …) and writes nothing.',
    status: HttpStatus.OK,
    type: OperationDetailDto,
    errors: [400, 404, 409, 422],
  })
  @IdempotencyHeader()
  async validate(
    @IdParam() id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Idempotency() key: IdempotencyContext | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OperationDetail> {
    return reply(res, await this.operations.validate(id, user, key));
  }

  @Post(':id/cancel')
  @Endpoint({
    access: Permission.OperationsWrite,
    operationId: 'cancelOperation',
    summary: 'Cancel a draft (it keeps its reference)',
    status: HttpStatus.OK,
    type: OperationDetailDto,
    errors: [400, 404, 409],
  })
  cancel(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<OperationDetail> {
    return this.operations.cancel(id, user);
  }

  @Post(':id/reverse')
  @Endpoint({
    access: REVERSAL_PERMISSION,
    operationId: 'reverseOperation',
    location: '/operations/{id}',
    summary: 'Post the mirror operation of a validated one (once; managers and admins)',
    status: HttpStatus.CREATED,
    type: OperationDetailDto,
    errors: [400, 404, 409, 422],
  })
  reverse(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<OperationDetail> {
    return this.operations.reverse(id, user);
  }
}
