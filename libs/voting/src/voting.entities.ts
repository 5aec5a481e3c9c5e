import { NamedBallotEntity } from './ballots/named-ballot.entity.js';
import { PollParticipationEntity } from './ballots/poll-participation.entity.js';
import { SecretBallotEnvelopeEntity } from './ballots/secret-ballot-envelope.entity.js';
import { SecretBallotEntity } from './ballots/secret-ballot.entity.js';
import { SecretReceiptEntity } from './ballots/secret-receipt.entity.js';
import { CountReportEntity } from './committee/count-report.entity.js';
import { CountingCommitteeEntity, CountingCommitteeMemberEntity, CountingMemberKeyEntity } from './committee/counting-committee.entity.js';
import { PollOptionEntity } from './polls/poll-option.entity.js';
import { PollEntity } from './polls/poll.entity.js';
import { PollRollEntity } from './polls/poll-roll.entity.js';
import { MeetingProxyEntity } from './proxies/meeting-proxy.entity.js';
import { PollKeyShareEntity } from './secrecy/poll-key-share.entity.js';
import { PollKeyEntity } from './secrecy/poll-key.entity.js';

export const VOTING_ENTITIES = [
  PollEntity,
  PollOptionEntity,
  PollParticipationEntity,
  NamedBallotEntity,
  SecretBallotEntity,
  MeetingProxyEntity,
  PollRollEntity,
  SecretBallotEnvelopeEntity,
  SecretReceiptEntity,
  PollKeyEntity,
  PollKeyShareEntity,
  CountingCommitteeEntity,
  CountingCommitteeMemberEntity,
  CountingMemberKeyEntity,
  CountReportEntity,
];
