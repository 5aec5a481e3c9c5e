import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsModule } from '#assignments';
import { AttendanceModule } from '#attendance';
import { AuditModule } from '#audit';
import { ConferenceModule } from '#conference';
import { buildDataSourceOptions, CoreModule, type AppConfig, type JsonLogger, type Metrics } from '#core';
import { DelegatesModule } from '#delegates';
import { FaceModule } from '#face';
import { MeetingsModule } from '#meetings';
import { DocumentsModule } from '#documents';
import { MinutesModule } from '#minutes';
import { OpinionsModule } from '#opinions';
import { RealtimeModule } from '#realtime';
import { VotingModule } from '#voting';
import { ALL_ENTITIES } from './database/entities.js';
import { MIGRATIONS } from './database/migrations/index.js';
import { DemoSeeder } from './seed/demo.seeder.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: JsonLogger, metrics: Metrics): DynamicModule {
    const voting = VotingModule.register();
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(buildDataSourceOptions(config.database, ALL_ENTITIES, MIGRATIONS)),
        CoreModule.forRoot(config, logger, metrics),
        DelegatesModule,
        MeetingsModule,
        OpinionsModule,
        RealtimeModule,
        AttendanceModule,
        AuditModule,
        ConferenceModule,
        voting,
        DocumentsModule,
        MinutesModule.register(voting),
        FaceModule,
        AssignmentsModule,
      ],
      providers: [DemoSeeder],
    };
  }
}
