import { useState, type ReactNode } from 'react';
import { api } from '../api/endpoints.js';
import type { AgendaItem, BallotMode, MeetingDetail, NewPoll, PollKind, PollView } from '#contracts';
import { useMe } from '../auth/auth.js';
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
import { useAsync } from './use-async.js';

type Step = 'open' | 'close' | 'publish';
const NEXT: Partial<Record<PollView['status'], Step>> = { draft: 'open', open: 'close', closed: 'publish' };

/** The secretary's polls: create one on an agenda item, then open, close and publish it; results once closed. */
export function PollsPanel({ meetingId, agenda, profile, closed = false }: { meetingId: string; agenda: AgendaItem[]; profile?: MeetingDetail['legalProfile']; closed?: boolean }) {
  const { t } = useI18n();
  const { state, reload, tallies } = useLivePolls(meetingId);

  return (
    <section className="panel" aria-labelledby="polls-title">
      <h2 id="polls-title">{t('polls.title')}</h2>
      {closed ? <p className="alert alert-ok">{t('polls.meetingClosed')}</p> : <NewPollForm meetingId={meetingId} agenda={agenda} profile={profile} onCreated={reload} />}
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
  const { t, lang } = useI18n();
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
            {poll.decisionType ? `${lang === 'en' ? poll.decisionType.label.en : poll.decisionType.label.vi} · ` : ''}
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

type Profile = NonNullable<MeetingDetail['legalProfile']>;
const OVERRIDE_PRESETS = ['simple_majority_present', 'two_thirds_members', 'three_quarters_members', 'peoples_committee'] as const;
const FREE_KINDS: PollKind[] = ['motion', 'choice', 'election', 'confidence', 'no_confidence'];
const isConfidenceKind = (k: PollKind): boolean => k === 'confidence' || k === 'no_confidence';
const MIN_BASIS = 10;

interface OfficialRow {
  key: number;
  name: string;
  office: string;
  /** The delegate the official is, when they are one (optional). */
  delegateId: string;
}

/**
 * A new poll, created as one of the decision types of the body's legal profile: the type fixes the poll kinds, the
 * rule (shown in words with its legal basis, locked for the secretary) and secrecy where the law requires it. An
 * administrator may apply another rule only with its legal basis (stored and audited by the server).
 */
function NewPollForm({ meetingId, agenda, profile, onCreated }: { meetingId: string; agenda: AgendaItem[]; profile?: Profile; onCreated(): void }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const types = profile?.decisionTypes ?? [];
  const [typeCode, setTypeCode] = useState(profile?.defaultDecisionType ?? types[0]?.code ?? '');
  const type = types.find((d) => d.code === typeCode);
  const kinds = type ? type.pollKinds : FREE_KINDS;
  const [agendaItemId, setAgendaItemId] = useState('');
  const [title, setTitle] = useState('');
  const [kindChoice, setKind] = useState<PollKind>('motion');
  const kind = kinds.includes(kindChoice) ? kindChoice : kinds[0];
  const [modeChoice, setBallotMode] = useState<BallotMode>('named');
  // the law's secret ballot (elections, dismissals, confidence votes) is not a choice
  const secretLocked = !!type?.secret || isConfidenceKind(kind);
  const ballotMode: BallotMode = secretLocked ? 'secret' : modeChoice;
  const [countdown, setCountdown] = useState('');
  const [options, setOptions] = useState('');
  const [max, setMax] = useState('1');
  const [officials, setOfficials] = useState<OfficialRow[]>([{ key: 1, name: '', office: '', delegateId: '' }]);
  const [overriding, setOverriding] = useState(false);
  const [preset, setPreset] = useState<(typeof OVERRIDE_PRESETS)[number]>('simple_majority_present');
  const [basis, setBasis] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();
  // the meeting's delegates, offered for "this official is delegate …" on a confidence ballot
  const people = useAsync((signal) => (isConfidenceKind(kind) ? api.invitations(meetingId, signal) : Promise.resolve([])), [meetingId, isConfidenceKind(kind)]);
  const invited = people.state.status === 'done' ? people.state.data : [];
  const admin = me.role === 'admin';
  const canOverride = admin && !isConfidenceKind(kind);
  const lines = () => options.split('\n').map((l) => l.trim()).filter(Boolean);
  const named = () => officials.filter((o) => o.name.trim());
  const words = (w: { vi: string; en: string }) => (lang === 'en' ? w.en : w.vi);

  const check = () => {
    const found = !title.trim()
      ? t('polls.titleRequired')
      : isConfidenceKind(kind)
        ? named().length < 1
          ? t('polls.officialsRequired')
          : null
        : kind !== 'motion' && lines().length < 2
          ? t('polls.optionsRequired')
          : overriding && canOverride && basis.trim().length < MIN_BASIS
            ? t('polls.overrideBasisRequired')
            : null;
    setProblem(found);
    return found === null;
  };
  const create = async () => {
    const body: NewPoll = { kind, ballotMode, title: title.trim() };
    if (type) body.decisionType = type.code;
    if (agendaItemId) body.agendaItemId = agendaItemId;
    if (countdown.trim()) body.countdownSeconds = Number(countdown);
    if (isConfidenceKind(kind)) {
      body.officials = named().map((o) => ({ name: o.name.trim(), ...(o.office.trim() ? { office: o.office.trim() } : {}), ...(o.delegateId ? { delegateId: o.delegateId } : {}) }));
    }
    else if (kind !== 'motion') body.options = lines().map((label) => ({ label }));
    if (kind === 'choice') body.maxChoices = Number(max) || 1;
    if (kind === 'election') body.seats = Number(max) || 1;
    if (overriding && canOverride) {
      body.rule = preset;
      body.overrideBasis = basis.trim();
    }
    const created = await api.createPoll(meetingId, body);
    setTitle('');
    setOptions('');
    setOfficials([{ key: 1, name: '', office: '', delegateId: '' }]);
    setOverriding(false);
    setBasis('');
    onCreated();
    return created;
  };
  const setOfficial = (key: number, patch: Partial<OfficialRow>) => {
    setOfficials((all) => all.map((o) => (o.key === key ? { ...o, ...patch } : o)));
    // a name typed answers "give at least one name"
    if (patch.name?.trim() && problem === t('polls.officialsRequired')) setProblem(null);
  };

  return (
    <form className="poll-form" aria-label={t('polls.new')} onSubmit={action.submit(create, { check, done: (p) => t('polls.created', { title: p.title }) })}>
      {types.length > 0 ? (
        <div className="field field-wide">
          <label htmlFor="poll-decision-type">{t('polls.decisionType')}</label>
          <select id="poll-decision-type" value={typeCode} onChange={(e) => setTypeCode(e.target.value)}>
            {types.map((d) => (
              <option key={d.code} value={d.code}>
                {words(d.label)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {type ? (
        <div className="rule-box field-wide" data-testid="decision-rule" aria-live="polite">
          <p>
            <strong>{t('polls.ruleLabel', { rule: words(type.rule) })}</strong>
          </p>
          <p className="small">
            {t('polls.basisLabel', { basis: type.basis })}
            {type.toVerify ? ` ${t('polls.toVerify')}` : ''}
          </p>
          {type.secret ? <p className="small">{t('polls.secretRequired')}</p> : null}
          {profile?.locked && !admin ? <p className="small">{t('polls.ruleLocked')}</p> : null}
        </div>
      ) : null}
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
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`vote.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="poll-mode">{t('polls.ballotMode')}</label>
        <select id="poll-mode" value={ballotMode} disabled={secretLocked} aria-describedby={secretLocked ? 'poll-mode-help' : undefined} onChange={(e) => setBallotMode(e.target.value as BallotMode)}>
          {(['named', 'secret'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`vote.mode.${k}`)}
            </option>
          ))}
        </select>
        {secretLocked ? (
          <p id="poll-mode-help" className="muted small">
            {t('polls.secretLocked')}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="poll-countdown">{t('polls.countdown')}</label>
        <input id="poll-countdown" type="number" min={5} max={86400} inputMode="numeric" value={countdown} onChange={(e) => setCountdown(e.target.value)} />
      </div>
      {isConfidenceKind(kind) ? (
        <fieldset className="officials-editor field-wide">
          <legend>{t('polls.officials')}</legend>
          {officials.map((o, i) => (
            <div key={o.key} className="official-row">
              <div className="field">
                <label htmlFor={`official-name-${o.key}`}>{t('polls.officialName', { n: i + 1 })}</label>
                <input id={`official-name-${o.key}`} maxLength={280} value={o.name} onChange={(e) => setOfficial(o.key, { name: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`official-office-${o.key}`}>{t('polls.officialOffice', { n: i + 1 })}</label>
                <input id={`official-office-${o.key}`} maxLength={190} value={o.office} onChange={(e) => setOfficial(o.key, { office: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`official-delegate-${o.key}`}>{t('polls.officialDelegate', { n: i + 1 })}</label>
                <select
                  id={`official-delegate-${o.key}`}
                  value={o.delegateId}
                  onChange={(e) => {
                    const who = invited.find((d) => d.delegateId === e.target.value);
                    setOfficial(o.key, { delegateId: e.target.value, ...(who && !o.name.trim() ? { name: who.fullName, office: o.office || (who.title ?? '') } : {}) });
                  }}
                >
                  <option value="">{t('polls.officialNotDelegate')}</option>
                  {invited.map((d) => (
                    <option key={d.delegateId} value={d.delegateId}>
                      {d.fullName}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                className="btn"
                disabled={officials.length === 1}
                aria-label={t('polls.removeOfficial', { n: i + 1 })}
                onClick={() => setOfficials((all) => all.filter((x) => x.key !== o.key))}
              >
                {t('polls.removeOfficialShort')}
              </button>
            </div>
          ))}
          <button type="button" className="btn" onClick={() => setOfficials((all) => [...all, { key: Math.max(...all.map((x) => x.key)) + 1, name: '', office: '', delegateId: '' }])}>
            {t('polls.addOfficial')}
          </button>
        </fieldset>
      ) : kind !== 'motion' ? (
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
      {canOverride ? (
        <div className="field-wide">
          <div className="field field-check">
            <input id="poll-override" type="checkbox" checked={overriding} onChange={(e) => setOverriding(e.target.checked)} />
            <label htmlFor="poll-override">{t('polls.override')}</label>
          </div>
          {overriding ? (
            <>
              <div className="field">
                <label htmlFor="poll-override-rule">{t('polls.overrideRule')}</label>
                <select id="poll-override-rule" value={preset} onChange={(e) => setPreset(e.target.value as (typeof OVERRIDE_PRESETS)[number])}>
                  {OVERRIDE_PRESETS.map((p) => (
                    <option key={p} value={p}>
                      {t(`polls.preset.${p}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="poll-override-basis">{t('polls.overrideBasis')}</label>
                <textarea id="poll-override-basis" rows={2} maxLength={1000} value={basis} aria-invalid={problem === t('polls.overrideBasisRequired') || undefined} onChange={(e) => setBasis(e.target.value)} />
              </div>
            </>
          ) : null}
        </div>
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
