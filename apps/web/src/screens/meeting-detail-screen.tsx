import { useMemo } from 'react';
import { api } from '../api/endpoints.js';
import { STAFF_ROLES } from '../api/rules.js';
import type { MeetingDetail } from '#contracts';
import { useMe } from '../auth/auth.js';
import { ErrorMessage } from '../components/error-message.js';
import { LiveBadge } from '../components/live-badge.js';
import { Agenda } from '../components/agenda.js';
import { StatusBadge } from '../components/status-badge.js';
import { useAsync } from '../components/use-async.js';
import { formatDateTime, useI18n } from '../i18n/i18n.js';
import type { LiveHandlers } from '../realtime/live-connection.js';
import { useLiveMeeting } from '../realtime/use-live-meeting.js';
import { buildPath } from '../router/match.js';
import { Link } from '../router/router.js';
import { paths, type ScreenProps } from '../routes.js';


export default function MeetingDetailScreen({ params }: ScreenProps) {
  const meetingId = params.meetingId;
  const { t } = useI18n();
  const me = useMe();
  const { state, reload } = useAsync((signal) => api.meeting(meetingId, signal), [meetingId]);
  // the meeting is fetched again when its status changes (#contracts ServerEvents)
  const events = useMemo((): LiveHandlers => ({ 'meeting:status': () => reload() }), [reload]);
  const live = useLiveMeeting(meetingId, events, reload);

  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (state.status === 'error')
    return (
      <section>
        <ErrorMessage error={state.error} onRetry={reload} />
        <Link to={paths.meetings}>{t('app.backToMeetings')}</Link>
      </section>
    );
  const m = state.data;
  const canReadDocs = me.role !== 'observer';
  const isStaff = STAFF_ROLES.includes(me.role);
  return (
    <article aria-labelledby="meeting-title" className="meeting">
      <div className="page-head">
        <div>
          <p className="muted">{m.body?.name}</p>
          <h1 id="meeting-title">{m.title}</h1>
        </div>
        <div className="page-head-end">
          <LiveBadge status={live} />
          {me.role === 'delegate' || me.role === 'chair' ? (
            <Link className="btn btn-primary" to={buildPath(paths.tablet, { meetingId })}>
              {t('meeting.tablet')}
            </Link>
          ) : null}
          {isStaff ? (
            <Link className="btn btn-primary" to={buildPath(paths.console, { meetingId })}>
              {t('meeting.console')}
            </Link>
          ) : null}
          {me.role === 'admin' || me.role === 'secretary' ? (
            <Link className="btn" to={buildPath(paths.attendance, { meetingId })}>
              {t('meeting.attendance')}
            </Link>
          ) : null}
          {isStaff ? (
            <Link className="btn" to={buildPath(paths.chair, { meetingId })}>
              {t('meeting.dashboard')}
            </Link>
          ) : null}
          {isStaff ? (
            <Link className="btn" to={buildPath(paths.minutes, { meetingId })}>
              {t('meeting.minutes')}
            </Link>
          ) : null}
          <Link className="btn" to={buildPath(paths.conclusions, { meetingId })}>
            {t('meeting.conclusions')}
          </Link>
        </div>
      </div>
      <MeetingFacts m={m} />
      <div className="columns">
        <Agenda m={m} canReadDocs={canReadDocs} />
      </div>
    </article>
  );
}

function MeetingFacts({ m }: { m: MeetingDetail }) {
  const { t, locale } = useI18n();
  const inv = m.myInvitation;
  return (
    <dl className="facts facts-wide panel">
      <div>
        <dt>{t('meeting.status')}</dt>
        <dd>
          <StatusBadge status={m.status} />
        </dd>
      </div>
      <div>
        <dt>{t('meeting.time')}</dt>
        <dd>
          <time dateTime={m.startsAt}>{formatDateTime(locale, m.startsAt)}</time>
        </dd>
      </div>
      {m.location ? (
        <div>
          <dt>{t('meeting.location')}</dt>
          <dd>{m.location}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('meeting.mode')}</dt>
        <dd>{t(`mode.${m.mode}`)}</dd>
      </div>
      {m.quorum && m.bodyMemberCount !== undefined ? (
        <div>
          <dt>{t('meeting.quorum')}</dt>
          <dd>{t('meeting.quorumValue', { required: m.quorum.required, members: m.bodyMemberCount, numerator: m.quorum.numerator, denominator: m.quorum.denominator })}</dd>
        </div>
      ) : null}
      {inv ? (
        <div>
          <dt>{t('meeting.myInvitation')}</dt>
          <dd>{inv.kind === 'guest' ? t('meeting.invitation.guest') : inv.canVote ? t('meeting.invitation.member') : t('meeting.invitation.memberNoVote')}</dd>
        </div>
      ) : null}
    </dl>
  );
}
