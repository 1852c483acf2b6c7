import { Injectable } from '@nestjs/common';
import { AuditEntry, Page } from '@stockmaster/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { SqlPart } from '../../common/sql';
import { AuditRepository } from './audit.repository';
import { AuditQueryDto } from './dto/audit-query.dto';
import { clientIp, currentRequestIp } from './request-context';

export interface AuditActor {
  id: string;
  email: string;
}

export interface AuditRecord {
  actor: AuditActor | null;
  action: string;
  entityType?: string;
  entityId?: string;
  /** What changed, in a few fields; never secrets. */
  summary?: Record<string, unknown>;
  /** Defaults to the address of the request being served. */
  ip?: string | null;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AuditRepository,
  ) {}

  /** Records inside the caller's transaction, so the entry exists exactly when the change does. */
  record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    return this.repository.insert(manager, withIp(entry));
  }

  /**
   * The same record as a part of the caller's own write statement (one round trip fewer on the
   * posting path); the caller's statement must run in the transaction of the change.
   */
  part(entry: AuditRecord): SqlPart {
    return this.repository.insertPart(withIp(entry));
  }

  /** For events that have no transaction of their own (a failed login). */
  recordNow(entry: AuditRecord): Promise<void> {
    return this.repository.insert(this.dataSource.manager, withIp(entry));
  }

  list(query: AuditQueryDto): Promise<Page<AuditEntry>> {
    return this.repository.list(this.dataSource.manager, query);
  }
}

function withIp(entry: AuditRecord): AuditRecord {
  return { ...entry, ip: clientIp(entry.ip) ?? currentRequestIp() };
}
