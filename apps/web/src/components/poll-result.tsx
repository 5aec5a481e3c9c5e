import type { MessageKey } from '../i18n/vi.js';
import type { PollResult, PollView } from '#contracts';
import { isMessageKey, useI18n } from '../i18n/i18n.js';

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
  const outcomeKey = `vote.outcome.${result.outcome}`;
  const outcome = isMessageKey(outcomeKey) ? t(outcomeKey) : result.outcome;
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
        {outcome}
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
      <p className="muted small">{t('vote.rule', { rule: poll.ruleText })}</p>
    </section>
  );
}
