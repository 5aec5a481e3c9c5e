import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeetingQuorumProbe, MeetingsModule } from '#meetings';
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
  imports: [MeetingsModule, RealtimeModule, TypeOrmModule.forFeature([AttendanceRecordEntity, KioskDeviceEntity])],
  controllers: [AttendanceController, KiosksController],
  providers: [AttendanceService, AttendanceReadService, QrCheckInService, KioskAuthService, KioskOrStaffGuard],
  exports: [AttendanceService, AttendanceReadService, KioskAuthService, KioskOrStaffGuard],
})
export class AttendanceModule implements OnModuleInit {
  constructor(
    private readonly probe: MeetingQuorumProbe,
    private readonly read: AttendanceReadService,
  ) {}

  /** Opening the session asks attendance for the live quorum (meetings cannot import attendance). */
  onModuleInit(): void {
    this.probe.register(async (meetingId) => {
      const { quorum } = await this.read.summary(meetingId);
      return { present: quorum.present, required: quorum.required, reached: quorum.reached };
    });
  }
}
