import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '#core';
import { AddBodyMemberUseCase } from './bodies/add-body-member.use-case.js';
import { BodiesController } from './bodies/bodies.controller.js';
import { BodiesService } from './bodies/bodies.service.js';
import { BodyMemberEntity } from './body-member.entity.js';
import { BodyEntity } from './body.entity.js';
import { DelegateEntity } from './delegate.entity.js';
import { DelegatesController } from './delegates/delegates.controller.js';
import { DelegatesService } from './delegates/delegates.service.js';
import { DelegatesExporter } from './export/delegates.exporter.js';
import { ImportDelegatesUseCase } from './import/import-delegates.use-case.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([DelegateEntity, BodyEntity, BodyMemberEntity]),
    // uploads stay in memory and stop at IMPORT_MAX_BYTES: multer's LIMIT_FILE_SIZE becomes 413 PAYLOAD_TOO_LARGE
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.limits.importMaxBytes, files: 1, fields: 10, parts: 12 } }),
    }),
  ],
  controllers: [DelegatesController, BodiesController],
  providers: [DelegatesService, BodiesService, ImportDelegatesUseCase, AddBodyMemberUseCase, DelegatesExporter],
  exports: [TypeOrmModule, BodiesService, DelegatesService],
})
export class DelegatesModule {}
