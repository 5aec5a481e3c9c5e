import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Meetings1795383435229 implements MigrationInterface {
  name = 'Meetings1795383435229';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_agenda_items_meeting_position"`);
    await q.query(`CREATE UNIQUE INDEX "uq_agenda_items_meeting_position" ON "agenda_items"  ("meeting_id", "position") `);
    await q.query(`ALTER TABLE "meetings" ADD CONSTRAINT "ck_meetings_quorum" CHECK ("quorum_numerator" > 0 AND "quorum_numerator" <= "quorum_denominator")`);
    await q.query(`ALTER TABLE "meetings" ADD CONSTRAINT "ck_meetings_ends_after_starts" CHECK ("ends_at" IS NULL OR "ends_at" > "starts_at")`);
    await q.query(`ALTER TABLE "meeting_invitations" ADD CONSTRAINT "ck_meeting_invitations_guest_no_vote" CHECK ("kind" = 'member' OR NOT "can_vote")`);
    await q.query(`ALTER TABLE "agenda_items" ADD CONSTRAINT "ck_agenda_items_position" CHECK ("position" > 0)`);
    await q.query(`ALTER TABLE "meeting_documents" ADD CONSTRAINT "ck_meeting_documents_sha256" CHECK (char_length("sha256") = 64)`);
    await q.query(`ALTER TABLE "meeting_documents" ADD CONSTRAINT "ck_meeting_documents_size" CHECK ("size_bytes" > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "meeting_documents" DROP CONSTRAINT "ck_meeting_documents_size"`);
    await q.query(`ALTER TABLE "meeting_documents" DROP CONSTRAINT "ck_meeting_documents_sha256"`);
    await q.query(`ALTER TABLE "agenda_items" DROP CONSTRAINT "ck_agenda_items_position"`);
    await q.query(`ALTER TABLE "meeting_invitations" DROP CONSTRAINT "ck_meeting_invitations_guest_no_vote"`);
    await q.query(`ALTER TABLE "meetings" DROP CONSTRAINT "ck_meetings_ends_after_starts"`);
    await q.query(`ALTER TABLE "meetings" DROP CONSTRAINT "ck_meetings_quorum"`);
    await q.query(`DROP INDEX "public"."uq_agenda_items_meeting_position"`);
    await q.query(`CREATE INDEX "ix_agenda_items_meeting_position" ON "agenda_items" USING btree ("meeting_id", "position") `);
  }
}
