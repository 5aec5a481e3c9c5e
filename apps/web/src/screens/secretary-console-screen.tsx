import { useMemo } from 'react';
import { api } from '../api/endpoints.js';
import { useMe } from '../auth/auth.js';
import { ConferenceModerationPanel } from '../components/conference-moderation-panel.js';
import { ConferencePanel } from '../components/conference-panel.js';
import { ErrorMessage } from '../components/error-message.js';
import { LiveBadge } from '../components/live-badge.js';
import { KiosksPanel } from '../components/kiosks-panel.js';
import { OpinionsPanel } from '../components/opinions-panel.js';
import { PageHead } from '../components/page-head.js';
import { PollsPanel } from '../components/polls-panel.js';
import { LifecyclePanel } from '../components/lifecycle-panel.js';
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

  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={reload} />;
  const m = state.data;
  const agenda = [...(m.agenda ?? [])].sort((a, b) => a.position - b.position);

  return (
    <article aria-labelledby="console-title">
      <PageHead
        titleId="console-title"
        title={t('console.title', { title: m.title })}
        links={[
          me.role === 'chair' ? null : { to: buildPath(paths.prepare, { meetingId }), label: t('prepare.title') },
          { to: buildPath(paths.minutes, { meetingId }), label: t('meeting.minutes') },
          { to: buildPath(paths.conclusions, { meetingId }), label: t('meeting.conclusions') },
          { to: buildPath(paths.meeting, { meetingId }), label: t('console.backToMeeting') },
        ]}
      >
        <LiveBadge status={live} />
      </PageHead>
      <LifecyclePanel m={m} onChanged={set} reload={reload} />
      <PollsPanel meetingId={meetingId} agenda={agenda} profile={m.legalProfile} closed={m.status === 'closed'} />
      <OpinionsPanel meetingId={meetingId} agenda={agenda} />
      {/* the chair and the secretary take part in the online room from here, next to its moderation */}
      {me.role === 'secretary' || me.role === 'chair' ? <ConferencePanel meetingId={meetingId} /> : null}
      <ConferenceModerationPanel meetingId={meetingId} canModerate={me.role === 'secretary' || me.role === 'chair'} />
      {me.role === 'admin' || me.role === 'secretary' ? <KiosksPanel meetingId={meetingId} /> : null}
    </article>
  );
}
