import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LegalProfiles1796169249919 implements MigrationInterface {
  name = 'LegalProfiles1796169249919';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."body_kind" AS ENUM('peoples_committee', 'peoples_council', 'council_standing', 'other')`);
    await q.query(`ALTER TABLE "bodies" ADD "kind" "public"."body_kind" NOT NULL DEFAULT 'other'`);
    await q.query(`ALTER TABLE "meetings" ADD "quorum_override_basis" character varying(1000)`);
    await q.query(`ALTER TABLE "meetings" ADD "quorum_override_by" uuid`);
    await q.query(`ALTER TABLE "opinion_rounds" ADD "carried_meeting_id" uuid`);
    await q.query(`ALTER TABLE "opinion_rounds" ADD "carried_agenda_item_id" uuid`);
    await q.query(`ALTER TABLE "polls" ADD "decision_type" character varying(60)`);
    await q.query(`ALTER TABLE "polls" ADD "legal_basis" character varying(1000)`);
    await q.query(`ALTER TABLE "polls" ADD "override_basis" character varying(1000)`);
    await q.query(`ALTER TABLE "polls" ADD "override_by" uuid`);
    await q.query(`ALTER TABLE "poll_options" ADD "subject" integer`);
    await q.query(`ALTER TABLE "poll_options" ADD "subject_name" character varying(500)`);
    await q.query(`ALTER TABLE "poll_options" ADD "grade" character varying(20)`);
    await q.query(`ALTER TYPE "public"."poll_kind" ADD VALUE 'confidence'`);
    await q.query(`ALTER TYPE "public"."poll_kind" ADD VALUE 'no_confidence'`);
    await q.query(`CREATE UNIQUE INDEX "uq_poll_options_subject_grade" ON "poll_options"  ("poll_id", "subject", "grade") `);
    await q.query(`ALTER TABLE "bodies" ADD CONSTRAINT "ck_bodies_proxy_profile" CHECK ("kind" = 'other' OR NOT "allow_proxy_voting")`);
    await q.query(`ALTER TABLE "meetings" ADD CONSTRAINT "ck_meetings_quorum_override" CHECK (("quorum_override_basis" IS NULL) = ("quorum_override_by" IS NULL))`);
    await q.query(`ALTER TABLE "polls" ADD CONSTRAINT "ck_polls_confidence_secret" CHECK ("kind"::text NOT IN ('confidence', 'no_confidence') OR "ballot_mode" = 'secret')`);
    await q.query(`ALTER TABLE "polls" ADD CONSTRAINT "ck_polls_override" CHECK (("override_basis" IS NULL) = ("override_by" IS NULL))`);
    await q.query(`ALTER TABLE "poll_options" ADD CONSTRAINT "ck_poll_options_subject" CHECK (("subject" IS NULL) = ("grade" IS NULL) AND ("subject" IS NULL OR "subject" >= 1))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "poll_options" DROP CONSTRAINT "ck_poll_options_subject"`);
    await q.query(`ALTER TABLE "polls" DROP CONSTRAINT "ck_polls_override"`);
    await q.query(`ALTER TABLE "polls" DROP CONSTRAINT "ck_polls_confidence_secret"`);
    await q.query(`ALTER TABLE "meetings" DROP CONSTRAINT "ck_meetings_quorum_override"`);
    await q.query(`ALTER TABLE "bodies" DROP CONSTRAINT "ck_bodies_proxy_profile"`);
    await q.query(`DROP INDEX "public"."uq_poll_options_subject_grade"`);
    await q.query(`CREATE TYPE "public"."poll_kind_old" AS ENUM('motion', 'choice', 'election')`);
    await q.query(`ALTER TABLE "polls" ALTER COLUMN "kind" TYPE "public"."poll_kind_old" USING "kind"::"text"::"public"."poll_kind_old"`);
    await q.query(`DROP TYPE "public"."poll_kind"`);
    await q.query(`ALTER TYPE "public"."poll_kind_old" RENAME TO "poll_kind"`);
    await q.query(`ALTER TABLE "poll_options" DROP COLUMN "grade"`);
    await q.query(`ALTER TABLE "poll_options" DROP COLUMN "subject_name"`);
    await q.query(`ALTER TABLE "poll_options" DROP COLUMN "subject"`);
    await q.query(`ALTER TABLE "polls" DROP COLUMN "override_by"`);
    await q.query(`ALTER TABLE "polls" DROP COLUMN "override_basis"`);
    await q.query(`ALTER TABLE "polls" DROP COLUMN "legal_basis"`);
    await q.query(`ALTER TABLE "polls" DROP COLUMN "decision_type"`);
    await q.query(`ALTER TABLE "opinion_rounds" DROP COLUMN "carried_agenda_item_id"`);
    await q.query(`ALTER TABLE "opinion_rounds" DROP COLUMN "carried_meeting_id"`);
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "quorum_override_by"`);
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "quorum_override_basis"`);
    await q.query(`ALTER TABLE "bodies" DROP COLUMN "kind"`);
    await q.query(`DROP TYPE "public"."body_kind"`);
  }
}
