import { useEffect, useState } from 'react';
import type { PollView } from '#contracts';
import { useI18n } from '../i18n/i18n.js';

/** Time left before an open poll closes by itself, once a second; nothing when the poll has no countdown. */
export function Countdown({ poll }: { poll: PollView }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  const closesAt = poll.status === 'open' && poll.closesAt ? Date.parse(poll.closesAt) : null;
  useEffect(() => {
    if (closesAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [closesAt]);
  if (closesAt === null) return null;
  const left = Math.max(0, Math.ceil((closesAt - now) / 1000));
  const mm = String(Math.floor(left / 60)).padStart(2, '0');
  const ss = String(left % 60).padStart(2, '0');
  return (
    <p className={left <= 10 ? 'countdown countdown-low' : 'countdown'} data-testid="countdown">
      {left > 0 ? t('vote.countdown', { time: `${mm}:${ss}` }) : t('vote.countdownOver')}
    </p>
  );
}

/** Ballots cast of those eligible, as a bar and as text (the text is what screen readers get). */
export function PollProgressBar({ cast, eligible }: { cast: number | null; eligible: number | null }) {
  const { t } = useI18n();
  if (cast === null || eligible === null) return <p className="muted">{t('vote.progressUnknown')}</p>;
  const pct = eligible > 0 ? Math.min(100, Math.round((cast / eligible) * 100)) : 0;
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={t('vote.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={eligible}
        aria-valuenow={cast}
        aria-valuetext={t('vote.progress', { cast, eligible })}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <p className="progress-text" data-testid="poll-progress">
        {t('vote.progress', { cast, eligible })}
      </p>
    </div>
  );
}
