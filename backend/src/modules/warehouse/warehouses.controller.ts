import { Body, Controller, Delete, Get, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Page, Permission, Warehouse } from '@stockmaster/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { PageOf } from '../../common/swagger/page-of';
import {
  CreateWarehouseDto,
  UpdateWarehouseDto,
  WarehouseDto,
  WarehouseListQueryDto,
} from './dto/warehouse.dto';
import { WarehousesService } from './warehouses.service';
import { IdParam } from '../../common/http/parse-id.pipe';

@ApiTags('warehouses')
@Controller('warehouses')
export class WarehousesController {
  constructor(private readonly warehouses: WarehousesService) {}

  @Get()
  @Endpoint({
    access: Permission.WarehousesRead,
    operationId: 'listWarehouses',
    summary: 'Warehouses (agents: their own), by code',
    type: PageOf(WarehouseDto),
    errors: [400],
  })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: WarehouseListQueryDto,
  ): Promise<Page<Warehouse>> {
    return this.warehouses.list(user, query);
  }

  @Post()
  @Endpoint({
    access: Permission.WarehousesWrite,
    operationId: 'createWarehouse',
    summary: 'Create a warehouse and its root location CODE/Stock',
    status: HttpStatus.CREATED,
    type: WarehouseDto,
    errors: [400, 409],
  })
  create(
    @Body() dto: CreateWarehouseDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Warehouse> {
    return this.warehouses.create(dto, user);
  }

  @Get(':id')
  @Endpoint({
    access: Permission.WarehousesRead,
    operationId: 'getWarehouse',
    summary: 'A warehouse',
    type: WarehouseDto,
    errors: [400, 404],
  })
  get(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<Warehouse> {
    return this.warehouses.get(user, id);
  }

  @Patch(':id')
  @Endpoint({
    access: Permission.WarehousesWrite,
    operationId: 'updateWarehouse',
    summary: 'Rename, re-address, or change the code (only before any stock moved)',
    type: WarehouseDto,
    errors: [400, 404, 409],
  })
  update(
    @IdParam() id: string,
    @Body() dto: UpdateWarehouseDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Warehouse> {
    return this.warehouses.update(id, dto, user);
  }

  @Delete(':id')
  @Endpoint({
    access: Permission.WarehousesWrite,
    operationId: 'deleteWarehouse',
    summary: 'Delete a warehouse that never held stock, with its locations',
    status: HttpStatus.NO_CONTENT,
    errors: [400, 404, 409],
  })
  remove(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.warehouses.remove(id, user);
  }
}
