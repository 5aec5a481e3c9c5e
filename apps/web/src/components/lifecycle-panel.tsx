import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { MeetingDetail, MeetingStatus } from '#contracts';
import { MEETING_TRANSITIONS } from '../api/rules.js';
import { formatDateTime, useI18n } from '../i18n/i18n.js';
import { ConfirmBox } from './confirm-box.js';
import { ErrorMessage } from './error-message.js';
import { StatusBadge } from './status-badge.js';
import { useAction } from './use-action.js';

const STEPS: MeetingStatus[] = ['draft', 'scheduled', 'open', 'in_session', 'closed'];

/**
 * The meeting's status and its next moves, each behind a confirmation that says what will happen. Opening the
 * session below the quorum asks a second, explicit confirmation first (the server refuses it without one:
 * QUORUM_NOT_REACHED, the fallback when the count changed meanwhile).
 */
export function LifecyclePanel({ m, onChanged, reload }: { m: MeetingDetail; onChanged(m: MeetingDetail): void; reload(): void }) {
  const { t, locale } = useI18n();
  const action = useAction();
  const [pending, setPending] = useState<MeetingStatus | null>(null);
  const [belowQuorum, setBelowQuorum] = useState<{ present: number; required: number } | null>(null);
  const [done, setDone] = useState<MeetingStatus | null>(null);
  const moves = MEETING_TRANSITIONS[m.status] ?? [];

  const apply = async (to: MeetingStatus, confirmBelowQuorum: boolean) => {
    let refusedForQuorum: { present: number; required: number } | null = null;
    const ok = await action.run(async () => {
      if (to === 'in_session' && !confirmBelowQuorum) {
        // ask before sending: below the quorum is a normal state, not a refused request in the console
        const { quorum } = await api.attendanceSummary(m.id);
        if (!quorum.reached) {
          refusedForQuorum = { present: quorum.present, required: quorum.required };
          return;
        }
      }
      try {
        onChanged(await api.changeStatus(m.id, to, confirmBelowQuorum));
      } catch (err: unknown) {
        if (err instanceof ApiError && err.code === 'QUORUM_NOT_REACHED') {
          const d = (err.details ?? {}) as { present?: number; required?: number };
          refusedForQuorum = { present: d.present ?? 0, required: d.required ?? 0 };
          return;
        }
        throw err;
      }
    });
    if (refusedForQuorum) {
      setBelowQuorum(refusedForQuorum);
      return;
    }
    setPending(null);
    setBelowQuorum(null);
    if (ok) setDone(to);
    else reload();
  };

  const facts = [
    m.checkInOpenedAt ? t('lifecycle.checkInOpenedAt', { time: formatDateTime(locale, m.checkInOpenedAt) }) : null,
    m.sessionOpenedAt ? t('lifecycle.sessionOpenedAt', { time: formatDateTime(locale, m.sessionOpenedAt) }) : null,
    m.opening?.belowQuorum ? t('lifecycle.openedBelowQuorum', { present: m.opening.present ?? 0, required: m.opening.required ?? 0 }) : null,
    m.closedAt ? t('lifecycle.closedAt', { time: formatDateTime(locale, m.closedAt) }) : null,
  ].filter((f): f is string => f !== null);

  return (
    <section className="panel" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">{t('console.lifecycle')}</h2>
      <p>
        {t('meeting.status')}: <StatusBadge status={m.status} />
      </p>
      <ol className="steps" aria-label={t('console.lifecycle')}>
        {STEPS.map((s) => (
          <li key={s} className={s === m.status ? 'step step-current' : 'step'} aria-current={s === m.status ? 'step' : undefined}>
            {t(`status.${s}`)}
          </li>
        ))}
      </ol>
      {facts.length > 0 ? (
        <ul className="plain-list" data-testid="lifecycle-facts">
          {facts.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      ) : null}
      {done ? (
        <p className="alert alert-ok" role="status">
          {t('console.changed', { status: t(`status.${done}`) })}
        </p>
      ) : null}
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {moves.length === 0 ? <p className="empty">{t('console.noMoves')}</p> : null}
      {pending && belowQuorum ? (
        <ConfirmBox
          id="below-quorum-text"
          text={t('lifecycle.belowQuorum', belowQuorum)}
          confirm={t('lifecycle.openAnyway')}
          busy={action.busy}
          onConfirm={() => void apply(pending, true)}
          onCancel={() => {
            setPending(null);
            setBelowQuorum(null);
          }}
        />
      ) : pending ? (
        <ConfirmBox
          id="confirm-text"
          text={`${t('console.confirm', { action: t(`console.to.${pending}`) })} ${t(`lifecycle.what.${pending}`)}`}
          busy={action.busy}
          onConfirm={() => void apply(pending, false)}
          onCancel={() => setPending(null)}
        />
      ) : (
        <div className="button-row">
          {moves.map((to) => (
            <button
              key={to}
              type="button"
              className={to === 'draft' ? 'btn btn-large' : 'btn btn-primary btn-large'}
              onClick={() => {
                setDone(null);
                setPending(to);
              }}
            >
              {t(`console.to.${to}`)}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
