import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiViewList, type AuthUser, CurrentUser, Role, Roles, UuidParam } from '#core';
import { ChangeMeetingStatusUseCase } from './change-meeting-status.use-case.js';
import { CreateMeetingUseCase } from './create-meeting.use-case.js';
import { MeetingQueriesService, type MeetingDetail, type MeetingSummary } from './meeting-queries.service.js';
import { ChangeStatusDto, CreateMeetingDto, ListMeetingsQueryDto, UpdateMeetingDto } from './meetings.dto.js';
import { UpdateMeetingUseCase } from './update-meeting.use-case.js';

const { Admin, Secretary, Chair, Delegate, Observer } = Role;

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsController {
  constructor(
    private readonly queries: MeetingQueriesService,
    private readonly createMeeting: CreateMeetingUseCase,
    private readonly updateMeeting: UpdateMeetingUseCase,
    private readonly changeStatus: ChangeMeetingStatusUseCase,
  ) {}

  @Get()
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiOperation({ summary: 'Meetings the caller may see (staff: all; delegate: invited, not draft; observer: not draft), by start time' })
  @ApiViewList('MeetingSummary')
  list(@CurrentUser() user: AuthUser, @Query() query: ListMeetingsQueryDto): Promise<MeetingSummary[]> {
    return this.queries.list(user, query);
  }

  @Get(':id')
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiOperation({ summary: 'One meeting with agenda, document metadata, counts, quorum and the caller’s invitation; 404 when not visible' })
  @ApiView('MeetingDetail')
  get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<MeetingDetail> {
    return this.queries.detail(user, id);
  }

  @Post()
  @Roles(Admin, Secretary)
  @ApiOperation({ summary: 'Create a draft meeting; every active member of the body is invited' })
  @ApiView('MeetingDetail', { status: 201 })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateMeetingDto): Promise<MeetingDetail> {
    const meeting = await this.createMeeting.execute(user, dto);
    return this.queries.detail(user, meeting.id);
  }

  @Patch(':id')
  @Roles(Admin, Secretary)
  @ApiOperation({ summary: 'Edit while draft or scheduled (else 409 MEETING_LOCKED)' })
  @ApiView('MeetingDetail')
  async update(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() dto: UpdateMeetingDto): Promise<MeetingDetail> {
    await this.updateMeeting.execute(user, id, dto);
    return this.queries.detail(user, id);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles(Admin, Secretary, Chair)
  @ApiOperation({ summary: 'Legal transitions only (409 ILLEGAL_TRANSITION with from/to otherwise); opening the session below the quorum needs confirmBelowQuorum (409 QUORUM_NOT_REACHED)' })
  @ApiView('MeetingDetail')
  async status(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() dto: ChangeStatusDto): Promise<MeetingDetail> {
    await this.changeStatus.execute(user, id, dto.status, { confirmBelowQuorum: dto.confirmBelowQuorum });
    return this.queries.detail(user, id);
  }
}
