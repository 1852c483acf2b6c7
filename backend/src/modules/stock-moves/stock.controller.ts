import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import {
  CursorPage,
  IntegrityReport,
  Operation,
  OperationDetail,
  Page,
  Permission,
  QuickMoveResponse,
  StockLevel,
  StockMove,
  StockSummaryRow,
} from '@stockmaster/contracts';
import type { Response } from 'express';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/require-permission.decorator';
import { ApiErrors } from '../../common/swagger/api-errors.decorator';
import { PageOf } from '../../common/swagger/page-of';
import {
  CreateOperationDto,
  OperationListQueryDto,
  QuickMoveDto,
  UpdateOperationDto,
} from './dto/operation.dto';
import {
  AsOfQueryDto,
  LedgerFilterDto,
  LedgerQueryDto,
  LevelQueryDto,
  SummaryQueryDto,
} from './dto/stock-query.dto';
import { StockSummaryRowDto } from './dto/stock-summary.dto';
import { Idempotency, IDEMPOTENCY_HEADER, IdempotencyContext, Outcome } from './idempotency';
import { OperationsService } from './operations.service';
import { StockQueriesService } from './stock-queries.service';

const IdempotencyHeader = () =>
  ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description:
      '1–255 characters. The first result is stored 24 h and replayed for the same key; another body with it → 422 IDEMPOTENCY_KEY_REUSED.',
  });

/** Answers a replay with the stored body and says so in a header. */
function reply<T>(res: Response, outcome: Outcome<T>): T {
  if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return outcome.body;
}

class OperationSchema {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'MAIN/IN/00042' }) reference!: string;
  @ApiProperty({ enum: ['receipt', 'delivery', 'transfer', 'adjustment', 'scrap'] }) type!: string;
  @ApiProperty({ enum: ['draft', 'done', 'cancelled'] }) status!: string;
}

@ApiTags('operations')
@ApiBearerAuth()
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get()
  @RequirePermission(Permission.StockRead)
  @ApiOperation({ summary: 'Operations (agents: their warehouses), newest first by default' })
  @ApiOkResponse({ description: 'Page of operations' })
  @ApiErrors(400, 401, 403)
  list(
    @Query() query: OperationListQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<Operation>> {
    return this.operations.list(user, query);
  }

  @Post()
  @RequirePermission(Permission.OperationsWrite)
  @IdempotencyHeader()
  @ApiOperation({
    summary: 'Create a draft; its reference is numbered gap-free per warehouse and type',
  })
  @ApiCreatedResponse({ type: OperationSchema })
  @ApiErrors(400, 401, 403, 404, 422)
  async create(
    @Body() dto: CreateOperationDto,
    @CurrentUser() user: AuthenticatedUser,
    @Idempotency() key: IdempotencyContext | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OperationDetail> {
    return reply(res, await this.operations.create(dto, user, key));
  }

  @Get(':id')
  @RequirePermission(Permission.StockRead)
  @ApiOperation({ summary: 'An operation with its lines and, once done, the moves it wrote' })
  @ApiOkResponse({ type: OperationSchema })
  @ApiErrors(400, 401, 403, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OperationDetail> {
    return this.operations.get(user, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.OperationsWrite)
  @ApiOperation({
    summary: 'Change a draft: absent fields stay, null clears, lines (when sent) replace all lines',
    description:
      'The type and warehouse cannot change (409 OPERATION_TYPE_FIXED / OPERATION_WAREHOUSE_FIXED). A done or cancelled operation answers 409 OPERATION_NOT_DRAFT whatever the body.',
  })
  @ApiBody({ type: UpdateOperationDto })
  @ApiOkResponse({ type: OperationSchema })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  update(
    @Param('id', ParseUUIDPipe) id: string,
    // Validated by the service once the operation is known to be a draft.
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OperationDetail> {
    return this.operations.update(id, body, user);
  }

  @Post(':id/validate')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.OperationsWrite)
  @IdempotencyHeader()
  @ApiOperation({
    summary: 'Validate a draft: all lines posted in one transaction, or none',
    description:
      'A failure answers 422 with details naming every failing line (INSUFFICIENT_STOCK, LOCATION_NOT_ALLOWED, …) and writes nothing.',
  })
  @ApiOkResponse({ type: OperationSchema })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async validate(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Idempotency() key: IdempotencyContext | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OperationDetail> {
    return reply(res, await this.operations.validate(id, user, key));
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.OperationsWrite)
  @ApiOkResponse({ type: OperationSchema })
  @ApiErrors(400, 401, 403, 404, 409)
  cancel(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OperationDetail> {
    return this.operations.cancel(id, user);
  }

  @Post(':id/reverse')
  @RequirePermission(Permission.OperationsWrite)
  @ApiOperation({
    summary: 'Post the mirror operation of a validated one (once; managers and admins)',
  })
  @ApiCreatedResponse({ type: OperationSchema })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  reverse(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OperationDetail> {
    return this.operations.reverse(id, user);
  }
}

@ApiTags('stock')
@ApiBearerAuth()
@Controller()
export class StockController {
  constructor(
    private readonly operations: OperationsService,
    private readonly queries: StockQueriesService,
  ) {}

  @Post('stock-moves')
  @RequirePermission(Permission.OperationsWrite)
  @IdempotencyHeader()
  @ApiOperation({
    summary:
      'One-line shortcut: create and validate an operation in one call (scanners, integrations)',
  })
  @ApiCreatedResponse({ description: '{ operation, move }' })
  @ApiErrors(400, 401, 403, 404, 422)
  async quickMove(
    @Body() dto: QuickMoveDto,
    @CurrentUser() user: AuthenticatedUser,
    @Idempotency() key: IdempotencyContext | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QuickMoveResponse> {
    return reply(res, await this.operations.quickMove(dto, user, key));
  }

  @Get('stock-moves')
  @RequirePermission(Permission.StockRead)
  @ApiOperation({ summary: 'The ledger, newest first, cursor-paged (meta.nextCursor)' })
  @ApiOkResponse({ description: '{ data: StockMove[], meta: { nextCursor } }' })
  @ApiErrors(400, 401, 403)
  ledger(
    @Query() query: LedgerQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CursorPage<StockMove>> {
    return this.queries.ledger(user, query);
  }

  @Get('stock-moves/export')
  @RequirePermission(Permission.StockRead)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="ledger.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The ledger as CSV, streamed, with the same filters' })
  @ApiErrors(400, 401, 403)
  exportLedger(
    @Query() filter: LedgerFilterDto,
    @CurrentUser() user: AuthenticatedUser,
  ): StreamableFile {
    return new StreamableFile(this.queries.exportLedger(user, filter));
  }

  @Get('stock-levels')
  @RequirePermission(Permission.StockRead)
  @ApiOperation({ summary: 'Current quantities per product, internal location and batch' })
  @ApiErrors(400, 401, 403)
  levels(
    @Query() query: LevelQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<StockLevel>> {
    return this.queries.levels(user, query);
  }

  @Get('stock-levels/summary')
  @RequirePermission(Permission.StockRead)
  @ApiOperation({
    summary: 'On hand per product and warehouse, judged against that warehouse’s reorder rule',
    description:
      'One row per (product, warehouse) with stock or a reorder rule there; belowMinimum=true lists every one under its minimum.',
  })
  @ApiOkResponse({ type: PageOf(StockSummaryRowDto) })
  @ApiErrors(400, 401, 403)
  summary(
    @Query() query: SummaryQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<StockSummaryRow>> {
    return this.queries.summary(user, query);
  }

  @Get('stock-levels/as-of')
  @RequirePermission(Permission.StockRead)
  @ApiOperation({ summary: 'Levels as they stood at an instant, computed from the ledger' })
  @ApiErrors(400, 401, 403)
  asOf(
    @Query() query: AsOfQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<StockLevel>> {
    return this.queries.asOf(user, query);
  }

  @Get('stock/integrity')
  @RequirePermission(Permission.IntegrityRead)
  @ApiOperation({
    summary: 'Compare every level with its ledger sum and look for negative levels (admin)',
  })
  @ApiErrors(401, 403)
  integrity(): Promise<IntegrityReport> {
    return this.queries.integrity();
  }
}
