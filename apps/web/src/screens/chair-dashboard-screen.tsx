import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from '../api/endpoints.js';
import type { AttendanceSummary, SpeakerRequest } from '#contracts';
import { useMe } from '../auth/auth.js';
import { AttendanceBreakdown, formatTime, QuorumGauge } from '../components/attendance-charts.js';
import { ErrorMessage } from '../components/error-message.js';
import { LiveBadge } from '../components/live-badge.js';
import { PollBoard } from '../components/polls-panel.js';
import { LanguageSwitch } from '../components/shell.js';
import { useAsync, type AsyncState } from '../components/use-async.js';
import { useI18n } from '../i18n/i18n.js';
import type { LiveHandlers } from '../realtime/live-connection.js';
import { useLiveMeeting } from '../realtime/use-live-meeting.js';
import { buildPath } from '../router/match.js';
import { Link } from '../router/router.js';
import { paths, type ScreenProps } from '../routes.js';

/**
 * The chair's dashboard, made for a projector (full screen, big type): live attendance, the quorum gauge and the
 * speaker queue with grant / end for the chair and the secretary, the poll in progress and the published result.
 */
export default function ChairDashboardScreen({ params }: ScreenProps) {
  const meetingId = params.meetingId;
  const { t, locale } = useI18n();
  const me = useMe();
  const canModerate = me.role === 'chair' || me.role === 'secretary';
  const meeting = useAsync((signal) => api.meeting(meetingId, signal), [meetingId]);
  const summary = useAsync((signal) => api.attendanceSummary(meetingId, signal), [meetingId]);
  const speakers = useAsync((signal) => api.speakers(meetingId, signal), [meetingId]);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);

  const { set: setSummary, reload: reloadSummary } = summary;
  const { set: setSpeakers, reload: reloadSpeakers } = speakers;
  const { reload: reloadMeeting } = meeting;
  const resync = useCallback(() => {
    reloadMeeting();
    reloadSummary();
    reloadSpeakers();
  }, [reloadMeeting, reloadSummary, reloadSpeakers]);
  const events = useMemo(
    (): LiveHandlers => ({
      'attendance:updated': (e) => {
        if (e.meetingId === meetingId) setSummary(e.summary);
      },
      'speakers:updated': (e) => {
        if (e.meetingId === meetingId) setSpeakers(e.queue);
      },
      'floor:changed': () => reloadSpeakers(),
      'meeting:status': () => reloadMeeting(),
    }),
    [meetingId, setSummary, setSpeakers, reloadSpeakers, reloadMeeting],
  );
  const live = useLiveMeeting(meetingId, events, resync);

  const act = async (requestId: string, action: 'grant' | 'end') => {
    setBusy(requestId);
    setActionError(null);
    try {
      if (action === 'grant') await api.grantFloor(meetingId, requestId);
      else await api.endFloor(meetingId, requestId);
      reloadSpeakers();
    } catch (err: unknown) {
      setActionError(err);
      reloadSpeakers();
    } finally {
      setBusy(null);
    }
  };

  /** Moves a waiting request one place up or down and saves the whole waiting order (the route wants every waiting id). */
  const move = async (queue: SpeakerRequest[], requestId: string, by: -1 | 1) => {
    const waiting = queue.filter((r) => r.status === 'waiting').map((r) => r.id);
    const from = waiting.indexOf(requestId);
    const to = from + by;
    if (from < 0 || to < 0 || to >= waiting.length) return;
    [waiting[from], waiting[to]] = [waiting[to], waiting[from]];
    setBusy(requestId);
    setActionError(null);
    try {
      await api.reorderSpeakers(meetingId, waiting);
      // the focus follows the moved row (its other button when it reached the top or the bottom, where this one is disabled)
      const edge = to === 0 || to === waiting.length - 1;
      setFocusAfterMove(`${requestId}:${edge ? -by : by}`);
    } catch (err: unknown) {
      setActionError(err);
    } finally {
      reloadSpeakers();
      setBusy(null);
    }
  };

  const title = meeting.state.status === 'done' ? meeting.state.data.title : '';
  return (
    <div className="projector">
      <header className="projector-head">
        <h1 id="dash-title">{title ? t('dash.title', { title }) : t('meeting.dashboard')}</h1>
        <div className="page-head-end">
          <LiveBadge status={live} />
          <LanguageSwitch />
          <Link className="btn btn-small" to={buildPath(paths.meeting, { meetingId })}>
            {t('dash.back')}
          </Link>
        </div>
      </header>
      <main id="main" className="projector-grid" aria-labelledby="dash-title">
        {meeting.state.status === 'error' ? <ErrorMessage error={meeting.state.error} onRetry={reloadMeeting} /> : null}
        <section className="panel projector-panel projector-side" aria-labelledby="att-h">
          <h2 id="att-h">{t('dash.attendance')}</h2>
          <Loaded state={summary.state} onRetry={reloadSummary} render={(s: AttendanceSummary) => <AttendanceBreakdown summary={s} />} />
        </section>
        <section className="panel projector-panel projector-side" aria-labelledby="quorum-h">
          <h2 id="quorum-h">{t('dash.quorum')}</h2>
          <Loaded state={summary.state} onRetry={reloadSummary} render={(s: AttendanceSummary) => <QuorumGauge summary={s} />} />
        </section>
        <section className="panel projector-panel projector-poll" aria-labelledby="poll-h" data-testid="dash-poll">
          <h2 id="poll-h">{t('dash.poll')}</h2>
          <PollBoard meetingId={meetingId} />
        </section>
        <section className="panel projector-panel projector-wide" aria-labelledby="spk-h">
          <h2 id="spk-h">{t('dash.speakers')}</h2>
          {actionError ? <ErrorMessage error={actionError} /> : null}
          <Loaded
            state={speakers.state}
            onRetry={reloadSpeakers}
            render={(queue: SpeakerRequest[]) =>
              queue.length === 0 ? (
                <p className="empty">{t('dash.noSpeakers')}</p>
              ) : (
                <ol className="speaker-list" aria-label={t('dash.speakers')}>
                  {queue.map((r) => {
                    const waiting = queue.filter((q) => q.status === 'waiting');
                    const place = waiting.findIndex((q) => q.id === r.id);
                    return (
                    <li key={r.id} className={r.status === 'speaking' ? 'speaker speaker-speaking' : 'speaker'}>
                      <span className="speaker-name">{r.delegateName}</span>
                      <span className={`speaker-status speaker-status-${r.status}`}>
                        {r.status === 'speaking' ? t('dash.speaking') : t('dash.waiting')}
                        {r.status === 'speaking' && r.grantedAt ? ` · ${t('dash.since', { time: formatTime(locale, r.grantedAt) })}` : ''}
                      </span>
                      {canModerate ? (
                        r.status === 'speaking' ? (
                          <button type="button" className="btn" disabled={busy !== null} aria-label={t('dash.end', { name: r.delegateName })} onClick={() => void act(r.id, 'end')}>
                            {t('dash.endShort')}
                          </button>
                        ) : (
                          <span className="speaker-actions">
                            {waiting.length > 1 ? (
                              <>
                                <MoveButton label={t('dash.moveUp', { name: r.delegateName })} text="↑" disabled={busy !== null || place === 0} focus={focusAfterMove === `${r.id}:-1`} onFocused={() => setFocusAfterMove(null)} onClick={() => void move(queue, r.id, -1)} />
                                <MoveButton label={t('dash.moveDown', { name: r.delegateName })} text="↓" disabled={busy !== null || place === waiting.length - 1} focus={focusAfterMove === `${r.id}:1`} onFocused={() => setFocusAfterMove(null)} onClick={() => void move(queue, r.id, 1)} />
                              </>
                            ) : null}
                            <button type="button" className="btn btn-primary" disabled={busy !== null} aria-label={t('dash.grant', { name: r.delegateName })} onClick={() => void act(r.id, 'grant')}>
                              {t('dash.grantShort')}
                            </button>
                          </span>
                        )
                      ) : null}
                    </li>
                    );
                  })}
                </ol>
              )
            }
          />
        </section>
      </main>
    </div>
  );
}

/** A move up / down button that takes the focus back after the list re-renders (the moved row changed place). */
function MoveButton({ label, text, disabled, focus, onFocused, onClick }: { label: string; text: string; disabled: boolean; focus: boolean; onFocused(): void; onClick(): void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus && !disabled && ref.current) {
      ref.current.focus();
      onFocused();
    }
  }, [focus, disabled, onFocused]);
  return (
    <button ref={ref} type="button" className="btn btn-small" disabled={disabled} aria-label={label} onClick={onClick}>
      <span aria-hidden="true">{text}</span>
    </button>
  );
}

function Loaded<T>({ state, onRetry, render }: { state: AsyncState<T>; onRetry(): void; render(data: T): ReactNode }) {
  const { t } = useI18n();
  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={onRetry} />;
  return <>{render(state.data)}</>;
}
