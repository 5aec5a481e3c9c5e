import { useMemo, useState } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { PollView, PublishedBallot } from '#contracts';
import { useI18n } from '../i18n/i18n.js';
import { BallotStore } from '../voting/ballot-store.js';
import { ErrorMessage } from './error-message.js';
import { useAsync } from './use-async.js';

type Answer = 'counted' | 'not_found' | 'not_counted';

const RECEIPT = /^[0-9A-F]{16}$/;

/** A receipt as typed or pasted: spaces and dashes dropped, upper case (the server's form). */
export function normaliseReceipt(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * A secret poll's receipt check: any code answers "counted", "not found" or "not counted yet", never a choice. The
 * voter's own receipt (kept on this device at the cast) is offered; once published, the list of receipts counted.
 */
export function ReceiptCheckPanel({ poll, delegateId }: { poll: PollView; delegateId: string | null }) {
  const { t } = useI18n();
  const mine = useMemo(() => (delegateId ? new BallotStore(delegateId).receipt(poll.id) : null), [delegateId, poll.id]);
  const [code, setCode] = useState(mine ?? '');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<{ code: string; answer: Answer } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fieldId = `receipt-${poll.id}`;

  const check = async () => {
    const receipt = normaliseReceipt(code);
    if (!RECEIPT.test(receipt)) {
      setInvalid(true);
      setAnswer(null);
      return;
    }
    setInvalid(false);
    setBusy(true);
    setError(null);
    try {
      const res = await api.checkReceipt(poll.id, receipt);
      setAnswer({ code: receipt, answer: res.status });
    } catch (err: unknown) {
      // before the count the server says so with NOT_COUNTED: an answer, not a failure
      if (err instanceof ApiError && err.code === 'NOT_COUNTED') setAnswer({ code: receipt, answer: 'not_counted' });
      else {
        setAnswer(null);
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel receipt-check" aria-labelledby={`${fieldId}-h`} data-testid="receipt-check">
      <h2 id={`${fieldId}-h`}>{t('receipt.title')}</h2>
      <p className="small">{t('receipt.intro')}</p>
      {mine ? <p className="small">{t('receipt.yours', { receipt: mine })}</p> : null}
      <form
        className="receipt-form"
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <div className="field">
          <label htmlFor={fieldId}>{t('receipt.field')}</label>
          <input
            id={fieldId}
            className="receipt-input"
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            value={code}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${fieldId}-err` : undefined}
            onChange={(e) => {
              setCode(e.target.value);
              setInvalid(false);
            }}
          />
          {invalid ? (
            <p id={`${fieldId}-err`} className="field-error">
              {t('receipt.invalid')}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy || undefined}>
          {t('receipt.check')}
        </button>
      </form>
      <div aria-live="polite">
        {answer ? (
          <p className={answer.answer === 'counted' ? 'alert alert-ok' : answer.answer === 'not_found' ? 'alert alert-error' : 'alert alert-info'} data-testid="receipt-answer">
            <span className="receipt">{answer.code}</span>: {t(answer.answer === 'counted' ? 'receipt.counted' : answer.answer === 'not_found' ? 'receipt.notFound' : 'receipt.notCounted')}
          </p>
        ) : null}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {poll.status === 'published' ? <PublishedReceipts pollId={poll.id} /> : null}
    </section>
  );
}

/** Receipts only: a published secret ballot carries no choices, and nothing here would show them if it did. */
function receiptsOf(ballots: PublishedBallot[] | undefined): string[] {
  return (ballots ?? []).flatMap((b) => ('receipt' in b ? [b.receipt] : []));
}

function PublishedReceipts({ pollId }: { pollId: string }) {
  const { t } = useI18n();
  const poll = useAsync((signal) => api.poll(pollId, signal), [pollId]);
  if (poll.state.status !== 'done') return null;
  const receipts = receiptsOf(poll.state.data.ballots);
  if (receipts.length === 0) return null;
  return (
    <details className="published-receipts">
      <summary>{t('receipt.published', { n: receipts.length })}</summary>
      <p className="muted small">{t('receipt.publishedHelp')}</p>
      <ul className="receipt-list" data-testid="published-receipts">
        {receipts.map((r) => (
          <li key={r}>
            <code>{r}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}
