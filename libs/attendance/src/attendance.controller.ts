import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiViewList, type AuthUser, CurrentUser, Public, Role, Roles, UuidParam } from '#core';
import { MeetingAccess } from '#meetings';
import { CheckInMethod } from './attendance-record.entity.js';
import { AttendanceReadService } from './attendance-read.service.js';
import { DelegateRefDto, ExcuseDto, QrCheckInDto } from './attendance.dto.js';
import { AttendanceService } from './attendance.service.js';
import type { AttendanceListItem, AttendanceSummary, CheckInResult } from './attendance.types.js';
import { CurrentKioskOrUser, KioskOrStaffGuard, type KioskOrUser } from './kiosks/kiosk-or-staff.guard.js';
import { QrCheckInService, type MyQrCode } from './qr/qr-check-in.service.js';

const { Admin, Secretary, Chair, Delegate, Observer } = Role;

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('meetings/:id/attendance')
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly read: AttendanceReadService,
    private readonly qr: QrCheckInService,
    private readonly access: MeetingAccess,
  ) {}

  @Get()
  @Roles(Admin, Secretary, Chair)
  @ApiViewList('AttendanceListItem')
  list(@UuidParam('id') meetingId: string): Promise<AttendanceListItem[]> {
    return this.read.list(meetingId);
  }

  /** Staff, invited delegates and observers (non-draft meetings). */
  @Get('summary')
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiView('AttendanceSummary')
  async summary(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<AttendanceSummary> {
    await this.access.assertCanView(user, meetingId);
    return this.read.summary(meetingId);
  }

  @Post('checkin')
  @HttpCode(200)
  @Roles(Admin, Secretary)
  @ApiView('CheckInResult')
  checkIn(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: DelegateRefDto): Promise<CheckInResult> {
    return this.attendance.checkIn({ meetingId, delegateId: dto.delegateId, method: CheckInMethod.Manual, recordedBy: user.id });
  }

  @Post('checkout')
  @HttpCode(200)
  @Roles(Admin, Secretary)
  @ApiView('AttendanceListItem')
  checkOut(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: DelegateRefDto): Promise<AttendanceListItem> {
    return this.attendance.checkOut(meetingId, dto.delegateId, user.id);
  }

  @Post('excuse')
  @HttpCode(200)
  @Roles(Admin, Secretary)
  @ApiView('AttendanceListItem')
  excuse(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: ExcuseDto): Promise<AttendanceListItem> {
    return this.attendance.markExcused(meetingId, dto.delegateId, dto.reason, user.id);
  }

  /** The caller's own short-lived check-in code (a delegate, or a chair linked to a delegate). */
  @Get('my-qr')
  @Roles(Delegate, Chair)
  @ApiView('MyQrCode')
  myQr(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<MyQrCode> {
    return this.qr.issue(user, meetingId);
  }

  /** A kiosk (`Authorization: Kiosk <token>`) or a secretary/admin submits a scanned code. */
  @Post('qr')
  @HttpCode(200)
  @Public()
  @UseGuards(KioskOrStaffGuard)
  @Roles(Admin, Secretary)
  @ApiView('CheckInResult')
  qrCheckIn(@CurrentKioskOrUser() caller: KioskOrUser, @UuidParam('id') meetingId: string, @Body() dto: QrCheckInDto): Promise<CheckInResult> {
    return this.qr.checkIn(meetingId, dto.code, caller);
  }
}
