import { useState } from 'react';
import { api } from '../api/endpoints.js';
import type { OfficialDocumentView, UserSummary } from '#contracts';
import { useMe } from '../auth/auth.js';
import { formatDateTime, useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/vi.js';
import { buildPath } from '../router/match.js';
import { Link } from '../router/router.js';
import { paths } from '../routes.js';
import { ActionFeedback } from './action-feedback.js';
import { DownloadButton } from './download-button.js';
import { ErrorMessage } from './error-message.js';
import { useAction } from './use-action.js';
import { useAsync } from './use-async.js';

/** Digital signatures of the locked minutes: the secretary and the chair sign; an administrator may pick the chair's account. */
export function SignaturesPanel({ meetingId, locked }: { meetingId: string; locked: boolean }) {
  const me = useMe();
  const [chairId, setChairId] = useState('');
  const users = useAsync((signal) => (me.role === 'admin' ? api.users(signal) : Promise.resolve<UserSummary[]>([])), [me.role]);
  const chairs = users.state.status === 'done' ? users.state.data.filter((u) => u.role === 'chair' && u.active) : [];
  if (!locked) return null;
  return (
    <DocumentSignatures
      testId="signatures-panel"
      load={(signal) => api.minutesDocument(meetingId, signal)}
      deps={[meetingId]}
      issue={me.role === 'admin' || me.role === 'secretary' ? () => api.issueMinutesDocument(meetingId, chairId ? { chairUserId: chairId } : {}) : null}
      chairPicker={{ chairs, chairId, setChairId }}
    />
  );
}

interface DocumentSignaturesProps {
  testId: string;
  load: (signal: AbortSignal) => Promise<OfficialDocumentView | null>;
  deps: unknown[];
  /** Registers the document for signature; null when the caller may not. */
  issue: (() => Promise<OfficialDocumentView>) | null;
  title?: MessageKey;
  notIssued?: MessageKey;
  chairPicker?: { chairs: UserSummary[]; chairId: string; setChairId: (id: string) => void };
}

/**
 * A registered document's signatures: registration (number of the body for the year), who signed and when, who still
 * has to, and for the signer of an open block a PIN (token) or key-file password prompt and a sign button.
 */
export function DocumentSignatures({ testId, load, deps, issue: register, title = 'sign.title', notIssued = 'sign.notIssued', chairPicker }: DocumentSignaturesProps) {
  const { t, locale } = useI18n();
  const me = useMe();
  const doc = useAsync(load, deps);
  const action = useAction();
  const [pin, setPin] = useState('');

  if (doc.state.status !== 'done')
    return (
      <section className="panel" aria-labelledby={`${testId}-title`} data-testid={testId}>
        <h2 id={`${testId}-title`}>{t(title)}</h2>
        {doc.state.status === 'error' ? <ErrorMessage error={doc.state.error} onRetry={doc.reload} /> : <p role="status">{t('app.loading')}</p>}
      </section>
    );
  const view = doc.state.data;
  const chairs = chairPicker?.chairs ?? [];

  const issue = () => {
    if (register) void action.run(async () => doc.set(await register()), { done: t('sign.issued') });
  };
  const sign = (d: OfficialDocumentView, slot: string) =>
    void action.run(
      async () => {
        try {
          doc.set(await api.signDocument(d.id, slot, pin));
        } finally {
          setPin('');
        }
      },
      { done: t('sign.signed') },
    );

  return (
    <section className="panel" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>{t(title)}</h2>
      {view === null ? (
        <>
          <p className="muted">{t(notIssued)}</p>
          {register ? (
            <div className="button-row">
              {chairs.length > 0 ? (
                <div className="field">
                  <label htmlFor="sign-chair">{t('sign.chairUser')}</label>
                  <select id="sign-chair" value={chairPicker?.chairId ?? ''} onChange={(e) => chairPicker?.setChairId(e.target.value)}>
                    <option value="">{t('sign.chairDefault')}</option>
                    {chairs.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.displayName}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              <button type="button" className="btn btn-primary" disabled={action.busy} onClick={issue}>
                {t('sign.issue')}
              </button>
            </div>
          ) : null}
        </>
      ) : (
        <>
          <p>
            <strong data-testid="doc-number">{view.numberText}</strong> · <span className={`badge ${view.status === 'signed' ? 'badge-closed' : 'badge-draft'}`}>{t(view.status === 'signed' ? 'sign.status.signed' : 'sign.status.signing')}</span>
          </p>
          <ul className="sign-slots">
            {view.slots.map((s) => (
              <li key={s.key} data-testid={`slot-${s.key}`}>
                <strong>{s.position}</strong>: {s.fullName} —{' '}
                {s.signedAt ? (
                  <span>
                    {t('sign.signedAt', { time: formatDateTime(locale, s.signedAt) })} ({t(`sign.store.${s.keyStore ?? 'p12'}`)})
                  </span>
                ) : (
                  <span className="muted">{t('sign.waiting')}</span>
                )}
                {!s.signedAt && s.userId === me.id ? (
                  <form
                    className="sign-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      sign(view, s.key);
                    }}
                  >
                    <label htmlFor={`pin-${s.key}`}>{t('sign.pin')}</label>
                    <input id={`pin-${s.key}`} type="password" autoComplete="off" required maxLength={256} value={pin} onChange={(e) => setPin(e.target.value)} />
                    <button type="submit" className="btn btn-primary" disabled={action.busy || pin.length === 0}>
                      {t('sign.sign')}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
          <div className="button-row">
            <DownloadButton label={t('sign.download')} fallbackName="bien-ban-ky-so.pdf" load={() => api.documentFile(view.id)} />
            <Link className="btn" to={buildPath(paths.verify, {})}>
              {t('sign.verifyLink')}
            </Link>
          </div>
          <p className="muted small">
            {t('minutes.hash')}: <code className="hash">{view.sha256}</code>
          </p>
        </>
      )}
      <ActionFeedback action={action} />
    </section>
  );
}
