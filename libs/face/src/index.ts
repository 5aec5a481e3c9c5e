export { FaceError, FaceErrorCode, FACE_ERROR_STATUS, isFaceErrorCode } from './face-error.js';
export type { FaceBox, DetectedFace, DetectOptions, DetectionAttempt, DetectorName } from './face.types.js';
export { FaceEngine, type FaceEngineOptions } from './face-engine.service.js';
export type { BackendPreference } from './face-api.loader.js';
export { FaceMatcher, euclidean, DESCRIPTOR_LENGTH, type MatchResult, type MatcherSettings } from './face-matcher.js';
export { DEFAULT_MATCHER_SETTINGS } from './face-matcher.js';
export {
  selectEnrollmentFace,
  selectSubjectFace,
  DEFAULT_QUALITY_GATES,
  type QualityGates,
} from './face-quality.gate.js';
export { DescriptorCipher, loadOrCreateKeyFile, parseKey } from './descriptor-cipher.js';
export { DEFAULT_IMAGE_LIMITS, sniffImageType, type ImageLimits } from './image-decoder.js';
export { DEFAULT_ATTEMPTS } from './face-pipeline.js';
export { syncModels, verifyModels, ensureModels, MODEL_FILES } from './model-store.js';
export { defaultModelsDir } from './repo-paths.js';
export { FaceModule } from './face.module.js';
