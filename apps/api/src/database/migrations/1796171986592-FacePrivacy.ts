import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FacePrivacy1796171986592 implements MigrationInterface {
  name = 'FacePrivacy1796171986592';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."privacy_request_kind" AS ENUM('export', 'biometric_erasure', 'correction', 'restriction', 'objection', 'profile_erasure')`);
    await q.query(`CREATE TYPE "public"."privacy_request_status" AS ENUM('pending', 'done', 'rejected')`);
    await q.query(`CREATE TABLE "privacy_requests" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "delegate_id" uuid NOT NULL, "kind" "public"."privacy_request_kind" NOT NULL, "status" "public"."privacy_request_status" NOT NULL, "details" character varying(2000), "requested_by" uuid, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "response_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by" uuid, "outcome" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fbdea00fb2fcf274bf0d2ddf2c2" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_privacy_requests_delegate_id" ON "privacy_requests"  ("delegate_id") `);
    await q.query(`CREATE INDEX "ix_privacy_requests_status_due" ON "privacy_requests"  ("status", "due_at") `);
    await q.query(`CREATE TABLE "face_notices" ("version" character varying(32) NOT NULL, "sha256" character(64) NOT NULL, "text" text NOT NULL, "in_force_from" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b1c13714d793a89d4b851c2fd48" PRIMARY KEY ("version"))`);
    await q.query(`ALTER TABLE "face_consents" ADD "notice_sha256" character(64)`);
    await q.query(`ALTER TABLE "face_consents" ADD "purposes" jsonb`);
    await q.query(`ALTER TABLE "face_consents" ADD "controller" character varying(300)`);
    await q.query(`ALTER TABLE "face_consents" ADD "evidence" jsonb`);
    await q.query(`ALTER TABLE "face_consents" ADD "end_reason" character varying(20)`);
    await q.query(`ALTER TABLE "privacy_requests" ADD CONSTRAINT "fk_privacy_requests_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "privacy_requests" DROP CONSTRAINT "fk_privacy_requests_delegate"`);
    await q.query(`ALTER TABLE "face_consents" DROP COLUMN "end_reason"`);
    await q.query(`ALTER TABLE "face_consents" DROP COLUMN "evidence"`);
    await q.query(`ALTER TABLE "face_consents" DROP COLUMN "controller"`);
    await q.query(`ALTER TABLE "face_consents" DROP COLUMN "purposes"`);
    await q.query(`ALTER TABLE "face_consents" DROP COLUMN "notice_sha256"`);
    await q.query(`DROP TABLE "face_notices"`);
    await q.query(`DROP INDEX "public"."ix_privacy_requests_status_due"`);
    await q.query(`DROP INDEX "public"."ix_privacy_requests_delegate_id"`);
    await q.query(`DROP TABLE "privacy_requests"`);
    await q.query(`DROP TYPE "public"."privacy_request_status"`);
    await q.query(`DROP TYPE "public"."privacy_request_kind"`);
  }
}
