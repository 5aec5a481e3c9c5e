import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiViewList, type AuthUser, CurrentUser, Role, Roles, UuidParam } from '#core';
import { RaiseHandDto, ReorderQueueDto, SubmitOpinionDto } from './opinions.dto.js';
import { OpinionsService } from './opinions.service.js';

const { Admin, Secretary, Chair, Delegate, Observer } = Role;

@ApiTags('opinions')
@ApiBearerAuth()
@Controller('meetings/:id')
export class OpinionsController {
  constructor(private readonly opinions: OpinionsService) {}

  @Get('opinions')
  @Roles(Admin, Secretary, Chair, Delegate)
  @ApiViewList('Opinion')
  list(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): ReturnType<OpinionsService['list']> {
    return this.opinions.list(user, meetingId);
  }

  @Post('opinions')
  @Roles(Delegate, Chair)
  @ApiView('Opinion', { status: 201 })
  submit(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: SubmitOpinionDto): ReturnType<OpinionsService['submit']> {
    return this.opinions.submit(user, meetingId, dto.content, dto.agendaItemId);
  }

  @Post('opinions/:opinionId/addressed')
  @HttpCode(200)
  @Roles(Admin, Secretary, Chair)
  @ApiView('Opinion')
  addressed(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @UuidParam('opinionId') opinionId: string): ReturnType<OpinionsService['markAddressed']> {
    return this.opinions.markAddressed(user, meetingId, opinionId);
  }

  @Get('speakers')
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiViewList('SpeakerRequest')
  queue(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): ReturnType<OpinionsService['queue']> {
    return this.opinions.queueFor(user, meetingId);
  }

  @Post('speakers')
  @Roles(Delegate, Chair)
  @ApiView('SpeakerRequest', { status: 201 })
  raise(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: RaiseHandDto): ReturnType<OpinionsService['raiseHand']> {
    return this.opinions.raiseHand(user, meetingId, dto.agendaItemId);
  }

  @Delete('speakers/mine')
  @HttpCode(204)
  @Roles(Delegate, Chair)
  withdraw(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<void> {
    return this.opinions.withdraw(user, meetingId);
  }

  @Post('speakers/:requestId/grant')
  @HttpCode(200)
  @Roles(Chair, Secretary)
  @ApiView('SpeakerRequest')
  grant(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @UuidParam('requestId') requestId: string): ReturnType<OpinionsService['grant']> {
    return this.opinions.grant(user, meetingId, requestId);
  }

  @Post('speakers/:requestId/end')
  @HttpCode(204)
  @Roles(Chair, Secretary)
  end(@UuidParam('id') meetingId: string, @UuidParam('requestId') requestId: string): Promise<void> {
    return this.opinions.endFloor(meetingId, requestId);
  }

  @Put('speakers/order')
  @HttpCode(204)
  @Roles(Chair, Secretary)
  reorder(@UuidParam('id') meetingId: string, @Body() dto: ReorderQueueDto): Promise<void> {
    return this.opinions.reorder(meetingId, dto.requestIds);
  }
}
