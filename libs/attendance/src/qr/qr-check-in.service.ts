import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, DomainError, type AppConfig, type AuthUser } from '#core';
import { MeetingAccess, MeetingsErrorCode, MeetingStatus } from '#meetings';
import { CheckInMethod } from '../attendance-record.entity.js';
import { AttendanceReadService } from '../attendance-read.service.js';
import { AttendanceErrorCode } from '../attendance.errors.js';
import { AttendanceService } from '../attendance.service.js';
import type { CheckInResult } from '../attendance.types.js';
import type { KioskOrUser } from '../kiosks/kiosk-or-staff.guard.js';
import { QR_CODE_TTL_SECONDS, signQrCode, verifyQrCode } from './qr-code.js';

export interface MyQrCode {
  code: string;
  meetingId: string;
  delegateId: string;
  expiresAt: Date;
  ttlSeconds: number;
  /** Already present: the tablet says so instead of showing a code. */
  checkedIn: boolean;
}

/** QR check-in: a delegate shows a short-lived signed code, a kiosk or the secretary scans it. */
@Injectable()
export class QrCheckInService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly attendance: AttendanceService,
    private readonly read: AttendanceReadService,
    private readonly access: MeetingAccess,
  ) {}

  async issue(user: AuthUser, meetingId: string): Promise<MyQrCode> {
    // a meeting the caller may not see is 404 (MeetingAccess), a delegate not invited included
    const { meeting, invitation } = await this.access.assertCanView(user, meetingId);
    if (!user.delegateId) throw new DomainError(AttendanceErrorCode.NOT_A_DELEGATE, 'Only a delegate has a check-in code');
    this.access.assertStatus(meeting, [MeetingStatus.Open, MeetingStatus.InSession], AttendanceErrorCode.MEETING_NOT_OPEN);
    // staff with a delegate record see every meeting, but have a code only where they are invited
    if (!invitation) throw new DomainError(MeetingsErrorCode.NOT_INVITED, 'This delegate is not invited to the meeting');
    const { code, expiresAt } = signQrCode(this.config.jwt.secret, meetingId, user.delegateId, this.clock.now().getTime());
    const checkedIn = await this.read.isPresent(meetingId, user.delegateId);
    return { code, meetingId, delegateId: user.delegateId, expiresAt, ttlSeconds: QR_CODE_TTL_SECONDS, checkedIn };
  }

  async checkIn(meetingId: string, code: string, caller: KioskOrUser): Promise<CheckInResult> {
    const result = verifyQrCode(this.config.jwt.secret, code, meetingId, this.clock.now().getTime());
    if (!result.ok) {
      if (result.reason === 'expired') throw new DomainError(AttendanceErrorCode.QR_CODE_EXPIRED, 'This check-in code has expired; refresh it and scan again');
      const message = result.reason === 'wrong-meeting' ? 'This check-in code is for another meeting' : 'This is not a valid check-in code';
      throw new DomainError(AttendanceErrorCode.QR_CODE_INVALID, message, { reason: result.reason });
    }
    return this.attendance.checkIn({
      meetingId,
      delegateId: result.claims.delegateId,
      method: CheckInMethod.Qr,
      kioskId: caller.kiosk?.id ?? null,
      recordedBy: caller.user?.id ?? null,
    });
  }
}
