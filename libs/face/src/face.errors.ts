import { DomainError, registerErrorCodes } from '#core';
import { FACE_ERROR_STATUS, FaceError, FaceErrorCode } from './common/face-error.js';

registerErrorCodes({ ...FACE_ERROR_STATUS });

/** Seconds a kiosk waits after ENGINE_BUSY before the next frame. */
const BUSY_RETRY_AFTER_S = 1;

/** A FaceError becomes the DomainError of the same code (context such as the photo index added to details). */
export function toFaceDomainError(err: unknown, context: Record<string, unknown> = {}): unknown {
  if (err instanceof DomainError && Object.keys(context).length > 0) {
    const details = err.details && typeof err.details === 'object' ? (err.details as Record<string, unknown>) : {};
    return new DomainError(err.code, err.message, { ...details, ...context }, err.retryAfter);
  }
  if (!(err instanceof FaceError)) return err;
  const retryAfter = err.code === FaceErrorCode.ENGINE_BUSY ? BUSY_RETRY_AFTER_S : undefined;
  const hasDetails = err.details !== undefined || Object.keys(context).length > 0;
  return new DomainError(err.code, err.message, hasDetails ? { ...err.details, ...context } : undefined, retryAfter);
}
