import { useState } from 'react';
import { api } from '../api/endpoints.js';
import { STAFF_ROLES } from '../api/rules.js';
import type { OpinionRound, RoundChoice, RoundNotAnswered } from '#contracts';
import { useMe } from '../auth/auth.js';
import { ActionFeedback } from '../components/action-feedback.js';
import { ConfirmBox } from '../components/confirm-box.js';
import { DownloadButton } from '../components/download-button.js';
import { ErrorMessage } from '../components/error-message.js';
import { PageHead } from '../components/page-head.js';
import { useAction } from '../components/use-action.js';
import { useAsync } from '../components/use-async.js';
import { formatDateTime, isMessageKey, useI18n } from '../i18n/i18n.js';
import { paths, type ScreenProps } from '../routes.js';

const CHOICES: RoundChoice[] = ['agree', 'disagree', 'other'];

/** One written opinion round: a member answers each question; staff send, remind and close it; the summary once closed. */
export default function RoundScreen({ params }: ScreenProps) {
  const roundId = params.roundId;
  const { t, locale } = useI18n();
  const me = useMe();
  const { state, reload, set } = useAsync((signal) => api.round(roundId, signal), [roundId]);
  const action = useAction();
  // closing before the deadline asks first, saying who has not answered yet
  const [closing, setClosing] = useState<RoundNotAnswered | null>(null);
  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={reload} />;
  const r = state.data;
  const manage = me.role === 'admin' || me.role === 'secretary';

  const act = (step: 'open' | 'close' | 'remind') => void action.run(() => api.roundAction(roundId, step), { done: t(`rounds.done.${step}`), settled: reload });
  const askClose = () => {
    if (Date.parse(r.deadline) <= Date.now()) return act('close');
    void action.run(async () => setClosing(await api.roundNotAnswered(roundId)));
  };
  const deadline = formatDateTime(locale, r.deadline);
  const closeText = (c: RoundNotAnswered): string =>
    c.count === 0 ? t('rounds.confirmCloseAll', { deadline }) : t('rounds.confirmClose', { deadline, n: c.count, total: r.recipients, names: c.names.join(', ') });

  return (
    <article aria-labelledby="round-title">
      <PageHead
        titleId="round-title"
        title={r.title}
        below={`${t(`rounds.status.${r.status}`)} · ${t('rounds.deadline', { time: formatDateTime(locale, r.deadline) })} · ${t('rounds.answered', { n: r.answered, total: r.recipients })}`}
        links={[{ to: paths.rounds, label: t('rounds.back') }]}
      />
      <RoundContent round={r} showQuestions={!(me.delegateId && r.status === 'open') && !r.summary} />
      <ActionFeedback action={action} />
      {manage && r.status !== 'closed' ? (
        <div className="button-row panel">
          {r.status === 'draft' ? (
            <button type="button" className="btn btn-primary btn-large" disabled={action.busy} onClick={() => act('open')}>
              {t('rounds.open')}
            </button>
          ) : (
            <>
              <button type="button" className="btn btn-large" disabled={action.busy} onClick={() => act('remind')}>
                {t('rounds.remind')}
              </button>
              <button type="button" className="btn btn-primary btn-large" disabled={action.busy} onClick={askClose}>
                {t('rounds.close')}
              </button>
            </>
          )}
        </div>
      ) : null}
      {manage && closing && r.status === 'open' ? (
        <ConfirmBox
          id="round-close-confirm"
          text={closeText(closing)}
          confirm={t('rounds.closeNow')}
          busy={action.busy}
          onConfirm={() => {
            setClosing(null);
            act('close');
          }}
          onCancel={() => setClosing(null)}
        />
      ) : null}
      {me.delegateId && r.status === 'open' ? <AnswerForm round={r} onAnswered={(updated) => set(updated)} /> : null}
      {r.summary ? (
        <section className="panel" aria-labelledby="round-summary">
          <h2 id="round-summary">{t('rounds.summary', { n: r.summary.respondents, total: r.summary.recipients })}</h2>
          {STAFF_ROLES.includes(me.role) && r.status === 'closed' ? <DownloadButton label={t('exports.roundSummary')} fallbackName="tong-hop-y-kien.pdf" load={() => api.roundSummaryPdf(roundId)} /> : null}
          {r.summary.questions.map((q) => {
            const key = `rounds.outcome.${q.outcome}`;
            const [vi, en] = q.arithmetic.split(' | ');
            return (
              <div key={q.questionId} className="opinion" data-testid={`summary-${q.position}`}>
                <h3>
                  {q.position}. {q.text}
                </h3>
                <p>
                  <strong>{isMessageKey(key) ? t(key) : q.outcome}</strong> · {t('rounds.counts', { agree: q.agree, disagree: q.disagree, other: q.other, none: q.notAnswered })}
                </p>
                <p className="arithmetic">{locale.startsWith('en') && en ? en : vi}</p>
              </div>
            );
          })}
        </section>
      ) : null}
    </article>
  );
}

/** What is consulted on (the draft's text) and, when no answer form or summary lists them, the questions. */
function RoundContent({ round, showQuestions }: { round: OpinionRound; showQuestions: boolean }) {
  const { t } = useI18n();
  if (!round.description && !showQuestions) return null;
  return (
    <section className="panel" aria-labelledby="round-content" data-testid="round-content">
      <h2 id="round-content">{t('rounds.content')}</h2>
      {round.description ? <p className="pre-line">{round.description}</p> : null}
      {showQuestions ? (
        <>
          <h3>{t('rounds.questions')}</h3>
          <ol data-testid="round-questions">
            {[...round.questions]
              .sort((a, b) => a.position - b.position)
              .map((q) => (
                <li key={q.id}>{q.text}</li>
              ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

function AnswerForm({ round, onAnswered }: { round: OpinionRound; onAnswered(r: OpinionRound): void }) {
  const { t } = useI18n();
  const initial = Object.fromEntries((round.myAnswers ?? []).map((a) => [a.questionId, { choice: a.choice, comment: a.comment ?? '' }]));
  const [answers, setAnswers] = useState<Record<string, { choice: RoundChoice | null; comment: string }>>(initial);
  const [missing, setMissing] = useState(false);
  const action = useAction();
  const questions = [...round.questions].sort((a, b) => a.position - b.position);

  const check = () => {
    const incomplete = questions.some((q) => !answers[q.id]?.choice);
    setMissing(incomplete);
    return !incomplete;
  };
  const send = async () => {
    const list = questions.map((q) => ({ questionId: q.id, choice: answers[q.id]?.choice as RoundChoice, comment: answers[q.id]?.comment?.trim() || undefined }));
    onAnswered(await api.answerRound(round.id, list));
  };

  return (
    <form className="panel" aria-labelledby="round-answer" onSubmit={action.submit(send, { check, done: t('rounds.saved') })}>
      <h2 id="round-answer">{t('rounds.yourAnswer')}</h2>
      {questions.map((q) => (
        <fieldset key={q.id} className="choice-list">
          <legend>
            {q.position}. {q.text}
          </legend>
          {CHOICES.map((c) => (
            <label key={c} className="field-check choice">
              <input
                type="radio"
                name={`q-${q.id}`}
                checked={answers[q.id]?.choice === c}
                onChange={() => setAnswers((all) => ({ ...all, [q.id]: { choice: c, comment: all[q.id]?.comment ?? '' } }))}
              />
              <span>{t(`rounds.choice.${c}`)}</span>
            </label>
          ))}
          <div className="field">
            <label htmlFor={`c-${q.id}`}>{t('rounds.comment')}</label>
            <textarea
              id={`c-${q.id}`}
              rows={2}
              maxLength={5000}
              value={answers[q.id]?.comment ?? ''}
              onChange={(e) => setAnswers((all) => ({ ...all, [q.id]: { choice: all[q.id]?.choice ?? null, comment: e.target.value } }))}
            />
          </div>
        </fieldset>
      ))}
      {missing ? (
        <p className="field-error" role="alert">
          {t('rounds.answerAll')}
        </p>
      ) : null}
      <ActionFeedback action={action} />
      <button type="submit" className="btn btn-primary btn-large" disabled={action.busy}>
        {t('rounds.send')}
      </button>
    </form>
  );
}
