import { useMemo } from 'react';
import { api } from '../api/endpoints.js';
import { useMe } from '../auth/auth.js';
import { AgendaEditor } from '../components/agenda-editor.js';
import { DocumentsEditor } from '../components/documents-editor.js';
import { ErrorMessage } from '../components/error-message.js';
import { InvitationsEditor } from '../components/invitations-editor.js';
import { LifecyclePanel } from '../components/lifecycle-panel.js';
import { LiveBadge } from '../components/live-badge.js';
import { PageHead } from '../components/page-head.js';
import { ProxiesPanel } from '../components/proxies-panel.js';
import { RoundProposalsPanel } from '../components/round-proposals-panel.js';
import { StatusBadge } from '../components/status-badge.js';
import { useAsync } from '../components/use-async.js';
import { formatDateTime, useI18n } from '../i18n/i18n.js';
import { useLiveMeeting } from '../realtime/use-live-meeting.js';
import { buildPath } from '../router/match.js';
import { Link } from '../router/router.js';
import { paths, type ScreenProps } from '../routes.js';

/** The secretary the day before: the meeting's facts, agenda, documents, invitations and notice, then its status. */
export default function PrepareScreen({ params }: ScreenProps) {
  const meetingId = params.meetingId;
  const { t, locale } = useI18n();
  const me = useMe();
  const { state, reload, set } = useAsync((signal) => api.meeting(meetingId, signal), [meetingId]);
  const events = useMemo(() => ({ 'meeting:status': () => reload() }), [reload]);
  const live = useLiveMeeting(meetingId, events, reload);

  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={reload} />;
  const m = state.data;
  const editable = m.status === 'draft' || m.status === 'scheduled';
  const preparable = m.status !== 'closed';
  const canWrite = me.role === 'admin' || me.role === 'secretary';

  return (
    <article aria-labelledby="prepare-title" className="prepare">
      <PageHead
        titleId="prepare-title"
        title={t('prepare.title')}
        above={m.body?.name}
        below={m.title}
        links={[
          { to: buildPath(paths.console, { meetingId }), label: t('meeting.console') },
          { to: buildPath(paths.meeting, { meetingId }), label: t('console.backToMeeting') },
        ]}
      >
        <LiveBadge status={live} />
      </PageHead>
      <section className="panel" aria-labelledby="facts-title">
        <h2 id="facts-title">{t('meeting.details')}</h2>
        <dl className="facts facts-wide">
          <div>
            <dt>{t('meeting.status')}</dt>
            <dd>
              <StatusBadge status={m.status} />
            </dd>
          </div>
          <div>
            <dt>{t('meeting.time')}</dt>
            <dd>
              {formatDateTime(locale, m.startsAt)}
              {m.endsAt ? ` – ${formatDateTime(locale, m.endsAt)}` : ''}
            </dd>
          </div>
          <div>
            <dt>{t('meeting.location')}</dt>
            <dd>{m.location ?? t('prepare.noLocation')}</dd>
          </div>
          <div>
            <dt>{t('meeting.mode')}</dt>
            <dd>{t(`mode.${m.mode}`)}</dd>
          </div>
          <div>
            <dt>{t('meetingForm.chair')}</dt>
            <dd>{m.chairName ?? t('prepare.notSet')}</dd>
          </div>
          <div>
            <dt>{t('meetingForm.secretary')}</dt>
            <dd>{m.secretaryName ?? t('prepare.notSet')}</dd>
          </div>
        </dl>
        {canWrite && editable ? (
          <Link className="btn" to={buildPath(paths.meetingEdit, { meetingId })}>
            {t('prepare.editFacts')}
          </Link>
        ) : null}
      </section>
      <LifecyclePanel m={m} onChanged={set} reload={reload} />
      <RoundProposalsPanel meetingId={meetingId} canWrite={canWrite && preparable} onChanged={reload} />
      <div className="columns">
        <AgendaEditor m={m} canWrite={canWrite && preparable} onChanged={reload} />
        <DocumentsEditor m={m} canWrite={canWrite && preparable} onChanged={reload} />
      </div>
      <InvitationsEditor m={m} canWrite={canWrite && preparable} onChanged={reload} />
      <ProxiesPanel m={m} canWrite={canWrite} />
    </article>
  );
}
