import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#audit';
import { MeetingsModule } from '#meetings';
import { APP_CONFIG, type AppConfig } from '#core';
import { setOfficialDefaults } from './layout/official-format.js';
import { DocumentsController, SignaturesController } from './documents.controller.js';
import { DocumentCounterEntity, DocumentSignatureEntity, OfficialDocumentEntity } from './registry/official-document.entity.js';
import { DocumentsService } from './registry/documents.service.js';
import { SignDocumentUseCase } from './registry/sign-document.use-case.js';
import { TrustedRootsService } from './registry/trusted-roots.service.js';
import { SignerCredentialEntity, TrustedRootEntity } from './signers/signer-credential.entity.js';
import { SignerKeysService } from './signers/signer-keys.service.js';
import './documents.errors.js';

export const DOCUMENTS_ENTITIES = [DocumentCounterEntity, OfficialDocumentEntity, DocumentSignatureEntity, SignerCredentialEntity, TrustedRootEntity];

/** Official documents: the Decree 30/2020 layout, registration with numbers, PAdES signatures and their verification. */
@Module({
  imports: [TypeOrmModule.forFeature(DOCUMENTS_ENTITIES), AuditModule, MeetingsModule],
  controllers: [DocumentsController, SignaturesController],
  providers: [
    DocumentsService,
    SignDocumentUseCase,
    TrustedRootsService,
    SignerKeysService,
    // the place line of every document comes from DOCUMENT_PLACE
    {
      provide: 'DOCUMENT_PLACE_APPLIED',
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig): string => {
        setOfficialDefaults({ place: c.documents.place });
        return c.documents.place;
      },
    },
  ],
  exports: [DocumentsService],
})
export class DocumentsModule {}
