import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { MeetingDetail, ProxyView } from '#contracts';
import { formatDateTime, useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/vi.js';
import { compareNames } from '../i18n/names.js';
import { ConfirmBox } from './confirm-box.js';
import { useErrorText } from './error-message.js';
import { useAction } from './use-action.js';
import { useAsync } from './use-async.js';

/** The server's refusal reasons (libs/voting proxy-rules.ts), to the user's words; others fall back to the code's message. */
const REASONS: Record<string, MessageKey> = {
  'A delegate cannot hold their own proxy': 'proxies.err.self',
  "Not a member of the meeting's body with a voting right": 'proxies.err.notMember',
  'Not invited to this meeting with a voting right': 'proxies.err.notInvited',
  'This delegate holds a proxy in this meeting and must attend to use it': 'proxies.err.chainRepresented',
  'This delegate is represented by a proxy in this meeting': 'proxies.err.chainActing',
  'The meeting is closed': 'proxies.err.closed',
};

/** Why a registration was refused, naming the person the error's details point at. */
function useProxyErrorText(): (error: unknown, names: Record<PartyField, string>) => string {
  const { t } = useI18n();
  const generic = useErrorText();
  return (error, names) => {
    if (!(error instanceof ApiError)) return generic(error);
    const details = error.details;
    if (error.code === 'PROXY_TAKEN') {
      const field = details && typeof details === 'object' && 'field' in details ? (details as { field?: unknown }).field : undefined;
      if (field === 'representedDelegateId') return t('proxies.err.alreadyGave', { name: names.representedDelegateId });
      if (field === 'actingDelegateId') return t('proxies.err.alreadyHolds', { name: names.actingDelegateId });
    }
    if (error.code === 'PROXY_INVALID' && Array.isArray(details)) {
      const first = details[0] as { reason?: unknown; field?: unknown } | undefined;
      const key = typeof first?.reason === 'string' ? REASONS[first.reason] : undefined;
      const name = first?.field === 'representedDelegateId' || first?.field === 'actingDelegateId' ? names[first.field] : '';
      if (key) return t(key, { name });
    }
    return generic(error);
  };
}

type PartyField = 'representedDelegateId' | 'actingDelegateId';

/**
 * Proxy voting (ủy quyền biểu quyết), registered by the secretary: only where the body's legal profile and its own
 * rules allow it; elsewhere one line says why.
 */
export function ProxiesPanel({ m, canWrite }: { m: MeetingDetail; canWrite: boolean }) {
  const { t, lang } = useI18n();
  const kind = m.legalProfile?.kind ?? m.body?.kind;
  // only a body governed by its own charter may allow proxies; People's Committees and Councils never do
  const lawAllows = kind === 'other';
  const body = useAsync((signal) => (lawAllows && m.body ? api.body(m.body.id, signal) : Promise.resolve(null)), [lawAllows, m.body?.id]);

  let reason: string | null = null;
  if (!lawAllows) reason = t('proxies.notAllowedLaw', { profile: m.legalProfile ? m.legalProfile.label[lang === 'en' ? 'en' : 'vi'] : '' });
  else if (body.state.status === 'done' && body.state.data && !body.state.data.allowProxyVoting) reason = t('proxies.notAllowedBody');

  return (
    <section className="panel" aria-labelledby="proxies-title" data-testid="proxies-panel">
      <h2 id="proxies-title">{t('proxies.title')}</h2>
      {reason ? (
        <p className="muted" data-testid="proxies-reason">
          {reason}
        </p>
      ) : body.state.status === 'done' ? (
        <ProxiesEditor m={m} canWrite={canWrite && m.status !== 'closed'} />
      ) : body.state.status === 'loading' ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <p className="muted">{t('proxies.unknown')}</p>
      )}
    </section>
  );
}

function ProxiesEditor({ m, canWrite }: { m: MeetingDetail; canWrite: boolean }) {
  const { t, locale } = useI18n();
  const proxies = useAsync((signal) => api.proxies(m.id, signal), [m.id]);
  const invitations = useAsync((signal) => api.invitations(m.id, signal), [m.id]);
  const action = useAction();
  const errorText = useProxyErrorText();
  const [represented, setRepresented] = useState('');
  const [acting, setActing] = useState('');
  const [note, setNote] = useState('');
  const [documentRef, setDocumentRef] = useState('');
  const [missing, setMissing] = useState(false);
  const [revoking, setRevoking] = useState<ProxyView | null>(null);
  // the names as they were sent: the selects may change before the refusal is read
  const [sent, setSent] = useState<Record<PartyField, string>>({ representedDelegateId: '', actingDelegateId: '' });

  const voters = invitations.state.status === 'done' ? invitations.state.data.filter((i) => i.kind === 'member' && i.canVote).sort((a, b) => compareNames(a.fullName, b.fullName)) : [];
  const list = proxies.state.status === 'done' ? proxies.state.data : [];
  const active = list.filter((p) => p.active);
  const revoked = list.filter((p) => !p.active);

  const option = (id: string) => voters.find((v) => v.delegateId === id)?.fullName ?? '';
  const onSubmit = action.submit(
    () => {
      setSent({ representedDelegateId: option(represented), actingDelegateId: option(acting) });
      return api.registerProxy(m.id, {
        representedDelegateId: represented,
        actingDelegateId: acting,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(documentRef.trim() ? { documentRef: documentRef.trim() } : {}),
      });
    },
    {
      check: () => {
        const bad = !represented || !acting;
        setMissing(bad);
        return !bad;
      },
      done: (p) => {
        setRepresented('');
        setActing('');
        setNote('');
        setDocumentRef('');
        return t('proxies.registered', { represented: p.representedFullName, acting: p.actingFullName });
      },
      settled: proxies.reload,
    },
  );

  return (
    <>
      <p className="muted">{t('proxies.help')}</p>
      {proxies.state.status === 'error' ? <p className="alert alert-error" role="alert">{errorText(proxies.state.error, sent)}</p> : null}
      <h3 className="small-heading">{t('proxies.active', { n: active.length })}</h3>
      {proxies.state.status === 'done' && active.length === 0 ? <p className="empty">{t('proxies.none')}</p> : null}
      <ul className="member-list">
        {active.map((p) => (
          <li key={p.id} data-testid={`proxy-${p.id}`}>
            <span>
              {t('proxies.line', { represented: p.representedFullName, acting: p.actingFullName })}
              {p.documentRef ? <span className="muted"> · {p.documentRef}</span> : null}
              {p.note ? <span className="muted"> · {p.note}</span> : null}
            </span>
            {canWrite ? (
              <button type="button" className="btn btn-small" disabled={action.busy} aria-label={t('proxies.revokeFor', { represented: p.representedFullName, acting: p.actingFullName })} onClick={() => setRevoking(p)}>
                {t('proxies.revoke')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {revoking ? (
        <ConfirmBox
          id="proxy-revoke"
          text={t('proxies.confirmRevoke', { represented: revoking.representedFullName, acting: revoking.actingFullName })}
          confirm={t('proxies.revoke')}
          busy={action.busy}
          onConfirm={() =>
            void action
              .run(() => api.revokeProxy(m.id, revoking.id), { done: t('proxies.revoked', { represented: revoking.representedFullName }), settled: proxies.reload })
              .then(() => setRevoking(null))
          }
          onCancel={() => setRevoking(null)}
        />
      ) : null}
      {revoked.length > 0 ? (
        <details>
          <summary>{t('proxies.revokedList', { n: revoked.length })}</summary>
          <ul className="member-list">
            {revoked.map((p) => (
              <li key={p.id}>
                <span>
                  {t('proxies.line', { represented: p.representedFullName, acting: p.actingFullName })}
                  {p.revokedAt ? <span className="muted"> · {t('proxies.revokedAt', { time: formatDateTime(locale, p.revokedAt) })}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {canWrite ? (
        <form className="proxy-form" onSubmit={onSubmit} noValidate>
          <h3 className="small-heading">{t('proxies.new')}</h3>
          <div className="field-row">
            <div className="field field-grow">
              <label htmlFor="proxy-represented">{t('proxies.represented')}</label>
              <select id="proxy-represented" value={represented} aria-invalid={(missing && !represented) || undefined} onChange={(e) => setRepresented(e.target.value)}>
                <option value="">{t('units.choosePerson')}</option>
                {voters.map((v) => (
                  <option key={v.delegateId} value={v.delegateId}>
                    {v.fullName}
                  </option>
                ))}
              </select>
            </div>
            <div className="field field-grow">
              <label htmlFor="proxy-acting">{t('proxies.acting')}</label>
              <select id="proxy-acting" value={acting} aria-invalid={(missing && !acting) || undefined} onChange={(e) => setActing(e.target.value)}>
                <option value="">{t('units.choosePerson')}</option>
                {voters.map((v) => (
                  <option key={v.delegateId} value={v.delegateId}>
                    {v.fullName}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="field-row">
            <div className="field field-grow">
              <label htmlFor="proxy-document">{t('proxies.documentRef')}</label>
              <input id="proxy-document" value={documentRef} maxLength={200} onChange={(e) => setDocumentRef(e.target.value)} />
            </div>
            <div className="field field-grow">
              <label htmlFor="proxy-note">{t('proxies.note')}</label>
              <input id="proxy-note" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
            </div>
          </div>
          {missing ? (
            <p className="field-error" role="alert">
              {t('proxies.missing')}
            </p>
          ) : null}
          {represented && acting ? <p className="muted">{t('proxies.line', { represented: option(represented), acting: option(acting) })}</p> : null}
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {t('proxies.register')}
          </button>
        </form>
      ) : null}
      {action.done ? (
        <p className="alert alert-ok" role="status">
          {action.done}
        </p>
      ) : null}
      {action.error ? (
        <div className="alert alert-error" role="alert" data-testid="proxy-error">
          <p className="alert-title">{errorText(action.error, sent)}</p>
        </div>
      ) : null}
    </>
  );
}
