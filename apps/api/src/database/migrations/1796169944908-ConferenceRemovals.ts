import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConferenceRemovals1796169944908 implements MigrationInterface {
  name = 'ConferenceRemovals1796169944908';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "conference_removals" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "meeting_id" uuid NOT NULL, "identity" character varying(128) NOT NULL, "name" character varying(200) NOT NULL, "removed_by" uuid, "removed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "readmitted_by" uuid, "readmitted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b7438e3e65bea91e2ec5ae0ccad" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_conference_removals_open" ON "conference_removals"  ("meeting_id", "identity") WHERE "readmitted_at" IS NULL`);
    await q.query(`ALTER TABLE "conference_removals" ADD CONSTRAINT "fk_conference_removals_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "conference_removals" DROP CONSTRAINT "fk_conference_removals_meeting"`);
    await q.query(`DROP INDEX "public"."uq_conference_removals_open"`);
    await q.query(`DROP TABLE "conference_removals"`);
  }
}
