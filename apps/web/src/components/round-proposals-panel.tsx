import { useState } from 'react';
import type { RoundProposal } from '#contracts';
import { api } from '../api/endpoints.js';
import { formatShortDateTime, useI18n } from '../i18n/i18n.js';
import { buildPath } from '../router/match.js';
import { Link } from '../router/router.js';
import { paths } from '../routes.js';
import { ActionFeedback } from './action-feedback.js';
import { ErrorMessage } from './error-message.js';
import { useAction } from './use-action.js';
import { useAsync } from './use-async.js';

/**
 * Written opinion rounds of the body that failed or were not decided, carried to this meeting: the secretary adds one
 * to the agenda in one click (it is marked taken) or records why it is not brought to the meeting.
 */
export function RoundProposalsPanel({ meetingId, canWrite, onChanged }: { meetingId: string; canWrite: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const { state, reload } = useAsync((signal) => api.roundProposals(meetingId, signal), [meetingId]);
  if (state.status === 'loading') return null;
  return (
    <section className="panel" aria-labelledby="proposals-title">
      <h2 id="proposals-title">{t('proposals.title')}</h2>
      <p className="muted small">{t('proposals.help')}</p>
      {state.status === 'error' ? <ErrorMessage error={state.error} onRetry={reload} /> : null}
      {state.status === 'done' && state.data.length === 0 ? <p className="empty">{t('proposals.empty')}</p> : null}
      {state.status === 'done' && state.data.length > 0 ? (
        <ul className="proposal-list">
          {state.data.map((p) => (
            <ProposalRow
              key={p.id}
              meetingId={meetingId}
              p={p}
              canWrite={canWrite}
              onChanged={() => {
                reload();
                onChanged();
              }}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ProposalRow({ meetingId, p, canWrite, onChanged }: { meetingId: string; p: RoundProposal; canWrite: boolean; onChanged(): void }) {
  const { t, locale } = useI18n();
  const action = useAction();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const reasonId = `proposal-reason-${p.id}`;
  return (
    <li className="proposal" data-testid={`proposal-${p.roundId}`}>
      <p>
        <Link to={buildPath(paths.round, { roundId: p.roundId })} aria-label={t('proposals.openRound', { title: p.roundTitle })}>
          <strong>{p.roundTitle}</strong>
        </Link>
      </p>
      <p data-testid="proposal-result">
        {t('proposals.resultLine', { result: t(`proposals.result.${p.result}`) })} · {t('proposals.answered', { n: p.respondents, total: p.votingRecipients })}
        {p.closedAt ? ` · ${t('proposals.closedAt', { time: formatShortDateTime(locale, p.closedAt) })}` : ''}
      </p>
      <p className="muted small">{t('proposals.basis', { basis: p.basis })}</p>
      {p.status === 'taken' ? <p className="alert alert-ok">{t('proposals.takenHere')}</p> : null}
      <ActionFeedback action={action} />
      {p.status === 'pending' && canWrite ? (
        dismissing ? (
          <form
            className="subpanel"
            noValidate
            onSubmit={action.submit(() => api.dismissProposal(meetingId, p.id, reason.trim()), {
              check: () => {
                const bad = reason.trim().length < 3;
                setMissing(bad);
                return !bad;
              },
              done: () => t('proposals.dismissed', { title: p.roundTitle }),
              settled: onChanged,
            })}
          >
            <div className="field">
              <label htmlFor={reasonId}>{t('proposals.reason')}</label>
              <textarea id={reasonId} rows={2} maxLength={1000} value={reason} aria-invalid={missing || undefined} aria-describedby={missing ? `${reasonId}-error` : undefined} onChange={(e) => setReason(e.target.value)} />
              {missing ? (
                <p id={`${reasonId}-error`} className="field-error" role="alert">
                  {t('proposals.reasonRequired')}
                </p>
              ) : null}
            </div>
            <div className="button-row">
              <button type="submit" className="btn btn-primary" disabled={action.busy}>
                {t('proposals.dismissConfirm')}
              </button>
              <button type="button" className="btn" onClick={() => setDismissing(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <div className="button-row">
            <button
              type="button"
              className="btn btn-primary"
              disabled={action.busy}
              aria-label={t('proposals.takeFor', { title: p.roundTitle })}
              onClick={() => void action.run(() => api.takeProposal(meetingId, p.id), { done: t('proposals.taken', { title: p.roundTitle }), settled: onChanged })}
            >
              {t('proposals.take')}
            </button>
            <button type="button" className="btn" aria-label={t('proposals.dismissFor', { title: p.roundTitle })} onClick={() => setDismissing(true)}>
              {t('proposals.dismiss')}
            </button>
          </div>
        )
      ) : null}
    </li>
  );
}
