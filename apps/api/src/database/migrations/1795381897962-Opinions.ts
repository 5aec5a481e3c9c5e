import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Opinions1795381897962 implements MigrationInterface {
  name = 'Opinions1795381897962';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."opinion_status" AS ENUM('submitted', 'addressed')`);
    await q.query(`CREATE TABLE "opinions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "meeting_id" uuid NOT NULL, "agenda_item_id" uuid, "delegate_id" uuid NOT NULL, "content" text NOT NULL, "status" "public"."opinion_status" NOT NULL DEFAULT 'submitted', "addressed_by" uuid, "addressed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_40e5faf85211ee31acc8ed669ce" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_opinions_delegate_id" ON "opinions"  ("delegate_id") `);
    await q.query(`CREATE INDEX "ix_opinions_meeting_created" ON "opinions"  ("meeting_id", "created_at") `);
    await q.query(`CREATE TYPE "public"."speaker_request_status" AS ENUM('waiting', 'speaking', 'done', 'withdrawn')`);
    await q.query(`CREATE TABLE "speaker_requests" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "meeting_id" uuid NOT NULL, "delegate_id" uuid NOT NULL, "agenda_item_id" uuid, "status" "public"."speaker_request_status" NOT NULL DEFAULT 'waiting', "queue_position" integer NOT NULL, "granted_by" uuid, "granted_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d49bbb26145a59e3388f8c45e55" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_speaker_requests_open" ON "speaker_requests"  ("meeting_id", "delegate_id") WHERE "status" IN ('waiting', 'speaking')`);
    await q.query(`CREATE INDEX "ix_speaker_requests_meeting_status" ON "speaker_requests"  ("meeting_id", "status") `);
    await q.query(`CREATE TYPE "public"."opinion_round_status" AS ENUM('draft', 'open', 'closed')`);
    await q.query(`CREATE TABLE "opinion_rounds" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "body_id" uuid NOT NULL, "title" character varying(500) NOT NULL, "description" text, "status" "public"."opinion_round_status" NOT NULL DEFAULT 'draft', "deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "remind_hours_before" integer NOT NULL DEFAULT '24', "reminders_sent_at" TIMESTAMP WITH TIME ZONE, "rule" jsonb NOT NULL, "members_count" integer, "summary" jsonb, "created_by" uuid, "opened_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_112b95d683826394c657a4dbf61" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_opinion_rounds_status_deadline" ON "opinion_rounds"  ("status", "deadline") `);
    await q.query(`CREATE TABLE "opinion_round_questions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "round_id" uuid NOT NULL, "position" integer NOT NULL, "text" text NOT NULL, CONSTRAINT "PK_2c0e654ff5080d9e0f15b79f0b3" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_round_questions_position" ON "opinion_round_questions"  ("round_id", "position") `);
    await q.query(`CREATE TYPE "public"."round_answer_choice" AS ENUM('agree', 'disagree', 'other')`);
    await q.query(`CREATE TABLE "opinion_round_answers" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "round_id" uuid NOT NULL, "question_id" uuid NOT NULL, "delegate_id" uuid NOT NULL, "choice" "public"."round_answer_choice" NOT NULL, "comment" text, "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0d2331ea3914151e29dc4713506" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_round_answers_round_id" ON "opinion_round_answers"  ("round_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_round_answers_question_delegate" ON "opinion_round_answers"  ("question_id", "delegate_id") `);
    await q.query(`CREATE TABLE "opinion_round_recipients" ("round_id" uuid NOT NULL, "delegate_id" uuid NOT NULL, "can_vote" boolean NOT NULL, "reminded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5e237bded55b4a42d47fed711b6" PRIMARY KEY ("round_id", "delegate_id"))`);
    await q.query(`CREATE INDEX "ix_round_recipients_delegate_id" ON "opinion_round_recipients"  ("delegate_id") `);
    await q.query(`ALTER TABLE "opinions" ADD CONSTRAINT "fk_opinions_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "opinions" ADD CONSTRAINT "fk_opinions_agenda_item" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "opinions" ADD CONSTRAINT "fk_opinions_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "speaker_requests" ADD CONSTRAINT "fk_speaker_requests_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "speaker_requests" ADD CONSTRAINT "fk_speaker_requests_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "opinion_rounds" ADD CONSTRAINT "fk_opinion_rounds_body" FOREIGN KEY ("body_id") REFERENCES "bodies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "opinion_round_questions" ADD CONSTRAINT "fk_round_questions_round" FOREIGN KEY ("round_id") REFERENCES "opinion_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "opinion_round_answers" ADD CONSTRAINT "fk_round_answers_question" FOREIGN KEY ("question_id") REFERENCES "opinion_round_questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "opinion_round_answers" ADD CONSTRAINT "fk_round_answers_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "opinion_round_recipients" ADD CONSTRAINT "fk_round_recipients_round" FOREIGN KEY ("round_id") REFERENCES "opinion_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "opinion_round_recipients" ADD CONSTRAINT "fk_round_recipients_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "opinion_round_recipients" DROP CONSTRAINT "fk_round_recipients_delegate"`);
    await q.query(`ALTER TABLE "opinion_round_recipients" DROP CONSTRAINT "fk_round_recipients_round"`);
    await q.query(`ALTER TABLE "opinion_round_answers" DROP CONSTRAINT "fk_round_answers_delegate"`);
    await q.query(`ALTER TABLE "opinion_round_answers" DROP CONSTRAINT "fk_round_answers_question"`);
    await q.query(`ALTER TABLE "opinion_round_questions" DROP CONSTRAINT "fk_round_questions_round"`);
    await q.query(`ALTER TABLE "opinion_rounds" DROP CONSTRAINT "fk_opinion_rounds_body"`);
    await q.query(`ALTER TABLE "speaker_requests" DROP CONSTRAINT "fk_speaker_requests_delegate"`);
    await q.query(`ALTER TABLE "speaker_requests" DROP CONSTRAINT "fk_speaker_requests_meeting"`);
    await q.query(`ALTER TABLE "opinions" DROP CONSTRAINT "fk_opinions_delegate"`);
    await q.query(`ALTER TABLE "opinions" DROP CONSTRAINT "fk_opinions_agenda_item"`);
    await q.query(`ALTER TABLE "opinions" DROP CONSTRAINT "fk_opinions_meeting"`);
    await q.query(`DROP INDEX "public"."ix_round_recipients_delegate_id"`);
    await q.query(`DROP TABLE "opinion_round_recipients"`);
    await q.query(`DROP INDEX "public"."uq_round_answers_question_delegate"`);
    await q.query(`DROP INDEX "public"."ix_round_answers_round_id"`);
    await q.query(`DROP TABLE "opinion_round_answers"`);
    await q.query(`DROP TYPE "public"."round_answer_choice"`);
    await q.query(`DROP INDEX "public"."uq_round_questions_position"`);
    await q.query(`DROP TABLE "opinion_round_questions"`);
    await q.query(`DROP INDEX "public"."ix_opinion_rounds_status_deadline"`);
    await q.query(`DROP TABLE "opinion_rounds"`);
    await q.query(`DROP TYPE "public"."opinion_round_status"`);
    await q.query(`DROP INDEX "public"."ix_speaker_requests_meeting_status"`);
    await q.query(`DROP INDEX "public"."uq_speaker_requests_open"`);
    await q.query(`DROP TABLE "speaker_requests"`);
    await q.query(`DROP TYPE "public"."speaker_request_status"`);
    await q.query(`DROP INDEX "public"."ix_opinions_meeting_created"`);
    await q.query(`DROP INDEX "public"."ix_opinions_delegate_id"`);
    await q.query(`DROP TABLE "opinions"`);
    await q.query(`DROP TYPE "public"."opinion_status"`);
  }
}
