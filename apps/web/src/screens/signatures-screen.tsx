import { useState } from 'react';
import { api } from '../api/endpoints.js';
import type { SignatureReport, UserSummary, VerifyReport } from '#contracts';
import { useMe } from '../auth/auth.js';
import { ActionFeedback } from '../components/action-feedback.js';
import { ErrorMessage } from '../components/error-message.js';
import { PageHead } from '../components/page-head.js';
import { useAction } from '../components/use-action.js';
import { useAsync } from '../components/use-async.js';
import { formatDateTime, useI18n } from '../i18n/i18n.js';

/**
 * Verify a signed PDF (anyone signed in): each signature's signer, certificate, time, whether it covers the whole
 * document and whether the document changed since. The administrator also configures signers (PKCS#12 file or
 * token) and the trusted root certificates here.
 */
export default function SignaturesScreen() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <article aria-labelledby="sig-title">
      <PageHead titleId="sig-title" title={t('verify.title')} links={[]} />
      <VerifyPanel />
      {me.role === 'admin' ? <SignersPanel /> : null}
      <RootsPanel admin={me.role === 'admin'} />
    </article>
  );
}

function VerifyPanel() {
  const { t } = useI18n();
  const action = useAction();
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [file, setFile] = useState<File | null>(null);
  return (
    <section className="panel" aria-labelledby="verify-upload">
      <h2 id="verify-upload">{t('verify.upload')}</h2>
      <p className="muted small">{t('verify.help')}</p>
      <form
        className="button-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (file) void action.run(async () => setReport(await api.verifyPdf(file)), { done: t('verify.done') });
        }}
      >
        <div className="field">
          <label htmlFor="verify-file">{t('verify.file')}</label>
          <input id="verify-file" type="file" accept="application/pdf,.pdf" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={!file || action.busy}>
          {t('verify.run')}
        </button>
      </form>
      <ActionFeedback action={action} />
      {report ? <ReportView report={report} /> : null}
    </section>
  );
}

function ReportView({ report }: { report: VerifyReport }) {
  const { t, locale } = useI18n();
  const yes = (ok: boolean) => <span className={ok ? 'ok' : 'bad'}>{ok ? t('verify.yes') : t('verify.no')}</span>;
  return (
    <div data-testid="verify-report">
      <p>
        {report.signatures.length === 0 ? t('verify.noSignatures') : t('verify.count', { n: report.signatures.length })}
        {report.registered ? ` · ${t('verify.registered', { number: report.registered.numberText })}` : ''}
      </p>
      {report.unsignedChangesAtEnd ? <p className="bad" role="alert">{t('verify.unsignedChanges')}</p> : null}
      {report.signatures.map((s: SignatureReport, i) => (
        <div key={i} className="verify-sig" data-testid="verify-signature">
          <h3>
            {t('verify.signature', { n: i + 1 })}: {s.signer ?? '?'} <span className={`badge ${s.valid ? 'badge-closed' : 'badge-alert'}`}>{s.valid ? t('verify.valid') : t('verify.invalid')}</span>
          </h3>
          <dl className="verify-dl">
            <dt>{t('verify.field')}</dt>
            <dd>{s.field ?? '—'}</dd>
            <dt>{t('verify.time')}</dt>
            <dd>{s.signingTime ? formatDateTime(locale, s.signingTime) : '—'}{s.timestampTime ? ` (${t('verify.tsa')} ${formatDateTime(locale, s.timestampTime)})` : ''}</dd>
            <dt>{t('verify.certificate')}</dt>
            <dd className="wrap">{s.subject?.replace(/\n/g, ', ') ?? '—'}</dd>
            <dt>{t('verify.issuer')}</dt>
            <dd className="wrap">{s.issuer?.replace(/\n/g, ', ') ?? '—'}</dd>
            <dt>{t('verify.intact')}</dt>
            <dd>{yes(s.digestMatches && s.signatureValid)}</dd>
            <dt>{t('verify.whole')}</dt>
            <dd>{yes(s.coversWholeDocument)}</dd>
            <dt>{t('verify.changedSince')}</dt>
            <dd>{t(`verify.later.${s.laterChanges}`)}</dd>
            <dt>{t('verify.certValid')}</dt>
            <dd>{yes(s.certificateValidAtSigning && s.keyUsageAllowsSigning)}</dd>
            <dt>{t('verify.trusted')}</dt>
            <dd>{yes(s.chainTrusted)}</dd>
          </dl>
          {s.problems.length > 0 ? <p className="bad small">{s.problems.join(', ')}</p> : null}
        </div>
      ))}
    </div>
  );
}

function SignersPanel() {
  const { t, locale } = useI18n();
  const signers = useAsync((signal) => api.signers(signal), []);
  const users = useAsync((signal) => api.users(signal), []);
  const action = useAction();
  const [userId, setUserId] = useState('');
  const [kind, setKind] = useState<'p12' | 'pkcs11'>('p12');
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [tokenLabel, setTokenLabel] = useState('');
  const [keyId, setKeyId] = useState('');
  if (signers.state.status === 'loading' || users.state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (signers.state.status === 'error') return <ErrorMessage error={signers.state.error} onRetry={signers.reload} />;
  if (users.state.status === 'error') return <ErrorMessage error={users.state.error} onRetry={users.reload} />;
  const staff = users.state.data.filter((u: UserSummary) => u.active && u.role !== 'observer');
  const save = () =>
    void action.run(
      async () => {
        if (kind === 'p12' && file) await api.configureP12(userId, file, password);
        else await api.configureToken(userId, { tokenLabel, keyId });
        setPassword('');
        signers.reload();
      },
      { done: t('signers.saved') },
    );
  return (
    <section className="panel" aria-labelledby="signers-title">
      <h2 id="signers-title">{t('signers.title')}</h2>
      <p className="muted small">{t('signers.help')}</p>
      <ul className="sign-slots">
        {signers.state.data.map((s) => (
          <li key={s.userId}>
            <strong>{s.displayName}</strong> ({t(`sign.store.${s.keyStore}`)}) — <span className="wrap">{s.subject}</span> — {t('signers.until', { time: formatDateTime(locale, s.notAfter) })}{' '}
            {s.usable ? null : <span className="bad">{s.problem}</span>}
          </li>
        ))}
      </ul>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="field">
          <label htmlFor="signer-user">{t('signers.user')}</label>
          <select id="signer-user" required value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">—</option>
            {staff.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.username})
              </option>
            ))}
          </select>
        </div>
        <fieldset className="plain">
          <legend>{t('signers.kind')}</legend>
          <label>
            <input type="radio" name="signer-kind" checked={kind === 'p12'} onChange={() => setKind('p12')} /> {t('sign.store.p12')}
          </label>{' '}
          <label>
            <input type="radio" name="signer-kind" checked={kind === 'pkcs11'} onChange={() => setKind('pkcs11')} /> {t('sign.store.pkcs11')}
          </label>
        </fieldset>
        {kind === 'p12' ? (
          <>
            <div className="field">
              <label htmlFor="signer-file">{t('signers.file')}</label>
              <input id="signer-file" type="file" accept=".p12,.pfx,application/x-pkcs12" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </div>
            <div className="field">
              <label htmlFor="signer-password">{t('signers.password')}</label>
              <input id="signer-password" type="password" autoComplete="off" maxLength={256} value={password} onChange={(e) => setPassword(e.target.value)} />
            </div>
          </>
        ) : (
          <>
            <div className="field">
              <label htmlFor="signer-token">{t('signers.tokenLabel')}</label>
              <input id="signer-token" maxLength={64} value={tokenLabel} onChange={(e) => setTokenLabel(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="signer-keyid">{t('signers.keyId')}</label>
              <input id="signer-keyid" maxLength={128} pattern="[0-9a-fA-F]+" value={keyId} onChange={(e) => setKeyId(e.target.value)} />
            </div>
          </>
        )}
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={action.busy || !userId || (kind === 'p12' ? !file || !password : !tokenLabel || !keyId)}>
            {t('signers.save')}
          </button>
        </div>
      </form>
      <ActionFeedback action={action} />
    </section>
  );
}

function RootsPanel({ admin }: { admin: boolean }) {
  const { t, locale } = useI18n();
  const roots = useAsync((signal) => api.trustedRoots(signal), []);
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  if (roots.state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (roots.state.status === 'error') return <ErrorMessage error={roots.state.error} onRetry={roots.reload} />;
  return (
    <section className="panel" aria-labelledby="roots-title">
      <h2 id="roots-title">{t('roots.title')}</h2>
      {roots.state.data.length === 0 ? <p className="muted">{t('roots.none')}</p> : null}
      <ul className="sign-slots">
        {roots.state.data.map((r) => (
          <li key={r.fingerprint}>
            <span className="wrap">{r.subject}</span> — {t('signers.until', { time: formatDateTime(locale, r.validTo) })} ({t(`roots.source.${r.source}`)})
            {admin && r.id ? (
              <button type="button" className="btn btn-small" disabled={action.busy} onClick={() =>
                  void action.run(
                    async () => {
                      await api.removeTrustedRoot(r.id as string);
                      roots.reload();
                    },
                    { done: t('roots.removed') },
                  )
                }>
                {t('roots.remove')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {admin ? (
        <form
          className="button-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (file)
              void action.run(
                async () => {
                  await api.addTrustedRoot(file);
                  roots.reload();
                },
                { done: t('roots.added') },
              );
          }}
        >
          <div className="field">
            <label htmlFor="root-file">{t('roots.file')}</label>
            <input id="root-file" type="file" accept=".pem,.crt,.cer,.der" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
          <button type="submit" className="btn" disabled={!file || action.busy}>
            {t('roots.add')}
          </button>
        </form>
      ) : null}
      <ActionFeedback action={action} />
    </section>
  );
}
