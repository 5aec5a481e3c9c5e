import type { MessageKey } from '../i18n/vi.js';
import type { ConfidenceFlag, ConfidenceGrade, PollResult, PollView } from '#contracts';
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

/** The words of each confidence level (the ballot and the result). */
export const GRADE_KEYS: Record<ConfidenceGrade, MessageKey> = {
  high: 'vote.grade.high',
  medium: 'vote.grade.medium',
  low: 'vote.grade.low',
  trust: 'vote.grade.trust',
  no_trust: 'vote.grade.no_trust',
};
const FLAG_KEYS: Record<ConfidenceFlag, MessageKey> = {
  may_resign: 'vote.flag.may_resign',
  dismissal_proposal: 'vote.flag.dismissal_proposal',
};

/**
 * A confidence rating or no-confidence vote: per official, the count at each level and its share of ALL delegates,
 * and the consequence Resolution 96/2023/QH15 attaches (the server's flags) in words; never "won" or "adopted".
 */
function ConfidenceResult({ poll, headingLevel }: { poll: PollView; headingLevel: 2 | 3 }) {
  const { t, lang } = useI18n();
  const c = poll.result?.confidence;
  if (!c || !poll.result) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const grades: ConfidenceGrade[] = c.mode === 'rating' ? ['high', 'medium', 'low'] : ['trust', 'no_trust'];
  const members = Math.max(poll.result.members, 1);
  const headingId = `result-${poll.id}`;
  return (
    <section className="result" aria-labelledby={headingId}>
      <Heading id={headingId} className="result-title">
        {t('vote.result', { title: poll.title })}
      </Heading>
      <p className="outcome" data-testid="poll-outcome">
        <span className="outcome-label">{t('vote.outcomeIs')}</span> <strong>{outcomeText(t, poll, poll.result.outcome)}</strong>
      </p>
      <p className="muted small">{t('vote.sharesOfAll', { members: poll.result.members, cast: poll.result.cast })}</p>
      <ul className="official-results">
        {c.officials.map((o) => (
          <li key={o.subject} className="official-result" data-testid={`official-${o.subject}`}>
            <Sub className="official-name">
              {o.subject}. {o.name}
            </Sub>
            <table className="result-chart" aria-label={t('vote.officialChart', { name: o.name })}>
              <tbody>
                {grades.map((g) => {
                  const votes = o.counts[g] ?? 0;
                  const share = o.shares[g];
                  return (
                    <tr key={g} data-testid={`official-${o.subject}-${g}`}>
                      <th scope="row">{t(GRADE_KEYS[g])}</th>
                      <td className="result-bar-cell">
                        <span className={`result-bar result-bar-${g}`} style={{ width: `${Math.min(100, (votes / members) * 100)}%` }} aria-hidden="true" />
                      </td>
                      <td className="result-votes">{t('vote.votesOfAll', { votes, pct: (lang === 'en' ? share?.en : share?.vi) ?? '' })}</td>
                    </tr>
                  );
                })}
                {o.notRated > 0 ? (
                  <tr>
                    <th scope="row">{t('vote.notRated')}</th>
                    <td className="result-bar-cell" />
                    <td className="result-votes">{o.notRated}</td>
                  </tr>
                ) : null}
              </tbody>
            </table>
            <p className={o.flags.length ? 'confidence-flag' : 'muted small'} data-testid={`flag-${o.subject}`}>
              {o.flags.length ? o.flags.map((f) => t(FLAG_KEYS[f])).join('; ') : t('vote.noConsequence')}
            </p>
          </li>
        ))}
      </ul>
      <RuleLine poll={poll} />
    </section>
  );
}
