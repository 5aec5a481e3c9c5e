import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Assignments1795747287359 implements MigrationInterface {
  name = 'Assignments1795747287359';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "conclusions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "meeting_id" uuid NOT NULL, "agenda_item_id" uuid, "position" integer NOT NULL, "text" text NOT NULL, "created_by" uuid, CONSTRAINT "ck_conclusions_position" CHECK ("position" > 0), CONSTRAINT "PK_2483d6f4a288a54a5498e17bafe" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_conclusions_agenda_item_id" ON "conclusions"  ("agenda_item_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_conclusions_meeting_position" ON "conclusions"  ("meeting_id", "position") `);
    await q.query(`CREATE TABLE "units" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "code" character varying(50) NOT NULL, "name" character varying(300) NOT NULL, "parent_id" uuid, CONSTRAINT "ck_units_not_own_parent" CHECK ("parent_id" IS NULL OR "parent_id" <> "id"), CONSTRAINT "PK_5a8f2f064919b587d93936cb223" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_units_code" ON "units"  ("code") `);
    await q.query(`CREATE INDEX "ix_units_parent_id" ON "units"  ("parent_id") `);
    await q.query(`CREATE TYPE "public"."assignment_task_status" AS ENUM('open', 'in_progress', 'done', 'overdue')`);
    await q.query(`CREATE TABLE "assignment_tasks" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "conclusion_id" uuid NOT NULL, "title" character varying(1000) NOT NULL, "expected_output" text, "lead_unit_id" uuid NOT NULL, "deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "report_deadline" TIMESTAMP WITH TIME ZONE, "status" "public"."assignment_task_status" NOT NULL DEFAULT 'open', "report" text, "reported_at" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "overdue_at" TIMESTAMP WITH TIME ZONE, "reminder_sent_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, CONSTRAINT "ck_assignment_tasks_done_has_report" CHECK ("status" <> 'done' OR ("report" IS NOT NULL AND "reported_at" IS NOT NULL)), CONSTRAINT "ck_assignment_tasks_report_deadline" CHECK ("report_deadline" IS NULL OR "report_deadline" <= "deadline"), CONSTRAINT "PK_2d895fa54a0161c0a78f3d77940" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_assignment_tasks_conclusion_id" ON "assignment_tasks"  ("conclusion_id") `);
    await q.query(`CREATE INDEX "ix_assignment_tasks_lead_unit_id" ON "assignment_tasks"  ("lead_unit_id") `);
    await q.query(`CREATE INDEX "ix_assignment_tasks_status_deadline" ON "assignment_tasks"  ("status", "deadline") `);
    await q.query(`CREATE TABLE "assignment_task_cooperators" ("task_id" uuid NOT NULL, "unit_id" uuid NOT NULL, CONSTRAINT "PK_b1b860594239b657a891c5ffaed" PRIMARY KEY ("task_id", "unit_id"))`);
    await q.query(`CREATE INDEX "ix_assignment_task_cooperators_unit_id" ON "assignment_task_cooperators"  ("unit_id") `);
    await q.query(`CREATE TABLE "unit_members" ("delegate_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_69f8fdcb3ffe3711fa7e33941c4" PRIMARY KEY ("delegate_id"))`);
    await q.query(`CREATE INDEX "ix_unit_members_unit_id" ON "unit_members"  ("unit_id") `);
    await q.query(`ALTER TABLE "conclusions" ADD CONSTRAINT "fk_conclusions_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "conclusions" ADD CONSTRAINT "fk_conclusions_agenda_item" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "units" ADD CONSTRAINT "fk_units_parent" FOREIGN KEY ("parent_id") REFERENCES "units"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "assignment_tasks" ADD CONSTRAINT "fk_assignment_tasks_conclusion" FOREIGN KEY ("conclusion_id") REFERENCES "conclusions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "assignment_tasks" ADD CONSTRAINT "fk_assignment_tasks_lead_unit" FOREIGN KEY ("lead_unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "assignment_task_cooperators" ADD CONSTRAINT "fk_assignment_task_cooperators_task" FOREIGN KEY ("task_id") REFERENCES "assignment_tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "assignment_task_cooperators" ADD CONSTRAINT "fk_assignment_task_cooperators_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_members" ADD CONSTRAINT "fk_unit_members_delegate" FOREIGN KEY ("delegate_id") REFERENCES "delegates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_members" ADD CONSTRAINT "fk_unit_members_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "unit_members" DROP CONSTRAINT "fk_unit_members_unit"`);
    await q.query(`ALTER TABLE "unit_members" DROP CONSTRAINT "fk_unit_members_delegate"`);
    await q.query(`ALTER TABLE "assignment_task_cooperators" DROP CONSTRAINT "fk_assignment_task_cooperators_unit"`);
    await q.query(`ALTER TABLE "assignment_task_cooperators" DROP CONSTRAINT "fk_assignment_task_cooperators_task"`);
    await q.query(`ALTER TABLE "assignment_tasks" DROP CONSTRAINT "fk_assignment_tasks_lead_unit"`);
    await q.query(`ALTER TABLE "assignment_tasks" DROP CONSTRAINT "fk_assignment_tasks_conclusion"`);
    await q.query(`ALTER TABLE "units" DROP CONSTRAINT "fk_units_parent"`);
    await q.query(`ALTER TABLE "conclusions" DROP CONSTRAINT "fk_conclusions_agenda_item"`);
    await q.query(`ALTER TABLE "conclusions" DROP CONSTRAINT "fk_conclusions_meeting"`);
    await q.query(`DROP INDEX "public"."ix_unit_members_unit_id"`);
    await q.query(`DROP TABLE "unit_members"`);
    await q.query(`DROP INDEX "public"."ix_assignment_task_cooperators_unit_id"`);
    await q.query(`DROP TABLE "assignment_task_cooperators"`);
    await q.query(`DROP INDEX "public"."ix_assignment_tasks_status_deadline"`);
    await q.query(`DROP INDEX "public"."ix_assignment_tasks_lead_unit_id"`);
    await q.query(`DROP INDEX "public"."ix_assignment_tasks_conclusion_id"`);
    await q.query(`DROP TABLE "assignment_tasks"`);
    await q.query(`DROP TYPE "public"."assignment_task_status"`);
    await q.query(`DROP INDEX "public"."ix_units_parent_id"`);
    await q.query(`DROP INDEX "public"."uq_units_code"`);
    await q.query(`DROP TABLE "units"`);
    await q.query(`DROP INDEX "public"."uq_conclusions_meeting_position"`);
    await q.query(`DROP INDEX "public"."ix_conclusions_agenda_item_id"`);
    await q.query(`DROP TABLE "conclusions"`);
  }
}
