import { Injectable } from '@nestjs/common';
import {
  CatalogErrorCode,
  DEFAULT_EXPIRY_WARNING_DAYS,
  Page,
  parseSort,
  Product,
  ProductListItem,
} from '@stockmaster/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-error';
import {
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
  pgCode,
  pgConstraint,
} from '../../common/sql';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { CreateProductDto, ProductListQueryDto, UpdateProductDto } from './dto/product.dto';
import {
  productFields,
  ProductFields,
  ProductsRepository,
  toListItem,
  toProduct,
} from './products.repository';

/** Translates the constraint violations a client can cause into their documented answers. */
export function productWriteError(error: unknown): unknown {
  if (pgCode(error) === PG_UNIQUE_VIOLATION) {
    if (pgConstraint(error) === 'products_sku_key')
      return new ConflictError('A product with this SKU already exists', CatalogErrorCode.SkuTaken);
    if (pgConstraint(error) === 'products_barcode_key') {
      return new ConflictError(
        'Another product already has this barcode',
        CatalogErrorCode.BarcodeTaken,
      );
    }
  }
  if (pgCode(error) === PG_FOREIGN_KEY_VIOLATION) {
    return new ValidationError([{ field: 'categoryId', message: 'This category does not exist' }]);
  }
  return error;
}

@Injectable()
export class ProductsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ProductsRepository,
    private readonly audit: AuditService,
    private readonly scope: WarehouseScope,
  ) {}

  async list(query: ProductListQueryDto, user: AuthenticatedUser): Promise<Page<ProductListItem>> {
    const sort = parseSort(query.sort ?? 'name');
    const { rows, total } = await this.repository.list(this.dataSource.manager, {
      search: query.search?.trim() || undefined,
      categoryId: query.categoryId,
      tracking: query.tracking,
      active: query.active,
      sort: sort.field,
      direction: sort.direction === 'desc' ? 'DESC' : 'ASC',
      page: query.page,
      limit: query.limit,
      visibleWarehouses: this.scope.visibleWarehouseIds(user),
    });
    return { data: rows.map(toListItem), meta: { page: query.page, limit: query.limit, total } };
  }

  async get(id: string): Promise<Product> {
    const row = await this.repository.find(this.dataSource.manager, id);
    if (!row) throw new NotFoundError('Product');
    return toProduct(row);
  }

  async create(dto: CreateProductDto, caller: AuthenticatedUser): Promise<Product> {
    return this.write(async (manager) => {
      const id = await this.repository.insert(manager, {
        sku: dto.sku,
        name: dto.name,
        description: dto.description?.trim() || null,
        categoryId: dto.categoryId ?? null,
        unit: dto.unit,
        barcode: dto.barcode ?? null,
        tracking: dto.tracking ?? 'none',
        shelfLifeDays: dto.shelfLifeDays ?? null,
        expiryWarningDays: dto.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
      });
      await this.audit.record(manager, {
        actor: caller,
        action: 'product.created',
        entityType: 'product',
        entityId: id,
        summary: { sku: dto.sku },
      });
      return toProduct((await this.repository.find(manager, id))!);
    });
  }

  /** Optimistic locking: the change applies only to the version the client read. */
  async update(id: string, dto: UpdateProductDto, caller: AuthenticatedUser): Promise<Product> {
    return this.write(async (manager) => {
      const row = await this.repository.find(manager, id);
      if (!row) throw new NotFoundError('Product');
      const fields = {
        ...productFields(row),
        ...this.changesOf(dto),
        active: dto.active ?? row.active,
      };
      if (fields.tracking !== row.tracking && (await this.repository.holdsStock(manager, id))) {
        throw new ConflictError(
          'Tracking cannot change while the product is in stock',
          CatalogErrorCode.ProductHasStock,
        );
      }
      if (!(await this.repository.updateIfVersion(manager, id, dto.version, fields))) {
        throw new ConflictError(
          'Someone else changed this product since you loaded it: reload it and apply your change again',
          CatalogErrorCode.StaleVersion,
        );
      }
      const changed = Object.fromEntries(
        Object.entries(dto).filter(([key, value]) => key !== 'version' && value !== undefined),
      );
      await this.audit.record(manager, {
        actor: caller,
        action: 'product.updated',
        entityType: 'product',
        entityId: id,
        summary: { sku: fields.sku, ...changed },
      });
      return toProduct((await this.repository.find(manager, id))!);
    });
  }

  /** Archives (never deletes: moves and batches keep referring to the product). */
  async archive(id: string, caller: AuthenticatedUser): Promise<void> {
    await this.write(async (manager) => {
      const row = await this.repository.find(manager, id);
      if (!row) throw new NotFoundError('Product');
      if (await this.repository.holdsStock(manager, id)) {
        throw new ConflictError(
          'This product is still in stock: deliver, move or adjust it to zero first',
          CatalogErrorCode.ProductHasStock,
        );
      }
      await this.repository.archive(manager, id);
      await this.audit.record(manager, {
        actor: caller,
        action: 'product.archived',
        entityType: 'product',
        entityId: id,
        summary: { sku: row.sku },
      });
    });
  }

  private changesOf(dto: UpdateProductDto): Partial<ProductFields> {
    const changes: Partial<ProductFields> = {};
    if (dto.sku !== undefined) changes.sku = dto.sku;
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.description !== undefined) changes.description = dto.description?.trim() || null;
    if (dto.categoryId !== undefined) changes.categoryId = dto.categoryId;
    if (dto.unit !== undefined) changes.unit = dto.unit;
    if (dto.barcode !== undefined) changes.barcode = dto.barcode;
    if (dto.tracking !== undefined) changes.tracking = dto.tracking;
    if (dto.shelfLifeDays !== undefined) changes.shelfLifeDays = dto.shelfLifeDays;
    if (dto.expiryWarningDays !== undefined) changes.expiryWarningDays = dto.expiryWarningDays;
    return changes;
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await transaction(this.dataSource, work);
    } catch (error) {
      throw productWriteError(error);
    }
  }
}
