import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import express, { type NextFunction, type Request, type Response } from 'express';
import { performance } from 'node:perf_hooks';
import { memoryStorage } from 'multer';
import { AttendanceModule } from '#attendance';
import { AuditModule } from '#audit';
import { DelegateEntity } from '#delegates';
import { RealtimeModule } from '#realtime';
import { CheckInFrameController, FRAME_RECEIVED_AT } from './checkin/checkin-frame.controller.js';
import { CheckInFrameUseCase } from './checkin/checkin-frame.use-case.js';
import { FaceConsentController } from './consent/consent.controller.js';
import { FaceConsentEntity } from './consent/face-consent.entity.js';
import { FaceConsentService } from './consent/face-consent.service.js';
import { FaceEngineHolder } from './engine/face-engine.holder.js';
import { EnrolFaceUseCase, MAX_ENROLMENT_PHOTOS } from './enrolment/enrol-face.use-case.js';
import { FaceEnrolmentController } from './enrolment/enrolment.controller.js';
import { FaceDescriptorEntity } from './enrolment/face-descriptor.entity.js';
import { FaceGalleryEvents } from './gallery/face-gallery.events.js';
import { MeetingGalleryCache } from './gallery/meeting-gallery.cache.js';
import { DEFAULT_IMAGE_LIMITS } from './engine/image-decoder.js';
import { KioskGateway } from './checkin/kiosk.gateway.js';
import './face.errors.js';

/** Raw JPEG/PNG bodies for the frame route, at most the engine's image limit (past it: 413 PAYLOAD_TOO_LARGE). */
const rawFrame = express.raw({ type: ['image/jpeg', 'image/png'], limit: DEFAULT_IMAGE_LIMITS.maxBytes });
function frameBody(req: Request, res: Response, next: NextFunction): void {
  rawFrame(req, res, (err?: unknown) => {
    (req as Request & { [FRAME_RECEIVED_AT]?: number })[FRAME_RECEIVED_AT] = performance.now();
    next(err);
  });
}

/**
 * Face check-in in the API: one FaceEngine per process (lazy or preloaded), consent and enrolment with encrypted
 * descriptors, matcher cache per meeting, the kiosk frame route and the /kiosk socket namespace.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([FaceConsentEntity, FaceDescriptorEntity, DelegateEntity]),
    AttendanceModule,
    RealtimeModule,
    AuditModule,
    MulterModule.register({
      storage: memoryStorage(),
      limits: { fileSize: DEFAULT_IMAGE_LIMITS.maxBytes, files: MAX_ENROLMENT_PHOTOS + 1, fields: 5, fieldSize: 1024, parts: MAX_ENROLMENT_PHOTOS + 6, headerPairs: 50 },
    }),
  ],
  controllers: [FaceConsentController, FaceEnrolmentController, CheckInFrameController],
  providers: [FaceEngineHolder, FaceGalleryEvents, MeetingGalleryCache, FaceConsentService, EnrolFaceUseCase, CheckInFrameUseCase, KioskGateway],
  exports: [FaceEngineHolder, FaceGalleryEvents, MeetingGalleryCache, FaceConsentService],
})
export class FaceModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(frameBody).forRoutes({ path: 'meetings/:id/checkin/frame', method: RequestMethod.POST });
  }
}
