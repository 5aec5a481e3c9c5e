import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#audit';
import { APP_CONFIG, type AppConfig } from '#core';
import { MeetingsModule } from '#meetings';
import { RealtimeModule } from '#realtime';
import { ConclusionEditGuards } from './conclusions/conclusion-edit-guards.js';
import { ConclusionEntity } from './conclusions/conclusion.entity.js';
import { ConclusionsController } from './conclusions/conclusions.controller.js';
import { ConclusionsService } from './conclusions/conclusions.service.js';
import { AssignmentTaskEntity } from './tasks/assignment-task.entity.js';
import { ChangeTaskStatusUseCase } from './tasks/change-task-status.use-case.js';
import { SmtpTaskMailer } from './tasks/smtp-task-mailer.js';
import { TASK_MAILER, type TaskMailer } from './tasks/task-mailer.js';
import { TaskNotifier } from './tasks/task-notifier.js';
import { TaskDeadlinesService } from './tasks/task-deadlines.service.js';
import { TasksController } from './tasks/tasks.controller.js';
import { TasksExporter } from './tasks/tasks.exporter.js';
import { TasksScheduler } from './tasks/tasks.scheduler.js';
import { TasksService } from './tasks/tasks.service.js';
import { UpdateTaskUseCase } from './tasks/update-task.use-case.js';
import { CreateTaskUseCase } from './tasks/create-task.use-case.js';
import { TaskCooperatorEntity } from './tasks/task-cooperator.entity.js';
import { UnitMemberEntity } from './units/unit-member.entity.js';
import { UnitEntity } from './units/unit.entity.js';
import { UnitsController } from './units/units.controller.js';
import { UnitsService } from './units/units.service.js';
import './assignments.errors.js';

export const ASSIGNMENTS_ENTITIES = [UnitEntity, UnitMemberEntity, ConclusionEntity, AssignmentTaskEntity, TaskCooperatorEntity];

/** Units, meeting conclusions and the tasks they assign; exports ConclusionsService (listForMeeting) for minutes. */
@Module({
  imports: [MeetingsModule, AuditModule, RealtimeModule, TypeOrmModule.forFeature(ASSIGNMENTS_ENTITIES)],
  controllers: [UnitsController, ConclusionsController, TasksController],
  providers: [
    // reminder email is on whenever SMTP_URL is set; null keeps reminders in-app only
    { provide: TASK_MAILER, inject: [APP_CONFIG], useFactory: (config: AppConfig): TaskMailer | null => (config.tasks.smtpUrl ? new SmtpTaskMailer(config.tasks.smtpUrl, config.tasks.smtpFrom) : null) },
    UnitsService, ConclusionsService, ConclusionEditGuards, CreateTaskUseCase, TasksService, ChangeTaskStatusUseCase, TaskDeadlinesService, TasksScheduler, TasksExporter, UpdateTaskUseCase, TaskNotifier],
  exports: [UnitsService, ConclusionsService, ConclusionEditGuards, TasksService, TasksScheduler],
})
export class AssignmentsModule {
  /** Replaces the built-in SMTP mailer (e.g. another transport): import `AssignmentsModule.withMailer(MyMailer)` instead. */
  static withMailer(mailer: Type<TaskMailer>): DynamicModule {
    return { module: AssignmentsModule, providers: [{ provide: TASK_MAILER, useClass: mailer }] };
  }
}
