import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiViewList, Role, Roles, UuidParam } from '#core';
import { MeetingsService } from '../access/meetings.service.js';
import { InviteDelegateDto, SendNoticeDto } from './invitations.dto.js';
import { InvitationsService, type InvitationView, type NoticeResult } from './invitations.service.js';

const { Admin, Secretary, Chair } = Role;

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings/:id/invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly meetings: MeetingsService,
  ) {}

  @Get()
  @Roles(Admin, Secretary, Chair)
  @ApiViewList('Invitation')
  async list(@UuidParam('id') meetingId: string): Promise<InvitationView[]> {
    await this.meetings.getOrFail(meetingId);
    return this.invitations.list(meetingId);
  }

  @Post()
  @Roles(Admin, Secretary)
  @ApiOperation({ summary: 'Invite a member, a guest (no vote) or a substitute for a named member (no vote, not in the quorum)' })
  @ApiView('Invitation', { status: 201 })
  invite(@UuidParam('id') meetingId: string, @Body() dto: InviteDelegateDto): Promise<InvitationView> {
    return this.invitations.invite(meetingId, dto.delegateId, dto.kind, dto.substituteFor);
  }

  @Post('notice')
  @HttpCode(200)
  @Roles(Admin, Secretary)
  @ApiOperation({ summary: 'Send (or re-send) the invitation notice: in the app, and by email when SMTP_URL is set' })
  @ApiView('NoticeResult')
  notice(@UuidParam('id') meetingId: string, @Body() dto: SendNoticeDto): Promise<NoticeResult> {
    return this.invitations.sendNotice(meetingId, dto.resend ?? false);
  }

  @Delete(':delegateId')
  @HttpCode(204)
  @Roles(Admin, Secretary)
  remove(@UuidParam('id') meetingId: string, @UuidParam('delegateId') delegateId: string): Promise<void> {
    return this.invitations.uninvite(meetingId, delegateId);
  }
}
