import type { MessageKey } from '../i18n/vi.js';
import type { PollResult, PollView } from '#contracts';
import { isMessageKey, useI18n, type I18n } from '../i18n/i18n.js';

interface Row {
  id: string;
  label: string;
  votes: number;
  won?: boolean;
}

/** The rows of the chart: a motion's three sides, or a choice/election poll's ranking. */
function rowsOf(poll: PollView, result: PollResult, t: (k: MessageKey) => string): Row[] {
  if (result.motion) {
    return [
      { id: 'for', label: t('vote.for'), votes: result.motion.forVotes },
      { id: 'against', label: t('vote.against'), votes: result.motion.againstVotes },
      { id: 'abstain', label: t('vote.abstain'), votes: result.motion.abstainVotes },
    ];
  }
  const ranking = result.choice?.ranking ?? [];
  return ranking.length > 0 ? ranking.map((r) => ({ id: r.id, label: r.label, votes: r.votes, won: r.won })) : poll.options.map((o) => ({ id: o.id, label: o.label, votes: 0 }));
}

/**
 * A published (or, for staff, closed) result: the outcome, the counts as a bar chart with numbers, and the rule
 * engine's arithmetic line in the reader's language (the server writes "vi | en"). Big enough for a projector.
 */
export function PollResultPanel({ poll, headingLevel = 3 }: { poll: PollView; headingLevel?: 2 | 3 }) {
  const { t, lang } = useI18n();
  const result = poll.result;
  if (!result) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const outcome = outcomeText(t, poll, result.outcome);
  if (result.confidence) return <ConfidenceResult poll={poll} headingLevel={headingLevel} />;
  const rows = rowsOf(poll, result, t);
  const base = Math.max(result.cast, 1);
  const [vi, en] = result.arithmetic.split(' | ');
  const arithmetic = lang === 'en' && en ? en : vi;
  const headingId = `result-${poll.id}`;
  return (
    <section className="result" aria-labelledby={headingId}>
      <Heading id={headingId} className="result-title">
        {t('vote.result', { title: poll.title })}
      </Heading>
      <p className={`outcome outcome-${result.outcome}`} data-testid="poll-outcome">
        <span className="outcome-label">{t('vote.outcomeIs')}</span> <strong>{outcome}</strong>
      </p>
      <table className="result-chart" aria-label={t('vote.chart', { title: poll.title })}>
        <tbody>
          {rows.map((r) => {
            const pct = Math.round((r.votes / base) * 1000) / 10;
            return (
              <tr key={r.id} data-testid={`result-row-${r.id}`}>
                <th scope="row">
                  {r.label}
                  {r.won ? <span className="won"> ({t('vote.won')})</span> : null}
                </th>
                <td className="result-bar-cell">
                  <span className={`result-bar result-bar-${r.id}`} style={{ width: `${Math.min(100, pct)}%` }} aria-hidden="true" />
                </td>
                <td className="result-votes" data-testid={`votes-${r.id}`}>
                  {t('vote.votesOf', { votes: r.votes, pct })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className="facts result-facts">
        <div>
          <dt>{t('vote.cast')}</dt>
          <dd data-testid="result-cast">{result.cast}</dd>
        </div>
        <div>
          <dt>{t('vote.present')}</dt>
          <dd>{result.present}</dd>
        </div>
        <div>
          <dt>{t('vote.members')}</dt>
          <dd>{result.members}</dd>
        </div>
      </dl>
      <p className="arithmetic">
        <strong>{t('vote.arithmetic')}:</strong> <span data-testid="arithmetic">{arithmetic}</span>
      </p>
      <RuleLine poll={poll} />
    </section>
  );
}

/** The outcome in words; an election's seats read as people elected, a multiple choice's as options chosen. */
export function outcomeText(t: I18n['t'], poll: Pick<PollView, 'kind'>, outcome: string): string {
  const election = `vote.outcome.${outcome}.election`;
  if (poll.kind === 'election' && isMessageKey(election)) return t(election);
  const key = `vote.outcome.${outcome}`;
  return isMessageKey(key) ? t(key) : outcome;
}

/** The rule in words and where it comes from; an administrator's override with its basis. */
export function RuleLine({ poll }: { poll: PollView }) {
  const { t, lang } = useI18n();
  return (
    <>
      <p className="muted small" data-testid="rule-words">
        {t('vote.rule', { rule: poll.ruleWords ? (lang === 'en' ? poll.ruleWords.en : poll.ruleWords.vi) : poll.ruleText })}
      </p>
      {poll.legalBasis ? <p className="muted small">{t('vote.basis', { basis: poll.legalBasis })}</p> : null}
      {poll.override ? <p className="small">{t('vote.override', { basis: poll.override.basis })}</p> : null}
    </>
  );
}

const GRADES: Record<string, MessageKey[]> = {
  rating: ['vote.grade.high', 'vote.grade.medium', 'vote.grade.low'],
  no_confidence: ['vote.grade.trust', 'vote.grade.no_trust'],
};

/** A confidence rating or no-confidence vote: per official, counts and shares of ALL delegates, and the consequences; never "won". */
function ConfidenceResult({ poll, headingLevel }: { poll: PollView; headingLevel: 2 | 3 }) {
  const { t, lang } = useI18n();
  const c = poll.result?.confidence;
  if (!c || !poll.result) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const keys = GRADES[c.mode] ?? [];
  const grades = c.mode === 'rating' ? ['high', 'medium', 'low'] : ['trust', 'no_trust'];
  const headingId = `result-${poll.id}`;
  return (
    <section className="result" aria-labelledby={headingId}>
      <Heading id={headingId} className="result-title">
        {t('vote.result', { title: poll.title })}
      </Heading>
      <p className="outcome" data-testid="poll-outcome">
        <span className="outcome-label">{t('vote.outcomeIs')}</span> <strong>{outcomeText(t, poll, poll.result.outcome)}</strong>
      </p>
      <div className="table-scroll">
        <table className="data-table" aria-label={t('vote.chart', { title: poll.title })}>
          <thead>
            <tr>
              <th scope="col">{t('vote.official')}</th>
              {keys.map((k) => (
                <th scope="col" key={k}>
                  {t(k)}
                </th>
              ))}
              <th scope="col">{t('vote.consequence')}</th>
            </tr>
          </thead>
          <tbody>
            {c.officials.map((o) => (
              <tr key={o.subject} data-testid={`official-${o.subject}`}>
                <th scope="row">{o.name}</th>
                {grades.map((g) => (
                  <td key={g}>
                    {o.counts[g] ?? 0} ({lang === 'en' ? o.shares[g]?.en : o.shares[g]?.vi})
                  </td>
                ))}
                <td>{o.flags.length ? o.flags.map((f) => (isMessageKey(`vote.flag.${f}`) ? t(`vote.flag.${f}` as MessageKey) : f)).join('; ') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('vote.sharesOfAll', { members: poll.result.members, cast: poll.result.cast })}</p>
      <RuleLine poll={poll} />
    </section>
  );
}
