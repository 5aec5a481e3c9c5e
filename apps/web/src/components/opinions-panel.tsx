import { useMemo, useState } from 'react';
import { api } from '../api/endpoints.js';
import type { AgendaItem, Opinion } from '#contracts';
import { useI18n } from '../i18n/i18n.js';
import type { LiveHandlers } from '../realtime/live-connection.js';
import { useLiveMeeting } from '../realtime/use-live-meeting.js';
import { formatTime } from './attendance-charts.js';
import { ErrorMessage } from './error-message.js';
import { useAsync } from './use-async.js';

/** Written opinions sent from the tablets (live, staff room), oldest first; the secretary marks them addressed. */
export function OpinionsPanel({ meetingId, agenda }: { meetingId: string; agenda: AgendaItem[] }) {
  const { t, locale } = useI18n();
  const { state, reload, set } = useAsync((signal) => api.opinions(meetingId, signal), [meetingId]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [onlyOpen, setOnlyOpen] = useState(false);
  const events = useMemo((): LiveHandlers => ({ 'opinion:submitted': () => reload(), 'opinion:addressed': () => reload() }), [reload]);
  useLiveMeeting(meetingId, events, reload);

  const mark = async (o: Opinion) => {
    setBusy(o.id);
    setError(null);
    try {
      const updated = await api.markAddressed(meetingId, o.id);
      if (state.status === 'done') set(state.data.map((x) => (x.id === o.id ? { ...x, ...updated } : x)));
    } catch (err: unknown) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const itemTitle = (id: string | null) => agenda.find((a) => a.id === id)?.title ?? t('opinions.general');
  const list = state.status === 'done' ? state.data.filter((o) => !onlyOpen || o.status !== 'addressed') : [];
  const waiting = state.status === 'done' ? state.data.filter((o) => o.status !== 'addressed').length : 0;
  return (
    <section className="panel" aria-labelledby="opinions-title">
      <h2 id="opinions-title">{t('opinions.title')}</h2>
      <label className="field-check">
        <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />
        <span>{t('opinions.onlyOpen', { n: waiting })}</span>
      </label>
      {error ? <ErrorMessage error={error} /> : null}
      {state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} onRetry={reload} /> : null}
      {state.status === 'done' && list.length === 0 ? <p className="empty">{t('opinions.empty')}</p> : null}
      <ul className="opinion-list">
        {list.map((o) => (
          <li key={o.id} className={o.status === 'addressed' ? 'opinion opinion-addressed' : 'opinion'} data-testid={`opinion-${o.id}`}>
            <p className="opinion-meta">
              <strong>{o.delegateName ?? t('opinions.unknown')}</strong> · {itemTitle(o.agendaItemId)} · {formatTime(locale, o.createdAt)}
            </p>
            <p className="opinion-content">{o.content}</p>
            {o.status === 'addressed' ? (
              <p className="att-badge att-present">{t('opinions.addressed')}</p>
            ) : (
              <button type="button" className="btn" disabled={busy !== null} aria-label={t('opinions.markFor', { name: o.delegateName ?? t('opinions.unknown') })} onClick={() => void mark(o)}>
                {t('opinions.mark')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
