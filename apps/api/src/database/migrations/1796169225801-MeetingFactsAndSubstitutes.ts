import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MeetingFactsAndSubstitutes1796169225801 implements MigrationInterface {
  name = 'MeetingFactsAndSubstitutes1796169225801';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "meetings" ADD "chair_name" character varying(200)`);
    await q.query(`ALTER TABLE "meetings" ADD "secretary_name" character varying(200)`);
    await q.query(`ALTER TABLE "meetings" ADD "check_in_opened_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "meetings" ADD "session_opened_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "meetings" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "meetings" ADD "opening_present" integer`);
    await q.query(`ALTER TABLE "meetings" ADD "opening_required" integer`);
    await q.query(`ALTER TABLE "meetings" ADD "opened_below_quorum" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "meeting_invitations" ADD "substitute_for" uuid`);
    await q.query(`ALTER TABLE "meeting_invitations" ADD "notified_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TYPE "public"."invitation_kind" ADD VALUE 'substitute'`);
    await q.query(`ALTER TABLE "meeting_invitations" ADD CONSTRAINT "ck_meeting_invitations_substitute_for" CHECK (("kind"::text = 'substitute') = ("substitute_for" IS NOT NULL))`);
    await q.query(`ALTER TABLE "meeting_invitations" ADD CONSTRAINT "fk_meeting_invitations_substitute_for" FOREIGN KEY ("substitute_for") REFERENCES "delegates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "meeting_invitations" DROP CONSTRAINT "fk_meeting_invitations_substitute_for"`);
    await q.query(`ALTER TABLE "meeting_invitations" DROP CONSTRAINT "ck_meeting_invitations_substitute_for"`);
    await q.query(`DELETE FROM "meeting_invitations" WHERE "kind"::text = 'substitute'`);
    await q.query(`CREATE TYPE "public"."invitation_kind_old" AS ENUM('member', 'guest')`);
    await q.query(`ALTER TABLE "meeting_invitations" ALTER COLUMN "kind" TYPE "public"."invitation_kind_old" USING "kind"::"text"::"public"."invitation_kind_old"`);
    await q.query(`DROP TYPE "public"."invitation_kind"`);
    await q.query(`ALTER TYPE "public"."invitation_kind_old" RENAME TO "invitation_kind"`);
    await q.query(`ALTER TABLE "meeting_invitations" DROP COLUMN "notified_at"`);
    await q.query(`ALTER TABLE "meeting_invitations" DROP COLUMN "substitute_for"`);
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "opened_below_quorum"`);
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "opening_required"`);
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "opening_present"`);
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "closed_at"`);
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "session_opened_at"`);
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "check_in_opened_at"`);
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "secretary_name"`);
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "chair_name"`);
  }
}
