import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RoundProposals1796194965509 implements MigrationInterface {
  name = 'RoundProposals1796194965509';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."round_proposal_result" AS ENUM('failed', 'undecided')`);
    await q.query(`CREATE TYPE "public"."round_proposal_status" AS ENUM('pending', 'taken', 'dismissed')`);
    await q.query(`CREATE TABLE "round_proposals" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "round_id" uuid NOT NULL, "body_id" uuid NOT NULL, "result" "public"."round_proposal_result" NOT NULL, "status" "public"."round_proposal_status" NOT NULL DEFAULT 'pending', "meeting_id" uuid, "agenda_item_id" uuid, "dismiss_reason" character varying(1000), "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_round_proposals_dismissed" CHECK ("status" <> 'dismissed' OR "dismiss_reason" IS NOT NULL), CONSTRAINT "ck_round_proposals_taken" CHECK ("status" <> 'taken' OR ("meeting_id" IS NOT NULL AND "agenda_item_id" IS NOT NULL)), CONSTRAINT "ck_round_proposals_decided" CHECK (("status" = 'pending') = ("decided_at" IS NULL)), CONSTRAINT "PK_1cefad67d455f1aa7809d8e7437" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_round_proposals_round" ON "round_proposals"  ("round_id") `);
    await q.query(`CREATE INDEX "ix_round_proposals_body_status" ON "round_proposals"  ("body_id", "status") `);
    await q.query(`ALTER TABLE "round_proposals" ADD CONSTRAINT "fk_round_proposals_round" FOREIGN KEY ("round_id") REFERENCES "opinion_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "round_proposals" ADD CONSTRAINT "fk_round_proposals_body" FOREIGN KEY ("body_id") REFERENCES "bodies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "round_proposals" DROP CONSTRAINT "fk_round_proposals_body"`);
    await q.query(`ALTER TABLE "round_proposals" DROP CONSTRAINT "fk_round_proposals_round"`);
    await q.query(`DROP INDEX "public"."ix_round_proposals_body_status"`);
    await q.query(`DROP INDEX "public"."uq_round_proposals_round"`);
    await q.query(`DROP TABLE "round_proposals"`);
    await q.query(`DROP TYPE "public"."round_proposal_status"`);
    await q.query(`DROP TYPE "public"."round_proposal_result"`);
  }
}
