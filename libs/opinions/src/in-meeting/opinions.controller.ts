import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Role, Roles, UuidParam, type AuthUser } from '#core';
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
  list(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): ReturnType<OpinionsService['list']> {
    return this.opinions.list(user, meetingId);
  }

  @Post('opinions')
  @Roles(Delegate, Chair)
  submit(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: SubmitOpinionDto): ReturnType<OpinionsService['submit']> {
    return this.opinions.submit(user, meetingId, dto.content, dto.agendaItemId);
  }

  @Post('opinions/:opinionId/addressed')
  @HttpCode(200)
  @Roles(Admin, Secretary, Chair)
  addressed(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @UuidParam('opinionId') opinionId: string): ReturnType<OpinionsService['markAddressed']> {
    return this.opinions.markAddressed(user, meetingId, opinionId);
  }

  @Get('speakers')
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  queue(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): ReturnType<OpinionsService['queue']> {
    return this.opinions.queueFor(user, meetingId);
  }

  @Post('speakers')
  @Roles(Delegate, Chair)
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
