export { FaceError, FaceErrorCode, FACE_ERROR_STATUS, isFaceErrorCode } from './common/face-error.js';
export type { FaceBox, DetectedFace, DetectOptions, DetectionAttempt, DetectorName } from './engine/face.types.js';
export { FaceEngine, type FaceEngineOptions } from './engine/face-engine.service.js';
export type { BackendPreference } from './engine/face-api.loader.js';
export { FaceMatcher, euclidean, DESCRIPTOR_LENGTH, type MatchResult, type MatcherSettings } from './gallery/face-matcher.js';
export { DEFAULT_MATCHER_SETTINGS, FRAME_MATCHER_SETTINGS } from './gallery/face-matcher.js';
export {
  selectEnrollmentFace,
  selectSubjectFace,
  DEFAULT_QUALITY_GATES,
  type QualityGates,
} from './engine/face-quality.gate.js';
export { DescriptorCipher, loadOrCreateKeyFile, parseKey, promoteStagedKeyFile, readKeyFileVersion, stageKeyFile } from './enrolment/descriptor-cipher.js';
export { rotateDescriptorKey, type KeyRotationResult } from './enrolment/rotate-descriptor-key.js';
export { DEFAULT_IMAGE_LIMITS, sniffImageType, type ImageLimits } from './engine/image-decoder.js';
export { DEFAULT_ATTEMPTS, FRAME_PIPELINE } from './engine/face-pipeline.js';
export { syncModels, verifyModels, ensureModels, MODEL_FILES } from './engine/model-store.js';
export { defaultModelsDir } from './common/repo-paths.js';
export { FaceModule } from './face.module.js';
export { FACE_ENTITIES } from './face.entities.js';
export { FaceConsentEntity, ConsentMethod } from './consent/face-consent.entity.js';
export { FaceDescriptorEntity } from './enrolment/face-descriptor.entity.js';
export { FaceEngineHolder } from './engine/face-engine.holder.js';
export { FaceGalleryEvents, type FaceGalleryChange } from './gallery/face-gallery.events.js';
export { MeetingGalleryCache, type MeetingGallery } from './gallery/meeting-gallery.cache.js';
export { FaceConsentService } from './consent/face-consent.service.js';
export { toFaceDomainError } from './face.errors.js';
export { MAX_ENROLMENT_PHOTOS } from './enrolment/enrol-face.use-case.js';
export type { ConsentStatusView, WithdrawResultView } from './consent/consent.dto.js';
export type { FaceEnrolmentStatusView, EnrolmentResultView, DeleteEnrolmentView } from './enrolment/enrolment.dto.js';
export type { FaceServerEvents, FrameResult, FrameFaceResult, FaceCheckInStatus } from './checkin/checkin.types.js';
export type { KioskSocketData, KioskClientEvents } from './checkin/kiosk.gateway.js';
export { AgreementTracker, KioskRateLimiter } from './checkin/agreement.tracker.js';
