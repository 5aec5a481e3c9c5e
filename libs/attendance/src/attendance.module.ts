import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeetingEntity, MeetingInvitationEntity, MeetingsModule } from '#meetings';
import { RealtimeModule } from '#realtime';
import { AttendanceRecordEntity } from './attendance-record.entity.js';
import { AttendanceReadService } from './attendance-read.service.js';
import { AttendanceController } from './attendance.controller.js';
import { AttendanceService } from './attendance.service.js';
import { KioskAuthService } from './kiosks/kiosk-auth.service.js';
import { KioskDeviceEntity } from './kiosks/kiosk-device.entity.js';
import { KioskOrStaffGuard } from './kiosks/kiosk-or-staff.guard.js';
import { KiosksController } from './kiosks/kiosks.controller.js';
import { QrCheckInService } from './qr/qr-check-in.service.js';
import './attendance.errors.js';

/** Check-in records, quorum, QR codes and kiosk tokens; pushes `attendance:updated` through #realtime. */
@Module({
  imports: [RealtimeModule, MeetingsModule, TypeOrmModule.forFeature([AttendanceRecordEntity, KioskDeviceEntity, MeetingEntity, MeetingInvitationEntity])],
  controllers: [AttendanceController, KiosksController],
  providers: [AttendanceService, AttendanceReadService, QrCheckInService, KioskAuthService, KioskOrStaffGuard],
  exports: [AttendanceService, AttendanceReadService, KioskAuthService, KioskOrStaffGuard],
})
export class AttendanceModule {}
