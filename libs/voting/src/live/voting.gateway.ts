import { UseFilters } from '@nestjs/common';
import { ConnectedSocket, SubscribeMessage, WebSocketGateway, type OnGatewayConnection } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { createValidationPipe } from '#core';
import { MeetingAccess } from '#meetings';
import { WsBody, WsExceptionFilter, type LiveSocket, type WsAck } from '#realtime';
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
export class VotingGateway implements OnGatewayConnection<LiveSocket> {
  private readonly castPipe = createValidationPipe();

  constructor(
    private readonly casting: CastVoteUseCase,
    private readonly polls: PollsService,
    private readonly access: MeetingAccess,
    private readonly errors: WsExceptionFilter,
  ) {}

  /**
   * `vote:cast` is a plain socket.io listener, not a @SubscribeMessage: Nest's per-event machinery (rxjs streams,
   * guard and pipe contexts) was a sixth of the CPU per cast in a vote burst. Same pipe, error answers and ack.
   */
  handleConnection(socket: LiveSocket): void {
    // the realtime event map types its own events only; a cast carries an untrusted payload checked below
    const events: Socket = socket;
    events.on('vote:cast', (...args: unknown[]) => void this.cast(socket, args));
  }

  @SubscribeMessage('poll:state')
  async state(@ConnectedSocket() socket: LiveSocket, @WsBody() dto: PollStateRequestDto): Promise<WsAck<PollState>> {
    await this.access.assertCanView(socket.data.user, dto.meetingId);
    return { ok: true, ...(await this.polls.state(socket.data.user, dto.meetingId)) };
  }

  /** args as socket.io gives them: the payload (as Nest reads it: several values become an array), then the ack. */
  private async cast(socket: LiveSocket, args: unknown[]): Promise<void> {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (res: WsAck<CastAck>) => void) : undefined;
    try {
      const payload = args.length > 1 ? args : args[0];
      const dto = (await this.castPipe.transform(payload, { type: 'body', metatype: CastBallotDto })) as CastBallotDto;
      const answer: WsAck<CastAck> = { ok: true, ...(await this.casting.cast(socket.data.user, dto)) };
      ack?.(answer);
    } catch (err: unknown) {
      this.errors.answer(socket, 'vote:cast', ack, err);
    }
  }
}
