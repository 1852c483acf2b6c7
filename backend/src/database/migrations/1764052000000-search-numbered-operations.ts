import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operations' trigram search index holds numbered operations only. An operation is
 * inserted as `pending/<its id>` and numbered as its transaction commits (the numbering
 * trigger), so every posting put the forty-odd trigrams of a random id into the index, then
 * those of its number: twice the index work, most of it for a reference no committed row keeps,
 * and the second half inside the commit, while the warehouse's numbering is held. No committed
 * operation is pending, so the search (which names the same condition) finds what it found.
 */
export class SearchNumberedOperations1764052000000 implements MigrationInterface {
  name = 'SearchNumberedOperations1764052000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX operations_search`);
    await q.query(
      `CREATE INDEX operations_search ON operations USING gin ((reference || ' ' || coalesce(partner, '')) gin_trgm_ops)
        WHERE reference NOT LIKE 'pending/%'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX operations_search`);
    await q.query(
      `CREATE INDEX operations_search ON operations USING gin ((reference || ' ' || coalesce(partner, '')) gin_trgm_ops)`,
    );
  }
}
