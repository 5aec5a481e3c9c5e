import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import type { RoundNotAnswered } from '#contracts';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiViewList, type AuthUser, CurrentUser, Role, Roles, UuidParam } from '#core';
import { AnswerRoundDto, CreateRoundDto } from './rounds.dto.js';
import { RoundsService, type RoundView } from './rounds.service.js';
import type { RoundSummary } from './round-summary.js';

const { Admin, Secretary, Chair, Delegate } = Role;

@ApiTags('opinion rounds')
@ApiBearerAuth()
@Controller('opinion-rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Get()
  @Roles(Admin, Secretary, Chair, Delegate)
  @ApiViewList('OpinionRound')
  list(@CurrentUser() user: AuthUser): Promise<RoundView[]> {
    return this.rounds.list(user);
  }

  @Post()
  @Roles(Admin, Secretary)
  @ApiView('OpinionRound', { status: 201 })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRoundDto): Promise<RoundView> {
    return this.rounds.create(user, dto);
  }

  @Get(':roundId')
  @Roles(Admin, Secretary, Chair, Delegate)
  @ApiView('OpinionRound')
  get(@CurrentUser() user: AuthUser, @UuidParam('roundId') roundId: string): Promise<RoundView> {
    return this.rounds.get(user, roundId);
  }

  @Post(':roundId/open')
  @HttpCode(200)
  @Roles(Admin, Secretary)
  @ApiView('OpinionRound')
  open(@CurrentUser() user: AuthUser, @UuidParam('roundId') roundId: string): Promise<RoundView> {
    return this.rounds.open(user, roundId);
  }

  @Post(':roundId/answers')
  @HttpCode(200)
  @Roles(Delegate, Chair)
  @ApiView('OpinionRound')
  answer(@CurrentUser() user: AuthUser, @UuidParam('roundId') roundId: string, @Body() dto: AnswerRoundDto): Promise<RoundView> {
    return this.rounds.answer(user, roundId, dto);
  }

  /** Staff: who has not answered yet (the close confirmation names them). */
  @Get(':roundId/not-answered')
  @Roles(Admin, Secretary, Chair)
  @ApiView('RoundNotAnswered')
  notAnswered(@UuidParam('roundId') roundId: string): Promise<RoundNotAnswered> {
    return this.rounds.notAnswered(roundId);
  }

  @Post(':roundId/remind')
  @HttpCode(200)
  @Roles(Admin, Secretary)
  @ApiView('RoundReminded')
  remind(@UuidParam('roundId') roundId: string): Promise<{ reminded: number }> {
    return this.rounds.remind(roundId);
  }

  @Post(':roundId/close')
  @HttpCode(200)
  @Roles(Admin, Secretary)
  @ApiView('OpinionRound')
  async close(@CurrentUser() user: AuthUser, @UuidParam('roundId') roundId: string): Promise<RoundView & { summary: RoundSummary | null }> {
    await this.rounds.close(roundId);
    return this.rounds.get(user, roundId);
  }
}
