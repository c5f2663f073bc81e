// Each value is written once, in its history row: a current row keeps the key's create and mod
// revisions, and reads take the value from the history row at the mod revision. That row is the
// key's latest, so compaction, which removes only superseded rows and tombstones, never takes it.
// Halves the bytes (heap and WAL) each write costs PostgreSQL.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CurrentReferencesHistory1764100000000 implements MigrationInterface {
  name = 'CurrentReferencesHistory1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE store_current DROP COLUMN value`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE store_current ADD COLUMN value text`);
    await queryRunner.query(
      `UPDATE store_current c SET value = h.value FROM store_history h WHERE h.revision = c.mod_revision`,
    );
    await queryRunner.query(`ALTER TABLE store_current ALTER COLUMN value SET NOT NULL`);
  }
}
