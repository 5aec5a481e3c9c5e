import { api } from '../api/endpoints.js';
import type { PollView, PublishedBallot } from '#contracts';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage } from './error-message.js';
import { useAsync } from './use-async.js';

type NamedBallot = Extract<PublishedBallot, { delegateId: string }>;

/**
 * Who voted what in a named poll: staff once it is closed, everyone once published (what GET /api/polls/:id gives the
 * reader). A secret poll never gets here: its ballots are receipts only, with no name.
 */
export function NamedBallots({ poll }: { poll: PollView }) {
  const { t } = useI18n();
  const shown = poll.ballotMode === 'named' && (poll.status === 'closed' || poll.status === 'published');
  const given = poll.ballots;
  const loaded = useAsync(
    (signal) => (!shown ? Promise.resolve(null) : given ? Promise.resolve(given) : api.poll(poll.id, signal).then((p) => p.ballots ?? null)),
    [poll.id, poll.status, shown, given],
  );
  if (!shown) return null;
  if (loaded.state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (loaded.state.status === 'error') return <ErrorMessage error={loaded.state.error} onRetry={loaded.reload} />;
  if (loaded.state.data === null) return null;
  const ballots = loaded.state.data.filter((b): b is NamedBallot => 'delegateId' in b);
  const labels = new Map(poll.options.map((o) => [o.id, o.code ? t(`vote.${o.code}`) : o.label]));
  const choiceText = (b: NamedBallot) => (b.choices.length ? b.choices.map((c) => labels.get(c) ?? c).join(', ') : t('named.blank'));
  const headingId = `named-${poll.id}`;
  return (
    <section className="named-ballots" aria-labelledby={headingId} data-testid="named-ballots">
      <h4 id={headingId} className="small-heading">
        {t('named.title', { n: ballots.length })}
      </h4>
      {ballots.length === 0 ? (
        <p className="empty">{t('named.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table named-table">
            <caption className="visually-hidden">{t('named.caption', { title: poll.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('named.who')}</th>
                <th scope="col">{t('named.choice')}</th>
              </tr>
            </thead>
            <tbody>
              {ballots.map((b) => (
                <tr key={b.delegateId} data-testid="named-ballot-row">
                  <th scope="row">
                    {b.fullName}
                    {b.byProxy ? <div className="muted small">{t('named.byProxy', { name: b.byProxy.fullName })}</div> : null}
                  </th>
                  <td>{choiceText(b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
