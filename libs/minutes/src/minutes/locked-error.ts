import { DomainError } from '#core';
import { MinutesErrorCode } from '../minutes.errors.js';
import type { MeetingMinutesEntity } from './meeting-minutes.entity.js';

export function lockedError(m: MeetingMinutesEntity): DomainError {
  return new DomainError(MinutesErrorCode.MINUTES_LOCKED, 'The minutes are locked and can no longer change', { lockedAt: m.lockedAt ? new Date(m.lockedAt).toISOString() : null, sha256: m.sha256 });
}
