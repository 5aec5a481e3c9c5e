import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MeetingProxies1795748507726 implements MigrationInterface {
  name = 'MeetingProxies1795748507726';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "poll_roll" ("poll_id" uuid NOT NULL, "delegate_id" uuid NOT NULL, "acting_delegate_id" uuid, CONSTRAINT "PK_1fecd0e9271ea7dfae1267b75e2" PRIMARY KEY ("poll_id", "delegate_id"))`);
    await q.query(`CREATE INDEX "ix_poll_roll_delegate_id" ON "poll_roll"  ("delegate_id") `);
    await q.query(`CREATE TABLE "meeting_proxies" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "meeting_id" uuid NOT NULL, "represented_delegate_id" uuid NOT NULL, "acting_delegate_id" uuid NOT NULL, "registered_by" uuid, "note" character varying(1000), "document_ref" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, CONSTRAINT "ck_meeting_proxies_distinct" CHECK ("acting_delegate_id" <> "represented_delegate_id"), CONSTRAINT "PK_b5e63362342a6d734fdf3b20a9b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_meeting_proxies_represented_delegate_id" ON "meeting_proxies"  ("represented_delegate_id") `);
    await q.query(`CREATE INDEX "ix_meeting_proxies_acting_delegate_id" ON "meeting_proxies"  ("acting_delegate_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_meeting_proxies_acting_active" ON "meeting_proxies"  ("meeting_id", "acting_delegate_id") WHERE "revoked_at" IS NULL`);
    await q.query(`CREATE UNIQUE INDEX "uq_meeting_proxies_represented_active" ON "meeting_proxies"  ("meeting_id", "represented_delegate_id") WHERE "revoked_at" IS NULL`);
    await q.query(`ALTER TABLE "poll_roll" ADD CONSTRAINT "fk_poll_roll_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poll_roll" ADD CONSTRAINT "fk_poll_roll_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poll_roll" ADD CONSTRAINT "fk_poll_roll_acting_delegate" FOREIGN KEY ("acting_delegate_id") REFERENCES "delegates"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "meeting_proxies" ADD CONSTRAINT "fk_meeting_proxies_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "meeting_proxies" ADD CONSTRAINT "fk_meeting_proxies_represented_delegate" FOREIGN KEY ("represented_delegate_id") REFERENCES "delegates"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "meeting_proxies" ADD CONSTRAINT "fk_meeting_proxies_acting_delegate" FOREIGN KEY ("acting_delegate_id") REFERENCES "delegates"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "meeting_proxies" ADD CONSTRAINT "fk_meeting_proxies_registered_by" FOREIGN KEY ("registered_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "meeting_proxies" ADD CONSTRAINT "fk_meeting_proxies_revoked_by" FOREIGN KEY ("revoked_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "meeting_proxies" DROP CONSTRAINT "fk_meeting_proxies_revoked_by"`);
    await q.query(`ALTER TABLE "meeting_proxies" DROP CONSTRAINT "fk_meeting_proxies_registered_by"`);
    await q.query(`ALTER TABLE "meeting_proxies" DROP CONSTRAINT "fk_meeting_proxies_acting_delegate"`);
    await q.query(`ALTER TABLE "meeting_proxies" DROP CONSTRAINT "fk_meeting_proxies_represented_delegate"`);
    await q.query(`ALTER TABLE "meeting_proxies" DROP CONSTRAINT "fk_meeting_proxies_meeting"`);
    await q.query(`ALTER TABLE "poll_roll" DROP CONSTRAINT "fk_poll_roll_acting_delegate"`);
    await q.query(`ALTER TABLE "poll_roll" DROP CONSTRAINT "fk_poll_roll_delegate"`);
    await q.query(`ALTER TABLE "poll_roll" DROP CONSTRAINT "fk_poll_roll_poll"`);
    await q.query(`DROP INDEX "public"."uq_meeting_proxies_represented_active"`);
    await q.query(`DROP INDEX "public"."uq_meeting_proxies_acting_active"`);
    await q.query(`DROP INDEX "public"."ix_meeting_proxies_acting_delegate_id"`);
    await q.query(`DROP INDEX "public"."ix_meeting_proxies_represented_delegate_id"`);
    await q.query(`DROP TABLE "meeting_proxies"`);
    await q.query(`DROP INDEX "public"."ix_poll_roll_delegate_id"`);
    await q.query(`DROP TABLE "poll_roll"`);
  }
}
