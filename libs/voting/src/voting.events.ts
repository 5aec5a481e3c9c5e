import type { PollView, PollResultView } from './polls/poll.view.js';
import type { MyProxies, ProxyView } from './proxies/proxy.view.js';

export interface CastAck {
  pollId: string;
  ballotId: string;
  receipt: string;
  /** true when this ballot id had already been counted (a retry): nothing changed. */
  replay: boolean;
}

export interface MyVote {
  pollId: string;
  voted: boolean;
  /** Named polls only: the server cannot know a secret ballot's receipt (the voter's client keeps it). */
  receipt: string | null;
  choices: string[] | null;
}

/** The represented delegate's vote status in one open poll, for the proxy holder's tablet. */
export interface ProxyVote extends MyVote {
  representedDelegateId: string;
  representedFullName: string;
  /** Who cast it: the proxy holder, or the represented delegate in person (null when not voted). */
  castByDelegateId: string | null;
}

export interface PollState {
  meetingId: string;
  /** Open polls of the meeting, plus closed and published ones (results only once published). */
  polls: PollView[];
  /** The caller's vote status in each open poll (empty for users without a delegate). */
  myVotes: MyVote[];
  /** The caller's active proxies in this meeting: held (votes for someone) and given. */
  proxy: MyProxies;
  /** When the caller holds a proxy: the represented delegate's vote status in each open poll. */
  proxyVotes: ProxyVote[];
}

export interface PollProgress {
  pollId: string;
  meetingId: string;
  cast: number;
  eligible: number;
  /** Named polls created with liveTallies: option id -> ballots marking it so far. */
  tallies?: Record<string, number>;
}

/** Server -> client events of #voting (emitted through RealtimeService.typed). */
export interface VotingServerEvents {
  /** To `meeting:<id>` when a poll opens. */
  'poll:opened': PollView;
  /** To `meeting:<id>` when a poll closes (no result: that comes with publish). */
  'poll:closed': { pollId: string; meetingId: string; closedAt: string; cast: number; eligible: number };
  /** To `meeting:<id>:staff` after casts commit (coalesced: at most one per poll per progressIntervalMs). */
  'poll:progress': PollProgress;
  /** To `meeting:<id>` on publish: the outcome and its arithmetic. The ballot list is in GET /api/polls/:id. */
  'poll:results': PollResultView;
  /** To both delegates of a proxy and `meeting:<id>:staff` when it is registered or revoked. */
  'proxy:changed': ProxyView;
}
