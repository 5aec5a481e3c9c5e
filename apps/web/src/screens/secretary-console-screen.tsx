import { useMemo, useState } from 'react';
import { api } from '../api/endpoints.js';
import { MEETING_TRANSITIONS } from '../api/rules.js';
import type { MeetingStatus } from '#contracts';
import { useMe } from '../auth/auth.js';
import { ConferenceModerationPanel } from '../components/conference-moderation-panel.js';
import { ErrorMessage } from '../components/error-message.js';
import { LiveBadge } from '../components/live-badge.js';
import { KiosksPanel } from '../components/kiosks-panel.js';
import { OpinionsPanel } from '../components/opinions-panel.js';
import { PageHead } from '../components/page-head.js';
import { PollsPanel } from '../components/polls-panel.js';
import { StatusBadge } from '../components/status-badge.js';
import { useAsync } from '../components/use-async.js';
import { useI18n } from '../i18n/i18n.js';
import type { LiveHandlers } from '../realtime/live-connection.js';
import { useLiveMeeting } from '../realtime/use-live-meeting.js';
import { buildPath } from '../router/match.js';
import { paths, type ScreenProps } from '../routes.js';

/**
 * The secretary's console: the meeting lifecycle, the polls (create, open, close, publish), the delegates' written
 * opinions (mark addressed) and the check-in kiosks (issue, revoke).
 */
export default function SecretaryConsoleScreen({ params }: ScreenProps) {
  const meetingId = params.meetingId;
  const { t } = useI18n();
  const me = useMe();
  const { state, reload, set } = useAsync((signal) => api.meeting(meetingId, signal), [meetingId]);
  const events = useMemo((): LiveHandlers => ({ 'meeting:status': () => reload() }), [reload]);
  const live = useLiveMeeting(meetingId, events, reload);
  const [pending, setPending] = useState<MeetingStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<MeetingStatus | null>(null);

  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={reload} />;
  const m = state.data;
  const moves = MEETING_TRANSITIONS[m.status] ?? [];
  const agenda = [...(m.agenda ?? [])].sort((a, b) => a.position - b.position);

  const apply = async (to: MeetingStatus) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await api.changeStatus(meetingId, to);
      set({ ...m, ...updated, status: updated.status ?? to });
      setDone(to);
      setPending(null);
    } catch (err: unknown) {
      setError(err);
      reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <article aria-labelledby="console-title">
      <PageHead
        titleId="console-title"
        title={t('console.title', { title: m.title })}
        links={[
          { to: buildPath(paths.minutes, { meetingId }), label: t('meeting.minutes') },
          { to: buildPath(paths.conclusions, { meetingId }), label: t('meeting.conclusions') },
          { to: buildPath(paths.meeting, { meetingId }), label: t('console.backToMeeting') },
        ]}
      >
        <LiveBadge status={live} />
      </PageHead>
      <section className="panel" aria-labelledby="lifecycle-title">
        <h2 id="lifecycle-title">{t('console.lifecycle')}</h2>
        <p>
          {t('meeting.status')}: <StatusBadge status={m.status} />
        </p>
        <ol className="steps" aria-label={t('console.lifecycle')}>
          {(['draft', 'scheduled', 'open', 'in_session', 'closed'] as MeetingStatus[]).map((s) => (
            <li key={s} className={s === m.status ? 'step step-current' : 'step'} aria-current={s === m.status ? 'step' : undefined}>
              {t(`status.${s}`)}
            </li>
          ))}
        </ol>
        {done ? (
          <p className="alert alert-ok" role="status">
            {t('console.changed', { status: t(`status.${done}`) })}
          </p>
        ) : null}
        {error ? <ErrorMessage error={error} /> : null}
        {moves.length === 0 ? <p className="empty">{t('console.noMoves')}</p> : null}
        {pending ? (
          <div className="confirm" role="alertdialog" aria-labelledby="confirm-text">
            <p id="confirm-text">{t('console.confirm', { action: t(`console.to.${pending}`) })}</p>
            <div className="button-row">
              <button type="button" className="btn btn-primary btn-large" disabled={busy} onClick={() => void apply(pending)} autoFocus>
                {t('console.confirmYes')}
              </button>
              <button type="button" className="btn btn-large" disabled={busy} onClick={() => setPending(null)}>
                {t('console.confirmNo')}
              </button>
            </div>
          </div>
        ) : (
          <div className="button-row">
            {moves.map((to) => (
              <button key={to} type="button" className={to === 'draft' ? 'btn btn-large' : 'btn btn-primary btn-large'} onClick={() => setPending(to)}>
                {t(`console.to.${to}`)}
              </button>
            ))}
          </div>
        )}
      </section>
      <PollsPanel meetingId={meetingId} agenda={agenda} />
      <OpinionsPanel meetingId={meetingId} agenda={agenda} />
      <ConferenceModerationPanel meetingId={meetingId} canModerate={me.role === 'secretary' || me.role === 'chair'} />
      {me.role === 'admin' || me.role === 'secretary' ? <KiosksPanel meetingId={meetingId} /> : null}
    </article>
  );
}
