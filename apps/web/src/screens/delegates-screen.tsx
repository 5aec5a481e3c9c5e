import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { ImportResult, ImportRowError } from '#contracts';
import { useMe } from '../auth/auth.js';
import { DataTable } from '../components/data-table.js';
import { ErrorMessage } from '../components/error-message.js';
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
  const { state, reload } = useAsync((signal) => api.delegates({ q: search || undefined, limit: PAGE, offset }, signal), [search, offset]);

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
      </div>
      {me.role === 'admin' ? <ImportPanel onImported={reload} /> : null}
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
