import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Role, Roles, UuidParam, type AuthUser } from '#core';
import { DraftMinutesUseCase } from './draft-minutes.use-case.js';
import { LockMinutesUseCase } from './lock-minutes.use-case.js';
import { EditMinutesDto } from './minutes.dto.js';
import { MinutesService } from './minutes.service.js';
import type { MinutesView } from './minutes.view.js';

const { Admin, Secretary, Chair } = Role;

@ApiTags('minutes')
@ApiBearerAuth()
@Controller('meetings/:id/minutes')
export class MinutesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly draft: DraftMinutesUseCase,
    private readonly lock: LockMinutesUseCase,
  ) {}

  @Get()
  @Roles(Admin, Secretary, Chair)
  get(@UuidParam('id') meetingId: string): Promise<MinutesView> {
    return this.minutes.get(meetingId);
  }

  /** Writes the draft from the meeting's data (again, while it is a draft: edits are replaced). */
  @Post('draft')
  @HttpCode(200)
  @Roles(Admin, Secretary)
  generate(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<MinutesView> {
    return this.draft.execute(user, meetingId);
  }

  @Put()
  @Roles(Admin, Secretary)
  edit(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: EditMinutesDto): Promise<MinutesView> {
    return this.minutes.edit(user, meetingId, dto);
  }

  @Post('lock')
  @HttpCode(200)
  @Roles(Admin, Secretary, Chair)
  lockMinutes(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<MinutesView> {
    return this.lock.execute(user, meetingId);
  }
}
