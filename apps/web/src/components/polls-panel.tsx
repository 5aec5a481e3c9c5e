import { useState } from 'react';
import { api } from '../api/endpoints.js';
import type { AgendaItem, BallotMode, NewPoll, PollKind, PollView } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useLivePolls, type Tally } from '../voting/use-live-polls.js';
import { ErrorMessage } from './error-message.js';
import { Countdown, PollProgressBar } from './poll-live.js';
import { PollResultPanel } from './poll-result.js';

type Action = 'open' | 'close' | 'publish';
const NEXT: Partial<Record<PollView['status'], Action>> = { draft: 'open', open: 'close', closed: 'publish' };

/** The secretary's polls: create one on an agenda item, then open, close and publish it; results once closed. */
export function PollsPanel({ meetingId, agenda }: { meetingId: string; agenda: AgendaItem[] }) {
  const { t } = useI18n();
  const { state, reload, tallies } = useLivePolls(meetingId);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const act = async (poll: PollView, action: Action) => {
    setBusy(poll.id);
    setError(null);
    setDone(null);
    try {
      await api.pollAction(poll.id, action);
      setDone(t(`polls.done.${action}`, { title: poll.title }));
    } catch (err: unknown) {
      setError(err);
    } finally {
      setBusy(null);
      reload();
    }
  };

  return (
    <section className="panel" aria-labelledby="polls-title">
      <h2 id="polls-title">{t('polls.title')}</h2>
      <NewPollForm meetingId={meetingId} agenda={agenda} onCreated={(p) => {
        setDone(t('polls.created', { title: p.title }));
        reload();
      }} />
      {done ? (
        <p className="alert alert-ok" role="status">
          {done}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      <h3>{t('polls.list')}</h3>
      {state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} onRetry={reload} /> : null}
      {state.status === 'done' && state.data.length === 0 ? <p className="empty">{t('polls.empty')}</p> : null}
      {state.status === 'done' ? (
        <ul className="poll-list">
          {state.data.map((p) => (
            <PollRow key={p.id} poll={p} tally={tallies[p.id]} busy={busy !== null} onAct={(a) => void act(p, a)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function PollRow({ poll, tally, busy, onAct }: { poll: PollView; tally: Tally | undefined; busy: boolean; onAct(a: Action): void }) {
  const { t } = useI18n();
  const next = NEXT[poll.status];
  return (
    <li className="poll-row" data-testid={`poll-row-${poll.id}`}>
      <div className="poll-row-head">
        <div>
          <strong>{poll.title}</strong>
          <p className="muted small">
            {t(`vote.kind.${poll.kind}`)} · {t(`vote.mode.${poll.ballotMode}`)} · <span data-testid="poll-status">{t(`vote.status.${poll.status}`)}</span>
          </p>
        </div>
        {next ? (
          <button type="button" className={next === 'close' ? 'btn btn-large' : 'btn btn-primary btn-large'} disabled={busy} aria-label={t(`polls.${next}For`, { title: poll.title })} onClick={() => onAct(next)}>
            {t(`polls.${next}`)}
          </button>
        ) : null}
      </div>
      {poll.status === 'open' ? (
        <>
          <Countdown poll={poll} />
          <PollProgressBar cast={tally?.cast ?? null} eligible={tally?.eligible ?? poll.eligibleCount} />
        </>
      ) : null}
      {poll.result ? <PollResultPanel poll={poll} /> : null}
    </li>
  );
}

function NewPollForm({ meetingId, agenda, onCreated }: { meetingId: string; agenda: AgendaItem[]; onCreated(p: PollView): void }) {
  const { t } = useI18n();
  const [agendaItemId, setAgendaItemId] = useState('');
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<PollKind>('motion');
  const [ballotMode, setBallotMode] = useState<BallotMode>('named');
  const [countdown, setCountdown] = useState('');
  const [options, setOptions] = useState('');
  const [max, setMax] = useState('1');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const lines = options.split('\n').map((l) => l.trim()).filter(Boolean);
    if (!title.trim()) return setProblem(t('polls.titleRequired'));
    if (kind !== 'motion' && lines.length < 2) return setProblem(t('polls.optionsRequired'));
    setProblem(null);
    const body: NewPoll = { kind, ballotMode, title: title.trim() };
    if (agendaItemId) body.agendaItemId = agendaItemId;
    if (countdown.trim()) body.countdownSeconds = Number(countdown);
    if (kind !== 'motion') body.options = lines.map((label) => ({ label }));
    if (kind === 'choice') body.maxChoices = Number(max) || 1;
    if (kind === 'election') body.seats = Number(max) || 1;
    setBusy(true);
    setError(null);
    try {
      const created = await api.createPoll(meetingId, body);
      setTitle('');
      setOptions('');
      onCreated(created);
    } catch (err: unknown) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="poll-form"
      aria-label={t('polls.new')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="field field-wide">
        <label htmlFor="poll-agenda">{t('polls.agendaItem')}</label>
        <select
          id="poll-agenda"
          value={agendaItemId}
          onChange={(e) => {
            setAgendaItemId(e.target.value);
            const item = agenda.find((a) => a.id === e.target.value);
            if (item && !title) setTitle(item.title);
          }}
        >
          <option value="">{t('polls.noAgendaItem')}</option>
          {agenda.map((a) => (
            <option key={a.id} value={a.id}>
              {a.position}. {a.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-wide">
        <label htmlFor="poll-title">{t('polls.pollTitle')}</label>
        <input id="poll-title" maxLength={500} value={title} aria-invalid={problem === t('polls.titleRequired') || undefined} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="poll-kind">{t('polls.kind')}</label>
        <select id="poll-kind" value={kind} onChange={(e) => setKind(e.target.value as PollKind)}>
          {(['motion', 'choice', 'election'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`vote.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="poll-mode">{t('polls.ballotMode')}</label>
        <select id="poll-mode" value={ballotMode} onChange={(e) => setBallotMode(e.target.value as BallotMode)}>
          {(['named', 'secret'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`vote.mode.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="poll-countdown">{t('polls.countdown')}</label>
        <input id="poll-countdown" type="number" min={5} max={86400} inputMode="numeric" value={countdown} onChange={(e) => setCountdown(e.target.value)} />
      </div>
      {kind !== 'motion' ? (
        <>
          <div className="field">
            <label htmlFor="poll-max">{kind === 'election' ? t('polls.seats') : t('polls.maxChoices')}</label>
            <input id="poll-max" type="number" min={1} max={100} value={max} onChange={(e) => setMax(e.target.value)} />
          </div>
          <div className="field field-wide">
            <label htmlFor="poll-options">{t('polls.optionsField')}</label>
            <textarea id="poll-options" rows={4} value={options} onChange={(e) => setOptions(e.target.value)} />
          </div>
        </>
      ) : null}
      {problem ? (
        <p className="field-error field-wide" role="alert">
          {problem}
        </p>
      ) : null}
      {error ? (
        <div className="field-wide">
          <ErrorMessage error={error} />
        </div>
      ) : null}
      <div className="field-wide">
        <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
          {t('polls.create')}
        </button>
      </div>
    </form>
  );
}

/**
 * The projector's poll: the open one(s) with countdown and cast/eligible bar, else the latest closed one (waiting to
 * be published) or published one with its result.
 */
export function PollBoard({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const { state, reload, tallies } = useLivePolls(meetingId);
  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={reload} />;
  const open = state.data.filter((p) => p.status === 'open');
  const latest = state.data
    .filter((p) => p.status === 'closed' || p.status === 'published')
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''))[0];
  if (open.length > 0) {
    return (
      <>
        {open.map((p) => (
          <div key={p.id} className="board-poll">
            <h3 className="result-title">{p.title}</h3>
            <Countdown poll={p} />
            <PollProgressBar cast={tallies[p.id]?.cast ?? null} eligible={tallies[p.id]?.eligible ?? p.eligibleCount} />
          </div>
        ))}
      </>
    );
  }
  if (!latest) return <p className="empty">{t('dash.noPoll')}</p>;
  // staff may see a closed poll's result, but the hall sees it only once published
  if (latest.status === 'closed') {
    const tally = tallies[latest.id];
    return <p className="empty">{t('vote.awaitingPublish', { cast: tally?.cast ?? '…', eligible: tally?.eligible ?? latest.eligibleCount ?? '…' })}</p>;
  }
  return <PollResultPanel poll={latest} />;
}
