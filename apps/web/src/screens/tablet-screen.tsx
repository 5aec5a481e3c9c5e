import { useMemo, useState } from 'react';
import { api } from '../api/endpoints.js';
import type { AgendaItem, PollView } from '#contracts';
import { useMe } from '../auth/auth.js';
import { MyQrPanel } from '../checkin/my-qr-panel.js';
import { ActionFeedback } from '../components/action-feedback.js';
import { Agenda } from '../components/agenda.js';
import { ConferencePanel } from '../components/conference-panel.js';
import { CountingKeyPanel } from '../components/counting-key-panel.js';
import { ErrorMessage } from '../components/error-message.js';
import { LiveBadge } from '../components/live-badge.js';
import { PollBallot } from '../components/poll-ballot.js';
import { PollResultPanel } from '../components/poll-result.js';
import { useAction } from '../components/use-action.js';
import { useAsync } from '../components/use-async.js';
import { useI18n } from '../i18n/i18n.js';
import { liveConnection } from '../realtime/live-connection.js';
import type { LiveHandlers } from '../realtime/live-connection.js';
import { useLiveMeeting } from '../realtime/use-live-meeting.js';
import { buildPath } from '../router/match.js';
import { Link } from '../router/router.js';
import { paths, type ScreenProps } from '../routes.js';
import { useCommitteeDuties, type CommitteeDuty } from '../voting/use-committee-duties.js';
import { useTabletVoting } from '../voting/use-tablet-voting.js';

/**
 * The delegate's tablet (1280x800, touch): the poll in progress with big targets, the raised hand, and the agenda
 * with its documents and a written-opinion form per item.
 */
export default function TabletScreen({ params }: ScreenProps) {
  const meetingId = params.meetingId;
  const { t } = useI18n();
  const me = useMe();
  const meeting = useAsync((signal) => api.meeting(meetingId, signal), [meetingId]);
  const voting = useTabletVoting(meetingId, me.delegateId);
  const duties = useCommitteeDuties(voting.polls, me.delegateId);
  const [opinionFor, setOpinionFor] = useState<string | null>(null);

  const { reload } = meeting;
  const events = useMemo((): LiveHandlers => ({ 'meeting:status': () => reload() }), [reload]);
  useLiveMeeting(meetingId, events, reload);

  if (meeting.state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (meeting.state.status === 'error') return <ErrorMessage error={meeting.state.error} onRetry={reload} />;
  const m = meeting.state.data;

  const open = (voting.polls ?? []).filter((p) => p.status === 'open');
  const lastPublished = (voting.polls ?? [])
    .filter((p) => p.status === 'published')
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))[0];

  return (
    <article aria-labelledby="tablet-title" className="tablet">
      <div className="page-head">
        <h1 id="tablet-title">{t('tablet.title', { title: m.title })}</h1>
        <div className="page-head-end">
          <LiveBadge status={voting.live} />
          <Link className="btn" to={buildPath(paths.meeting, { meetingId })}>
            {t('meeting.details')}
          </Link>
        </div>
      </div>
      <div className="tablet-grid">
        <div className="tablet-side">
          {me.delegateId ? <MyQrPanel meetingId={meetingId} status={m.status} /> : null}
          {duties.length > 0 ? <DutiesPanel meetingId={meetingId} duties={duties} /> : null}
          <section className="panel vote-panel" aria-labelledby="vote-h">
            <h2 id="vote-h">{t('tablet.vote')}</h2>
            {voting.loadError ? <ErrorMessage error={voting.loadError} /> : null}
            {voting.polls === null && !voting.loadError ? <p role="status">{t('app.loading')}</p> : null}
            {voting.polls !== null && open.length === 0 ? <p className="empty">{t('tablet.noPoll')}</p> : null}
            {open.map((p) => (
              <div key={p.id} className="tablet-poll">
                <PollBallot poll={p} vote={voting.votes[p.id]} onCast={(choices) => void voting.cast(p.id, choices)} onRetry={() => voting.retry(p.id)} />
                <PollPageLink meetingId={meetingId} poll={p} />
              </div>
            ))}
            {open.length === 0 && lastPublished ? (
              <>
                <PublishedResult poll={lastPublished} />
                <PollPageLink meetingId={meetingId} poll={lastPublished} />
              </>
            ) : null}
          </section>
          <HandPanel meetingId={meetingId} delegateId={me.delegateId} />
          <ConferencePanel meetingId={meetingId} />
          {me.delegateId ? <CountingKeyPanel /> : null}
        </div>
        <div className="tablet-main">
          <Agenda
            m={m}
            canReadDocs
            itemExtra={(item) => (
              <OpinionForm meetingId={meetingId} item={item} open={opinionFor === item.id} onOpen={() => setOpinionFor(item.id)} onClose={() => setOpinionFor(null)} />
            )}
          />
        </div>
      </div>
    </article>
  );
}

/** A counting committee member's pending tasks: a count report to confirm, a key share to give, each on its poll's page. */
function DutiesPanel({ meetingId, duties }: { meetingId: string; duties: CommitteeDuty[] }) {
  const { t } = useI18n();
  return (
    <section className="panel duty-panel" aria-labelledby="duty-h" data-testid="committee-duties">
      <h2 id="duty-h">{t('duty.title')}</h2>
      <ul className="duty-list">
        {duties.map((d) => (
          <li key={`${d.poll.id}-${d.kind}`}>
            <p>{d.kind === 'confirm' ? t('duty.confirm', { title: d.poll.title }) : t('duty.share', { title: d.poll.title })}</p>
            <Link className="btn btn-primary btn-large btn-block" to={buildPath(paths.poll, { meetingId, pollId: d.poll.id })}>
              {d.kind === 'confirm' ? t('member.confirm') : t('share.title')}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PollPageLink({ meetingId, poll }: { meetingId: string; poll: PollView }) {
  const { t } = useI18n();
  return (
    <p className="small">
      <Link to={buildPath(paths.poll, { meetingId, pollId: poll.id })}>{t('poll.openPage', { title: poll.title })}</Link>
    </p>
  );
}

function PublishedResult({ poll }: { poll: PollView }) {
  const { t } = useI18n();
  return (
    <div className="last-result">
      <p className="small-heading">{t('tablet.lastResult')}</p>
      <PollResultPanel poll={poll} />
    </div>
  );
}

/** Raise / lower the hand over the socket; the queue (and so this delegate's place) comes from `speakers:updated`. */
function HandPanel({ meetingId, delegateId }: { meetingId: string; delegateId: string | null }) {
  const { t } = useI18n();
  const speakers = useAsync((signal) => api.speakers(meetingId, signal), [meetingId]);
  const action = useAction();
  const { set, reload } = speakers;
  const events = useMemo(
    (): LiveHandlers => ({
      'speakers:updated': (e) => {
        if (e.meetingId === meetingId) set(e.queue);
      },
      'floor:changed': () => reload(),
    }),
    [meetingId, set, reload],
  );
  useLiveMeeting(meetingId, events, reload);

  const queue = speakers.state.status === 'done' ? speakers.state.data : [];
  const mine = queue.find((r) => r.delegateId === delegateId && (r.status === 'waiting' || r.status === 'speaking'));
  const act = (event: 'hand:raise' | 'hand:lower') => void action.run(() => liveConnection().request(event, { meetingId }), { settled: reload });
  const waitingPos = mine?.status === 'waiting' ? queue.filter((r) => r.status === 'waiting').findIndex((r) => r.id === mine.id) + 1 : 0;
  return (
    <section className="panel" aria-labelledby="hand-h">
      <h2 id="hand-h">{t('tablet.hand')}</h2>
      <p role="status" data-testid="hand-state">
        {!mine ? t('tablet.handIdle') : mine.status === 'speaking' ? t('tablet.speaking') : waitingPos > 0 ? t('tablet.handRaised', { position: waitingPos }) : t('tablet.handRaisedNoPos')}
      </p>
      <ActionFeedback action={action} />
      {mine?.status === 'speaking' ? (
        // withdrawing only takes back a waiting request; the floor is ended by the chair
        <p className="muted">{t('tablet.speakingEnds')}</p>
      ) : mine ? (
        <button type="button" className="btn btn-large btn-block" disabled={action.busy} onClick={() => act('hand:lower')}>
          {t('tablet.lowerHand')}
        </button>
      ) : (
        <button type="button" className="btn btn-primary btn-large btn-block" disabled={action.busy} onClick={() => act('hand:raise')}>
          {t('tablet.raiseHand')}
        </button>
      )}
    </section>
  );
}

function OpinionForm({ meetingId, item, open, onOpen, onClose }: { meetingId: string; item: AgendaItem; open: boolean; onOpen(): void; onClose(): void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const action = useAction();
  const [missing, setMissing] = useState(false);
  const [sent, setSent] = useState(false);
  const fieldId = `opinion-${item.id}`;
  if (!open) {
    return (
      <>
        {sent ? (
          <p className="alert alert-ok" role="status">
            {t('tablet.opinionSent')}
          </p>
        ) : null}
        <button type="button" className="btn" aria-label={t('tablet.opinionFor', { item: item.title })} onClick={onOpen}>
          {t('tablet.opinion')}
        </button>
      </>
    );
  }
  const check = () => {
    setMissing(!text.trim());
    return Boolean(text.trim());
  };
  const send = async () => {
    await api.submitOpinion(meetingId, text.trim(), item.id);
    setText('');
    setSent(true);
    onClose();
  };
  return (
    <form className="opinion-form" onSubmit={action.submit(send, { check })}>
      <div className="field">
        <label htmlFor={fieldId}>{t('tablet.opinionLabel', { item: item.title })}</label>
        <textarea
          id={fieldId}
          rows={4}
          maxLength={5000}
          value={text}
          autoFocus
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${fieldId}-err` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setMissing(false);
          }}
        />
        {missing ? (
          <p id={`${fieldId}-err`} className="field-error">
            {t('tablet.opinionRequired')}
          </p>
        ) : null}
      </div>
      <ActionFeedback action={action} />
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {t('tablet.opinionSend')}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('tablet.opinionCancel')}
        </button>
      </div>
    </form>
  );
}
