// The store's schema: current state, per-revision history, the revision counter and the compaction point.
// Plain SQL that PostgreSQL 15 and 18 both accept.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStore1732550400000 implements MigrationInterface {
  name = 'CreateStore1732550400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Keys compare bytewise (COLLATE "C"), as etcd orders them, whatever the database's locale.
    await queryRunner.query(`
      CREATE TABLE store_current (
        key text COLLATE "C" PRIMARY KEY,
        value text NOT NULL,
        create_revision bigint NOT NULL,
        mod_revision bigint NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE store_history (
        revision bigint PRIMARY KEY,
        key text COLLATE "C" NOT NULL,
        value text NOT NULL,
        create_revision bigint NOT NULL,
        prev_revision bigint,
        deleted boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(`CREATE INDEX store_history_key_revision ON store_history (key, revision)`);
    // One row each; updated in place many times a second, so leave room for HOT updates.
    await queryRunner.query(`
      CREATE TABLE store_revision (
        id smallint PRIMARY KEY CHECK (id = 1),
        revision bigint NOT NULL
      ) WITH (fillfactor = 10)`);
    await queryRunner.query(`
      CREATE TABLE store_compaction (
        id smallint PRIMARY KEY CHECK (id = 1),
        revision bigint NOT NULL
      )`);
    // Revision 1 is the empty store, as in etcd, so no object ever carries resourceVersion 0.
    await queryRunner.query(`INSERT INTO store_revision (id, revision) VALUES (1, 1)`);
    await queryRunner.query(`INSERT INTO store_compaction (id, revision) VALUES (1, 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE store_compaction`);
    await queryRunner.query(`DROP TABLE store_revision`);
    await queryRunner.query(`DROP TABLE store_history`);
    await queryRunner.query(`DROP TABLE store_current`);
  }
}
