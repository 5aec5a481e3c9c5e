import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SecretBallots1796169869565 implements MigrationInterface {
  name = 'SecretBallots1796169869565';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."uq_secret_ballots_receipt_code"`);
    await q.query(`CREATE TABLE "secret_ballot_envelopes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "poll_id" uuid NOT NULL, "sealed" bytea NOT NULL, CONSTRAINT "PK_f014ae92aaf753edc057ff72feb" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_secret_ballot_envelopes_poll_id" ON "secret_ballot_envelopes"  ("poll_id") `);
    await q.query(`CREATE TABLE "secret_receipts" ("poll_id" uuid NOT NULL, "receipt" character varying(32) NOT NULL, CONSTRAINT "PK_9880a3b0c1c449cb5055e95bbe5" PRIMARY KEY ("poll_id", "receipt"))`);
    await q.query(`CREATE TABLE "poll_keys" ("poll_id" uuid NOT NULL, "public_key" bytea NOT NULL, "custody" character varying(16) NOT NULL, "threshold" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "destroyed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_poll_keys_threshold" CHECK (("custody" = 'committee') = ("threshold" IS NOT NULL) AND ("threshold" IS NULL OR "threshold" >= 1)), CONSTRAINT "ck_poll_keys_custody" CHECK ("custody" IN ('server', 'committee')), CONSTRAINT "PK_a9200cec2458cd8ac44d0db7987" PRIMARY KEY ("poll_id"))`);
    await q.query(`CREATE TABLE "poll_key_shares" ("poll_id" uuid NOT NULL, "delegate_id" uuid NOT NULL, "sealed" bytea NOT NULL, CONSTRAINT "PK_3288c995253435d8a4c2e17b15e" PRIMARY KEY ("poll_id", "delegate_id"))`);
    await q.query(`CREATE TABLE "counting_committees" ("poll_id" uuid NOT NULL, "custody" character varying(16) NOT NULL DEFAULT 'server', "threshold" integer, "designated_by" uuid, "designated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_counting_committees_threshold" CHECK (("custody" = 'committee') = ("threshold" IS NOT NULL) AND ("threshold" IS NULL OR "threshold" >= 1)), CONSTRAINT "ck_counting_committees_custody" CHECK ("custody" IN ('server', 'committee')), CONSTRAINT "PK_e913b443f140d8819de7b8a3cc8" PRIMARY KEY ("poll_id"))`);
    await q.query(`CREATE TABLE "counting_committee_members" ("poll_id" uuid NOT NULL, "delegate_id" uuid NOT NULL, "role" character varying(8) NOT NULL, "position" integer NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_counting_committee_members_role" CHECK ("role" IN ('head', 'member')), CONSTRAINT "PK_df4256fa579959e732ca40b9503" PRIMARY KEY ("poll_id", "delegate_id"))`);
    await q.query(`CREATE TABLE "counting_member_keys" ("delegate_id" uuid NOT NULL, "public_key" bytea NOT NULL, "sealed_private_key" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2523915a76aecc2c2734d89bbd9" PRIMARY KEY ("delegate_id"))`);
    await q.query(`CREATE TABLE "count_reports" ("poll_id" uuid NOT NULL, "content" jsonb NOT NULL, "sha256" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finalised_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_38e6a9d036ad0eace4c0abb8cd2" PRIMARY KEY ("poll_id"))`);
    // receipts of polls counted before: kept as inclusion proofs, no longer next to their choices
    await q.query(`INSERT INTO "secret_receipts" ("poll_id", "receipt") SELECT "poll_id", "receipt_code" FROM "secret_ballots" ON CONFLICT DO NOTHING`);
    await q.query(`ALTER TABLE "secret_ballots" DROP COLUMN "receipt_code"`);
    await q.query(`ALTER TABLE "secret_ballot_envelopes" ADD CONSTRAINT "fk_secret_ballot_envelopes_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "secret_receipts" ADD CONSTRAINT "fk_secret_receipts_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poll_keys" ADD CONSTRAINT "fk_poll_keys_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poll_key_shares" ADD CONSTRAINT "fk_poll_key_shares_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poll_key_shares" ADD CONSTRAINT "fk_poll_key_shares_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "counting_committees" ADD CONSTRAINT "fk_counting_committees_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "counting_committee_members" ADD CONSTRAINT "fk_counting_committee_members_committee" FOREIGN KEY ("poll_id") REFERENCES "counting_committees"("poll_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "counting_committee_members" ADD CONSTRAINT "fk_counting_committee_members_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "counting_member_keys" ADD CONSTRAINT "fk_counting_member_keys_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "count_reports" ADD CONSTRAINT "fk_count_reports_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "count_reports" DROP CONSTRAINT "fk_count_reports_poll"`);
    await q.query(`ALTER TABLE "counting_member_keys" DROP CONSTRAINT "fk_counting_member_keys_delegate"`);
    await q.query(`ALTER TABLE "counting_committee_members" DROP CONSTRAINT "fk_counting_committee_members_delegate"`);
    await q.query(`ALTER TABLE "counting_committee_members" DROP CONSTRAINT "fk_counting_committee_members_committee"`);
    await q.query(`ALTER TABLE "counting_committees" DROP CONSTRAINT "fk_counting_committees_poll"`);
    await q.query(`ALTER TABLE "poll_key_shares" DROP CONSTRAINT "fk_poll_key_shares_delegate"`);
    await q.query(`ALTER TABLE "poll_key_shares" DROP CONSTRAINT "fk_poll_key_shares_poll"`);
    await q.query(`ALTER TABLE "poll_keys" DROP CONSTRAINT "fk_poll_keys_poll"`);
    await q.query(`ALTER TABLE "secret_receipts" DROP CONSTRAINT "fk_secret_receipts_poll"`);
    await q.query(`ALTER TABLE "secret_ballot_envelopes" DROP CONSTRAINT "fk_secret_ballot_envelopes_poll"`);
    // the pairs are gone for good: old rows get a placeholder code
    await q.query(`ALTER TABLE "secret_ballots" ADD "receipt_code" character varying(32)`);
    await q.query(`UPDATE "secret_ballots" SET "receipt_code" = upper(substr(md5("id"::text), 1, 16))`);
    await q.query(`ALTER TABLE "secret_ballots" ALTER COLUMN "receipt_code" SET NOT NULL`);
    await q.query(`DROP TABLE "count_reports"`);
    await q.query(`DROP TABLE "counting_member_keys"`);
    await q.query(`DROP TABLE "counting_committee_members"`);
    await q.query(`DROP TABLE "counting_committees"`);
    await q.query(`DROP TABLE "poll_key_shares"`);
    await q.query(`DROP TABLE "poll_keys"`);
    await q.query(`DROP TABLE "secret_receipts"`);
    await q.query(`DROP INDEX "public"."ix_secret_ballot_envelopes_poll_id"`);
    await q.query(`DROP TABLE "secret_ballot_envelopes"`);
    await q.query(`CREATE UNIQUE INDEX "uq_secret_ballots_receipt_code" ON "secret_ballots" USING btree ("receipt_code") `);
  }
}
