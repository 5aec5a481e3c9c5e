import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Minutes1795747531308 implements MigrationInterface {
  name = 'Minutes1795747531308';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."minutes_status" AS ENUM('draft', 'locked')`);
    await q.query(`CREATE TABLE "meeting_minutes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "meeting_id" uuid NOT NULL, "content" jsonb NOT NULL, "status" "public"."minutes_status" NOT NULL DEFAULT 'draft', "generated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "generated_by" uuid, "edited_at" TIMESTAMP WITH TIME ZONE, "edited_by" uuid, "locked_at" TIMESTAMP WITH TIME ZONE, "locked_by" uuid, "sha256" character varying(64), CONSTRAINT "ck_meeting_minutes_sha256" CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'), CONSTRAINT "ck_meeting_minutes_lock" CHECK ((status = 'locked') = (sha256 IS NOT NULL AND locked_at IS NOT NULL)), CONSTRAINT "PK_131d742848db3ee132d63b25ecd" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_meeting_minutes_meeting" ON "meeting_minutes"  ("meeting_id") `);
    await q.query(`ALTER TABLE "meeting_minutes" ADD CONSTRAINT "fk_meeting_minutes_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "meeting_minutes" DROP CONSTRAINT "fk_meeting_minutes_meeting"`);
    await q.query(`DROP INDEX "public"."uq_meeting_minutes_meeting"`);
    await q.query(`DROP TABLE "meeting_minutes"`);
    await q.query(`DROP TYPE "public"."minutes_status"`);
  }
}
