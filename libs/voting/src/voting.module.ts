import { Module, type DynamicModule } from '@nestjs/common';
import { AttendanceModule } from '#attendance';
import { AuditModule } from '#audit';
import { MeetingsModule } from '#meetings';
import { RealtimeModule, WsExceptionFilter } from '#realtime';
import { CommitteeController } from './committee/committee.controller.js';
import { CommitteeKeys } from './committee/committee-keys.js';
import { CommitteeService } from './committee/committee.service.js';
import { BallotKeysService } from './secrecy/ballot-keys.service.js';
import { CastRateLimiter } from './casting/cast-rate-limiter.js';
import { CastVoteUseCase } from './casting/cast-vote.use-case.js';
import { PollCountdownScheduler } from './live/poll-countdown.scheduler.js';
import { VotingGateway } from './live/voting.gateway.js';
import { VotingNotifier } from './live/voting.notifier.js';
import { PollLifecycleService } from './polls/poll-lifecycle.service.js';
import { PollsController } from './polls/polls.controller.js';
import { PollsService } from './polls/polls.service.js';
import { ProxiesController } from './proxies/proxies.controller.js';
import { ProxiesService } from './proxies/proxies.service.js';
import { RegisterProxyUseCase } from './proxies/register-proxy.use-case.js';
import { DEFAULT_VOTING_OPTIONS, VOTING_OPTIONS, type VotingOptions } from './voting.options.js';
import './voting.errors.js';

/** Polls (HTTP), proxies, casting (socket.io `vote:cast` + HTTP fallback), live progress and results, countdown closing. */
@Module({})
export class VotingModule {
  static register(options: Partial<VotingOptions> = {}): DynamicModule {
    return {
      module: VotingModule,
      imports: [RealtimeModule, MeetingsModule, AttendanceModule, AuditModule],
      controllers: [PollsController, ProxiesController, CommitteeController],
      providers: [
        { provide: VOTING_OPTIONS, useValue: { ...DEFAULT_VOTING_OPTIONS, ...options } },
        PollsService,
        PollLifecycleService,
        CastVoteUseCase,
        CastRateLimiter,
        ProxiesService,
        RegisterProxyUseCase,
        VotingNotifier,
        VotingGateway,
        PollCountdownScheduler,
        WsExceptionFilter,
        BallotKeysService,
        CommitteeKeys,
        CommitteeService,
      ],
      exports: [PollsService, PollLifecycleService, CastVoteUseCase, PollCountdownScheduler, CommitteeService],
    };
  }
}
