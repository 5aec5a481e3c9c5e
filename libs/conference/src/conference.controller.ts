import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiViewList, type AuthUser, CurrentUser, Role, Roles, UuidParam } from '#core';
import { ConferenceEnabledGuard } from './conference-enabled.guard.js';
import { MuteTrackDto, ParticipantDto, UpdatePermissionsDto } from './conference.dto.js';
import { ConferenceModerationService, type ParticipantView, type RemovalView } from './moderation/moderation.service.js';
import { ConferenceRecordingService, type RecordingStatus, type RecordingView } from './recording/conference-recording.service.js';
import { OnlineSessionsService, type DelegateOnlineSummary } from './sessions/online-sessions.service.js';
import { IssueConferenceTokenUseCase, type ConferenceTokenView } from './tokens/issue-token.use-case.js';

const { Admin, Secretary, Chair, Delegate, Observer } = Role;

@ApiTags('conference')
@ApiBearerAuth()
@UseGuards(ConferenceEnabledGuard)
@Controller('meetings/:id/conference')
export class ConferenceController {
  constructor(
    private readonly tokens: IssueConferenceTokenUseCase,
    private readonly moderation: ConferenceModerationService,
    private readonly recording: ConferenceRecordingService,
    private readonly sessions: OnlineSessionsService,
  ) {}

  /** A LiveKit join token for the caller: invited delegates and observers, and staff; grants follow the role. */
  @Post('token')
  @HttpCode(200)
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiView('ConferenceToken')
  token(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<ConferenceTokenView> {
    return this.tokens.forUser(user, meetingId);
  }

  /** The hall device (room camera and microphones) publishes the room into the conference. */
  @Post('hall-token')
  @HttpCode(200)
  @Roles(Admin, Secretary, Chair)
  @ApiView('ConferenceToken')
  hallToken(@UuidParam('id') meetingId: string): Promise<ConferenceTokenView> {
    return this.tokens.forHall(meetingId);
  }

  @Get('participants')
  @Roles(Admin, Secretary, Chair)
  @ApiViewList('ConferenceParticipant')
  participants(@UuidParam('id') meetingId: string): Promise<ParticipantView[]> {
    return this.moderation.participants(meetingId);
  }

  /** Online attendance: per delegate, first join, last leave, minutes online. */
  @Get('attendance')
  @Roles(Admin, Secretary, Chair)
  @ApiViewList('OnlineAttendance')
  attendance(@UuidParam('id') meetingId: string): Promise<DelegateOnlineSummary[]> {
    return this.sessions.summary(meetingId);
  }

  @Post('moderation/mute')
  @HttpCode(200)
  @Roles(Secretary, Chair)
  @ApiView('TrackMuted')
  mute(@UuidParam('id') meetingId: string, @Body() dto: MuteTrackDto): ReturnType<ConferenceModerationService['mute']> {
    return this.moderation.mute(meetingId, dto.identity, dto.trackSid, dto.muted ?? true);
  }

  @Post('moderation/remove')
  @HttpCode(204)
  @Roles(Secretary, Chair)
  remove(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: ParticipantDto): Promise<void> {
    return this.moderation.remove(user, meetingId, dto.identity);
  }

  /** People removed from the room, who cannot join again until readmitted. */
  @Get('moderation/removed')
  @Roles(Admin, Secretary, Chair)
  @ApiViewList('ConferenceRemoval')
  removed(@UuidParam('id') meetingId: string): Promise<RemovalView[]> {
    return this.moderation.removed(meetingId);
  }

  @Post('moderation/readmit')
  @HttpCode(204)
  @Roles(Secretary, Chair)
  readmit(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: ParticipantDto): Promise<void> {
    return this.moderation.readmit(user, meetingId, dto.identity);
  }

  @Post('moderation/permissions')
  @HttpCode(200)
  @Roles(Secretary, Chair)
  @ApiView('ConferencePermission')
  permissions(@UuidParam('id') meetingId: string, @Body() dto: UpdatePermissionsDto): ReturnType<ConferenceModerationService['updatePermissions']> {
    return this.moderation.updatePermissions(meetingId, dto.identity, { canPublish: dto.canPublish, canSubscribe: dto.canSubscribe, canPublishData: dto.canPublishData });
  }

  /** Whether this deployment can record (LiveKit Egress), and the recording in progress, if any. */
  @Get('recording')
  @Roles(Admin, Secretary, Chair)
  @ApiView('ConferenceRecordingStatus')
  recordingStatus(@UuidParam('id') meetingId: string): Promise<RecordingStatus> {
    return this.recording.status(meetingId);
  }

  @Post('recording/start')
  @HttpCode(200)
  @Roles(Secretary, Chair)
  @ApiView('ConferenceRecording')
  startRecording(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<RecordingView> {
    return this.recording.start(user, meetingId);
  }

  @Post('recording/stop')
  @HttpCode(200)
  @Roles(Secretary, Chair)
  @ApiView('ConferenceRecording')
  stopRecording(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<RecordingView> {
    return this.recording.stop(user, meetingId);
  }
}
