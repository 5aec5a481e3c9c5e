import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TaskReminderMail1795750689347 implements MigrationInterface {
  name = 'TaskReminderMail1795750689347';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "assignment_tasks" ADD "reminder_mailed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "assignment_tasks" ADD "reminder_mail_attempts" smallint NOT NULL DEFAULT '0'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "assignment_tasks" DROP COLUMN "reminder_mail_attempts"`);
    await q.query(`ALTER TABLE "assignment_tasks" DROP COLUMN "reminder_mailed_at"`);
  }
}
