import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Extensions every later migration relies on: citext for case-insensitive unique emails and
 * codes, pg_trgm for index-backed substring search. Both are "trusted" extensions, so a
 * database owner without superuser rights can create them on a managed server.
 */
export class Init1764030000000 implements MigrationInterface {
  name = 'Init1764030000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
  }

  async down(): Promise<void> {
    // Extensions may be shared with other schemas of the database: leave them in place.
  }
}
