import { DataSource, EntityManager } from 'typeorm';
import { pgCode } from '../common/sql';

/** serialization_failure and deadlock_detected: the transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Runs `work` in one transaction, retrying a few times when PostgreSQL aborts it for a
 * serialization failure or deadlock. Only services call this; they pass the manager down.
 */
export function transaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  attempts = 4,
): Promise<T> {
  return retried(() => dataSource.transaction(work), attempts);
}

/**
 * Runs `work` — a transaction, or a single statement that is its own — again when PostgreSQL
 * aborts it for a serialization failure or deadlock, a few times.
 */
export async function retried<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = pgCode(error);
      if (!code || !RETRYABLE.has(code) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
