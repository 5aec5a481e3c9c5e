import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { Me, PollView } from '#contracts';
import { useMe } from '../auth/auth.js';
import { CommitteeMemberPanel, CommitteePanel } from '../components/counting-committee.js';
import { ErrorMessage } from '../components/error-message.js';
import { LiveBadge } from '../components/live-badge.js';
import { PageHead } from '../components/page-head.js';
import { PollBallot } from '../components/poll-ballot.js';
import { PollResultPanel } from '../components/poll-result.js';
import { PollControl } from '../components/polls-panel.js';
import { ReceiptCheckPanel } from '../components/receipt-check.js';
import { useAsync } from '../components/use-async.js';
import { useI18n } from '../i18n/i18n.js';
import { buildPath } from '../router/match.js';
import { paths, type ScreenProps } from '../routes.js';
import { useLivePolls } from '../voting/use-live-polls.js';
import { useTabletVoting } from '../voting/use-tablet-voting.js';

const STAFF: Me['role'][] = ['admin', 'secretary', 'chair'];

/**
 * One poll on a page of its own (a link to share, a tab to keep open): a member with a vote gets the ballot and the
 * receipt; staff follow the count live, run the next step and read the result with the majority arithmetic. A secret
 * poll adds its counting committee (staff designate it and read the count report; members confirm it or give their
 * key share) and the receipt check.
 */
export default function PollScreen({ params }: ScreenProps) {
  const { meetingId, pollId } = params;
  const { t } = useI18n();
  const me = useMe();
  const poll = useAsync((signal) => api.poll(pollId, signal), [pollId]);
  const staff = STAFF.includes(me.role);
  const voter = me.delegateId !== null && (me.role === 'delegate' || me.role === 'chair');

  if (poll.state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (poll.state.status === 'error') return <ErrorMessage error={poll.state.error} onRetry={poll.reload} />;
  // a poll of another meeting under this meeting's address: the page does not exist
  if (poll.state.data.meetingId !== meetingId) return <ErrorMessage error={new ApiError('NOT_FOUND', 'poll not in meeting', 404)} />;
  const first = poll.state.data;
  const back = staff ? buildPath(paths.console, { meetingId }) : voter ? buildPath(paths.tablet, { meetingId }) : buildPath(paths.meeting, { meetingId });

  return (
    <section aria-labelledby="poll-page-title" className="poll-page">
      <PageHead
        titleId="poll-page-title"
        title={first.title}
        below={t('poll.pageIntro')}
        links={[{ to: back, label: staff ? t('poll.backToConsole') : voter ? t('poll.backToTablet') : t('meeting.details') }]}
      />
      {voter ? <VoterSection meetingId={meetingId} delegateId={me.delegateId} fallback={first} showResult={!staff} /> : null}
      {staff || !voter ? (
        <WatchSection meetingId={meetingId} pollId={pollId} fallback={first} canRun={me.role === 'secretary' || me.role === 'chair'} staff={staff} extras={!voter} delegateId={me.delegateId} />
      ) : null}
    </section>
  );
}

/** The member's ballot (same store and socket cast as the tablet), then the published result (staff read it below). */
function VoterSection({ meetingId, delegateId, fallback, showResult }: { meetingId: string; delegateId: string | null; fallback: PollView; showResult: boolean }) {
  const { t } = useI18n();
  const voting = useTabletVoting(meetingId, delegateId);
  const poll = voting.polls?.find((p) => p.id === fallback.id) ?? fallback;
  return (
    <>
      <section className="panel vote-panel" aria-labelledby="poll-vote-h">
        <div className="poll-row-head">
          <h2 id="poll-vote-h">{t('poll.yourVote')}</h2>
          <LiveBadge status={voting.live} />
        </div>
        {voting.loadError ? <ErrorMessage error={voting.loadError} /> : null}
        {poll.status === 'draft' ? <p className="empty">{t('poll.notOpenYet')}</p> : null}
        {poll.status !== 'draft' ? <PollBallot poll={poll} vote={voting.votes[poll.id]} onCast={(choices) => void voting.cast(poll.id, choices)} onRetry={() => voting.retry(poll.id)} /> : null}
        {showResult && poll.status === 'published' && poll.result ? <PollResultPanel poll={poll} /> : null}
      </section>
      <SecretExtras poll={poll} delegateId={delegateId} />
    </>
  );
}

/** A secret poll's parts for a member: their committee duties (members only) and the receipt check. */
function SecretExtras({ poll, delegateId }: { poll: PollView; delegateId: string | null }) {
  if (poll.ballotMode !== 'secret' || poll.status === 'draft') return null;
  return (
    <>
        {delegateId ? <CommitteeMemberPanel poll={poll} delegateId={delegateId} /> : null}
        <ReceiptCheckPanel poll={poll} delegateId={delegateId} />
    </>
  );
}

/**
 * Staff and observers: the live count while open, the next step for those who run the vote, the result; on a secret
 * poll the counting committee for staff, then (when no ballot section shows them) the member's part and the receipts.
 */
function WatchSection({
  meetingId,
  pollId,
  fallback,
  canRun,
  staff,
  extras,
  delegateId,
}: {
  meetingId: string;
  pollId: string;
  fallback: PollView;
  canRun: boolean;
  staff: boolean;
  /** The member's part and the receipt check, when no ballot section above shows them. */
  extras: boolean;
  delegateId: string | null;
}) {
  const { t } = useI18n();
  const { state, reload, tallies, live } = useLivePolls(meetingId);
  const poll = (state.status === 'done' ? state.data.find((p) => p.id === pollId) : undefined) ?? fallback;
  return (
    <>
      <section className="panel" aria-labelledby="poll-watch-h" data-testid="poll-watch">
        <div className="poll-row-head">
          <h2 id="poll-watch-h">{t('poll.progressAndResult')}</h2>
          <LiveBadge status={live} />
        </div>
        {state.status === 'error' ? <ErrorMessage error={state.error} onRetry={reload} /> : null}
        <PollControl poll={poll} tally={tallies[poll.id]} onChanged={reload} canRun={canRun} title={<p className="small-heading">{t('poll.status')}</p>} />
        {poll.status === 'closed' && !poll.result ? <p className="empty">{t('vote.awaitingPublish', { cast: tallies[poll.id]?.cast ?? '…', eligible: tallies[poll.id]?.eligible ?? poll.eligibleCount ?? '…' })}</p> : null}
      </section>
      {staff && poll.ballotMode === 'secret' ? <CommitteePanel poll={poll} /> : null}
      {extras ? <SecretExtras poll={poll} delegateId={delegateId} /> : null}
    </>
  );
}
