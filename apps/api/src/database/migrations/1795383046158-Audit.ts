import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Audit1795383046158 implements MigrationInterface {
  name = 'Audit1795383046158';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_log" ("seq" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_role" character varying(20), "action" character varying(100) NOT NULL, "entity_type" character varying(50) NOT NULL, "entity_id" character varying(100) NOT NULL, "meeting_id" uuid, "payload" jsonb NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "ck_audit_log_seq_positive" CHECK ("seq" > 0), CONSTRAINT "PK_ce5b9b7d945cab0a6c604bafd9e" PRIMARY KEY ("seq"))`);
    await q.query(`CREATE INDEX "ix_audit_log_entity" ON "audit_log"  ("entity_type", "entity_id") `);
    await q.query(`CREATE INDEX "ix_audit_log_meeting_seq" ON "audit_log"  ("meeting_id", "seq") `);
    await q.query(`CREATE TABLE "audit_head" ("id" smallint NOT NULL, "seq" bigint NOT NULL, "hash" character(64) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_audit_head_single_row" CHECK ("id" = 1), CONSTRAINT "PK_d3ed64edb3e208e83ccb5da589a" PRIMARY KEY ("id"))`);
    // append-only at the database too: the app never updates or deletes audit rows (the hash chain still catches
    // anyone who disables this trigger)
    await q.query(`CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
    await q.query(`CREATE TRIGGER "tr_audit_log_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"()`);
    await q.query(`CREATE TRIGGER "tr_audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "tr_audit_log_no_truncate" ON "audit_log"`);
    await q.query(`DROP TRIGGER "tr_audit_log_no_update_delete" ON "audit_log"`);
    await q.query(`DROP FUNCTION "audit_log_append_only"()`);
    await q.query(`DROP TABLE "audit_head"`);
    await q.query(`DROP INDEX "public"."ix_audit_log_meeting_seq"`);
    await q.query(`DROP INDEX "public"."ix_audit_log_entity"`);
    await q.query(`DROP TABLE "audit_log"`);
  }
}
