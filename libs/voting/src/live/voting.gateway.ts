import { UseFilters } from '@nestjs/common';
import { ConnectedSocket, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { MeetingAccessService, WsBody, WsExceptionFilter, type LiveSocket, type WsAck } from '#realtime';
import { CastVoteUseCase } from '../casting/cast-vote.use-case.js';
import { CastBallotDto, PollStateRequestDto } from '../polls/polls.dto.js';
import { PollsService } from '../polls/polls.service.js';
import type { CastAck, PollState } from '../voting.events.js';

/**
 * Client -> server events of #voting on the main namespace (the realtime gateway authenticates the socket):
 * - `vote:cast { pollId, ballotId, choices, onBehalfOf? }` -> ack `{ ok: true, pollId, ballotId, receipt, replay }` after commit;
 * - `poll:state { meetingId }` -> ack `{ ok: true, meetingId, polls, myVotes, proxy, proxyVotes }` (what a reconnecting
 *   client needs; proxyVotes: the represented member's vote in each open poll when the caller holds a proxy).
 * Failures answer `{ ok: false, error: { code, message } }` and an `error` event (WsExceptionFilter).
 */
@WebSocketGateway()
@UseFilters(WsExceptionFilter)
export class VotingGateway {
  constructor(
    private readonly casting: CastVoteUseCase,
    private readonly polls: PollsService,
    private readonly access: MeetingAccessService,
  ) {}

  @SubscribeMessage('vote:cast')
  async cast(@ConnectedSocket() socket: LiveSocket, @WsBody() dto: CastBallotDto): Promise<WsAck<CastAck>> {
    return { ok: true, ...(await this.casting.cast(socket.data.user, dto)) };
  }

  @SubscribeMessage('poll:state')
  async state(@ConnectedSocket() socket: LiveSocket, @WsBody() dto: PollStateRequestDto): Promise<WsAck<PollState>> {
    await this.access.assertCanSee(socket.data.user, dto.meetingId);
    return { ok: true, ...(await this.polls.state(socket.data.user, dto.meetingId)) };
  }
}
