import { Injectable } from '@nestjs/common';
import { HealthStatus } from '@stockmaster/contracts';
import { DataSource } from 'typeorm';

const PROBE_TIMEOUT_MS = 3_000;

@Injectable()
export class HealthService {
  constructor(private readonly dataSource: DataSource) {}

  /** A round trip to PostgreSQL, bounded so a hung database answers "down" rather than hanging. */
  async check(): Promise<HealthStatus> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database probe timed out')), PROBE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return { status: 'ok', database: 'up' };
    } catch {
      return { status: 'error', database: 'down' };
    } finally {
      clearTimeout(timer);
    }
  }
}
