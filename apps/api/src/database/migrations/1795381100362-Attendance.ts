import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Attendance1795381100362 implements MigrationInterface {
  name = 'Attendance1795381100362';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."attendance_status" AS ENUM('present', 'left', 'excused')`);
    await q.query(`CREATE TYPE "public"."checkin_method" AS ENUM('face', 'manual', 'qr', 'online')`);
    await q.query(`CREATE TABLE "attendance_records" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "meeting_id" uuid NOT NULL, "delegate_id" uuid NOT NULL, "status" "public"."attendance_status" NOT NULL, "method" "public"."checkin_method", "checked_in_at" TIMESTAMP WITH TIME ZONE, "checked_out_at" TIMESTAMP WITH TIME ZONE, "absence_reason" character varying(500), "distance" real, "score" real, "kiosk_id" uuid, "recorded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_946920332f5bc9efad3f3023b96" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_attendance_delegate_id" ON "attendance_records"  ("delegate_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_attendance_meeting_delegate" ON "attendance_records"  ("meeting_id", "delegate_id") `);
    await q.query(`ALTER TABLE "attendance_records" ADD CONSTRAINT "fk_attendance_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "attendance_records" ADD CONSTRAINT "fk_attendance_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "attendance_records" DROP CONSTRAINT "fk_attendance_delegate"`);
    await q.query(`ALTER TABLE "attendance_records" DROP CONSTRAINT "fk_attendance_meeting"`);
    await q.query(`DROP INDEX "public"."uq_attendance_meeting_delegate"`);
    await q.query(`DROP INDEX "public"."ix_attendance_delegate_id"`);
    await q.query(`DROP TABLE "attendance_records"`);
    await q.query(`DROP TYPE "public"."checkin_method"`);
    await q.query(`DROP TYPE "public"."attendance_status"`);
  }
}
