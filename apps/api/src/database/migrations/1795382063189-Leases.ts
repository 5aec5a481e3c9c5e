import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Leases1795382063189 implements MigrationInterface {
  name = 'Leases1795382063189';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "scheduler_leases" ("name" character varying(100) NOT NULL, "holder" character varying(100) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1b6092e67e7e8d1fb616b8b9d71" PRIMARY KEY ("name"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "scheduler_leases"`);
  }
}
