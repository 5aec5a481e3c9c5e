/**
 * The one list of face error codes: the engine's (image, detection, worker pool) and the domain's (consent,
 * enrolment, check-in). Free of Nest and #core so the worker thread can import it.
 */
export enum FaceErrorCode {
  IMAGE_INVALID = 'IMAGE_INVALID',
  IMAGE_UNSUPPORTED_TYPE = 'IMAGE_UNSUPPORTED_TYPE',
  IMAGE_TOO_LARGE = 'IMAGE_TOO_LARGE',
  NO_FACE = 'NO_FACE',
  MULTIPLE_FACES = 'MULTIPLE_FACES',
  FACE_TOO_SMALL = 'FACE_TOO_SMALL',
  LOW_DETECTION_SCORE = 'LOW_DETECTION_SCORE',
  ENGINE_BUSY = 'ENGINE_BUSY',
  ENGINE_FAILURE = 'ENGINE_FAILURE',
  ENGINE_CLOSED = 'ENGINE_CLOSED',
  MODELS_INVALID = 'MODELS_INVALID',
  DESCRIPTOR_INVALID = 'DESCRIPTOR_INVALID',
  /** No active biometric consent: no photo is accepted, the delegate is checked in manually. */
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
  CONSENT_ALREADY_GIVEN = 'CONSENT_ALREADY_GIVEN',
  /** The consent names another version of the notice text than the one in force. */
  NOTICE_VERSION_OUTDATED = 'NOTICE_VERSION_OUTDATED',
  /** An admin records consent only with the reference of the signed paper form. */
  PAPER_REFERENCE_REQUIRED = 'PAPER_REFERENCE_REQUIRED',
  PHOTOS_REQUIRED = 'PHOTOS_REQUIRED',
  TOO_MANY_PHOTOS = 'TOO_MANY_PHOTOS',
  FRAME_REQUIRED = 'FRAME_REQUIRED',
  KIOSK_RATE_LIMITED = 'KIOSK_RATE_LIMITED',
}

/** HTTP status per code; registered once with #core in face.errors.ts. */
export const FACE_ERROR_STATUS: Readonly<Record<FaceErrorCode, number>> = {
  [FaceErrorCode.IMAGE_INVALID]: 400,
  [FaceErrorCode.IMAGE_UNSUPPORTED_TYPE]: 415,
  [FaceErrorCode.IMAGE_TOO_LARGE]: 413,
  [FaceErrorCode.NO_FACE]: 422,
  [FaceErrorCode.MULTIPLE_FACES]: 422,
  [FaceErrorCode.FACE_TOO_SMALL]: 422,
  [FaceErrorCode.LOW_DETECTION_SCORE]: 422,
  [FaceErrorCode.ENGINE_BUSY]: 503,
  [FaceErrorCode.ENGINE_FAILURE]: 503,
  [FaceErrorCode.ENGINE_CLOSED]: 503,
  [FaceErrorCode.MODELS_INVALID]: 500,
  [FaceErrorCode.DESCRIPTOR_INVALID]: 500,
  [FaceErrorCode.CONSENT_REQUIRED]: 409,
  [FaceErrorCode.CONSENT_ALREADY_GIVEN]: 409,
  [FaceErrorCode.NOTICE_VERSION_OUTDATED]: 409,
  [FaceErrorCode.PAPER_REFERENCE_REQUIRED]: 400,
  [FaceErrorCode.PHOTOS_REQUIRED]: 400,
  [FaceErrorCode.TOO_MANY_PHOTOS]: 400,
  [FaceErrorCode.FRAME_REQUIRED]: 400,
  [FaceErrorCode.KIOSK_RATE_LIMITED]: 429,
};

/** Thrown by the engine (also inside worker threads); services turn it into a DomainError with toFaceDomainError. */
export class FaceError extends Error {
  readonly status: number;

  constructor(
    readonly code: FaceErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'FaceError';
    this.status = FACE_ERROR_STATUS[code];
  }
}

export function isFaceErrorCode(value: unknown): value is FaceErrorCode {
  return typeof value === 'string' && (Object.values(FaceErrorCode) as string[]).includes(value);
}
