import { useState } from 'react';
import { api } from '../api/endpoints.js';
import type { PrivacyRequest } from '#contracts';
import { useMe } from '../auth/auth.js';
import { ActionFeedback } from '../components/action-feedback.js';
import { ConfirmBox } from '../components/confirm-box.js';
import { DownloadButton } from '../components/download-button.js';
import { ErrorMessage } from '../components/error-message.js';
import { useAction } from '../components/use-action.js';
import { useAsync } from '../components/use-async.js';
import { formatDateTime, useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/vi.js';
import type { ScreenProps } from '../routes.js';

const OTHER_KINDS: PrivacyRequest['kind'][] = ['correction', 'restriction', 'objection', 'profile_erasure'];

/**
 * Privacy (Law 91/2025/QH15): a delegate reads the biometric notice, agrees or withdraws, prints the consent record,
 * downloads their data, deletes their face data and files other requests; the admin sees pending requests with their
 * deadlines and downloads the record of processing.
 */
export default function PrivacyScreen(_props: ScreenProps) {
  const { t } = useI18n();
  const me = useMe();
  return (
    <article aria-labelledby="privacy-title">
      <div className="page-head">
        <h1 id="privacy-title">{t('privacy.title')}</h1>
      </div>
      {me.delegateId ? <OwnPrivacy delegateId={me.delegateId} /> : null}
      {me.role === 'admin' ? <AdminPrivacy /> : null}
    </article>
  );
}

function OwnPrivacy({ delegateId }: { delegateId: string }) {
  const { t, locale } = useI18n();
  const status = useAsync((signal) => api.faceConsent(delegateId, signal), [delegateId]);
  const notice = useAsync((signal) => api.faceNotice(signal), []);
  const requests = useAsync((signal) => api.myPrivacyRequests(delegateId, signal), [delegateId]);
  const action = useAction();
  const [confirm, setConfirm] = useState<'withdraw' | 'erase' | null>(null);
  const [kind, setKind] = useState<PrivacyRequest['kind']>('correction');
  const [details, setDetails] = useState('');
  const reload = (): void => {
    status.reload();
    requests.reload();
  };

  return (
    <>
      <section className="panel" aria-labelledby="consent-h">
        <h2 id="consent-h">{t('privacy.consent')}</h2>
        {status.state.status === 'error' ? <ErrorMessage error={status.state.error} /> : null}
        {status.state.status === 'done' ? (
          <p data-testid="consent-status">
            {status.state.data.authorisesCheckIn
              ? t('privacy.statusOn', { version: status.state.data.currentNoticeVersion })
              : status.state.data.reconsentRequired
                ? t('privacy.statusReconsent', { version: status.state.data.currentNoticeVersion, date: formatDateTime(locale, status.state.data.graceEndsAt) })
                : t('privacy.statusOff')}
          </p>
        ) : null}
        {notice.state.status === 'done' ? (
          <details open={status.state.status === 'done' && !status.state.data.authorisesCheckIn}>
            <summary>{t('privacy.notice', { version: notice.state.data.version })}</summary>
            <pre className="notice-text" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>{notice.state.data.text}</pre>
            <p className="muted" style={{ overflowWrap: 'anywhere' }}>{t('privacy.noticeHash', { hash: notice.state.data.sha256 })}</p>
          </details>
        ) : null}
        <div className="button-row">
          {status.state.status === 'done' && !status.state.data.authorisesCheckIn && notice.state.status === 'done' ? (
            <button
              type="button"
              className="btn btn-primary"
              disabled={action.busy}
              onClick={() => {
                const n = notice.state.status === 'done' ? notice.state.data : null;
                if (n) void action.run(() => api.giveConsent(delegateId, n.version, n.sha256), { done: t('privacy.agreed'), settled: reload });
              }}
            >
              {t('privacy.agree')}
            </button>
          ) : null}
          {status.state.status === 'done' && status.state.data.active ? (
            <button type="button" className="btn" disabled={action.busy} onClick={() => setConfirm('withdraw')}>
              {t('privacy.withdraw')}
            </button>
          ) : null}
          <DownloadButton label={t('privacy.recordPdf')} fallbackName="ho-so-dong-y.pdf" load={() => api.consentRecordPdf(delegateId)} />
        </div>
      </section>

      <section className="panel" aria-labelledby="data-h">
        <h2 id="data-h">{t('privacy.data')}</h2>
        <p>{t('privacy.dataHelp')}</p>
        <div className="button-row">
          <DownloadButton label={t('privacy.exportJson')} fallbackName="du-lieu-ca-nhan.json" load={() => api.exportJson(delegateId)} />
          <DownloadButton label={t('privacy.exportPdf')} fallbackName="du-lieu-ca-nhan.pdf" load={() => api.exportPdf(delegateId)} />
          <button type="button" className="btn btn-danger" disabled={action.busy} onClick={() => setConfirm('erase')}>
            {t('privacy.erase')}
          </button>
        </div>
        {confirm ? (
          <ConfirmBox
            id="privacy-confirm"
            text={t(confirm === 'erase' ? 'privacy.eraseConfirm' : 'privacy.withdrawConfirm')}
            busy={action.busy}
            onCancel={() => setConfirm(null)}
            onConfirm={() =>
              void action.run(
                async () => {
                  if (confirm === 'erase') {
                    const r = await api.eraseBiometrics(delegateId);
                    return t('privacy.erased', { n: r.descriptorsDeleted });
                  }
                  await api.withdrawConsent(delegateId);
                  return t('privacy.withdrawn');
                },
                {
                  done: (msg: string) => msg,
                  settled: () => {
                    setConfirm(null);
                    reload();
                  },
                },
              )
            }
          />
        ) : null}
        <ActionFeedback action={action} />
      </section>

      <section className="panel" aria-labelledby="req-h">
        <h2 id="req-h">{t('privacy.request')}</h2>
        <form
          onSubmit={action.submit(() => api.filePrivacyRequest(delegateId, kind, details), {
            done: (r: PrivacyRequest) => t('privacy.requestSent', { date: formatDateTime(locale, r.responseDueAt) }),
            settled: () => {
              setDetails('');
              requests.reload();
            },
          })}
        >
          <div className="field">
            <label htmlFor="privacy-kind">{t('privacy.requestKind')}</label>
            <select id="privacy-kind" value={kind} onChange={(e) => setKind(e.target.value as PrivacyRequest['kind'])}>
              {OTHER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`privacy.kind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="privacy-details">{t('privacy.requestDetails')}</label>
            <textarea id="privacy-details" required maxLength={2000} value={details} onChange={(e) => setDetails(e.target.value)} rows={3} />
          </div>
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {t('privacy.requestSend')}
          </button>
        </form>
        <h3>{t('privacy.myRequests')}</h3>
        {requests.state.status === 'done' ? <RequestList rows={requests.state.data} /> : null}
      </section>
    </>
  );
}

function RequestList({ rows, onResolve }: { rows: PrivacyRequest[]; onResolve?: (r: PrivacyRequest, status: 'done' | 'rejected') => void }) {
  const { t, locale } = useI18n();
  if (rows.length === 0) return <p className="empty">{t('privacy.noRequests')}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('privacy.col.person')}</th>
            <th scope="col">{t('privacy.col.kind')}</th>
            <th scope="col">{t('privacy.col.requested')}</th>
            <th scope="col">{t('privacy.col.due')}</th>
            <th scope="col">{t('privacy.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="privacy-request">
              <td>{r.delegateName}</td>
              <td>
                {t(`privacy.kind.${r.kind}` as MessageKey)}
                {r.details ? <div className="muted">{r.details}</div> : null}
              </td>
              <td>{formatDateTime(locale, r.requestedAt)}</td>
              <td>
                {formatDateTime(locale, r.responseDueAt)} / {formatDateTime(locale, r.dueAt)}
                {r.overdue ? <strong> ({t('privacy.overdue')})</strong> : null}
              </td>
              <td>
                {t(`privacy.status.${r.status}` as MessageKey)}
                {r.outcome ? <div className="muted">{r.outcome}</div> : null}
                {onResolve && r.status === 'pending' ? (
                  <div className="button-row">
                    <button type="button" className="btn btn-small" onClick={() => onResolve(r, 'done')}>
                      {t('privacy.resolveDone')}
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => onResolve(r, 'rejected')}>
                      {t('privacy.resolveReject')}
                    </button>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AdminPrivacy() {
  const { t } = useI18n();
  const list = useAsync((signal) => api.privacyRequests(signal), []);
  const action = useAction();
  const [outcome, setOutcome] = useState('');
  return (
    <>
      <section className="panel" aria-labelledby="admin-req-h">
        <h2 id="admin-req-h">{t('privacy.admin')}</h2>
        {list.state.status === 'done' && list.state.data.some((r) => r.status === 'pending') ? (
          // one answer text for the next request resolved; empty sends the plain "done"/"rejected" wording
          <div className="field">
            <label htmlFor="privacy-outcome">{t('privacy.outcome')}</label>
            <input id="privacy-outcome" value={outcome} maxLength={2000} onChange={(e) => setOutcome(e.target.value)} />
          </div>
        ) : null}
        {list.state.status === 'error' ? <ErrorMessage error={list.state.error} /> : null}
        {list.state.status === 'done' ? (
          <RequestList
            rows={list.state.data}
            onResolve={(r, status) => void action.run(() => api.resolvePrivacyRequest(r.id, status, outcome.trim() || t(status === 'done' ? 'privacy.resolveDone' : 'privacy.resolveReject')), { settled: () => list.reload() })}
          />
        ) : null}
        <ActionFeedback action={action} />
      </section>
      <section className="panel" aria-labelledby="proc-h">
        <h2 id="proc-h">{t('privacy.processing')}</h2>
        <p>{t('privacy.processingHelp')}</p>
        <DownloadButton label={t('privacy.processingPdf')} fallbackName="ho-so-xu-ly-du-lieu.pdf" load={() => api.processingRecordPdf()} />
      </section>
    </>
  );
}
