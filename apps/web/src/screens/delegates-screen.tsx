import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { Delegate, DelegateInput, ImportResult, ImportRowError } from '#contracts';
import { useMe } from '../auth/auth.js';
import { ActionFeedback } from '../components/action-feedback.js';
import { ConfirmBox } from '../components/confirm-box.js';
import { DataTable } from '../components/data-table.js';
import { ErrorMessage } from '../components/error-message.js';
import { serverFields } from '../components/server-fields.js';
import { useAction } from '../components/use-action.js';
import { useAsync } from '../components/use-async.js';
import { useI18n } from '../i18n/i18n.js';
import { buildPath } from '../router/match.js';
import { Link } from '../router/router.js';
import { paths } from '../routes.js';
import type { MessageKey } from '../i18n/vi.js';

const PAGE = 50;

/** The import's canonical column names (libs/delegates import rules) shown with the table's own labels. */
const COLUMN_LABELS: Record<string, MessageKey> = {
  full_name: 'delegates.col.name',
  title: 'delegates.col.title',
  organization: 'delegates.col.organization',
  email: 'delegates.col.email',
  phone: 'delegates.col.phone',
  voting_right: 'delegates.col.voting',
};

export default function DelegatesScreen() {
  const { t } = useI18n();
  const me = useMe();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const biometrics = me.role === 'admin' || me.role === 'secretary';
  const admin = me.role === 'admin';
  const { state, reload } = useAsync((signal) => api.delegates({ q: search || undefined, limit: PAGE, offset }, signal), [search, offset]);
  // the form: closed, a new delegate ('new') or the delegate being edited
  const [form, setForm] = useState<Delegate | 'new' | null>(null);

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setSearch(query.trim());
  };

  return (
    <section aria-labelledby="delegates-title">
      <div className="page-head">
        <h1 id="delegates-title">{t('delegates.title')}</h1>
        <form className="search" role="search" onSubmit={onSearch}>
          <label htmlFor="delegate-search" className="visually-hidden">
            {t('delegates.search')}
          </label>
          <input id="delegate-search" type="search" placeholder={t('delegates.search')} value={query} maxLength={200} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit" className="btn">
            {t('delegates.searchButton')}
          </button>
        </form>
        {admin ? (
          <button type="button" className="btn btn-primary" aria-expanded={form === 'new'} onClick={() => setForm(form === 'new' ? null : 'new')}>
            {t('delegates.add')}
          </button>
        ) : null}
      </div>
      {admin && form ? (
        <DelegateForm
          key={form === 'new' ? 'new' : form.id}
          delegate={form === 'new' ? null : form}
          onSaved={(saved) => setForm(form === 'new' ? 'new' : saved)}
          onSettled={reload}
          onClose={() => setForm(null)}
        />
      ) : null}
      {admin ? <ImportPanel onImported={reload} /> : null}
      {state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} onRetry={reload} /> : null}
      {state.status === 'done' ? (
        <div className="panel">
          <p className="muted">{t('delegates.total', { n: state.data.total })}</p>
          <DataTable
            rows={state.data.items}
            rowKey={(d) => d.id}
            empty={t('delegates.empty')}
            labelledBy="delegates-title"
            columns={[
              { header: t('delegates.col.name'), rowHeader: true, cell: (d) => d.fullName },
              { header: t('delegates.col.title'), cell: (d) => d.title },
              { header: t('delegates.col.organization'), cell: (d) => d.organization },
              { header: t('delegates.col.email'), cell: (d) => d.email },
              { header: t('delegates.col.phone'), cell: (d) => d.phone },
              { header: t('delegates.col.voting'), cell: (d) => (d.hasVotingRight ? t('delegates.yes') : t('delegates.no')) },
              { header: t('delegates.col.active'), cell: (d) => (d.active ? t('delegates.active') : t('delegates.inactive')) },
              biometrics
                ? {
                    header: t('bio.column'),
                    cell: (d) => (
                      <Link to={buildPath(paths.biometrics, { delegateId: d.id })} aria-label={t('bio.linkFor', { name: d.fullName })}>
                        {t('bio.link')}
                      </Link>
                    ),
                  }
                : null,
              admin
                ? {
                    header: t('delegates.col.actions'),
                    cell: (d) => (
                      <button type="button" className="btn btn-small" aria-label={t('delegates.editFor', { name: d.fullName })} onClick={() => setForm(d)}>
                        {t('delegates.edit')}
                      </button>
                    ),
                  }
                : null,
            ]}
          />
          <div className="button-row pager">
            <button type="button" className="btn" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('delegates.prev')}
            </button>
            <span>{t('delegates.page', { from: state.data.total === 0 ? 0 : offset + 1, to: Math.min(offset + PAGE, state.data.total) })}</span>
            <button type="button" className="btn" disabled={offset + PAGE >= state.data.total} onClick={() => setOffset(offset + PAGE)}>
              {t('delegates.next')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

/** Row errors come in the result (partial import) or in the IMPORT_INVALID error's details (whole file refused). */
function rowErrorsOf(error: unknown): ImportRowError[] {
  if (!(error instanceof ApiError) || !error.details || typeof error.details !== 'object') return [];
  const rows = (error.details as { errors?: unknown }).errors;
  return Array.isArray(rows) ? (rows as ImportRowError[]) : [];
}

function ImportPanel({ onImported }: { onImported(): void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [partial, setPartial] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [noFile, setNoFile] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    setError(null);
    if (!file) {
      setNoFile(true);
      return;
    }
    setNoFile(false);
    setBusy(true);
    try {
      const r = await api.importDelegates(file, partial);
      setResult(r);
      if (r.imported > 0) onImported();
    } catch (err: unknown) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const rowErrors = result?.errors ?? rowErrorsOf(error);

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">{t('delegates.import')}</h2>
      <p className="muted" id="import-help">
        {t('delegates.importHelp')}
      </p>
      <form onSubmit={(e) => void submit(e)} className="import-form">
        <div className="field">
          <label htmlFor="import-file">{t('delegates.importFile')}</label>
          <input id="import-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="import-help" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <div className="field field-check">
          <input id="import-partial" type="checkbox" checked={partial} onChange={(e) => setPartial(e.target.checked)} />
          <label htmlFor="import-partial">{t('delegates.importPartial')}</label>
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('delegates.importing') : t('delegates.importSubmit')}
        </button>
      </form>
      {noFile ? (
        <p className="alert alert-error" role="alert">
          {t('delegates.importNoFile')}
        </p>
      ) : null}
      {result ? (
        <p className="alert alert-ok" role="status">
          {t('delegates.importDone', { imported: result.imported, skipped: result.skipped })}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      {rowErrors.length > 0 ? (
        <div className="table-wrap" tabIndex={0} aria-labelledby="import-errors-title">
          <table className="table">
            <caption id="import-errors-title">{t('delegates.importErrors')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('delegates.err.line')}</th>
                <th scope="col">{t('delegates.err.column')}</th>
                <th scope="col">{t('delegates.err.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {rowErrors.map((r, i) => (
                <tr key={`${r.line}-${r.column ?? ''}-${i}`}>
                  <td>{r.line}</td>
                  <td>{r.column ? (COLUMN_LABELS[r.column] ? t(COLUMN_LABELS[r.column]) : r.column) : ''}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

type DelegateField = 'fullName' | 'title' | 'organization' | 'email' | 'phone';
const DELEGATE_FIELDS: DelegateField[] = ['fullName', 'title', 'organization', 'email', 'phone'];
/** libs/delegates delegate-rules: column sizes and the Vietnamese phone pattern (after dropping spaces, dots, dashes). */
const LIMITS = { fullName: 200, title: 200, organization: 300, email: 254, phone: 64 } as const;
const PHONE = /^(?:\+84|0)(?:[35789]\d{8}|2\d{9})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FIELD_MESSAGE: Record<DelegateField, MessageKey> = {
  fullName: 'delegates.nameRequired',
  title: 'delegates.titleInvalid',
  organization: 'delegates.organizationInvalid',
  email: 'delegates.emailInvalid',
  phone: 'delegates.phoneInvalid',
};
const FIELD_LABEL: Record<DelegateField, MessageKey> = {
  fullName: 'delegates.col.name',
  title: 'delegates.col.title',
  organization: 'delegates.col.organization',
  email: 'delegates.col.email',
  phone: 'delegates.col.phone',
};

/** Adds one delegate, or edits `delegate` when given; remounted (key) when the delegate being edited changes. */
function DelegateForm({ delegate, onSaved, onSettled, onClose }: { delegate: Delegate | null; onSaved(saved: Delegate): void; onSettled(): void; onClose(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  const [values, setValues] = useState<Record<DelegateField, string>>({
    fullName: delegate?.fullName ?? '',
    title: delegate?.title ?? '',
    organization: delegate?.organization ?? '',
    email: delegate?.email ?? '',
    phone: delegate?.phone ?? '',
  });
  const [voting, setVoting] = useState(delegate?.hasVotingRight ?? true);
  const [problems, setProblems] = useState<Partial<Record<DelegateField, MessageKey>>>({});
  const status = useAction();
  const [confirming, setConfirming] = useState(false);
  const setActive = (active: boolean) =>
    void status
      .run(() => (active ? api.reactivateDelegate((delegate as Delegate).id) : api.deactivateDelegate((delegate as Delegate).id)), {
        done: (saved) => {
          onSaved(saved);
          return t(active ? 'delegates.reactivated' : 'delegates.deactivated', { name: saved.fullName });
        },
        settled: onSettled,
      })
      .then(() => setConfirming(false));

  // the form opens above the list: the focus goes to it, so a keyboard or screen reader user lands where it appeared
  useEffect(() => heading.current?.focus(), []);

  const check = (): boolean => {
    const p: Partial<Record<DelegateField, MessageKey>> = {};
    for (const f of DELEGATE_FIELDS) if (values[f].trim().length > LIMITS[f]) p[f] = FIELD_MESSAGE[f];
    if (!values.fullName.trim()) p.fullName = 'delegates.nameRequired';
    if (values.email.trim() && !EMAIL.test(values.email.trim())) p.email = 'delegates.emailInvalid';
    if (values.phone.trim() && !PHONE.test(values.phone.trim().replace(/[\s.\-()]/g, ''))) p.phone = 'delegates.phoneInvalid';
    setProblems(p);
    const first = DELEGATE_FIELDS.find((f) => p[f]);
    if (first) document.getElementById(`delegate-${first}`)?.focus();
    return !first;
  };

  const input = (): DelegateInput => ({
    fullName: values.fullName.trim(),
    title: values.title.trim() || null,
    organization: values.organization.trim() || null,
    email: values.email.trim() || null,
    phone: values.phone.trim() || null,
    hasVotingRight: voting,
  });

  const onSubmit = action.submit(() => (delegate ? api.updateDelegate(delegate.id, input()) : api.createDelegate(input())), {
    check,
    done: (saved) => {
      onSaved(saved);
      if (!delegate) {
        setValues({ fullName: '', title: '', organization: '', email: '', phone: '' });
        setVoting(true);
      }
      return t(delegate ? 'delegates.updated' : 'delegates.created', { name: saved.fullName });
    },
    settled: onSettled,
  });

  const fromServer = serverFields(action.error);
  const duplicate = action.error instanceof ApiError && action.error.code === 'DUPLICATE';
  const problem = (f: DelegateField): MessageKey | undefined => problems[f] ?? (fromServer.has(f) ? (f === 'email' && duplicate ? 'delegates.emailTaken' : FIELD_MESSAGE[f]) : undefined);

  return (
    <section className="panel" aria-labelledby="delegate-form-title">
      <h2 id="delegate-form-title" ref={heading} tabIndex={-1}>
        {delegate ? t('delegates.editTitle', { name: delegate.fullName }) : t('delegates.add')}
      </h2>
      <form className="delegate-form" noValidate onSubmit={onSubmit}>
        <div className="field-row">
          {DELEGATE_FIELDS.map((f) => {
            const key = problem(f);
            return (
              <div key={f} className="field field-grow">
                <label htmlFor={`delegate-${f}`}>{t(FIELD_LABEL[f])}</label>
                <input
                  id={`delegate-${f}`}
                  type={f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text'}
                  value={values[f]}
                  maxLength={LIMITS[f]}
                  onChange={(e) => setValues({ ...values, [f]: e.target.value })}
                  aria-invalid={key ? true : undefined}
                  aria-describedby={key ? `delegate-${f}-error` : undefined}
                />
                {key ? (
                  <p className="field-error" id={`delegate-${f}-error`}>
                    {t(key)}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
        <div className="field field-check">
          <input id="delegate-voting" type="checkbox" checked={voting} onChange={(e) => setVoting(e.target.checked)} />
          <label htmlFor="delegate-voting">{t('delegates.votingRight')}</label>
        </div>
        <ActionFeedback action={action} />
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {delegate ? t('delegates.save') : t('delegates.create')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('delegates.close')}
          </button>
        </div>
      </form>
      {delegate ? (
        <div className="account-status">
          <p>
            <strong>{t('delegates.col.active')}:</strong> {delegate.active ? t('delegates.active') : t('delegates.inactive')}
          </p>
          {confirming ? (
            <ConfirmBox
              id="delegate-active-confirm"
              text={t(delegate.active ? 'delegates.deactivateConfirm' : 'delegates.reactivateConfirm', { name: delegate.fullName })}
              confirm={t(delegate.active ? 'delegates.deactivate' : 'delegates.reactivate')}
              busy={status.busy}
              onConfirm={() => setActive(!delegate.active)}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <button type="button" className="btn" onClick={() => setConfirming(true)} aria-label={t(delegate.active ? 'delegates.deactivateFor' : 'delegates.reactivateFor', { name: delegate.fullName })}>
              {t(delegate.active ? 'delegates.deactivate' : 'delegates.reactivate')}
            </button>
          )}
          <ActionFeedback action={status} />
        </div>
      ) : null}
    </section>
  );
}
