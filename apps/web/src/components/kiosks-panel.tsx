import { useState } from 'react';
import { api } from '../api/endpoints.js';
import type { CreatedKiosk } from '#contracts';
import { formatDateTime, useI18n } from '../i18n/i18n.js';
import { buildPath } from '../router/match.js';
import { paths } from '../routes.js';
import { ErrorMessage } from './error-message.js';
import { useAsync } from './use-async.js';

/**
 * Check-in kiosks of the meeting: issue one (the token is shown once, with the kiosk's link carrying it in the
 * fragment, which the kiosk screen reads and removes) and revoke it.
 */
export function KiosksPanel({ meetingId }: { meetingId: string }) {
  const { t, locale } = useI18n();
  const { state, reload } = useAsync((signal) => api.kiosks(meetingId, signal), [meetingId]);
  const [name, setName] = useState('');
  const [missing, setMissing] = useState(false);
  const [issued, setIssued] = useState<CreatedKiosk | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err: unknown) {
      setError(err);
    } finally {
      setBusy(false);
      reload();
    }
  };
  const issue = () => {
    if (!name.trim()) {
      setMissing(true);
      return;
    }
    void run(async () => {
      setIssued(await api.createKiosk(meetingId, name.trim()));
      setName('');
    });
  };
  const link = issued ? `${window.location.origin}${buildPath(paths.kiosk, { meetingId })}#token=${encodeURIComponent(issued.token)}` : '';

  return (
    <section className="panel" aria-labelledby="kiosks-title">
      <h2 id="kiosks-title">{t('kiosks.title')}</h2>
      <form
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          issue();
        }}
      >
        <label htmlFor="kiosk-name" className="visually-hidden">
          {t('kiosks.name')}
        </label>
        <input
          id="kiosk-name"
          maxLength={200}
          placeholder={t('kiosks.name')}
          value={name}
          aria-invalid={missing || undefined}
          onChange={(e) => {
            setName(e.target.value);
            setMissing(false);
          }}
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('kiosks.issue')}
        </button>
      </form>
      {missing ? (
        <p className="field-error" role="alert">
          {t('kiosks.nameRequired')}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      {issued ? (
        <div className="alert alert-ok" role="status">
          <p className="alert-title">{t('kiosks.issued', { name: issued.name })}</p>
          <p>
            {t('kiosks.token')}: <code data-testid="kiosk-token">{issued.token}</code>
          </p>
          <p>
            {t('kiosks.link')}:{' '}
            <a href={link} target="_blank" rel="noopener" data-testid="kiosk-link">
              {link}
            </a>
          </p>
          <p className="small">{t('kiosks.once')}</p>
        </div>
      ) : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} onRetry={reload} /> : null}
      {state.status === 'done' && state.data.length === 0 ? <p className="empty">{t('kiosks.empty')}</p> : null}
      {state.status === 'done' && state.data.length > 0 ? (
        <ul className="kiosk-list">
          {state.data.map((k) => (
            <li key={k.id} className="kiosk-row">
              <span>
                <strong>{k.name}</strong> · {k.revokedAt ? t('kiosks.revokedAt', { time: formatDateTime(locale, k.revokedAt) }) : t('kiosks.active')}
              </span>
              {k.revokedAt ? null : (
                <button type="button" className="btn" disabled={busy} aria-label={t('kiosks.revokeFor', { name: k.name })} onClick={() => void run(() => api.revokeKiosk(meetingId, k.id))}>
                  {t('kiosks.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
