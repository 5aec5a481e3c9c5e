import { useEffect, useRef, useState } from 'react';
import type { MotionCode, PollOption, PollView } from '#contracts';
import { useI18n } from '../i18n/i18n.js';
import { officialsOf, ratingChoices } from '../voting/officials.js';
import type { VotePhase } from '../voting/use-tablet-voting.js';
import { ErrorMessage } from './error-message.js';
import { Countdown } from './poll-live.js';
import { GRADE_KEYS } from './poll-result.js';

const MOTION_KEYS = { for: 'vote.for', against: 'vote.against', abstain: 'vote.abstain' } as const;

const isConfidence = (poll: PollView): boolean => poll.kind === 'confidence' || poll.kind === 'no_confidence';

/**
 * One open poll on the delegate's tablet: choose (three big buttons for a motion; a radio or checkbox list for
 * choice and election polls; for a confidence vote one row of levels per official), confirm, then the receipt. While a ballot is unacknowledged the choice is locked:
 * only the same ballot can be sent again.
 */
export function PollBallot({ poll, vote, onCast, onRetry }: { poll: PollView; vote: VotePhase | undefined; onCast(choices: string[]): void; onRetry(): void }) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<string[]>([]);
  // confidence ballots: the option chosen per official (subject), at most one level each
  const [ratings, setRatings] = useState<Record<number, string>>({});
  const [confirming, setConfirming] = useState(false);
  const statusRef = useRef<HTMLDivElement>(null);
  const phase = vote?.phase;

  // the outcome of a cast gets the focus, so a screen reader reads it and a stray tap does nothing
  useEffect(() => {
    if (phase === 'done' || phase === 'waiting' || phase === 'error') statusRef.current?.focus();
  }, [phase]);

  const labelOf = (o: PollOption) => (o.code ? t(MOTION_KEYS[o.code as MotionCode]) : o.grade ? t(GRADE_KEYS[o.grade]) : o.label);
  const officials = isConfidence(poll) ? officialsOf(poll) : [];
  const max = poll.kind === 'election' ? (poll.seats ?? 1) : poll.maxChoices;
  const headingId = `poll-${poll.id}`;

  let body;
  if (vote?.phase === 'done') {
    body = (
      <div ref={statusRef} tabIndex={-1} className="alert alert-ok vote-done" role="status">
        <p className="alert-title">{t('vote.voted')}</p>
        {vote.receipt ? (
          <>
            <p>
              {t('vote.receipt')}: <output className="receipt" data-testid="receipt">{vote.receipt}</output>
            </p>
            <p className="small" data-testid="receipt-help">
              {poll.ballotMode === 'secret' ? t('vote.receiptHelpSecret') : t('vote.receiptHelp')}
            </p>
          </>
        ) : (
          <p>{t('vote.receiptUnknown')}</p>
        )}
      </div>
    );
  } else if (vote?.phase === 'sending') {
    body = (
      <p role="status" className="vote-sending">
        {t('vote.sending')}
      </p>
    );
  } else if (vote?.phase === 'waiting') {
    body = (
      <div ref={statusRef} tabIndex={-1} className="alert alert-error" role="alert">
        <p className="alert-title">{t('vote.waiting')}</p>
        <button type="button" className="btn btn-large" onClick={onRetry}>
          {t('vote.retry')}
        </button>
      </div>
    );
  } else if (poll.status !== 'open') {
    body = <p className="empty">{t('vote.closedNoVote')}</p>;
  } else if (confirming && isConfidence(poll)) {
    const chosen = officials.map((off) => ({ off, option: off.options.find((o) => o.id === ratings[off.subject]) }));
    body = (
      <div className="confirm" role="group" aria-labelledby={`${headingId}-confirm`}>
        <h4 id={`${headingId}-confirm`} className="confirm-title">
          {t('vote.confirmTitle')}
        </h4>
        <ul className="confirm-ratings" data-testid="confirm-ratings">
          {chosen.map(({ off, option }) => (
            <li key={off.subject}>
              <span>{off.name}</span>: <strong>{option ? labelOf(option) : t('vote.notRated')}</strong>
            </li>
          ))}
        </ul>
        <p className="small">{t('vote.confirmHelp')}</p>
        <div className="button-row">
          <button
            type="button"
            className="btn btn-primary btn-large"
            autoFocus
            onClick={() => {
              setConfirming(false);
              onCast(ratingChoices(officials, ratings));
            }}
          >
            {t('vote.send')}
          </button>
          <button type="button" className="btn btn-large" onClick={() => setConfirming(false)}>
            {t('vote.back')}
          </button>
        </div>
      </div>
    );
  } else if (confirming) {
    const chosen = poll.options.filter((o) => selected.includes(o.id)).map(labelOf);
    body = (
      <div className="confirm" role="group" aria-labelledby={`${headingId}-confirm`}>
        <h4 id={`${headingId}-confirm`} className="confirm-title">
          {t('vote.confirmTitle')}
        </h4>
        <p className="confirm-choice">{chosen.length > 0 ? t('vote.confirmChoice', { choice: chosen.join(', ') }) : t('vote.blank')}</p>
        <p className="small">{poll.allowChange ? t('vote.confirmHelpChange') : t('vote.confirmHelp')}</p>
        <div className="button-row">
          <button
            type="button"
            className="btn btn-primary btn-large"
            autoFocus
            onClick={() => {
              setConfirming(false);
              onCast(selected);
            }}
          >
            {t('vote.send')}
          </button>
          <button type="button" className="btn btn-large" onClick={() => setConfirming(false)}>
            {t('vote.back')}
          </button>
        </div>
      </div>
    );
  } else if (isConfidence(poll)) {
    const rated = officials.filter((off) => ratings[off.subject]).length;
    body = (
      <form
        className="confidence-ballot"
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
      >
        <p className="small">{t(poll.kind === 'confidence' ? 'vote.rateEach' : 'vote.trustEach')}</p>
        {officials.map((off) => (
          <fieldset key={off.subject} className="official-rating" data-testid={`rate-${off.subject}`}>
            <legend>
              {off.subject}. {off.name}
            </legend>
            <div className="grade-row">
              {off.options.map((o) => (
                <label key={o.id} className={`grade-choice grade-${o.grade ?? 'x'}`}>
                  <input type="radio" name={`poll-${poll.id}-official-${off.subject}`} checked={ratings[off.subject] === o.id} onChange={() => setRatings((r) => ({ ...r, [off.subject]: o.id }))} />
                  <span>{labelOf(o)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <p className="small" role="status">
          {t('vote.ratedCount', { n: rated, total: officials.length })}
        </p>
        <button type="submit" className="btn btn-primary btn-large">
          {t('vote.next')}
        </button>
      </form>
    );
  } else if (poll.kind === 'motion') {
    body = (
      <div className="motion-choices" role="group" aria-labelledby={headingId}>
        {poll.options.map((o) => (
          <button
            key={o.id}
            type="button"
            className={`btn vote-btn vote-${o.code ?? 'option'}`}
            onClick={() => {
              setSelected([o.id]);
              setConfirming(true);
            }}
          >
            {labelOf(o)}
          </button>
        ))}
      </div>
    );
  } else {
    const single = max === 1;
    const toggle = (id: string, on: boolean) => setSelected((s) => (single ? [id] : on ? [...s, id] : s.filter((x) => x !== id)));
    body = (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (selected.length <= max) setConfirming(true);
        }}
      >
        <fieldset className="choice-list">
          <legend>{single ? t('vote.chooseOne') : t('vote.chooseUpTo', { n: max })}</legend>
          {poll.options.map((o) => (
            <label key={o.id} className="field-check choice">
              <input
                type={single ? 'radio' : 'checkbox'}
                name={`poll-${poll.id}`}
                checked={selected.includes(o.id)}
                onChange={(e) => toggle(o.id, e.target.checked)}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </fieldset>
        {selected.length > max ? (
          <p className="field-error" role="alert">
            {t('vote.tooMany', { n: max })}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary btn-large" disabled={selected.length > max}>
          {t('vote.next')}
        </button>
      </form>
    );
  }

  return (
    <article className="ballot" aria-labelledby={headingId}>
      <h3 id={headingId} className="ballot-title">
        {poll.title}
      </h3>
      <p className="muted small">
        {t(`vote.kind.${poll.kind}`)} · {t(`vote.mode.${poll.ballotMode}`)}
      </p>
      <Countdown poll={poll} />
      {vote?.phase === 'error' ? (
        <div ref={statusRef} tabIndex={-1}>
          <ErrorMessage error={vote.error} />
        </div>
      ) : null}
      {body}
    </article>
  );
}
