import { Injectable } from '@nestjs/common';
import { AuditEntry, Page } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { preparedQuery } from '../../database/prepared';
import type { AuditRecord } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { conditionAdder } from '../../common/sql';

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

@Injectable()
export class AuditRepository {
  /** Prepared: every posting writes one. */
  async insert(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await preparedQuery(
      manager,
      `INSERT INTO audit_log (actor_id, actor_email, action, entity_type, entity_id, summary, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.actor?.id ?? null,
        entry.actor?.email ?? null,
        entry.action,
        entry.entityType ?? null,
        entry.entityId ?? null,
        JSON.stringify(entry.summary ?? {}),
        entry.ip ?? null,
      ],
    );
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
    return {
      data: rows.map((row) => ({
        id: String(row.id),
        at: row.at.toISOString(),
        actorId: row.actor_id,
        actorEmail: row.actor_email,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        summary: row.summary,
        ip: row.ip,
      })),
      meta: { page: query.page, limit: query.limit, total },
    };
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
