import { useState } from 'react';
import { api } from '../api/endpoints.js';
import { STAFF_ROLES } from '../api/rules.js';
import type { OpinionRound } from '#contracts';
import { useMe } from '../auth/auth.js';
import { ErrorMessage } from '../components/error-message.js';
import { useAsync } from '../components/use-async.js';
import { formatDateTime, useI18n } from '../i18n/i18n.js';
import { buildPath } from '../router/match.js';
import { Link } from '../router/router.js';
import { paths } from '../routes.js';

/** Written opinion rounds: staff see all and create one (a draft, sent from its page); members see those sent to them. */
export default function RoundsScreen() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { state, reload } = useAsync((signal) => api.rounds(signal), []);
  const staff = STAFF_ROLES.includes(me.role);
  const canCreate = me.role === 'admin' || me.role === 'secretary';
  return (
    <article aria-labelledby="rounds-title">
      <div className="page-head">
        <h1 id="rounds-title">{t('rounds.title')}</h1>
      </div>
      {canCreate ? <NewRoundForm onCreated={reload} /> : null}
      <section className="panel" aria-labelledby="rounds-list">
        <h2 id="rounds-list">{staff ? t('rounds.all') : t('rounds.mine')}</h2>
        {state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
        {state.status === 'error' ? <ErrorMessage error={state.error} onRetry={reload} /> : null}
        {state.status === 'done' && state.data.length === 0 ? <p className="empty">{t('rounds.empty')}</p> : null}
        {state.status === 'done' && state.data.length > 0 ? (
          <ul className="card-list">
            {state.data.map((r: OpinionRound) => (
              <li key={r.id} className="card">
                <p className="card-title">
                  <Link to={buildPath(paths.round, { roundId: r.id })}>{r.title}</Link>
                </p>
                <p className="muted small">
                  {t(`rounds.status.${r.status}`)} · {t('rounds.deadline', { time: formatDateTime(locale, r.deadline) })} · {t('rounds.answered', { n: r.answered, total: r.recipients })}
                </p>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </article>
  );
}

function NewRoundForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const bodies = useAsync(
    (signal) => api.meetings(signal).then((ms) => [...new Map(ms.filter((m) => m.body).map((m) => [m.body!.id, m.body!])).values()]),
    [],
  );
  const [bodyId, setBodyId] = useState('');
  const [title, setTitle] = useState('');
  const [deadline, setDeadline] = useState('');
  const [questions, setQuestions] = useState('');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = bodies.state.status === 'done' ? bodies.state.data : [];
  const body = bodyId || list[0]?.id || '';

  const submit = async () => {
    const qs = questions.split('\n').map((q) => q.trim()).filter(Boolean);
    const when = deadline ? new Date(deadline) : null;
    if (!body || !title.trim() || !when || Number.isNaN(when.getTime()) || qs.length === 0) {
      setProblem(t('rounds.required'));
      return;
    }
    setProblem(null);
    setBusy(true);
    setError(null);
    try {
      const created = await api.createRound({ bodyId: body, title: title.trim(), ...(description.trim() ? { description: description.trim() } : {}), deadline: when.toISOString(), questions: qs });
      setDone(t('rounds.created', { title: created.title }));
      setTitle('');
      setDescription('');
      setQuestions('');
      onCreated();
    } catch (err: unknown) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="round-new">
      <h2 id="round-new">{t('rounds.new')}</h2>
      <form
        className="poll-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor="round-body">{t('rounds.body')}</label>
          <select id="round-body" value={body} onChange={(e) => setBodyId(e.target.value)}>
            {list.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="round-deadline">{t('rounds.deadlineField')}</label>
          <input id="round-deadline" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        </div>
        <div className="field field-wide">
          <label htmlFor="round-title">{t('rounds.titleField')}</label>
          <input id="round-title" maxLength={500} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field field-wide">
          <label htmlFor="round-description">{t('rounds.descriptionField')}</label>
          <textarea id="round-description" rows={4} maxLength={20000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <div className="field field-wide">
          <label htmlFor="round-questions">{t('rounds.questionsField')}</label>
          <textarea id="round-questions" rows={3} value={questions} onChange={(e) => setQuestions(e.target.value)} />
        </div>
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
        {done ? (
          <p className="alert alert-ok field-wide" role="status">
            {done}
          </p>
        ) : null}
        <div className="field-wide">
          <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
            {t('rounds.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
