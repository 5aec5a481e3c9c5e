import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OfficialDocuments1796169925812 implements MigrationInterface {
  name = 'OfficialDocuments1796169925812';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."signer_key_store" AS ENUM('p12', 'pkcs11', 'remote')`);
    await q.query(`CREATE TABLE "signer_credentials" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "key_store" "public"."signer_key_store" NOT NULL, "p12_encrypted" bytea, "key_version" smallint, "token_label" character varying(64), "key_id" character varying(128), "chain" bytea array NOT NULL, "subject" character varying(1000) NOT NULL, "not_before" TIMESTAMP WITH TIME ZONE NOT NULL, "not_after" TIMESTAMP WITH TIME ZONE NOT NULL, "configured_by" uuid NOT NULL, CONSTRAINT "ck_signer_credentials_p12" CHECK ((key_store = 'p12') = (p12_encrypted IS NOT NULL)), CONSTRAINT "PK_1b60b688ee1c95bf5b4a5809757" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_signer_credentials_user" ON "signer_credentials"  ("user_id") `);
    await q.query(`CREATE TABLE "trusted_roots" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "fingerprint" character varying(64) NOT NULL, "subject" character varying(1000) NOT NULL, "der" bytea NOT NULL, "added_by" uuid NOT NULL, CONSTRAINT "PK_bbf927a55033e8a7af80eb27312" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_trusted_roots_fingerprint" ON "trusted_roots"  ("fingerprint") `);
    await q.query(`CREATE TABLE "document_counters" ("body_id" uuid NOT NULL, "year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_3aed9a72389aea741a3b9169b22" PRIMARY KEY ("body_id", "year"))`);
    await q.query(`CREATE TYPE "public"."official_document_status" AS ENUM('signing', 'signed')`);
    await q.query(`CREATE TABLE "official_documents" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "body_id" uuid NOT NULL, "meeting_id" uuid, "kind" character varying(32) NOT NULL, "source_id" uuid NOT NULL, "year" integer NOT NULL, "number" integer NOT NULL, "symbol" character varying(40) NOT NULL, "title" character varying(500) NOT NULL, "pdf" bytea NOT NULL, "issued_sha256" character varying(64) NOT NULL, "current_sha256" character varying(64) NOT NULL, "slots" jsonb NOT NULL, "status" "public"."official_document_status" NOT NULL DEFAULT 'signing', "issued_by" uuid NOT NULL, CONSTRAINT "ck_official_documents_number" CHECK (number > 0), CONSTRAINT "PK_d4441d7b8b003502a8b8ed7c1ca" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_official_documents_meeting" ON "official_documents"  ("meeting_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_official_documents_source" ON "official_documents"  ("kind", "source_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_official_documents_number" ON "official_documents"  ("body_id", "year", "number") `);
    await q.query(`CREATE TABLE "document_signatures" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "document_id" uuid NOT NULL, "slot_key" character varying(40) NOT NULL, "signer_user_id" uuid NOT NULL, "signer_name" character varying(200) NOT NULL, "certificate_subject" character varying(1000) NOT NULL, "certificate_sha256" character varying(64) NOT NULL, "key_store" character varying(16) NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sha256_before" character varying(64) NOT NULL, "sha256_after" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b0371a619a84f2d89ad8aef7f33" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_document_signatures_slot" ON "document_signatures"  ("document_id", "slot_key") `);
    await q.query(`ALTER TABLE "signer_credentials" ADD CONSTRAINT "fk_signer_credentials_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "document_counters" ADD CONSTRAINT "fk_document_counters_body" FOREIGN KEY ("body_id") REFERENCES "bodies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "official_documents" ADD CONSTRAINT "fk_official_documents_body" FOREIGN KEY ("body_id") REFERENCES "bodies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "document_signatures" ADD CONSTRAINT "fk_document_signatures_document" FOREIGN KEY ("document_id") REFERENCES "official_documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);    // a registered document's file only grows (signatures are incremental updates); its number never changes
    await q.query(`CREATE FUNCTION official_documents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'official documents are append-only: % cannot be deleted', OLD.id;
  END IF;
  IF length(NEW.pdf) < length(OLD.pdf) OR substring(NEW.pdf FROM 1 FOR length(OLD.pdf)) <> OLD.pdf
     OR NEW.body_id <> OLD.body_id OR NEW.year <> OLD.year OR NEW.number <> OLD.number OR NEW.symbol <> OLD.symbol OR NEW.issued_sha256 <> OLD.issued_sha256 THEN
    RAISE EXCEPTION 'official documents are append-only: the file of % may only grow', OLD.id;
  END IF;
  RETURN NEW;
END $$`);
    await q.query(`CREATE TRIGGER tr_official_documents_append_only BEFORE UPDATE OR DELETE ON official_documents FOR EACH ROW EXECUTE FUNCTION official_documents_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_official_documents_append_only ON official_documents`);
    await q.query(`DROP FUNCTION official_documents_append_only()`);
    await q.query(`ALTER TABLE "document_signatures" DROP CONSTRAINT "fk_document_signatures_document"`);
    await q.query(`ALTER TABLE "official_documents" DROP CONSTRAINT "fk_official_documents_body"`);
    await q.query(`ALTER TABLE "document_counters" DROP CONSTRAINT "fk_document_counters_body"`);
    await q.query(`ALTER TABLE "signer_credentials" DROP CONSTRAINT "fk_signer_credentials_user"`);
    await q.query(`DROP INDEX "public"."uq_document_signatures_slot"`);
    await q.query(`DROP TABLE "document_signatures"`);
    await q.query(`DROP INDEX "public"."uq_official_documents_number"`);
    await q.query(`DROP INDEX "public"."uq_official_documents_source"`);
    await q.query(`DROP INDEX "public"."ix_official_documents_meeting"`);
    await q.query(`DROP TABLE "official_documents"`);
    await q.query(`DROP TYPE "public"."official_document_status"`);
    await q.query(`DROP TABLE "document_counters"`);
    await q.query(`DROP INDEX "public"."uq_trusted_roots_fingerprint"`);
    await q.query(`DROP TABLE "trusted_roots"`);
    await q.query(`DROP INDEX "public"."uq_signer_credentials_user"`);
    await q.query(`DROP TABLE "signer_credentials"`);
    await q.query(`DROP TYPE "public"."signer_key_store"`);
  }
}
