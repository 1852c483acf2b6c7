import { Injectable } from '@nestjs/common';
import {
  AUDIT_ENTITY_TYPES,
  AuditEntityType,
  AuditEntry,
  AuditTarget,
  Page,
} from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { preparedQuery } from '../../database/prepared';
import type { AuditRecord } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { conditionAdder, SqlPart } from '../../common/sql';

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  summary: Record<string, unknown>;
  ip: string | null;
  total: string;
}

interface TargetRow {
  type: AuditEntityType;
  id: string;
  label: string;
  owner_type: AuditEntityType | null;
  owner_id: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How each kind of entity is named today, one SELECT per kind over the ids of a page
 * (`$n` is that kind's id array). What no longer exists is simply not found.
 */
const TARGET_QUERIES: Record<AuditEntityType, (n: number) => string> = {
  user: (n) =>
    `SELECT 'user', id, email, NULL::text, NULL::uuid FROM users WHERE id = ANY($${n}::uuid[])`,
  product: (n) =>
    `SELECT 'product', id, sku || ' — ' || name, NULL::text, NULL::uuid FROM products WHERE id = ANY($${n}::uuid[])`,
  category: (n) =>
    `SELECT 'category', id, name, NULL::text, NULL::uuid FROM categories WHERE id = ANY($${n}::uuid[])`,
  reorder_rule: (n) =>
    `SELECT 'reorder_rule', r.id, p.sku || ' in ' || w.code, 'product', r.product_id
       FROM reorder_rules r JOIN products p ON p.id = r.product_id JOIN warehouses w ON w.id = r.warehouse_id
      WHERE r.id = ANY($${n}::uuid[])`,
  warehouse: (n) =>
    `SELECT 'warehouse', id, code || ' — ' || name, NULL::text, NULL::uuid FROM warehouses WHERE id = ANY($${n}::uuid[])`,
  location: (n) =>
    `SELECT 'location', id, full_name, 'warehouse', warehouse_id FROM locations WHERE id = ANY($${n}::uuid[])`,
  operation: (n) =>
    `SELECT 'operation', id, reference, NULL::text, NULL::uuid FROM operations WHERE id = ANY($${n}::uuid[])`,
  batch: (n) =>
    `SELECT 'batch', b.id, b.code || ' (' || p.sku || ')', NULL::text, NULL::uuid
       FROM batches b JOIN products p ON p.id = b.product_id WHERE b.id = ANY($${n}::uuid[])`,
};

const isEntityType = (type: string | null): type is AuditEntityType =>
  (AUDIT_ENTITY_TYPES as readonly (string | null)[]).includes(type);

@Injectable()
export class AuditRepository {
  /** Prepared: every posting writes one (or has it ride along, `insertPart`). */
  async insert(manager: EntityManager, entry: AuditRecord): Promise<void> {
    const part = this.insertPart(entry);
    await preparedQuery(manager, part.sql(1), part.values);
  }

  /** The insert of one entry, for a statement that writes it along with its own rows. */
  insertPart(entry: AuditRecord): SqlPart {
    return {
      sql: (first, gate) => {
        const [actor, email, action, type, id, summary, ip] = Array.from(
          { length: 7 },
          (_, i) => `$${first + i}`,
        );
        return `INSERT INTO audit_log (actor_id, actor_email, action, entity_type, entity_id, summary, ip)
       SELECT ${actor}, ${email}, ${action}, ${type}, ${id}, ${summary}, ${ip}${gate ? ` FROM ${gate}` : ''}`;
      },
      values: [
        entry.actor?.id ?? null,
        entry.actor?.email ?? null,
        entry.action,
        entry.entityType ?? null,
        entry.entityId ?? null,
        JSON.stringify(entry.summary ?? {}),
        entry.ip ?? null,
      ],
    };
  }

  async list(manager: EntityManager, query: AuditQueryDto): Promise<Page<AuditEntry>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = conditionAdder(params, where);
    if (query.userId) add('actor_id = ?', query.userId);
    if (query.action) add('action = ?', query.action);
    if (query.entityType) add('entity_type = ?', query.entityType);
    if (query.entityId) add('entity_id = ?', query.entityId);
    if (query.from) add('at >= ?', query.from);
    if (query.to) add('at < ?', query.to);
    params.push(query.limit, (query.page - 1) * query.limit);
    const rows: AuditRow[] = await manager.query(
      `SELECT id, at, actor_id, actor_email, action, entity_type, entity_id, summary, ip, count(*) OVER () AS total
         FROM audit_log
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY at DESC, id DESC
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const total = rows.length
      ? Number(rows[0].total)
      : await this.count(manager, where, params.slice(0, -2));
    const targets = await this.targets(manager, rows);
    return {
      data: rows.map((row) => ({
        id: String(row.id),
        at: row.at.toISOString(),
        actorId: row.actor_id,
        actorEmail: row.actor_email,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        target: targetOf(row, targets),
        summary: row.summary,
        ip: row.ip,
      })),
      meta: { page: query.page, limit: query.limit, total },
    };
  }

  /** The current names of the entities a page of entries is about, in one round trip. */
  private async targets(manager: EntityManager, rows: AuditRow[]): Promise<Map<string, TargetRow>> {
    const ids = new Map<AuditEntityType, Set<string>>();
    for (const row of rows) {
      if (!isEntityType(row.entity_type) || !row.entity_id || !UUID.test(row.entity_id)) continue;
      ids.set(row.entity_type, (ids.get(row.entity_type) ?? new Set()).add(row.entity_id));
    }
    if (ids.size === 0) return new Map();
    const params: string[][] = [];
    const selects = [...ids].map(([type, set]) => {
      params.push([...set]);
      return TARGET_QUERIES[type](params.length);
    });
    const found: TargetRow[] = await manager.query(
      `SELECT type, id::text AS id, label, owner_type, owner_id::text AS owner_id
         FROM (${selects.join(' UNION ALL ')}) AS t (type, id, label, owner_type, owner_id)`,
      params,
    );
    return new Map(found.map((target) => [`${target.type}:${target.id}`, target]));
  }

  /** Only needed for a page past the end, where the window count has no row to ride on. */
  private async count(manager: EntityManager, where: string[], params: unknown[]): Promise<number> {
    const [{ count }] = await manager.query(
      `SELECT count(*)::int AS count FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return count;
  }
}

function targetOf(row: AuditRow, targets: Map<string, TargetRow>): AuditTarget | null {
  if (!isEntityType(row.entity_type) || !row.entity_id) return null;
  const found = targets.get(`${row.entity_type}:${row.entity_id.toLowerCase()}`);
  return {
    type: row.entity_type,
    id: row.entity_id,
    label: found?.label ?? null,
    owner:
      found?.owner_type && found.owner_id ? { type: found.owner_type, id: found.owner_id } : null,
  };
}
