import { Body, Controller, Delete, Get, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Location, Page, Permission } from '@stockmaster/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { PageOf } from '../../common/swagger/page-of';
import {
  CreateLocationDto,
  LocationDto,
  LocationListQueryDto,
  UpdateLocationDto,
} from './dto/warehouse.dto';
import { WarehousesService } from './warehouses.service';
import { IdParam } from '../../common/http/parse-id.pipe';

@ApiTags('locations')
@Controller('locations')
export class LocationsController {
  constructor(private readonly warehouses: WarehousesService) {}

  @Get()
  @Endpoint({
    access: Permission.WarehousesRead,
    operationId: 'listLocations',
    summary:
      'Locations by full name: internal trees (agents: their warehouses) and the virtual ones',
    type: PageOf(LocationDto),
    errors: [400],
  })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: LocationListQueryDto,
  ): Promise<Page<Location>> {
    return this.warehouses.listLocations(user, query);
  }

  @Post()
  @Endpoint({
    access: Permission.WarehousesWrite,
    operationId: 'createLocation',
    summary: 'Create an internal location below another one',
    status: HttpStatus.CREATED,
    type: LocationDto,
    errors: [400, 404, 409, 422],
  })
  create(
    @Body() dto: CreateLocationDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Location> {
    return this.warehouses.createLocation(dto, user);
  }

  @Get(':id')
  @Endpoint({
    access: Permission.WarehousesRead,
    operationId: 'getLocation',
    summary: 'A location',
    type: LocationDto,
    errors: [400, 404],
  })
  get(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<Location> {
    return this.warehouses.getLocation(user, id);
  }

  @Patch(':id')
  @Endpoint({
    access: Permission.WarehousesWrite,
    operationId: 'updateLocation',
    summary: 'Rename and/or move a location with its subtree (same warehouse, no cycles)',
    type: LocationDto,
    errors: [400, 404, 409, 422],
  })
  update(
    @IdParam() id: string,
    @Body() dto: UpdateLocationDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Location> {
    return this.warehouses.updateLocation(id, dto, user);
  }

  @Delete(':id')
  @Endpoint({
    access: Permission.WarehousesWrite,
    operationId: 'deleteLocation',
    summary: 'Delete a location with everything below it',
    status: HttpStatus.NO_CONTENT,
    errors: [400, 404, 409],
  })
  remove(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.warehouses.removeLocation(id, user);
  }
}
