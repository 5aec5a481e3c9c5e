import { useState } from 'react';
import { api } from '../api/endpoints.js';
import type { MeetingStatus } from '#contracts';
import { ErrorMessage } from '../components/error-message.js';
import { StatusBadge } from '../components/status-badge.js';
import { useAsync } from '../components/use-async.js';
import { formatDateTime, useI18n } from '../i18n/i18n.js';
import { buildPath } from '../router/match.js';
import { Link } from '../router/router.js';
import { paths } from '../routes.js';

const FILTERS: (MeetingStatus | 'all')[] = ['all', 'scheduled', 'open', 'in_session', 'closed', 'draft'];

export default function MeetingsScreen() {
  const { t, locale } = useI18n();
  const { state, reload } = useAsync((signal) => api.meetings(signal), []);
  const [filter, setFilter] = useState<MeetingStatus | 'all'>('all');

  return (
    <section aria-labelledby="meetings-title">
      <div className="page-head">
        <h1 id="meetings-title">{t('meetings.title')}</h1>
        <div className="field field-inline">
          <label htmlFor="meeting-filter">{t('meetings.filter.label')}</label>
          <select id="meeting-filter" value={filter} onChange={(e) => setFilter(e.target.value as MeetingStatus | 'all')}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {f === 'all' ? t('meetings.filter.all') : t(`status.${f}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} onRetry={reload} /> : null}
      {state.status === 'done' ? (
        (() => {
          const rows = state.data.filter((m) => filter === 'all' || m.status === filter);
          if (rows.length === 0) return <p className="empty">{t('meetings.empty')}</p>;
          return (
            <ul className="card-list">
              {rows.map((m) => (
                <li key={m.id} className="card meeting-card">
                  <h2 className="card-title">
                    <Link to={buildPath(paths.meeting, { meetingId: m.id })} aria-label={t('meetings.open', { title: m.title })}>
                      {m.title}
                    </Link>
                  </h2>
                  {m.body?.name ? <p className="muted">{m.body.name}</p> : null}
                  <dl className="facts">
                    <div>
                      <dt>{t('meetings.col.time')}</dt>
                      <dd>
                        <time dateTime={m.startsAt}>{formatDateTime(locale, m.startsAt)}</time>
                      </dd>
                    </div>
                    {m.location ? (
                      <div>
                        <dt>{t('meetings.col.location')}</dt>
                        <dd>{m.location}</dd>
                      </div>
                    ) : null}
                    <div>
                      <dt>{t('meetings.col.mode')}</dt>
                      <dd>{t(`mode.${m.mode}`)}</dd>
                    </div>
                    {m.counts ? (
                      <div>
                        <dt>{t('meetings.col.invited')}</dt>
                        <dd>{t('meetings.invitedCount', { n: m.counts.invited })}</dd>
                      </div>
                    ) : null}
                    <div>
                      <dt>{t('meetings.col.status')}</dt>
                      <dd>
                        <StatusBadge status={m.status} />
                      </dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ul>
          );
        })()
      ) : null}
    </section>
  );
}
