import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#audit';
import { MeetingsModule } from '#meetings';
import { ConclusionEditGuards } from './conclusions/conclusion-edit-guards.js';
import { ConclusionEntity } from './conclusions/conclusion.entity.js';
import { ConclusionsController } from './conclusions/conclusions.controller.js';
import { ConclusionsService } from './conclusions/conclusions.service.js';
import { AssignmentTaskEntity } from './tasks/assignment-task.entity.js';
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
  imports: [MeetingsModule, AuditModule, TypeOrmModule.forFeature(ASSIGNMENTS_ENTITIES)],
  controllers: [UnitsController, ConclusionsController],
  providers: [UnitsService, ConclusionsService, ConclusionEditGuards, CreateTaskUseCase],
  exports: [UnitsService, ConclusionsService, ConclusionEditGuards],
})
export class AssignmentsModule {}
