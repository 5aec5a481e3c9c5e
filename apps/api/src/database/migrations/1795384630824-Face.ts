import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Face1795384630824 implements MigrationInterface {
  name = 'Face1795384630824';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."face_consent_method" AS ENUM('self', 'paper')`);
    await q.query(`CREATE TABLE "face_consents" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "delegate_id" uuid NOT NULL, "method" "public"."face_consent_method" NOT NULL, "paper_reference" character varying(100), "notice_version" character varying(32) NOT NULL, "given_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" uuid, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_face_consents_paper_reference" CHECK (("method" = 'paper') = ("paper_reference" IS NOT NULL)), CONSTRAINT "PK_5ae0a0a3289dc61b6331f52d2ba" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_face_consents_delegate_id" ON "face_consents"  ("delegate_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_face_consents_active" ON "face_consents"  ("delegate_id") WHERE "withdrawn_at" IS NULL`);
    await q.query(`CREATE TABLE "face_descriptors" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "delegate_id" uuid NOT NULL, "consent_id" uuid NOT NULL, "descriptor" bytea NOT NULL, "key_version" smallint NOT NULL, "detection_score" real NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_face_descriptors_key_version" CHECK ("key_version" BETWEEN 1 AND 255), CONSTRAINT "PK_6c71cbe8e637dc2d38d1c146e3d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_face_descriptors_delegate_id" ON "face_descriptors"  ("delegate_id") `);
    await q.query(`CREATE INDEX "ix_face_descriptors_consent_id" ON "face_descriptors"  ("consent_id") `);
    await q.query(`ALTER TABLE "face_consents" ADD CONSTRAINT "fk_face_consents_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "face_consents" ADD CONSTRAINT "fk_face_consents_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "face_consents" ADD CONSTRAINT "fk_face_consents_withdrawn_by" FOREIGN KEY ("withdrawn_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "face_descriptors" ADD CONSTRAINT "fk_face_descriptors_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "face_descriptors" ADD CONSTRAINT "fk_face_descriptors_consent" FOREIGN KEY ("consent_id") REFERENCES "face_consents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "face_descriptors" DROP CONSTRAINT "fk_face_descriptors_consent"`);
    await q.query(`ALTER TABLE "face_descriptors" DROP CONSTRAINT "fk_face_descriptors_delegate"`);
    await q.query(`ALTER TABLE "face_consents" DROP CONSTRAINT "fk_face_consents_withdrawn_by"`);
    await q.query(`ALTER TABLE "face_consents" DROP CONSTRAINT "fk_face_consents_recorded_by"`);
    await q.query(`ALTER TABLE "face_consents" DROP CONSTRAINT "fk_face_consents_delegate"`);
    await q.query(`DROP INDEX "public"."ix_face_descriptors_consent_id"`);
    await q.query(`DROP INDEX "public"."ix_face_descriptors_delegate_id"`);
    await q.query(`DROP TABLE "face_descriptors"`);
    await q.query(`DROP INDEX "public"."uq_face_consents_active"`);
    await q.query(`DROP INDEX "public"."ix_face_consents_delegate_id"`);
    await q.query(`DROP TABLE "face_consents"`);
    await q.query(`DROP TYPE "public"."face_consent_method"`);
  }
}
