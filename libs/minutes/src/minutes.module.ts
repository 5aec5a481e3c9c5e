import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsModule } from '#assignments';
import { AttendanceModule } from '#attendance';
import { AuditModule } from '#audit';
import { DocumentsModule } from '#documents';
import { MeetingsModule } from '#meetings';
import { OpinionsModule } from '#opinions';
import { ExportDataService } from './exports/export-data.service.js';
import { IssueCountReportUseCase } from './exports/issue-count-report.use-case.js';
import { ExportsController } from './exports/exports.controller.js';
import { AssignmentsConclusionsSource } from './minutes/assignments-conclusions.source.js';
import { MINUTES_CONCLUSIONS } from './minutes/conclusions.port.js';
import { DraftMinutesUseCase } from './minutes/draft-minutes.use-case.js';
import { IssueMinutesUseCase } from './minutes/issue-minutes.use-case.js';
import { LockMinutesUseCase } from './minutes/lock-minutes.use-case.js';
import { MeetingMinutesEntity } from './minutes/meeting-minutes.entity.js';
import { MinutesController } from './minutes/minutes.controller.js';
import { MinutesService } from './minutes/minutes.service.js';
import { RoundSummaryExporter } from './rounds/round-summary-export.js';
import './minutes.errors.js';

export const MINUTES_ENTITIES = [MeetingMinutesEntity];

/** Exports (attendance, results, minutes, opinion round summary) and the minutes' draft / edit / lock. */
@Module({})
export class MinutesModule {
  /** `voting` is the app's own VotingModule.register(...) so the polls read service is the same instance. */
  static register(voting: DynamicModule): DynamicModule {
    return {
      module: MinutesModule,
      imports: [TypeOrmModule.forFeature(MINUTES_ENTITIES), MeetingsModule, AttendanceModule, AuditModule, OpinionsModule, AssignmentsModule, DocumentsModule, voting],
      controllers: [ExportsController, MinutesController],
      providers: [
        ExportDataService,
        MinutesService,
        DraftMinutesUseCase,
        LockMinutesUseCase,
        IssueMinutesUseCase,
        IssueCountReportUseCase,
        RoundSummaryExporter,
        AssignmentsConclusionsSource,
        { provide: MINUTES_CONCLUSIONS, useExisting: AssignmentsConclusionsSource },
      ],
      exports: [MinutesService, ExportDataService],
    };
  }
}
