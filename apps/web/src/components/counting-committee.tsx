import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.js';
import type { CommitteeMemberView, CommitteeView, CountReportView, Invitation, KeyCustody, PollView } from '#contracts';
import { formatShortDateTime, isMessageKey, useI18n } from '../i18n/i18n.js';
import { createCountingKey, openKeyShare } from '../voting/counting-key.js';
import { ActionFeedback } from './action-feedback.js';
import { DataTable } from './data-table.js';
import { DownloadButton } from './download-button.js';
import { DocumentSignatures } from './signatures-panel.js';
import { ErrorMessage } from './error-message.js';
import { useAction, type Action } from './use-action.js';
import { useAsync } from './use-async.js';

/** Confirmations and key shares arrive without a socket event: the panels look again this often while they wait. */
const REFRESH_MS = 10_000;
const MIN_PASSPHRASE = 8;

/** Runs `reload` every REFRESH_MS while `waiting` holds. */
function useRefreshWhile(waiting: boolean, reload: () => void): void {
  useEffect(() => {
    if (!waiting) return;
    const id = setInterval(reload, REFRESH_MS);
    return () => clearInterval(id);
  }, [waiting, reload]);
}

/**
 * Staff, on the page of a secret poll: designate the counting committee (ban kiểm phiếu) among the invited delegates
 * and who holds the key, follow each member's confirmation and counting key, then read the count report and
 * download its PDF.
 */
export function CommitteePanel({ poll }: { poll: PollView }) {
  const { t } = useI18n();
  const counted = poll.result !== null;
  const committee = useAsync((signal) => api.committee(poll.id, signal), [poll.id, poll.status, counted]);
  const invited = useAsync((signal) => api.invitations(poll.meetingId, signal), [poll.meetingId]);
  // the save's outcome lives here: the form is remade from the saved committee, which would drop its notice
  const save = useAction();
  const view = committee.state.status === 'done' ? committee.state.data : null;
  const waiting = view !== null && view.members.length > 0 && (view.report ? view.report.finalisedAt === null : poll.status === 'closed');
  useRefreshWhile(waiting, committee.reload);

  return (
    <section className="panel committee-panel" aria-labelledby="committee-h" data-testid="committee-panel">
      <div className="poll-row-head">
        <h2 id="committee-h">{t('committee.title')}</h2>
        <button type="button" className="btn btn-small" onClick={committee.reload}>
          {t('committee.refresh')}
        </button>
      </div>
      {committee.state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {committee.state.status === 'error' ? <ErrorMessage error={committee.state.error} onRetry={committee.reload} /> : null}
      {view ? (
        <>
          <CommitteeSummary view={view} poll={poll} />
          {editable(view, poll) ? (
            invited.state.status === 'done' ? (
              <>
                <CommitteeForm key={signature(view)} poll={poll} view={view} invited={invited.state.data} action={save} onSaved={committee.set} />
                <ActionFeedback action={save} />
              </>
            ) : invited.state.status === 'error' ? (
              <ErrorMessage error={invited.state.error} onRetry={invited.reload} />
            ) : (
              <p role="status">{t('app.loading')}</p>
            )
          ) : view.members.length > 0 && !view.report ? (
            <p className="muted small">{t('committee.locked')}</p>
          ) : null}
          {view.report ? <CountReport pollId={poll.id} version={`${view.report.sha256}:${view.report.finalisedAt ?? ''}`} /> : null}
          {view.report?.finalisedAt ? (
            // once every member confirmed: the report gets its number and goes to the members for their digital signatures
            <DocumentSignatures
              testId="count-signatures"
              load={(signal) => api.countReportDocument(poll.id, signal)}
              deps={[poll.id, view.report.finalisedAt]}
              issue={() => api.issueCountReportDocument(poll.id)}
              title="sign.countTitle"
              notIssued="sign.countNotIssued"
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The committee may change until the count, except that the one holding the key of an opened poll may not. */
function editable(view: CommitteeView, poll: PollView): boolean {
  if (view.report || poll.result !== null) return false;
  return view.custody !== 'committee' || poll.status === 'draft';
}

function signature(view: CommitteeView): string {
  return `${view.custody}:${view.threshold ?? ''}:${view.members.map((m) => m.delegateId).join(',')}`;
}

/** Who is on the committee, their confirmation and counting key, who holds the key and what is awaited. */
function CommitteeSummary({ view, poll }: { view: CommitteeView; poll: PollView }) {
  const { t, locale } = useI18n();
  if (view.members.length === 0) return <p className="empty">{t('committee.none')}</p>;
  const missing = view.custody === 'committee' ? view.members.filter((m) => !m.hasCountingKey) : [];
  return (
    <>
      <p data-testid="committee-custody">
        {view.custody === 'committee' ? t('committee.custodyIs.committee', { k: view.threshold ?? view.members.length, n: view.members.length }) : t('committee.custodyIs.server')}
      </p>
      <DataTable<CommitteeMemberView>
        rows={view.members}
        rowKey={(m) => m.delegateId}
        rowTestId={(m) => `committee-member-${m.delegateId}`}
        labelledBy="committee-h"
        className="committee-table"
        columns={[
          { header: t('committee.col.name'), rowHeader: true, cell: (m) => m.fullName },
          { header: t('committee.col.role'), cell: (m) => t(`committee.role.${m.role}`) },
          {
            header: t('committee.col.confirmed'),
            cell: (m) => (m.confirmedAt ? t('committee.confirmedAt', { time: formatShortDateTime(locale, m.confirmedAt) }) : t('committee.notConfirmed')),
            cellProps: (m) => ({ 'data-testid': `confirmed-${m.delegateId}` }),
          },
          // counting keys matter only when the committee holds the poll's key
          view.custody === 'committee' ? { header: t('committee.col.key'), cell: (m) => (m.hasCountingKey ? t('committee.hasKey') : t('committee.noKey')), cellProps: (m) => ({ 'data-testid': `key-${m.delegateId}` }) } : null,
        ]}
      />
      {missing.length > 0 && poll.status === 'draft' ? (
        <p className="alert alert-info" data-testid="committee-missing-keys">
          {t('committee.missingKeys', { names: missing.map((m) => m.fullName).join(', ') })}
        </p>
      ) : null}
      {view.custody === 'committee' && poll.status === 'closed' && !view.report ? (
        <p className="alert alert-info" role="status">
          {t('committee.awaitingShares', { given: view.sharesGiven, k: view.threshold ?? view.members.length })}
        </p>
      ) : null}
    </>
  );
}

/** Head, other members, custody and threshold; checked here first, then by the server. */
function CommitteeForm({ poll, view, invited, action, onSaved }: { poll: PollView; view: CommitteeView; invited: Invitation[]; action: Action; onSaved(view: CommitteeView): void }) {
  const { t } = useI18n();
  const [head, setHead] = useState(view.members.find((m) => m.role === 'head')?.delegateId ?? '');
  const [members, setMembers] = useState<string[]>(view.members.filter((m) => m.role === 'member').map((m) => m.delegateId));
  const [custody, setCustody] = useState<KeyCustody>(view.custody);
  const [threshold, setThreshold] = useState(String(view.threshold ?? ''));
  const [problem, setProblem] = useState<string | null>(null);
  const draft = poll.status === 'draft';
  const others = members.filter((d) => d !== head);
  const size = (head ? 1 : 0) + others.length;
  const defaultThreshold = Math.floor(size / 2) + 1;

  const check = () => {
    const k = threshold.trim() ? Number(threshold) : defaultThreshold;
    const found = !head
      ? t('committee.headRequired')
      : custody === 'committee' && size < 2
        ? t('committee.needTwo')
        : custody === 'committee' && (!Number.isInteger(k) || k < 1 || k > size)
          ? t('committee.thresholdRange', { n: size })
          : null;
    setProblem(found);
    return found === null;
  };
  const save = async () => {
    const saved = await api.designateCommittee(poll.id, {
      headDelegateId: head,
      memberDelegateIds: others,
      custody,
      ...(custody === 'committee' ? { threshold: threshold.trim() ? Number(threshold) : defaultThreshold } : {}),
    });
    onSaved(saved);
    return saved;
  };
  const toggle = (id: string, on: boolean) => setMembers((all) => (on ? [...all.filter((d) => d !== id), id] : all.filter((d) => d !== id)));

  return (
    <form className="committee-form" aria-label={t('committee.title')} noValidate onSubmit={action.submit(save, { check, done: t('committee.saved') })}>
      <p className="muted small">{t('committee.intro')}</p>
      <div className="field">
        <label htmlFor={`committee-head-${poll.id}`}>{t('committee.head')}</label>
        <select id={`committee-head-${poll.id}`} value={head} aria-invalid={problem === t('committee.headRequired') || undefined} onChange={(e) => setHead(e.target.value)}>
          <option value="">{t('committee.pickHead')}</option>
          {invited.map((d) => (
            <option key={d.delegateId} value={d.delegateId}>
              {d.fullName}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="committee-pick">
        <legend>{t('committee.membersLegend')}</legend>
        <div className="committee-pick-list">
          {invited
            .filter((d) => d.delegateId !== head)
            .map((d) => (
              <label key={d.delegateId} className="field-check committee-pick-item">
                <input type="checkbox" checked={members.includes(d.delegateId)} onChange={(e) => toggle(d.delegateId, e.target.checked)} />
                <span>
                  {d.fullName}
                  {d.title ? <span className="muted small block">{d.title}</span> : null}
                </span>
              </label>
            ))}
        </div>
      </fieldset>
      <fieldset className="committee-custody">
        <legend>{t('committee.custody')}</legend>
        {(['server', 'committee'] as const).map((c) => (
          <label key={c} className="field-check">
            <input type="radio" name={`custody-${poll.id}`} value={c} checked={custody === c} disabled={c === 'committee' && !draft} onChange={() => setCustody(c)} />
            <span>{t(`committee.custody.${c}`)}</span>
          </label>
        ))}
        {!draft ? <p className="muted small">{t('committee.custodyDraftOnly')}</p> : null}
      </fieldset>
      {custody === 'committee' ? (
        <div className="field">
          <label htmlFor={`committee-threshold-${poll.id}`}>{t('committee.threshold')}</label>
          <input
            id={`committee-threshold-${poll.id}`}
            type="number"
            min={1}
            max={Math.max(size, 1)}
            inputMode="numeric"
            placeholder={String(defaultThreshold)}
            value={threshold}
            aria-describedby={`committee-threshold-help-${poll.id}`}
            onChange={(e) => setThreshold(e.target.value)}
          />
          <p id={`committee-threshold-help-${poll.id}`} className="muted small">
            {t('committee.thresholdHelp', { n: size })}
          </p>
        </div>
      ) : null}
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary btn-large" disabled={action.busy}>
        {t('committee.save')}
      </button>
    </form>
  );
}

/** Loads and shows the count report; `version` changes when the report does (a confirmation made it final). */
function CountReport({ pollId, version }: { pollId: string; version: string }) {
  const { t } = useI18n();
  const report = useAsync((signal) => api.countReport(pollId, signal), [pollId, version]);
  if (report.state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (report.state.status === 'error') return <ErrorMessage error={report.state.error} onRetry={report.reload} />;
  return <CountReportSummary report={report.state.data} />;
}

/**
 * The count report (biên bản kiểm phiếu): the totals, votes per option with both percentages, the rule in words, the
 * outcome, the committee and its confirmations, the time, the SHA-256 that the audit chain holds, and the PDF.
 */
export function CountReportSummary({ report }: { report: CountReportView }) {
  const { t, locale } = useI18n();
  const c = report.content;
  const outcomeKey = `vote.outcome.${c.outcome}`;
  const headingId = `report-h-${report.pollId}`;
  const totals: [string, string, number][] = [
    ['members', t('report.members'), c.members],
    ['present', t('report.present'), c.present],
    ['issued', t('report.issued'), c.issued],
    ['returned', t('report.returned'), c.returned],
    ['valid', t('report.valid'), c.valid],
    ['invalid', t('report.invalid'), c.invalid],
    ['blank', t('report.blank'), c.blank],
  ];
  return (
    <section className="count-report" aria-labelledby={headingId} data-testid="count-report">
      <h3 id={headingId}>{t('report.title')}</h3>
      <p className={report.finalisedAt ? 'alert alert-ok' : 'alert alert-info'} data-testid="report-state">
        {report.finalisedAt ? t('report.final', { time: formatShortDateTime(locale, report.finalisedAt) }) : t('report.pending')}
      </p>
      <dl className="facts report-facts">
        <div>
          <dt>{t('report.countedAt')}</dt>
          <dd>{formatShortDateTime(locale, c.countedAt)}</dd>
        </div>
        {totals.map(([id, label, value]) => (
          <div key={id}>
            <dt>{label}</dt>
            <dd data-testid={`report-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="table-wrap" role="region" tabIndex={0} aria-label={t('report.table', { title: c.title })}>
        <table className="table report-table">
          <caption className="visually-hidden">{t('report.table', { title: c.title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.option')}</th>
              <th scope="col">{t('report.votes')}</th>
              <th scope="col">{t('report.ofMembers')}</th>
              <th scope="col">{t('report.ofReturned')}</th>
            </tr>
          </thead>
          <tbody>
            {c.options.map((o) => (
              <tr key={o.id} data-testid={`report-option-${o.id}`}>
                <th scope="row">{o.label}</th>
                <td>{o.votes}</td>
                <td>{o.ofMembers}</td>
                <td>{o.ofReturned}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="report-lines">
        <dt>{t('report.rule')}</dt>
        <dd>{c.ruleText}</dd>
        {c.arithmetic ? (
          <>
            <dt>{t('report.arithmetic')}</dt>
            <dd>{c.arithmetic}</dd>
          </>
        ) : null}
        <dt>{t('report.outcome')}</dt>
        <dd data-testid="report-outcome">
          <strong>{isMessageKey(outcomeKey) ? t(outcomeKey) : c.outcome}</strong>
          {c.winners.length > 0 ? <> · {t('report.winners', { names: c.winners.join(', ') })}</> : null}
        </dd>
        <dt>{t('report.committee')}</dt>
        <dd>
          {report.confirmations.length === 0 ? (
            t('report.noCommittee')
          ) : (
            <ul className="report-committee">
              {report.confirmations.map((m) => (
                <li key={m.delegateId}>
                  {m.fullName} ({t(`committee.role.${m.role}`)}): {m.confirmedAt ? t('committee.confirmedAt', { time: formatShortDateTime(locale, m.confirmedAt) }) : t('committee.notConfirmed')}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('report.sha256')}</dt>
        <dd>
          <code className="sha" data-testid="report-sha256">
            {report.sha256}
          </code>
        </dd>
      </dl>
      <DownloadButton label={t('report.pdf')} detail={c.title} fallbackName="bien-ban-kiem-phieu.pdf" load={() => api.countReportPdf(report.pollId)} />
    </section>
  );
}

/**
 * A delegate on the committee of this secret poll: under committee custody their counting key (made once) and, at
 * the count, their key share; once counted, the report to read and confirm. Nothing for anyone else.
 */
export function CommitteeMemberPanel({ poll, delegateId }: { poll: PollView; delegateId: string }) {
  const { t, locale } = useI18n();
  const committee = useAsync((signal) => api.committee(poll.id, signal), [poll.id, poll.status]);
  const action = useAction();
  const view = committee.state.status === 'done' ? committee.state.data : null;
  const mine = view?.members.find((m) => m.delegateId === delegateId);
  // while the count or the other members' shares are awaited, look again
  useRefreshWhile(!!mine && !view?.report && poll.status === 'closed', committee.reload);

  if (committee.state.status === 'error') return <ErrorMessage error={committee.state.error} onRetry={committee.reload} />;
  if (!view || !mine) return null;
  const k = view.threshold ?? view.members.length;
  // no success notice: the confirmation's own line below replaces the button
  const confirm = () => void action.run(async () => committee.set(await api.confirmCount(poll.id)));
  return (
    <section className="panel committee-member" aria-labelledby="member-h" data-testid="committee-member">
      <h2 id="member-h">{t('member.title')}</h2>
      <p>{mine.role === 'head' ? t('member.youAreHead') : t('member.youAreMember')}</p>
      {view.custody === 'committee' ? <p className="muted small">{t('committee.custodyIs.committee', { k, n: view.members.length })}</p> : null}
      {view.custody === 'committee' && !mine.hasCountingKey ? <CountingKeyForm onCreated={committee.reload} /> : null}
      {view.custody === 'committee' && mine.hasCountingKey && poll.status === 'closed' && !view.report ? (
        <KeyShareForm pollId={poll.id} threshold={k} given={view.sharesGiven} onGiven={committee.reload} />
      ) : null}
      {!view.report && !(view.custody === 'committee' && poll.status === 'closed') ? <p className="empty">{t('member.waitCount')}</p> : null}
      {view.report ? (
        <>
          <CountReport pollId={poll.id} version={`${view.report.sha256}:${view.report.finalisedAt ?? ''}:${mine.confirmedAt ?? ''}`} />
          {mine.confirmedAt ? (
            <p className="alert alert-ok" role="status" data-testid="member-confirmed">
              {t('member.confirmed', { time: formatShortDateTime(locale, mine.confirmedAt) })}
            </p>
          ) : (
            <div className="confirm">
              <p>{t('member.confirmHelp')}</p>
              <button type="button" className="btn btn-primary btn-large" disabled={action.busy} onClick={confirm}>
                {t('member.confirm')}
              </button>
            </div>
          )}
          <ActionFeedback action={action} />
          {view.report.finalisedAt ? (
            <DocumentSignatures testId="count-signatures" load={(signal) => api.countReportDocument(poll.id, signal)} deps={[poll.id, view.report.finalisedAt]} issue={null} title="sign.countTitle" notIssued="sign.countNotIssued" />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The one-time counting key: made and sealed under the passphrase in this browser, only the sealed form is sent. */
export function CountingKeyForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const check = () => {
    const found = passphrase.length < MIN_PASSPHRASE ? t('key.tooShort', { n: MIN_PASSPHRASE }) : passphrase !== again ? t('key.mismatch') : null;
    setProblem(found);
    return found === null;
  };
  const create = async () => {
    await api.setCountingKey(await createCountingKey(passphrase));
    setPassphrase('');
    setAgain('');
    onCreated();
  };
  return (
    <form className="key-form" aria-labelledby="key-form-h" onSubmit={action.submit(create, { check, done: t('key.created') })}>
      <h3 id="key-form-h">{t('key.title')}</h3>
      <p className="small">{t('key.intro')}</p>
      <div className="field">
        <label htmlFor="key-passphrase">{t('key.passphrase')}</label>
        <input id="key-passphrase" type="password" autoComplete="new-password" maxLength={200} value={passphrase} aria-invalid={!!problem || undefined} onChange={(e) => setPassphrase(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="key-passphrase-again">{t('key.passphraseAgain')}</label>
        <input id="key-passphrase-again" type="password" autoComplete="new-password" maxLength={200} value={again} aria-invalid={!!problem || undefined} onChange={(e) => setAgain(e.target.value)} />
      </div>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <ActionFeedback action={action} />
      <button type="submit" className="btn btn-primary btn-large" disabled={action.busy} aria-busy={action.busy || undefined}>
        {action.busy ? t('key.creating') : t('key.create')}
      </button>
    </form>
  );
}

/** At the count under committee custody: the passphrase opens the member's share here, and only the share is sent. */
function KeyShareForm({ pollId, threshold, given, onGiven }: { pollId: string; threshold: number; given: number; onGiven(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const [passphrase, setPassphrase] = useState('');
  const [missing, setMissing] = useState(false);
  const give = async () => {
    const [key, sealed] = await Promise.all([api.countingKey(), api.myKeyShare(pollId)]);
    const share = await openKeyShare({ pollId, sealedPrivateKey: key.sealedPrivateKey, passphrase, sealedShare: sealed.sealed });
    const result = await api.giveKeyShare(pollId, share);
    setPassphrase('');
    return result;
  };
  return (
    <form
      className="key-form"
      aria-labelledby={`share-h-${pollId}`}
      onSubmit={action.submit(give, {
        check: () => {
          setMissing(!passphrase);
          return Boolean(passphrase);
        },
        done: (r) => (r.counted ? t('share.counted') : t('share.given', { given: r.given, k: r.threshold })),
        settled: onGiven,
      })}
    >
      <h3 id={`share-h-${pollId}`}>{t('share.title')}</h3>
      <p className="small">{t('share.intro', { k: threshold })}</p>
      {given > 0 ? <p className="muted small">{t('committee.awaitingShares', { given, k: threshold })}</p> : null}
      <div className="field">
        <label htmlFor={`share-passphrase-${pollId}`}>{t('key.passphrase')}</label>
        <input id={`share-passphrase-${pollId}`} type="password" autoComplete="current-password" maxLength={200} value={passphrase} aria-invalid={missing || undefined} onChange={(e) => setPassphrase(e.target.value)} />
        {missing ? <p className="field-error">{t('share.required')}</p> : null}
      </div>
      <ActionFeedback action={action} />
      <button type="submit" className="btn btn-primary btn-large" disabled={action.busy} aria-busy={action.busy || undefined}>
        {action.busy ? t('share.giving') : t('share.give')}
      </button>
    </form>
  );
}
