import { NamedBallotEntity } from './ballots/named-ballot.entity.js';
import { PollParticipationEntity } from './ballots/poll-participation.entity.js';
import { SecretBallotEntity } from './ballots/secret-ballot.entity.js';
import { PollOptionEntity } from './polls/poll-option.entity.js';
import { PollEntity } from './polls/poll.entity.js';
import { PollRollEntity } from './polls/poll-roll.entity.js';
import { MeetingProxyEntity } from './proxies/meeting-proxy.entity.js';

export const VOTING_ENTITIES = [PollEntity, PollOptionEntity, PollParticipationEntity, NamedBallotEntity, SecretBallotEntity, MeetingProxyEntity, PollRollEntity];
