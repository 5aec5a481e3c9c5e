import { useState } from 'react';
import { api } from '../api/endpoints.js';
import { STAFF_ROLES } from '../api/rules.js';
import type { AgendaItem, ConclusionView, Unit } from '#contracts';
import { useMe } from '../auth/auth.js';
import { ActionFeedback } from '../components/action-feedback.js';
import { ConfirmBox } from '../components/confirm-box.js';
import { ErrorMessage } from '../components/error-message.js';
import { PageHead } from '../components/page-head.js';
import { TaskCard } from '../components/task-card.js';
import { TaskForm } from '../components/task-form.js';
import { useAction } from '../components/use-action.js';
import { useAsync } from '../components/use-async.js';
import { formatDateTime, useI18n } from '../i18n/i18n.js';
import { buildPath } from '../router/match.js';
import { paths, type ScreenProps } from '../routes.js';

/** Conclusions of a meeting grouped by agenda item (then the general ones), each with the tasks it assigns. */
export default function ConclusionsScreen({ params }: ScreenProps) {
  const meetingId = params.meetingId;
  const { t, locale } = useI18n();
  const me = useMe();
  const staff = STAFF_ROLES.includes(me.role);
  const meeting = useAsync((signal) => api.meeting(meetingId, signal), [meetingId]);
  const conclusions = useAsync((signal) => api.conclusions(meetingId, signal), [meetingId]);
  const units = useAsync((signal) => (staff ? api.units(signal) : Promise.resolve<Unit[]>([])), [staff]);
  // locked minutes freeze the conclusions and their tasks (the server refuses with MINUTES_LOCKED)
  const minutes = useAsync((signal) => (staff ? api.minutesOrNull(meetingId, signal) : Promise.resolve(null)), [meetingId, staff]);

  if (meeting.state.status === 'loading' || conclusions.state.status === 'loading' || minutes.state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (meeting.state.status === 'error') return <ErrorMessage error={meeting.state.error} onRetry={meeting.reload} />;
  if (conclusions.state.status === 'error') return <ErrorMessage error={conclusions.state.error} onRetry={conclusions.reload} />;
  if (minutes.state.status === 'error') return <ErrorMessage error={minutes.state.error} onRetry={minutes.reload} />;
  const m = meeting.state.data;
  const agenda = [...(m.agenda ?? [])].sort((a, b) => a.position - b.position);
  const all = [...conclusions.state.data].sort((a, b) => a.position - b.position);
  const unitList = units.state.status === 'done' ? units.state.data : [];
  const lockedAt = minutes.state.status === 'done' && minutes.state.data?.status === 'locked' ? minutes.state.data.lockedAt : null;
  const canWrite = staff && !lockedAt;
  const groups: { key: string; title: string; items: ConclusionView[] }[] = [
    ...agenda.map((a) => ({ key: a.id, title: `${a.position}. ${a.title}`, items: all.filter((c) => c.agendaItemId === a.id) })),
    { key: 'general', title: t('conclusions.general'), items: all.filter((c) => c.agendaItemId === null) },
  ].filter((g) => g.items.length > 0);

  return (
    <article aria-labelledby="conclusions-title">
      <PageHead
        titleId="conclusions-title"
        title={t('conclusions.title')}
        above={m.title}
        links={[
          staff ? { to: buildPath(paths.minutes, { meetingId }), label: t('meeting.minutes') } : null,
          { to: paths.tasks, label: t('nav.tasks') },
          { to: buildPath(paths.meeting, { meetingId }), label: t('console.backToMeeting') },
        ]}
      />
      {lockedAt ? (
        <p className="alert alert-ok" data-testid="conclusions-frozen">
          {t('conclusions.frozen', { time: formatDateTime(locale, lockedAt) })}
        </p>
      ) : null}
      {canWrite ? <AddConclusion meetingId={meetingId} agenda={agenda} onAdded={conclusions.reload} /> : null}
      {units.state.status === 'error' ? <ErrorMessage error={units.state.error} onRetry={units.reload} /> : null}
      {groups.length === 0 ? <p className="empty panel">{t('conclusions.empty')}</p> : null}
      {groups.map((g) => (
        <section key={g.key} className="panel" aria-labelledby={`group-${g.key}`}>
          <h2 id={`group-${g.key}`}>{g.title}</h2>
          <ol className="conclusion-list">
            {g.items.map((c) => (
              <ConclusionItem key={c.id} c={c} all={all} agenda={agenda} units={unitList} canWrite={canWrite} onChanged={conclusions.reload} />
            ))}
          </ol>
        </section>
      ))}
    </article>
  );
}

function AgendaSelect({ id, agenda, value, onChange }: { id: string; agenda: AgendaItem[]; value: string; onChange(v: string): void }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{t('conclusions.agendaItem')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('conclusions.general')}</option>
        {agenda.map((a) => (
          <option key={a.id} value={a.id}>
            {a.position}. {a.title}
          </option>
        ))}
      </select>
    </div>
  );
}

function AddConclusion({ meetingId, agenda, onAdded }: { meetingId: string; agenda: AgendaItem[]; onAdded(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const [agendaItemId, setAgendaItemId] = useState(agenda[0]?.id ?? '');
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const add = async () => {
    if (!text.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    if (await action.run(() => api.createConclusion(meetingId, { agendaItemId: agendaItemId || null, text: text.trim() }), { done: t('conclusions.added') })) {
      setText('');
      onAdded();
    }
  };
  return (
    <form
      className="panel"
      aria-labelledby="add-conclusion"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <h2 id="add-conclusion">{t('conclusions.add')}</h2>
      <AgendaSelect id="conclusion-agenda" agenda={agenda} value={agendaItemId} onChange={setAgendaItemId} />
      <div className="field">
        <label htmlFor="conclusion-text">{t('conclusions.text')}</label>
        <textarea id="conclusion-text" rows={3} maxLength={20000} value={text} aria-invalid={missing || undefined} onChange={(e) => setText(e.target.value)} />
      </div>
      {missing ? (
        <p className="field-error" role="alert">
          {t('conclusions.textRequired')}
        </p>
      ) : null}
      <ActionFeedback action={action} />
      <button type="submit" className="btn btn-primary" disabled={action.busy}>
        {t('conclusions.add')}
      </button>
    </form>
  );
}

function ConclusionItem({ c, all, agenda, units, canWrite, onChanged }: { c: ConclusionView; all: ConclusionView[]; agenda: AgendaItem[]; units: Unit[]; canWrite: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const [mode, setMode] = useState<'view' | 'edit' | 'delete' | 'task'>('view');
  const [text, setText] = useState(c.text);
  const [agendaItemId, setAgendaItemId] = useState(c.agendaItemId ?? '');
  const index = all.findIndex((x) => x.id === c.id);

  const write = async (work: () => Promise<unknown>, done: string) => {
    if (await action.run(work, { done })) setMode('view');
    onChanged();
  };
  const move = (delta: -1 | 1) => {
    const ids = all.map((x) => x.id);
    [ids[index], ids[index + delta]] = [ids[index + delta], ids[index]];
    void write(() => api.reorderConclusions(c.meetingId, ids), t('conclusions.moved'));
  };

  return (
    <li className="conclusion" data-testid={`conclusion-${c.position}`}>
      {mode === 'edit' ? (
        <form
          aria-label={t('conclusions.editFor', { n: c.position })}
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) void write(() => api.updateConclusion(c.meetingId, c.id, { text: text.trim(), agendaItemId: agendaItemId || null }), t('conclusions.saved'));
          }}
        >
          <AgendaSelect id={`agenda-${c.id}`} agenda={agenda} value={agendaItemId} onChange={setAgendaItemId} />
          <div className="field">
            <label htmlFor={`text-${c.id}`}>{t('conclusions.text')}</label>
            <textarea id={`text-${c.id}`} rows={3} maxLength={20000} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={action.busy || !text.trim()}>
              {t('conclusions.save')}
            </button>
            <button type="button" className="btn" onClick={() => setMode('view')}>
              {t('console.confirmNo')}
            </button>
          </div>
        </form>
      ) : (
        <p className="conclusion-text pre-line">
          <strong>{t('conclusions.number', { n: c.position })}</strong> {c.text}
        </p>
      )}
      {canWrite && mode === 'view' ? (
        <div className="button-row">
          <button type="button" className="btn btn-small" onClick={() => setMode('task')} aria-label={t('conclusions.assignFor', { n: c.position })}>
            {t('tasks.assign')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setMode('edit')} aria-label={t('conclusions.editFor', { n: c.position })}>
            {t('common.edit')}
          </button>
          <button type="button" className="btn btn-small" disabled={action.busy || index === 0} onClick={() => move(-1)} aria-label={t('conclusions.upFor', { n: c.position })}>
            ↑
          </button>
          <button type="button" className="btn btn-small" disabled={action.busy || index === all.length - 1} onClick={() => move(1)} aria-label={t('conclusions.downFor', { n: c.position })}>
            ↓
          </button>
          <button type="button" className="btn btn-small" onClick={() => setMode('delete')} aria-label={t('conclusions.deleteFor', { n: c.position })}>
            {t('common.delete')}
          </button>
        </div>
      ) : null}
      {mode === 'delete' ? (
        <ConfirmBox
          id={`delete-${c.id}`}
          text={t('conclusions.confirmDelete', { n: c.position })}
          busy={action.busy}
          onConfirm={() => void write(() => api.deleteConclusion(c.meetingId, c.id), t('conclusions.deleted'))}
          onCancel={() => setMode('view')}
        />
      ) : null}
      {mode === 'task' ? (
        <div className="task-form-wrap">
          <h3>{t('conclusions.assignFor', { n: c.position })}</h3>
          <TaskForm idPrefix={`task-${c.id}`} units={units} busy={action.busy} onSubmit={(task) => void write(() => api.createTask(c.meetingId, c.id, task), t('tasks.assigned', { title: task.title }))} />
          <button type="button" className="btn" onClick={() => setMode('view')}>
            {t('console.confirmNo')}
          </button>
        </div>
      ) : null}
      <ActionFeedback action={action} />
      {c.tasks.length ? (
        <div className="task-list" aria-label={t('conclusions.tasksOf', { n: c.position })} role="group">
          {c.tasks.map((task) => (
            <TaskCard key={task.id} task={task} headingLevel={4} />
          ))}
        </div>
      ) : null}
    </li>
  );
}
