import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, Roles, UuidParam } from '#core';
import { MeetingsService } from '../access/meetings.service.js';
import { InviteDelegateDto } from './invitations.dto.js';
import { InvitationsService, type InvitationView } from './invitations.service.js';

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
  async list(@UuidParam('id') meetingId: string): Promise<InvitationView[]> {
    await this.meetings.getOrFail(meetingId);
    return this.invitations.list(meetingId);
  }

  @Post()
  @Roles(Admin, Secretary)
  invite(@UuidParam('id') meetingId: string, @Body() dto: InviteDelegateDto): Promise<InvitationView> {
    return this.invitations.invite(meetingId, dto.delegateId, dto.kind);
  }

  @Delete(':delegateId')
  @HttpCode(204)
  @Roles(Admin, Secretary)
  remove(@UuidParam('id') meetingId: string, @UuidParam('delegateId') delegateId: string): Promise<void> {
    return this.invitations.uninvite(meetingId, delegateId);
  }
}
