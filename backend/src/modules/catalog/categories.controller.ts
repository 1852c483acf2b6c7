import { Body, Controller, Delete, Get, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiExtraModels, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Category, CategoryNode, Page, Permission } from '@stockmaster/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { PageOf } from '../../common/swagger/page-of';
import { CategoriesService } from './categories.service';
import {
  CategoryDto,
  CategoryListQueryDto,
  CategoryTreeDto,
  CreateCategoryDto,
  UpdateCategoryDto,
} from './dto/category.dto';
import { IdParam } from '../../common/http/parse-id.pipe';

@ApiTags('categories')
@ApiExtraModels(CategoryTreeDto, PageOf(CategoryDto))
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @Endpoint({
    access: Permission.CatalogRead,
    operationId: 'listCategories',
    summary: 'Categories: flat and paged by path, or `?tree=true` for the whole nested tree',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(PageOf(CategoryDto)) },
        { $ref: getSchemaPath(CategoryTreeDto) },
      ],
    },
    errors: [400],
  })
  list(@Query() query: CategoryListQueryDto): Promise<Page<Category> | { data: CategoryNode[] }> {
    return query.tree ? this.categories.tree() : this.categories.list(query);
  }

  @Post()
  @Endpoint({
    access: Permission.CatalogWrite,
    operationId: 'createCategory',
    summary: 'Create a category, at the root or below another one',
    status: HttpStatus.CREATED,
    type: CategoryDto,
    errors: [400, 404, 409],
  })
  create(
    @Body() dto: CreateCategoryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Category> {
    return this.categories.create(dto, user);
  }

  @Get(':id')
  @Endpoint({
    access: Permission.CatalogRead,
    operationId: 'getCategory',
    summary: 'A category',
    type: CategoryDto,
    errors: [400, 404],
  })
  get(@IdParam() id: string): Promise<Category> {
    return this.categories.get(id);
  }

  @Patch(':id')
  @Endpoint({
    access: Permission.CatalogWrite,
    operationId: 'updateCategory',
    summary: 'Rename and/or move (no cycles: 422 CATEGORY_CYCLE)',
    type: CategoryDto,
    errors: [400, 404, 409, 422],
  })
  update(
    @IdParam() id: string,
    @Body() dto: UpdateCategoryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Category> {
    return this.categories.update(id, dto, user);
  }

  @Delete(':id')
  @Endpoint({
    access: Permission.CatalogWrite,
    operationId: 'deleteCategory',
    summary: 'Delete an empty category (409 CATEGORY_IN_USE with products or subcategories)',
    status: HttpStatus.NO_CONTENT,
    errors: [400, 404, 409],
  })
  remove(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.categories.remove(id, user);
  }
}
