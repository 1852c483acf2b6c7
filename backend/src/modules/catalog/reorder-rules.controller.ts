import { Body, Controller, Delete, Get, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Page, Permission, ReorderRule } from '@stockmaster/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { PageOf } from '../../common/swagger/page-of';
import {
  CreateReorderRuleDto,
  ReorderRuleDto,
  ReorderRuleListQueryDto,
  UpdateReorderRuleDto,
} from './dto/reorder-rule.dto';
import { ReorderRulesService } from './reorder-rules.service';
import { IdParam } from '../../common/http/parse-id.pipe';

@ApiTags('reorder-rules')
@Controller('reorder-rules')
export class ReorderRulesController {
  constructor(private readonly rules: ReorderRulesService) {}

  @Get()
  @Endpoint({
    access: Permission.CatalogRead,
    operationId: 'listReorderRules',
    summary: 'Reorder rules (agents: their warehouses)',
    type: PageOf(ReorderRuleDto),
    errors: [400],
  })
  list(
    @Query() query: ReorderRuleListQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<ReorderRule>> {
    return this.rules.list(user, query);
  }

  @Post()
  @Endpoint({
    access: Permission.CatalogWrite,
    operationId: 'createReorderRule',
    summary: 'Set the minimum and maximum of a product in a warehouse (one rule per pair)',
    status: HttpStatus.CREATED,
    type: ReorderRuleDto,
    errors: [400, 409],
  })
  create(
    @Body() dto: CreateReorderRuleDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ReorderRule> {
    return this.rules.create(dto, user);
  }

  @Get(':id')
  @Endpoint({
    access: Permission.CatalogRead,
    operationId: 'getReorderRule',
    summary: 'A reorder rule',
    type: ReorderRuleDto,
    errors: [400, 404],
  })
  get(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<ReorderRule> {
    return this.rules.get(user, id);
  }

  @Patch(':id')
  @Endpoint({
    access: Permission.CatalogWrite,
    operationId: 'updateReorderRule',
    summary: 'Change the minimum and/or maximum of a rule',
    type: ReorderRuleDto,
    errors: [400, 404],
  })
  update(
    @IdParam() id: string,
    @Body() dto: UpdateReorderRuleDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ReorderRule> {
    return this.rules.update(id, dto, user);
  }

  @Delete(':id')
  @Endpoint({
    access: Permission.CatalogWrite,
    operationId: 'deleteReorderRule',
    summary: 'Delete a reorder rule',
    status: HttpStatus.NO_CONTENT,
    errors: [400, 404],
  })
  remove(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.rules.remove(id, user);
  }
}
