import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#audit';
import { MeetingsModule } from '#meetings';
import { RealtimeModule, RealtimeService, WsExceptionFilter } from '#realtime';
import { OpinionEntity } from './in-meeting/opinion.entity.js';
import { OpinionsController } from './in-meeting/opinions.controller.js';
import { OpinionsService } from './in-meeting/opinions.service.js';
import { SpeakersGateway } from './in-meeting/speakers.gateway.js';
import { SpeakerRequestEntity } from './in-meeting/speaker-request.entity.js';
import { OPINIONS_SINK, OpinionsNotifier } from './opinions.notifier.js';
import { RoundProposalEntity } from './proposals/round-proposal.entity.js';
import { RoundProposalsController } from './proposals/round-proposals.controller.js';
import { RoundProposalsService } from './proposals/round-proposals.service.js';
import { OpinionRoundEntity } from './rounds/opinion-round.entity.js';
import { RoundAnswerEntity } from './rounds/round-answer.entity.js';
import { RoundQuestionEntity } from './rounds/round-question.entity.js';
import { RoundRecipientEntity } from './rounds/round-recipient.entity.js';
import { RoundsController } from './rounds/rounds.controller.js';
import { RoundsScheduler } from './rounds/rounds.scheduler.js';
import { RoundsService } from './rounds/rounds.service.js';
import './opinions.errors.js';

export const OPINIONS_ENTITIES = [OpinionEntity, SpeakerRequestEntity, OpinionRoundEntity, RoundQuestionEntity, RoundRecipientEntity, RoundAnswerEntity, RoundProposalEntity];

@Module({
  imports: [AuditModule, MeetingsModule, RealtimeModule, TypeOrmModule.forFeature(OPINIONS_ENTITIES)],
  controllers: [OpinionsController, RoundsController, RoundProposalsController],
  providers: [OpinionsService, SpeakersGateway, WsExceptionFilter, RoundsService, RoundsScheduler, RoundProposalsService, OpinionsNotifier, { provide: OPINIONS_SINK, useExisting: RealtimeService }],
  exports: [OpinionsService, RoundsService, OpinionsNotifier, RoundsScheduler],
})
export class OpinionsModule {}
