import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiViewList, type AuthUser, CurrentUser, DomainError, ErrorCode, Role, Roles, UuidParam } from '#core';
import { CastVoteUseCase } from '../casting/cast-vote.use-case.js';
import type { CastAck } from '../voting.events.js';
import { PollLifecycleService } from './poll-lifecycle.service.js';
import type { PollView } from './poll.view.js';
import { CastBallotBodyDto, CreatePollDto } from './polls.dto.js';
import { PollsService } from './polls.service.js';

const { Admin, Secretary, Chair, Delegate, Observer } = Role;

@ApiTags('polls')
@ApiBearerAuth()
@Controller()
export class PollsController {
  constructor(
    private readonly polls: PollsService,
    private readonly lifecycle: PollLifecycleService,
    private readonly casting: CastVoteUseCase,
  ) {}

  @Post('meetings/:id/polls')
  @Roles(Admin, Secretary, Chair)
  @ApiView('PollView', { status: 201 })
  create(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: CreatePollDto): Promise<PollView> {
    return this.polls.create(user, meetingId, dto);
  }

  /** Staff see drafts and results once closed; others see non-draft polls and results once published. */
  @Get('meetings/:id/polls')
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiViewList('PollView')
  list(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<PollView[]> {
    return this.polls.list(user, meetingId);
  }

  @Get('polls/:id')
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiView('PollView')
  get(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string): Promise<PollView> {
    return this.polls.get(user, pollId);
  }

  @Get('polls/:id/not-voted')
  @Roles(Admin, Secretary, Chair)
  @ApiView('NotVoted')
  notVoted(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string): Promise<{ count: number; names: string[] | null }> {
    return this.polls.notVoted(user, pollId);
  }

  @Post('polls/:id/open')
  @HttpCode(200)
  @Roles(Secretary, Chair)
  @ApiView('PollView')
  open(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string): Promise<PollView> {
    return this.lifecycle.open(user, pollId);
  }

  @Post('polls/:id/close')
  @HttpCode(200)
  @Roles(Secretary, Chair)
  @ApiView('PollView')
  close(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string): Promise<PollView> {
    return this.lifecycle.close(user, pollId);
  }

  @Post('polls/:id/publish')
  @HttpCode(200)
  @Roles(Secretary, Chair)
  @ApiView('PollView')
  publish(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string): Promise<PollView> {
    return this.lifecycle.publish(user, pollId);
  }

  /** HTTP fallback of `vote:cast`: 200 with the receipt, only after the commit. */
  @Post('polls/:id/ballots')
  @HttpCode(200)
  @Roles(Delegate, Chair)
  @ApiView('CastResult')
  async cast(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string, @Body() dto: CastBallotBodyDto): Promise<{ ok: true } & CastAck> {
    if (dto.pollId && dto.pollId.toLowerCase() !== pollId.toLowerCase()) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'pollId in the body differs from the path', [{ field: 'pollId', reasons: ['must match the path'] }]);
    }
    return { ok: true, ...(await this.casting.cast(user, { pollId, ballotId: dto.ballotId, choices: dto.choices, onBehalfOf: dto.onBehalfOf })) };
  }
}
