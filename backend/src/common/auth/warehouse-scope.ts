import { Injectable } from '@nestjs/common';
import { isWarehouseScoped } from '@stockmaster/contracts';
import { NotFoundError } from '../errors/domain-error';
import { AuthenticatedUser } from './authenticated-user';

/**
 * Which warehouses a question is about: a list, or null for every warehouse. The caller has
 * already cut it down to what the user may see.
 */
export type WarehouseSet = string[] | null;

/**
 * The one place that knows which warehouses a caller may see and use. Every query and command
 * on warehouse data goes through it: agents are limited to their assigned warehouses; the other
 * roles see all (what they may change is the permission guard's business).
 */
@Injectable()
export class WarehouseScope {
  /** `null` means every warehouse. */
  visibleWarehouseIds(user: AuthenticatedUser): WarehouseSet {
    return isWarehouseScoped(user.role) ? user.warehouseIds : null;
  }

  canUse(user: AuthenticatedUser, warehouseId: string): boolean {
    const visible = this.visibleWarehouseIds(user);
    return visible === null || visible.includes(warehouseId);
  }

  /** Another warehouse's object is answered as not found, never as forbidden (no probing). */
  assertVisible(user: AuthenticatedUser, warehouseId: string | null, what: string): void {
    if (warehouseId === null || !this.canUse(user, warehouseId)) throw new NotFoundError(what);
  }

  /**
   * A SQL condition limiting `column` to the caller's warehouses, appending its parameter to
   * `params`; `TRUE` for unscoped roles.
   */
  sqlCondition(user: AuthenticatedUser, column: string, params: unknown[]): string {
    const visible = this.visibleWarehouseIds(user);
    if (visible === null) return 'TRUE';
    params.push(visible);
    return `${column} = ANY($${params.length}::uuid[])`;
  }
}
