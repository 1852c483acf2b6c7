import { Injectable } from '@nestjs/common';
import { Category, CatalogErrorCode, CategoryNode, Page } from '@stockmaster/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../common/errors/domain-error';
import { escapeLike, PG_UNIQUE_VIOLATION, pgCode } from '../../common/sql';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { CategoriesRepository, CategoryRow, toCategory } from './categories.repository';
import { CategoryListQueryDto, CreateCategoryDto, UpdateCategoryDto } from './dto/category.dto';
import { orderBy } from '../../common/http/dto/sort';
import { CategorySort } from './dto/category.dto';

const CATEGORY_SORT_COLUMNS: Record<CategorySort, string> = {
  path: 'lower(path)',
  name: 'lower(name)',
  createdAt: 'created_at',
};

/** Builds the nested tree from rows sorted by path. */
export function buildCategoryTree(rows: Category[]): CategoryNode[] {
  const nodes = new Map(rows.map((row) => [row.id, { ...row, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

@Injectable()
export class CategoriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CategoriesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: CategoryListQueryDto): Promise<Page<Category>> {
    const search = query.search?.trim();
    const { rows, total } = await this.repository.page(this.dataSource.manager, {
      search: search ? `%${escapeLike(search)}%` : undefined,
      page: query.page,
      limit: query.limit,
      order: orderBy(query.sort, 'path', CATEGORY_SORT_COLUMNS),
    });
    return { data: rows.map(toCategory), meta: { page: query.page, limit: query.limit, total } };
  }

  async tree(): Promise<{ data: CategoryNode[] }> {
    return {
      data: buildCategoryTree((await this.repository.all(this.dataSource.manager)).map(toCategory)),
    };
  }

  async get(id: string): Promise<Category> {
    const row = await this.repository.find(this.dataSource.manager, id);
    if (!row) throw new NotFoundError('Category');
    return toCategory(row);
  }

  async create(dto: CreateCategoryDto, caller: AuthenticatedUser): Promise<Category> {
    return this.write(async (manager) => {
      await this.repository.lockTree(manager);
      if (dto.parentId && !(await this.repository.exists(manager, dto.parentId)))
        throw new NotFoundError('Parent category');
      const id = await this.repository.insert(manager, dto.name, dto.parentId ?? null);
      const row = (await this.repository.find(manager, id))!;
      await this.audit.record(manager, {
        actor: caller,
        action: 'category.created',
        entityType: 'category',
        entityId: id,
        summary: { path: row.path },
      });
      return toCategory(row);
    });
  }

  /** Renames and/or moves; moving a category below itself answers 422 CATEGORY_CYCLE. */
  async update(id: string, dto: UpdateCategoryDto, caller: AuthenticatedUser): Promise<Category> {
    return this.write(async (manager) => {
      await this.repository.lockTree(manager);
      const row = await this.repository.find(manager, id);
      if (!row) throw new NotFoundError('Category');
      const parentId = dto.parentId === undefined ? row.parent_id : dto.parentId;
      if (parentId && parentId !== row.parent_id) {
        if (!(await this.repository.exists(manager, parentId)))
          throw new NotFoundError('Parent category');
        if (await this.repository.isSelfOrDescendant(manager, id, parentId)) {
          throw new BusinessRuleError(
            'A category cannot move below itself',
            [
              {
                field: 'parentId',
                error: CatalogErrorCode.CategoryCycle,
                message: 'The new parent lies inside this category',
              },
            ],
            CatalogErrorCode.CategoryCycle,
          );
        }
      }
      await this.repository.update(manager, id, dto.name ?? row.name, parentId);
      const updated = (await this.repository.find(manager, id))!;
      await this.audit.record(manager, {
        actor: caller,
        action: 'category.updated',
        entityType: 'category',
        entityId: id,
        summary: { from: row.path, to: updated.path },
      });
      return toCategory(updated);
    });
  }

  async remove(id: string, caller: AuthenticatedUser): Promise<void> {
    await this.write(async (manager) => {
      await this.repository.lockTree(manager);
      const row = await this.repository.find(manager, id);
      if (!row) throw new NotFoundError('Category');
      const usage = await this.repository.usage(manager, id);
      if (usage.children > 0 || usage.products > 0) {
        throw new ConflictError(
          `This category still has ${usage.children} subcategories and ${usage.products} products`,
          CatalogErrorCode.CategoryInUse,
        );
      }
      await this.repository.delete(manager, id);
      await this.audit.record(manager, {
        actor: caller,
        action: 'category.deleted',
        entityType: 'category',
        entityId: id,
        summary: { path: row.path },
      });
    });
  }

  /**
   * Resolves `Meat/Poultry`-style paths to ids, creating missing categories when `create` is set
   * (the CSV import). Returns the ids by lower-cased path and how many categories were (or would
   * be) created.
   */
  async resolvePaths(
    manager: EntityManager,
    paths: string[],
    create: boolean,
  ): Promise<{ ids: Map<string, string | null>; created: number }> {
    const known = new Map<string, CategoryRow>(
      (await this.repository.all(manager)).map((row) => [row.path.toLowerCase(), row]),
    );
    const ids = new Map<string, string | null>();
    let created = 0;
    for (const path of paths) {
      const segments = path.split('/');
      let parent: string | null = null;
      for (let depth = 1; depth <= segments.length; depth++) {
        const prefix = segments.slice(0, depth).join('/').toLowerCase();
        const existing = known.get(prefix);
        if (existing) {
          parent = existing.id;
          continue;
        }
        created++;
        if (create) {
          const id: string = await this.repository.insert(manager, segments[depth - 1], parent);
          known.set(prefix, {
            id,
            name: segments[depth - 1],
            parent_id: parent,
            path: prefix,
            created_at: new Date(),
            updated_at: new Date(),
          });
          parent = id;
        } else {
          known.set(prefix, {
            id: `new:${prefix}`,
            name: segments[depth - 1],
            parent_id: parent,
            path: prefix,
            created_at: new Date(),
            updated_at: new Date(),
          });
          parent = `new:${prefix}`;
        }
      }
      ids.set(path.toLowerCase(), parent);
    }
    return { ids, created };
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await transaction(this.dataSource, work);
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION) {
        throw new ConflictError(
          'A category with this name already exists there',
          CatalogErrorCode.CategoryNameTaken,
        );
      }
      throw error;
    }
  }
}
