import { useState } from 'react';
import { api, type TaskQuery } from '../api/endpoints.js';
import { STAFF_ROLES } from '../api/rules.js';
import type { TaskStatus, TaskView } from '#contracts';
import { useMe } from '../auth/auth.js';
import { ActionFeedback } from '../components/action-feedback.js';
import { DataTable } from '../components/data-table.js';
import { DownloadButton } from '../components/download-button.js';
import { ErrorMessage } from '../components/error-message.js';
import { ConfirmBox } from '../components/confirm-box.js';
import { TaskCard } from '../components/task-card.js';
import { isoOf } from '../components/task-form.js';
import { useAction } from '../components/use-action.js';
import { useAsync } from '../components/use-async.js';
import { useI18n } from '../i18n/i18n.js';
import { buildPath } from '../router/match.js';
import { Link } from '../router/router.js';
import type { ScreenProps } from '../routes.js';
import { paths } from '../routes.js';

const STATUSES: TaskStatus[] = ['open', 'in_progress', 'overdue', 'done'];

/** Assigned tasks: a lead unit's people start and report theirs; staff see every unit's counts and every task. */
export default function TasksScreen(_props: ScreenProps) {
  const { t } = useI18n();
  const me = useMe();
  const staff = STAFF_ROLES.includes(me.role);
  return (
    <article aria-labelledby="tasks-title">
      <div className="page-head">
        <h1 id="tasks-title">{t('tasks.title')}</h1>
      </div>
      {me.delegateId ? <MyTasksSection hideWithoutUnit={staff} /> : null}
      {staff ? (
        <>
          <Dashboard />
          <AllTasks />
        </>
      ) : null}
    </article>
  );
}

function MyTasksSection({ hideWithoutUnit }: { hideWithoutUnit: boolean }) {
  const { t } = useI18n();
  const { state, reload } = useAsync((signal) => api.myTasks(signal), []);
  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={reload} />;
  const mine = state.data;
  if (!mine.unit && hideWithoutUnit) return null;
  return (
    <section className="panel" aria-labelledby="my-tasks">
      <h2 id="my-tasks">{mine.unit ? t('tasks.mineOf', { unit: mine.unit.name }) : t('tasks.mine')}</h2>
      {mine.unit ? null : <p className="empty">{t('tasks.noUnit')}</p>}
      {mine.unit && mine.lead.length === 0 ? <p className="empty">{t('tasks.noneLead')}</p> : null}
      <div className="task-list">
        {mine.lead.map((task) => (
          <TaskCard key={task.id} task={task}>
            <LeadActions task={task} onChanged={reload} />
          </TaskCard>
        ))}
      </div>
      {mine.cooperating.length ? (
        <>
          <h3>{t('tasks.cooperatingOn')}</h3>
          <div className="task-list">
            {mine.cooperating.map((task) => (
              <TaskCard key={task.id} task={task} headingLevel={4} />
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}

/** Start an open task; report a task done (open, in progress or overdue). */
function LeadActions({ task, onChanged }: { task: TaskView; onChanged(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const [report, setReport] = useState('');
  const [missing, setMissing] = useState(false);
  const act = async (work: () => Promise<unknown>, done: string) => {
    await action.run(work, { done });
    onChanged();
  };
  const complete = () => {
    if (!report.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    void act(() => api.completeTask(task.id, report.trim()), t('tasks.completed'));
  };
  return (
    <div className="task-actions">
      <ActionFeedback action={action} />
      {task.status === 'open' ? (
        <button type="button" className="btn" disabled={action.busy} onClick={() => void act(() => api.startTask(task.id), t('tasks.started'))} aria-label={t('tasks.startFor', { title: task.title })}>
          {t('tasks.start')}
        </button>
      ) : null}
      {task.status !== 'done' ? (
        <form
          aria-label={t('tasks.completeFor', { title: task.title })}
          onSubmit={(e) => {
            e.preventDefault();
            complete();
          }}
        >
          <div className="field">
            <label htmlFor={`report-${task.id}`}>{t('tasks.report')}</label>
            <textarea id={`report-${task.id}`} rows={3} maxLength={20000} value={report} aria-invalid={missing || undefined} onChange={(e) => setReport(e.target.value)} />
          </div>
          {missing ? (
            <p className="field-error" role="alert">
              {t('tasks.reportRequired')}
            </p>
          ) : null}
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {t('tasks.complete')}
          </button>
        </form>
      ) : null}
    </div>
  );
}

function Dashboard() {
  const { t } = useI18n();
  const { state, reload } = useAsync((signal) => api.taskDashboard(signal), []);
  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={reload} />;
  return (
    <section className="panel" aria-labelledby="task-dashboard">
      <h2 id="task-dashboard">{t('tasks.dashboard')}</h2>
      <DataTable
        rows={state.data}
        rowKey={(row) => row.unit.id}
        rowTestId={(row) => `dashboard-${row.unit.code}`}
        testId="task-dashboard"
        columns={[
          { header: t('tasks.unit'), rowHeader: true, cell: (row) => row.unit.name },
          { header: t('tasks.status.open'), cell: (row) => row.open },
          { header: t('tasks.status.in_progress'), cell: (row) => row.inProgress },
          { header: t('tasks.status.done'), cell: (row) => row.done },
          { header: t('tasks.status.overdue'), cell: (row) => row.overdue, cellProps: (row) => ({ className: row.overdue > 0 ? 'overdue-count' : undefined }) },
          { header: t('tasks.total'), cell: (row) => row.total },
        ]}
      />
    </section>
  );
}

function AllTasks() {
  const { t } = useI18n();
  const [query, setQuery] = useState<TaskQuery>({});
  const units = useAsync((signal) => api.units(signal), []);
  const { state, reload } = useAsync((signal) => api.tasks(query, signal), [query.status, query.unitId]);
  return (
    <section className="panel" aria-labelledby="all-tasks">
      <h2 id="all-tasks">{t('tasks.all')}</h2>
      <div className="task-filters">
        <div className="field">
          <label htmlFor="task-status">{t('tasks.filterStatus')}</label>
          <select id="task-status" value={query.status ?? ''} onChange={(e) => setQuery({ ...query, status: (e.target.value || undefined) as TaskStatus | undefined })}>
            <option value="">{t('tasks.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`tasks.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="task-unit">{t('tasks.filterUnit')}</label>
          <select id="task-unit" value={query.unitId ?? ''} onChange={(e) => setQuery({ ...query, unitId: e.target.value || undefined })}>
            <option value="">{t('tasks.any')}</option>
            {units.state.status === 'done'
              ? units.state.data.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))
              : null}
          </select>
        </div>
        <DownloadButton label={t('tasks.exportXlsx')} fallbackName="nhiem-vu.xlsx" load={() => api.tasksXlsx(query)} />
      </div>
      {state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} onRetry={reload} /> : null}
      {state.status === 'done' && state.data.length === 0 ? <p className="empty">{t('tasks.empty')}</p> : null}
      {state.status === 'done' ? (
        <div className="task-list">
          {state.data.map((task) => (
            <TaskCard key={task.id} task={task}>
              <StaffActions task={task} onChanged={reload} />
              <Link to={buildPath(paths.conclusions, { meetingId: task.meetingId })}>{t('tasks.openConclusions')}</Link>
            </TaskCard>
          ))}
        </div>
      ) : null}
    </section>
  );
}

/** Staff extend a task's deadline (gia hạn; an overdue task given a later deadline is active again) or delete it. */
function StaffActions({ task, onChanged }: { task: TaskView; onChanged(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const [mode, setMode] = useState<'view' | 'extend' | 'delete'>('view');
  const [deadline, setDeadline] = useState('');
  const [missing, setMissing] = useState(false);
  const write = async (work: () => Promise<unknown>, done: string) => {
    if (await action.run(work, { done })) setMode('view');
    onChanged();
  };
  const extend = () => {
    const due = isoOf(deadline);
    setMissing(!due);
    if (due) void write(() => api.updateTask(task.id, { deadline: due }), t('tasks.extended'));
  };
  return (
    <div className="task-actions">
      <ActionFeedback action={action} />
      {mode === 'view' ? (
        <div className="button-row">
          {task.status !== 'done' ? (
            <button type="button" className="btn btn-small" onClick={() => setMode('extend')} aria-label={t('tasks.extendFor', { title: task.title })}>
              {t('tasks.extend')}
            </button>
          ) : null}
          <button type="button" className="btn btn-small" onClick={() => setMode('delete')} aria-label={t('tasks.deleteFor', { title: task.title })}>
            {t('common.delete')}
          </button>
        </div>
      ) : null}
      {mode === 'extend' ? (
        <form
          aria-label={t('tasks.extendFor', { title: task.title })}
          onSubmit={(e) => {
            e.preventDefault();
            extend();
          }}
        >
          <div className="field">
            <label htmlFor={`extend-${task.id}`}>{t('tasks.newDeadline')}</label>
            <input id={`extend-${task.id}`} type="datetime-local" value={deadline} aria-invalid={missing || undefined} onChange={(e) => setDeadline(e.target.value)} />
          </div>
          {missing ? (
            <p className="field-error" role="alert">
              {t('tasks.newDeadlineRequired')}
            </p>
          ) : null}
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              {t('tasks.extendSave')}
            </button>
            <button type="button" className="btn" onClick={() => setMode('view')}>
              {t('console.confirmNo')}
            </button>
          </div>
        </form>
      ) : null}
      {mode === 'delete' ? (
        <ConfirmBox id={`delete-task-${task.id}`} text={t('tasks.confirmDelete', { title: task.title })} busy={action.busy} onConfirm={() => void write(() => api.deleteTask(task.id), t('tasks.deleted'))} onCancel={() => setMode('view')} />
      ) : null}
    </div>
  );
}
