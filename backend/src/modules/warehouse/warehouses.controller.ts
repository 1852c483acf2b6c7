import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Location, Page, Permission, Warehouse } from '@stockmaster/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/require-permission.decorator';
import { ApiErrors } from '../../common/swagger/api-errors.decorator';
import { PageOf } from '../../common/swagger/page-of';
import {
  CreateLocationDto,
  CreateWarehouseDto,
  LocationDto,
  LocationListQueryDto,
  UpdateLocationDto,
  UpdateWarehouseDto,
  WarehouseDto,
  WarehouseListQueryDto,
} from './dto/warehouse.dto';
import { WarehousesService } from './warehouses.service';

@ApiTags('warehouses')
@ApiBearerAuth()
@Controller('warehouses')
export class WarehousesController {
  constructor(private readonly warehouses: WarehousesService) {}

  @Get()
  @RequirePermission(Permission.WarehousesRead)
  @ApiOperation({ summary: 'Warehouses (agents: their own), by code' })
  @ApiOkResponse({ type: PageOf(WarehouseDto) })
  @ApiErrors(400, 401, 403)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: WarehouseListQueryDto,
  ): Promise<Page<Warehouse>> {
    return this.warehouses.list(user, query);
  }

  @Post()
  @RequirePermission(Permission.WarehousesWrite)
  @ApiOperation({ summary: 'Create a warehouse and its root location CODE/Stock' })
  @ApiCreatedResponse({ type: WarehouseDto })
  @ApiErrors(400, 401, 403, 409)
  create(
    @Body() dto: CreateWarehouseDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Warehouse> {
    return this.warehouses.create(dto, user);
  }

  @Get(':id')
  @RequirePermission(Permission.WarehousesRead)
  @ApiOkResponse({ type: WarehouseDto })
  @ApiErrors(400, 401, 403, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Warehouse> {
    return this.warehouses.get(user, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.WarehousesWrite)
  @ApiOperation({ summary: 'Rename, re-address, or change the code (only before any stock moved)' })
  @ApiOkResponse({ type: WarehouseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateWarehouseDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Warehouse> {
    return this.warehouses.update(id, dto, user);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.WarehousesWrite)
  @ApiOperation({ summary: 'Delete a warehouse that never held stock, with its locations' })
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404, 409)
  remove(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    return this.warehouses.remove(id, user);
  }
}

@ApiTags('locations')
@ApiBearerAuth()
@Controller('locations')
export class LocationsController {
  constructor(private readonly warehouses: WarehousesService) {}

  @Get()
  @RequirePermission(Permission.WarehousesRead)
  @ApiOperation({
    summary:
      'Locations by full name: internal trees (agents: their warehouses) and the virtual ones',
  })
  @ApiOkResponse({ type: PageOf(LocationDto) })
  @ApiErrors(400, 401, 403)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: LocationListQueryDto,
  ): Promise<Page<Location>> {
    return this.warehouses.listLocations(user, query);
  }

  @Post()
  @RequirePermission(Permission.WarehousesWrite)
  @ApiOperation({ summary: 'Create an internal location below another one' })
  @ApiCreatedResponse({ type: LocationDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  create(
    @Body() dto: CreateLocationDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Location> {
    return this.warehouses.createLocation(dto, user);
  }

  @Get(':id')
  @RequirePermission(Permission.WarehousesRead)
  @ApiOkResponse({ type: LocationDto })
  @ApiErrors(400, 401, 403, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Location> {
    return this.warehouses.getLocation(user, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.WarehousesWrite)
  @ApiOperation({
    summary: 'Rename and/or move a location with its subtree (same warehouse, no cycles)',
  })
  @ApiOkResponse({ type: LocationDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateLocationDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Location> {
    return this.warehouses.updateLocation(id, dto, user);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.WarehousesWrite)
  @ApiOperation({ summary: 'Delete a location with everything below it' })
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404, 409)
  remove(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    return this.warehouses.removeLocation(id, user);
  }
}
