import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795380848040 implements MigrationInterface {
  name = 'Init1795380848040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
    await q.query(`CREATE TYPE "public"."user_role" AS ENUM('admin', 'secretary', 'chair', 'delegate', 'observer')`);
    await q.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "username" character varying(64) NOT NULL, "display_name" character varying(200) NOT NULL, "password_hash" character varying(255) NOT NULL, "role" "public"."user_role" NOT NULL, "delegate_id" uuid, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_users_username" ON "users"  ("username") `);
    await q.query(`CREATE INDEX "ix_users_delegate_id" ON "users"  ("delegate_id") `);
    await q.query(`CREATE TABLE "auth_sessions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "refresh_hash" character varying(64) NOT NULL, "previous_hash" character varying(64), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_auth_sessions_user_id" ON "auth_sessions"  ("user_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_auth_sessions_refresh_hash" ON "auth_sessions"  ("refresh_hash") `);
    await q.query(`CREATE INDEX "ix_auth_sessions_previous_hash" ON "auth_sessions"  ("previous_hash") `);
    await q.query(`CREATE TABLE "delegates" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "full_name" character varying(200) NOT NULL, "title" character varying(200), "organization" character varying(300), "email" character varying(254), "phone" character varying(32), "has_voting_right" boolean NOT NULL DEFAULT true, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_082736acecbc28020d855c5aa07" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_delegates_email_lower" ON "delegates" (lower("email"))`);
    await q.query(`CREATE TABLE "bodies" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(300) NOT NULL, "description" character varying(1000), "allow_proxy_voting" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_efc66684e75152471d119b6e5a3" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_bodies_name" ON "bodies"  ("name") `);
    await q.query(`CREATE TABLE "body_members" ("body_id" uuid NOT NULL, "delegate_id" uuid NOT NULL, "position" character varying(200), "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ae66da3be0b22fa1801b039573b" PRIMARY KEY ("body_id", "delegate_id"))`);
    await q.query(`CREATE INDEX "ix_body_members_delegate_id" ON "body_members"  ("delegate_id") `);
    await q.query(`CREATE TYPE "public"."meeting_mode" AS ENUM('in_person', 'online', 'hybrid')`);
    await q.query(`CREATE TYPE "public"."meeting_status" AS ENUM('draft', 'scheduled', 'open', 'in_session', 'closed')`);
    await q.query(`CREATE TABLE "meetings" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "body_id" uuid NOT NULL, "title" character varying(500) NOT NULL, "location" character varying(300), "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE, "mode" "public"."meeting_mode" NOT NULL DEFAULT 'hybrid', "status" "public"."meeting_status" NOT NULL DEFAULT 'draft', "quorum_numerator" integer NOT NULL DEFAULT '2', "quorum_denominator" integer NOT NULL DEFAULT '3', "created_by" uuid, CONSTRAINT "PK_aa73be861afa77eb4ed31f3ed57" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_meetings_body_id" ON "meetings"  ("body_id") `);
    await q.query(`CREATE INDEX "ix_meetings_status" ON "meetings"  ("status") `);
    await q.query(`CREATE TYPE "public"."invitation_kind" AS ENUM('member', 'guest')`);
    await q.query(`CREATE TABLE "meeting_invitations" ("meeting_id" uuid NOT NULL, "delegate_id" uuid NOT NULL, "kind" "public"."invitation_kind" NOT NULL DEFAULT 'member', "can_vote" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_42c29a5ef29fbf093ad42f8f7df" PRIMARY KEY ("meeting_id", "delegate_id"))`);
    await q.query(`CREATE INDEX "ix_meeting_invitations_delegate_id" ON "meeting_invitations"  ("delegate_id") `);
    await q.query(`CREATE TABLE "agenda_items" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "meeting_id" uuid NOT NULL, "position" integer NOT NULL, "title" character varying(500) NOT NULL, "description" text, "presenter" character varying(200), CONSTRAINT "PK_7274c40301175b4b4b347820d0c" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_agenda_items_meeting_position" ON "agenda_items"  ("meeting_id", "position") `);
    await q.query(`CREATE TABLE "meeting_documents" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "meeting_id" uuid NOT NULL, "agenda_item_id" uuid, "filename" character varying(255) NOT NULL, "content_type" character varying(100) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character varying(64) NOT NULL, "content" bytea NOT NULL, "uploaded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_87263cf3c23670926615b91ceb6" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_meeting_documents_meeting_id" ON "meeting_documents"  ("meeting_id") `);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "fk_users_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "auth_sessions" ADD CONSTRAINT "fk_auth_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "body_members" ADD CONSTRAINT "fk_body_members_body" FOREIGN KEY ("body_id") REFERENCES "bodies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "body_members" ADD CONSTRAINT "fk_body_members_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "meetings" ADD CONSTRAINT "fk_meetings_body" FOREIGN KEY ("body_id") REFERENCES "bodies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "meeting_invitations" ADD CONSTRAINT "fk_meeting_invitations_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "meeting_invitations" ADD CONSTRAINT "fk_meeting_invitations_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "agenda_items" ADD CONSTRAINT "fk_agenda_items_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "meeting_documents" ADD CONSTRAINT "fk_meeting_documents_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "meeting_documents" ADD CONSTRAINT "fk_meeting_documents_agenda_item" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "meeting_documents" DROP CONSTRAINT "fk_meeting_documents_agenda_item"`);
    await q.query(`ALTER TABLE "meeting_documents" DROP CONSTRAINT "fk_meeting_documents_meeting"`);
    await q.query(`ALTER TABLE "agenda_items" DROP CONSTRAINT "fk_agenda_items_meeting"`);
    await q.query(`ALTER TABLE "meeting_invitations" DROP CONSTRAINT "fk_meeting_invitations_delegate"`);
    await q.query(`ALTER TABLE "meeting_invitations" DROP CONSTRAINT "fk_meeting_invitations_meeting"`);
    await q.query(`ALTER TABLE "meetings" DROP CONSTRAINT "fk_meetings_body"`);
    await q.query(`ALTER TABLE "body_members" DROP CONSTRAINT "fk_body_members_delegate"`);
    await q.query(`ALTER TABLE "body_members" DROP CONSTRAINT "fk_body_members_body"`);
    await q.query(`ALTER TABLE "auth_sessions" DROP CONSTRAINT "fk_auth_sessions_user"`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_delegate"`);
    await q.query(`DROP INDEX "public"."ix_meeting_documents_meeting_id"`);
    await q.query(`DROP TABLE "meeting_documents"`);
    await q.query(`DROP INDEX "public"."ix_agenda_items_meeting_position"`);
    await q.query(`DROP TABLE "agenda_items"`);
    await q.query(`DROP INDEX "public"."ix_meeting_invitations_delegate_id"`);
    await q.query(`DROP TABLE "meeting_invitations"`);
    await q.query(`DROP TYPE "public"."invitation_kind"`);
    await q.query(`DROP INDEX "public"."ix_meetings_status"`);
    await q.query(`DROP INDEX "public"."ix_meetings_body_id"`);
    await q.query(`DROP TABLE "meetings"`);
    await q.query(`DROP TYPE "public"."meeting_status"`);
    await q.query(`DROP TYPE "public"."meeting_mode"`);
    await q.query(`DROP INDEX "public"."ix_body_members_delegate_id"`);
    await q.query(`DROP TABLE "body_members"`);
    await q.query(`DROP INDEX "public"."uq_bodies_name"`);
    await q.query(`DROP TABLE "bodies"`);
    await q.query(`DROP INDEX "public"."uq_delegates_email_lower"`);
    await q.query(`DROP TABLE "delegates"`);
    await q.query(`DROP INDEX "public"."ix_auth_sessions_previous_hash"`);
    await q.query(`DROP INDEX "public"."uq_auth_sessions_refresh_hash"`);
    await q.query(`DROP INDEX "public"."ix_auth_sessions_user_id"`);
    await q.query(`DROP TABLE "auth_sessions"`);
    await q.query(`DROP INDEX "public"."ix_users_delegate_id"`);
    await q.query(`DROP INDEX "public"."uq_users_username"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP TYPE "public"."user_role"`);
  }
}
