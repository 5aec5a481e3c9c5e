import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Kiosks1795383491970 implements MigrationInterface {
  name = 'Kiosks1795383491970';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "kiosk_devices" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "meeting_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "token_hash" character(64) NOT NULL, "created_by" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c4d72f67c19f337b3614f9b811f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_kiosk_devices_meeting_id" ON "kiosk_devices"  ("meeting_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_kiosk_devices_token_hash" ON "kiosk_devices"  ("token_hash") `);
    await q.query(`ALTER TABLE "kiosk_devices" ADD CONSTRAINT "fk_kiosk_devices_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "kiosk_devices" DROP CONSTRAINT "fk_kiosk_devices_meeting"`);
    await q.query(`DROP INDEX "public"."uq_kiosk_devices_token_hash"`);
    await q.query(`DROP INDEX "public"."ix_kiosk_devices_meeting_id"`);
    await q.query(`DROP TABLE "kiosk_devices"`);
  }
}
