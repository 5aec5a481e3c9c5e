import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { RoundProposal } from '#contracts';
import { ApiView, ApiViewList, type AuthUser, CurrentUser, Role, Roles, UuidParam } from '#core';
import { DismissProposalDto } from './round-proposals.dto.js';
import { RoundProposalsService } from './round-proposals.service.js';

const { Admin, Secretary, Chair } = Role;

/** Written rounds carried to the body's next meeting, seen and decided while preparing it. */
@ApiTags('opinion rounds')
@ApiBearerAuth()
@Controller('meetings/:id/round-proposals')
export class RoundProposalsController {
  constructor(private readonly proposals: RoundProposalsService) {}

  @Get()
  @Roles(Admin, Secretary, Chair)
  @ApiViewList('RoundProposal')
  list(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<RoundProposal[]> {
    return this.proposals.list(user, meetingId);
  }

  @Post(':proposalId/take')
  @HttpCode(200)
  @Roles(Admin, Secretary)
  @ApiView('RoundProposal')
  take(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @UuidParam('proposalId') proposalId: string): Promise<RoundProposal> {
    return this.proposals.take(user, meetingId, proposalId);
  }

  @Post(':proposalId/dismiss')
  @HttpCode(200)
  @Roles(Admin, Secretary)
  @ApiView('RoundProposal')
  dismiss(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @UuidParam('proposalId') proposalId: string, @Body() dto: DismissProposalDto): Promise<RoundProposal> {
    return this.proposals.dismiss(user, meetingId, proposalId, dto.reason);
  }
}
