import {
  Body,
  Controller,
  Get,
  Header,
  HttpStatus,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CursorPage,
  IntegrityReport,
  Page,
  Permission,
  QuickMoveResponse,
  StockLevel,
  StockLevelPage,
  StockMove,
  StockSummaryRow,
} from '@stockmaster/contracts';
import type { Response } from 'express';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { PageOf } from '../../common/swagger/page-of';
import { QuickMoveDto } from './dto/operation.dto';
import {
  AsOfQueryDto,
  LedgerFilterDto,
  LedgerQueryDto,
  LevelQueryDto,
  SummaryQueryDto,
} from './dto/stock-query.dto';
import {
  IntegrityReportDto,
  QuickMoveResponseDto,
  StockLevelDto,
  StockLevelCursorPageDto,
  StockMovePageDto,
} from './dto/stock-responses.dto';
import { StockSummaryRowDto } from './dto/stock-summary.dto';
import { Idempotency, IdempotencyContext } from './idempotency';
import { IdempotencyHeader, reply } from './idempotent-reply';
import { OperationsService } from './operations.service';
import { StockQueriesService } from './stock-queries.service';

@ApiTags('stock')
@Controller()
export class StockController {
  constructor(
    private readonly operations: OperationsService,
    private readonly queries: StockQueriesService,
  ) {}

  @Post('stock-moves')
  @Endpoint({
    access: Permission.OperationsWrite,
    operationId: 'createStockMove',
    location: '/operations/{operation.id}',
    summary:
      'One-line shortcut: create and validate an operation in one call (scanners, integrations)',
    description: 'Scrap needs `operations.adjust` (the shared OPERATION_PERMISSION map).',
    status: HttpStatus.CREATED,
    type: QuickMoveResponseDto,
    errors: [400, 404, 422],
  })
  @IdempotencyHeader()
  async quickMove(
    @Body() dto: QuickMoveDto,
    @CurrentUser() user: AuthenticatedUser,
    @Idempotency() key: IdempotencyContext | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QuickMoveResponse> {
    return reply(res, await this.operations.quickMove(dto, user, key));
  }

  @Get('stock-moves')
  @Endpoint({
    access: Permission.StockRead,
    operationId: 'listStockMoves',
    summary: 'The ledger, newest first, cursor-paged (meta.nextCursor)',
    type: StockMovePageDto,
    errors: [400],
  })
  ledger(
    @Query() query: LedgerQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CursorPage<StockMove>> {
    return this.queries.ledger(user, query);
  }

  @Get('stock-moves/export')
  @Endpoint({
    access: Permission.StockRead,
    operationId: 'exportStockMoves',
    summary: 'The ledger as CSV, streamed, with the same filters',
    schema: { type: 'string', format: 'binary' },
    produces: ['text/csv'],
    errors: [400],
  })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="ledger.csv"')
  exportLedger(
    @Query() filter: LedgerFilterDto,
    @CurrentUser() user: AuthenticatedUser,
  ): StreamableFile {
    return new StreamableFile(this.queries.exportLedger(user, filter));
  }

  @Get('stock-levels')
  @Endpoint({
    access: Permission.StockRead,
    operationId: 'listStockLevels',
    summary: 'Current quantities per product, internal location and batch',
    type: StockLevelCursorPageDto,
    errors: [400],
  })
  levels(
    @Query() query: LevelQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StockLevelPage> {
    return this.queries.levels(user, query);
  }

  @Get('stock-levels/summary')
  @Endpoint({
    access: Permission.StockRead,
    operationId: 'getStockSummary',
    summary: 'On hand per product and warehouse, judged against that warehouse’s reorder rule',
    description:
      'One row per (product, warehouse) with stock or a reorder rule there; belowMinimum=true lists every one under its minimum.',
    type: PageOf(StockSummaryRowDto),
    errors: [400],
  })
  summary(
    @Query() query: SummaryQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<StockSummaryRow>> {
    return this.queries.summary(user, query);
  }

  @Get('stock-levels/as-of')
  @Endpoint({
    access: Permission.StockRead,
    operationId: 'getStockLevelsAsOf',
    summary: 'Levels as they stood at an instant, computed from the ledger',
    type: PageOf(StockLevelDto),
    errors: [400],
  })
  asOf(
    @Query() query: AsOfQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<StockLevel>> {
    return this.queries.asOf(user, query);
  }

  @Get('stock/integrity')
  @Endpoint({
    access: Permission.IntegrityRead,
    operationId: 'getStockIntegrity',
    summary: 'Compare every level with its ledger sum and look for negative levels (admin)',
    type: IntegrityReportDto,
  })
  integrity(): Promise<IntegrityReport> {
    return this.queries.integrity();
  }
}
