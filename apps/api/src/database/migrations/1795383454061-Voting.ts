import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Voting1795383454061 implements MigrationInterface {
  name = 'Voting1795383454061';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."poll_kind" AS ENUM('motion', 'choice', 'election')`);
    await q.query(`CREATE TYPE "public"."ballot_mode" AS ENUM('named', 'secret')`);
    await q.query(`CREATE TYPE "public"."poll_status" AS ENUM('draft', 'open', 'closed', 'published')`);
    await q.query(`CREATE TABLE "polls" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "meeting_id" uuid NOT NULL, "agenda_item_id" uuid, "kind" "public"."poll_kind" NOT NULL, "ballot_mode" "public"."ballot_mode" NOT NULL, "title" character varying(500) NOT NULL, "status" "public"."poll_status" NOT NULL DEFAULT 'draft', "rule" jsonb NOT NULL, "allow_change" boolean NOT NULL DEFAULT false, "live_tallies" boolean NOT NULL DEFAULT false, "max_choices" integer NOT NULL DEFAULT '1', "seats" integer, "countdown_seconds" integer, "opened_at" TIMESTAMP WITH TIME ZONE, "closes_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, "members_count" integer, "present_count" integer, "eligible_count" integer, "created_by" uuid, "result" jsonb, CONSTRAINT "ck_polls_rule_object" CHECK (jsonb_typeof("rule") = 'object'), CONSTRAINT "ck_polls_live_tallies_named" CHECK (NOT "live_tallies" OR "ballot_mode" = 'named'), CONSTRAINT "ck_polls_published" CHECK ("status" <> 'published' OR ("published_at" IS NOT NULL AND "result" IS NOT NULL)), CONSTRAINT "ck_polls_closed" CHECK ("status" NOT IN ('closed', 'published') OR "closed_at" IS NOT NULL), CONSTRAINT "ck_polls_opened" CHECK ("status" = 'draft' OR ("opened_at" IS NOT NULL AND "members_count" IS NOT NULL AND "present_count" IS NOT NULL AND "eligible_count" IS NOT NULL)), CONSTRAINT "ck_polls_counts" CHECK ("members_count" >= 0 AND "present_count" >= 0 AND "eligible_count" >= 0 AND "present_count" <= "members_count"), CONSTRAINT "ck_polls_countdown" CHECK ("countdown_seconds" IS NULL OR "countdown_seconds" BETWEEN 5 AND 86400), CONSTRAINT "ck_polls_election_seats" CHECK (("kind" = 'election') = ("seats" IS NOT NULL) AND ("seats" IS NULL OR "seats" >= 1)), CONSTRAINT "ck_polls_motion_single" CHECK ("kind" <> 'motion' OR "max_choices" = 1), CONSTRAINT "ck_polls_max_choices" CHECK ("max_choices" >= 1), CONSTRAINT "PK_b9bbb8fc7b142553c518ddffbb6" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_polls_agenda_item_id" ON "polls"  ("agenda_item_id") `);
    await q.query(`CREATE INDEX "ix_polls_closes_at" ON "polls"  ("closes_at") `);
    await q.query(`CREATE INDEX "ix_polls_meeting_status" ON "polls"  ("meeting_id", "status") `);
    await q.query(`CREATE TYPE "public"."motion_option_code" AS ENUM('for', 'against', 'abstain')`);
    await q.query(`CREATE TABLE "poll_options" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "poll_id" uuid NOT NULL, "position" integer NOT NULL, "label" character varying(500) NOT NULL, "code" "public"."motion_option_code", "delegate_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_poll_options_position" CHECK ("position" >= 1), CONSTRAINT "PK_f52aac4865d291e3658dedf9083" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_poll_options_code" ON "poll_options"  ("poll_id", "code") `);
    await q.query(`CREATE UNIQUE INDEX "uq_poll_options_position" ON "poll_options"  ("poll_id", "position") `);
    await q.query(`CREATE TYPE "public"."vote_channel" AS ENUM('hall', 'online')`);
    await q.query(`CREATE TABLE "poll_participation" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "poll_id" uuid NOT NULL, "delegate_id" uuid NOT NULL, "acting_delegate_id" uuid, "ballot_key" character varying(64) NOT NULL, "channel" "public"."vote_channel" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ea54d163d6a2e5245c70fa68f6b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_poll_participation_delegate_id" ON "poll_participation"  ("delegate_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_poll_participation_ballot_key" ON "poll_participation"  ("ballot_key") `);
    await q.query(`CREATE UNIQUE INDEX "uq_poll_participation_poll_delegate" ON "poll_participation"  ("poll_id", "delegate_id") `);
    await q.query(`CREATE TABLE "named_ballots" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "poll_id" uuid NOT NULL, "delegate_id" uuid NOT NULL, "choices" jsonb NOT NULL, "ballot_id" uuid NOT NULL, "receipt" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_named_ballots_choices_array" CHECK (jsonb_typeof("choices") = 'array'), CONSTRAINT "PK_cb679997137739c3519892f5fbd" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_named_ballots_delegate_id" ON "named_ballots"  ("delegate_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_named_ballots_ballot_id" ON "named_ballots"  ("ballot_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_named_ballots_receipt" ON "named_ballots"  ("receipt") `);
    await q.query(`CREATE UNIQUE INDEX "uq_named_ballots_poll_delegate" ON "named_ballots"  ("poll_id", "delegate_id") `);
    await q.query(`CREATE TABLE "secret_ballots" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "poll_id" uuid NOT NULL, "choices" jsonb NOT NULL, "receipt_code" character varying(32) NOT NULL, CONSTRAINT "ck_secret_ballots_choices_array" CHECK (jsonb_typeof("choices") = 'array'), CONSTRAINT "PK_2099ff5b1624d104dec93ab969e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_secret_ballots_receipt_code" ON "secret_ballots"  ("receipt_code") `);
    await q.query(`CREATE INDEX "ix_secret_ballots_poll_id" ON "secret_ballots"  ("poll_id") `);
    await q.query(`ALTER TABLE "polls" ADD CONSTRAINT "fk_polls_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "polls" ADD CONSTRAINT "fk_polls_agenda_item" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poll_options" ADD CONSTRAINT "fk_poll_options_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poll_options" ADD CONSTRAINT "fk_poll_options_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poll_participation" ADD CONSTRAINT "fk_poll_participation_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poll_participation" ADD CONSTRAINT "fk_poll_participation_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poll_participation" ADD CONSTRAINT "fk_poll_participation_acting_delegate" FOREIGN KEY ("acting_delegate_id") REFERENCES "delegates"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "named_ballots" ADD CONSTRAINT "fk_named_ballots_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "named_ballots" ADD CONSTRAINT "fk_named_ballots_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "secret_ballots" ADD CONSTRAINT "fk_secret_ballots_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "secret_ballots" DROP CONSTRAINT "fk_secret_ballots_poll"`);
    await q.query(`ALTER TABLE "named_ballots" DROP CONSTRAINT "fk_named_ballots_delegate"`);
    await q.query(`ALTER TABLE "named_ballots" DROP CONSTRAINT "fk_named_ballots_poll"`);
    await q.query(`ALTER TABLE "poll_participation" DROP CONSTRAINT "fk_poll_participation_acting_delegate"`);
    await q.query(`ALTER TABLE "poll_participation" DROP CONSTRAINT "fk_poll_participation_delegate"`);
    await q.query(`ALTER TABLE "poll_participation" DROP CONSTRAINT "fk_poll_participation_poll"`);
    await q.query(`ALTER TABLE "poll_options" DROP CONSTRAINT "fk_poll_options_delegate"`);
    await q.query(`ALTER TABLE "poll_options" DROP CONSTRAINT "fk_poll_options_poll"`);
    await q.query(`ALTER TABLE "polls" DROP CONSTRAINT "fk_polls_agenda_item"`);
    await q.query(`ALTER TABLE "polls" DROP CONSTRAINT "fk_polls_meeting"`);
    await q.query(`DROP INDEX "public"."ix_secret_ballots_poll_id"`);
    await q.query(`DROP INDEX "public"."uq_secret_ballots_receipt_code"`);
    await q.query(`DROP TABLE "secret_ballots"`);
    await q.query(`DROP INDEX "public"."uq_named_ballots_poll_delegate"`);
    await q.query(`DROP INDEX "public"."uq_named_ballots_receipt"`);
    await q.query(`DROP INDEX "public"."uq_named_ballots_ballot_id"`);
    await q.query(`DROP INDEX "public"."ix_named_ballots_delegate_id"`);
    await q.query(`DROP TABLE "named_ballots"`);
    await q.query(`DROP INDEX "public"."uq_poll_participation_poll_delegate"`);
    await q.query(`DROP INDEX "public"."uq_poll_participation_ballot_key"`);
    await q.query(`DROP INDEX "public"."ix_poll_participation_delegate_id"`);
    await q.query(`DROP TABLE "poll_participation"`);
    await q.query(`DROP TYPE "public"."vote_channel"`);
    await q.query(`DROP INDEX "public"."uq_poll_options_position"`);
    await q.query(`DROP INDEX "public"."uq_poll_options_code"`);
    await q.query(`DROP TABLE "poll_options"`);
    await q.query(`DROP TYPE "public"."motion_option_code"`);
    await q.query(`DROP INDEX "public"."ix_polls_meeting_status"`);
    await q.query(`DROP INDEX "public"."ix_polls_closes_at"`);
    await q.query(`DROP INDEX "public"."ix_polls_agenda_item_id"`);
    await q.query(`DROP TABLE "polls"`);
    await q.query(`DROP TYPE "public"."poll_status"`);
    await q.query(`DROP TYPE "public"."ballot_mode"`);
    await q.query(`DROP TYPE "public"."poll_kind"`);
  }
}
