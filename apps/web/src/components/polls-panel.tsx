import { useState, type ReactNode } from 'react';
import { api } from '../api/endpoints.js';
import type { AgendaItem, BallotMode, NewPoll, PollKind, PollView } from '#contracts';
import { useI18n } from '../i18n/i18n.js';
import { buildPath } from '../router/match.js';
import { Link } from '../router/router.js';
import { paths } from '../routes.js';
import { useLivePolls, type Tally } from '../voting/use-live-polls.js';
import { ActionFeedback } from './action-feedback.js';
import { ConfirmBox } from './confirm-box.js';
import { ErrorMessage } from './error-message.js';
import { NamedBallots } from './named-ballots.js';
import { Countdown, PollProgressBar } from './poll-live.js';
import { PollResultPanel } from './poll-result.js';
import { useAction } from './use-action.js';

type Step = 'open' | 'close' | 'publish';
const NEXT: Partial<Record<PollView['status'], Step>> = { draft: 'open', open: 'close', closed: 'publish' };

/** The secretary's polls: create one on an agenda item, then open, close and publish it; results once closed. */
export function PollsPanel({ meetingId, agenda, closed = false }: { meetingId: string; agenda: AgendaItem[]; closed?: boolean }) {
  const { t } = useI18n();
  const { state, reload, tallies } = useLivePolls(meetingId);

  return (
    <section className="panel" aria-labelledby="polls-title">
      <h2 id="polls-title">{t('polls.title')}</h2>
      {closed ? <p className="alert alert-ok">{t('polls.meetingClosed')}</p> : <NewPollForm meetingId={meetingId} agenda={agenda} onCreated={reload} />}
      <h3>{t('polls.list')}</h3>
      {state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} onRetry={reload} /> : null}
      {state.status === 'done' && state.data.length === 0 ? <p className="empty">{t('polls.empty')}</p> : null}
      {state.status === 'done' ? (
        <ul className="poll-list">
          {state.data.map((p) => (
            <li key={p.id} className="poll-row" data-testid={`poll-row-${p.id}`}>
              <PollControl
                poll={p}
                tally={tallies[p.id]}
                onChanged={reload}
                title={
                  <Link to={buildPath(paths.poll, { meetingId, pollId: p.id })}>
                    <strong>{p.title}</strong>
                  </Link>
                }
              />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/**
 * One poll for staff: its kind, mode and status, the next step (open, close, publish) for those who run the vote,
 * the countdown and the live count while open, the result with its arithmetic once closed. The console's list and
 * the single-poll page both show this.
 */
export function PollControl({ poll, tally, title, onChanged, canRun = true }: { poll: PollView; tally: Tally | undefined; title: ReactNode; onChanged(): void; canRun?: boolean }) {
  const { t } = useI18n();
  const action = useAction();
  const next = canRun ? NEXT[poll.status] : undefined;
  const step = (s: Step) => void action.run(() => api.pollAction(poll.id, s), { done: t(`polls.done.${s}`, { title: poll.title }), settled: onChanged });
  // closing asks first and says who (named) or how many (secret) have not voted yet
  const [closing, setClosing] = useState<{ count: number; names: string[] | null } | null>(null);
  const askClose = () => void action.run(async () => setClosing(await api.pollNotVoted(poll.id)));
  const closeText = (c: { count: number; names: string[] | null }): string =>
    c.count === 0
      ? t('polls.confirmCloseAll', { title: poll.title })
      : c.names
        ? t('polls.confirmCloseNamed', { title: poll.title, n: c.count, names: c.names.join(', ') })
        : t('polls.confirmCloseSecret', { title: poll.title, n: c.count });
  return (
    <>
      <div className="poll-row-head">
        <div>
          {title}
          <p className="muted small">
            {t(`vote.kind.${poll.kind}`)} · {t(`vote.mode.${poll.ballotMode}`)} · <span data-testid="poll-status">{t(`vote.status.${poll.status}`)}</span>
          </p>
        </div>
        {next ? (
          <button type="button" className={next === 'close' ? 'btn btn-large' : 'btn btn-primary btn-large'} disabled={action.busy} aria-label={t(`polls.${next}For`, { title: poll.title })} onClick={() => (next === 'close' ? askClose() : step(next))}>
            {t(`polls.${next}`)}
          </button>
        ) : null}
      </div>
      {closing && poll.status === 'open' ? (
        <ConfirmBox
          id={`close-${poll.id}`}
          text={closeText(closing)}
          confirm={t('polls.close')}
          busy={action.busy}
          onConfirm={() => {
            setClosing(null);
            step('close');
          }}
          onCancel={() => setClosing(null)}
        />
      ) : null}
      <ActionFeedback action={action} />
      {poll.status === 'open' ? (
        <>
          <Countdown poll={poll} />
          <PollProgressBar cast={tally?.cast ?? null} eligible={tally?.eligible ?? poll.eligibleCount} />
        </>
      ) : null}
      {poll.result ? <PollResultPanel poll={poll} /> : null}
      {poll.result ? <NamedBallots poll={poll} /> : null}
    </>
  );
}

function NewPollForm({ meetingId, agenda, onCreated }: { meetingId: string; agenda: AgendaItem[]; onCreated(): void }) {
  const { t } = useI18n();
  const [agendaItemId, setAgendaItemId] = useState('');
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<PollKind>('motion');
  const [ballotMode, setBallotMode] = useState<BallotMode>('named');
  const [countdown, setCountdown] = useState('');
  const [options, setOptions] = useState('');
  const [max, setMax] = useState('1');
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();
  const lines = () => options.split('\n').map((l) => l.trim()).filter(Boolean);

  const check = () => {
    const found = !title.trim() ? t('polls.titleRequired') : kind !== 'motion' && lines().length < 2 ? t('polls.optionsRequired') : null;
    setProblem(found);
    return found === null;
  };
  const create = async () => {
    const body: NewPoll = { kind, ballotMode, title: title.trim() };
    if (agendaItemId) body.agendaItemId = agendaItemId;
    if (countdown.trim()) body.countdownSeconds = Number(countdown);
    if (kind !== 'motion') body.options = lines().map((label) => ({ label }));
    if (kind === 'choice') body.maxChoices = Number(max) || 1;
    if (kind === 'election') body.seats = Number(max) || 1;
    const created = await api.createPoll(meetingId, body);
    setTitle('');
    setOptions('');
    onCreated();
    return created;
  };

  return (
    <form className="poll-form" aria-label={t('polls.new')} onSubmit={action.submit(create, { check, done: (p) => t('polls.created', { title: p.title }) })}>
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
      <div className="field-wide">
        <ActionFeedback action={action} />
      </div>
      <div className="field-wide">
        <button type="submit" className="btn btn-primary btn-large" disabled={action.busy}>
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
  return (
    <>
      <PollResultPanel poll={latest} />
      <NamedBallots poll={latest} />
    </>
  );
}
