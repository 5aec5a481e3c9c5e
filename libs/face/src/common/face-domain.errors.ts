import { DomainError, registerErrorCodes } from '#core';
import { FACE_ERROR_STATUS, FaceError, FaceErrorCode } from '../face-error.js';

/** Codes of consent, enrolment and check-in (the engine's own codes are FaceErrorCode). */
export enum FaceDomainErrorCode {
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

// The engine's codes keep the status the engine names (IMAGE_INVALID 400 ... ENGINE_BUSY 503).
registerErrorCodes({
  ...FACE_ERROR_STATUS,
  [FaceDomainErrorCode.CONSENT_REQUIRED]: 409,
  [FaceDomainErrorCode.CONSENT_ALREADY_GIVEN]: 409,
  [FaceDomainErrorCode.NOTICE_VERSION_OUTDATED]: 409,
  [FaceDomainErrorCode.PAPER_REFERENCE_REQUIRED]: 400,
  [FaceDomainErrorCode.PHOTOS_REQUIRED]: 400,
  [FaceDomainErrorCode.TOO_MANY_PHOTOS]: 400,
  [FaceDomainErrorCode.FRAME_REQUIRED]: 400,
  [FaceDomainErrorCode.KIOSK_RATE_LIMITED]: 429,
});

/** Seconds a kiosk waits after ENGINE_BUSY before the next frame. */
const BUSY_RETRY_AFTER_S = 1;

/** A FaceError becomes the DomainError of the same code (context such as the photo index added to details). */
export function toFaceDomainError(err: unknown, context: Record<string, unknown> = {}): unknown {
  if (err instanceof DomainError && Object.keys(context).length > 0) {
    const details = err.details && typeof err.details === 'object' ? (err.details as Record<string, unknown>) : {};
    return new DomainError(err.code, err.message, { ...details, ...context }, err.retryAfter);
  }
  if (!(err instanceof FaceError)) return err;
  const retryAfter = err.code === FaceErrorCode.EngineBusy ? BUSY_RETRY_AFTER_S : undefined;
  const hasDetails = err.details !== undefined || Object.keys(context).length > 0;
  return new DomainError(err.code, err.message, hasDetails ? { ...err.details, ...context } : undefined, retryAfter);
}
