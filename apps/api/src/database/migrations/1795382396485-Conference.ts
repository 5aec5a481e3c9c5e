import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Conference1795382396485 implements MigrationInterface {
  name = 'Conference1795382396485';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "conference_recordings" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "meeting_id" uuid NOT NULL, "egress_id" character varying(64) NOT NULL, "filepath" character varying(500), "started_by" uuid, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "stopped_by" uuid, "stopped_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_725bad133e41b516d0de6aa1a44" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_conference_recordings_egress_id" ON "conference_recordings"  ("egress_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_conference_recordings_running" ON "conference_recordings"  ("meeting_id") WHERE "stopped_at" IS NULL`);
    await q.query(`CREATE TABLE "conference_rooms" ("meeting_id" uuid NOT NULL, "room_name" character varying(100) NOT NULL, "room_sid" character varying(64), "max_participants" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_24ee240e2db124e14efcd578355" PRIMARY KEY ("meeting_id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_conference_rooms_room_name" ON "conference_rooms"  ("room_name") `);
    await q.query(`CREATE TYPE "public"."conference_session_source" AS ENUM('webhook', 'reconcile')`);
    await q.query(`CREATE TABLE "conference_sessions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "meeting_id" uuid NOT NULL, "participant_sid" character varying(64) NOT NULL, "identity" character varying(128) NOT NULL, "user_id" uuid, "delegate_id" uuid, "joined_at" TIMESTAMP WITH TIME ZONE, "left_at" TIMESTAMP WITH TIME ZONE, "join_event_id" character varying(64), "leave_event_id" character varying(64), "left_source" "public"."conference_session_source", "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_conference_sessions_left_after_joined" CHECK ("joined_at" IS NULL OR "left_at" IS NULL OR "left_at" >= "joined_at"), CONSTRAINT "PK_f1d56ce99d7473a29cef4652f2d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_conference_sessions_participant_sid" ON "conference_sessions"  ("participant_sid") `);
    await q.query(`CREATE UNIQUE INDEX "uq_conference_sessions_join_event" ON "conference_sessions"  ("join_event_id") WHERE "join_event_id" IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "uq_conference_sessions_leave_event" ON "conference_sessions"  ("leave_event_id") WHERE "leave_event_id" IS NOT NULL`);
    await q.query(`CREATE INDEX "ix_conference_sessions_meeting_delegate" ON "conference_sessions"  ("meeting_id", "delegate_id") `);
    await q.query(`CREATE TABLE "conference_webhook_events" ("event_id" character varying(64) NOT NULL, "event" character varying(40) NOT NULL, "room_name" character varying(100), "participant_sid" character varying(64), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9aff48844784c5f74f305b164ec" PRIMARY KEY ("event_id"))`);
    await q.query(`ALTER TABLE "conference_recordings" ADD CONSTRAINT "fk_conference_recordings_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "conference_rooms" ADD CONSTRAINT "fk_conference_rooms_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "conference_sessions" ADD CONSTRAINT "fk_conference_sessions_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "conference_sessions" ADD CONSTRAINT "fk_conference_sessions_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "conference_sessions" DROP CONSTRAINT "fk_conference_sessions_delegate"`);
    await q.query(`ALTER TABLE "conference_sessions" DROP CONSTRAINT "fk_conference_sessions_meeting"`);
    await q.query(`ALTER TABLE "conference_rooms" DROP CONSTRAINT "fk_conference_rooms_meeting"`);
    await q.query(`ALTER TABLE "conference_recordings" DROP CONSTRAINT "fk_conference_recordings_meeting"`);
    await q.query(`DROP TABLE "conference_webhook_events"`);
    await q.query(`DROP INDEX "public"."ix_conference_sessions_meeting_delegate"`);
    await q.query(`DROP INDEX "public"."uq_conference_sessions_leave_event"`);
    await q.query(`DROP INDEX "public"."uq_conference_sessions_join_event"`);
    await q.query(`DROP INDEX "public"."uq_conference_sessions_participant_sid"`);
    await q.query(`DROP TABLE "conference_sessions"`);
    await q.query(`DROP TYPE "public"."conference_session_source"`);
    await q.query(`DROP INDEX "public"."uq_conference_rooms_room_name"`);
    await q.query(`DROP TABLE "conference_rooms"`);
    await q.query(`DROP INDEX "public"."uq_conference_recordings_running"`);
    await q.query(`DROP INDEX "public"."uq_conference_recordings_egress_id"`);
    await q.query(`DROP TABLE "conference_recordings"`);
  }
}
