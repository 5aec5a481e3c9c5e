import type { ReactNode } from 'react';
import type { TaskStatus, TaskView } from '#contracts';
import { formatDateTime, useI18n } from '../i18n/i18n.js';

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-task-${status}`}>{t(`tasks.status.${status}`)}</span>;
}

/** One assigned task: title, status, lead and cooperating units, deadlines, the report once done; `children` = actions. */
export function TaskCard({ task, headingLevel = 3, children }: { task: TaskView; headingLevel?: 3 | 4; children?: ReactNode }) {
  const { t, locale } = useI18n();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <article className="task" aria-labelledby={`task-${task.id}`} data-testid={`task-${task.id}`}>
      <div className="task-head">
        <Heading id={`task-${task.id}`} className="task-title">
          {task.title}
        </Heading>
        <TaskStatusBadge status={task.status} />
        {task.late ? <span className="badge badge-task-overdue">{t('tasks.late')}</span> : null}
      </div>
      <dl className="facts">
        <div>
          <dt>{t('tasks.leadUnit')}</dt>
          <dd>{task.leadUnit.name}</dd>
        </div>
        {task.cooperatingUnits.length ? (
          <div>
            <dt>{t('tasks.cooperating')}</dt>
            <dd>{task.cooperatingUnits.map((u) => u.name).join(', ')}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('tasks.deadline')}</dt>
          <dd>
            <time dateTime={task.deadline}>{formatDateTime(locale, task.deadline)}</time>
          </dd>
        </div>
        {task.reportDeadline ? (
          <div>
            <dt>{t('tasks.reportDeadline')}</dt>
            <dd>
              <time dateTime={task.reportDeadline}>{formatDateTime(locale, task.reportDeadline)}</time>
            </dd>
          </div>
        ) : null}
      </dl>
      {task.expectedOutput ? (
        <p>
          <strong>{t('tasks.expectedOutput')}:</strong> {task.expectedOutput}
        </p>
      ) : null}
      {task.report ? (
        <div className="task-report">
          <p className="small-heading">{t('tasks.reportedAt', { time: formatDateTime(locale, task.reportedAt) })}</p>
          <p className="pre-line">{task.report}</p>
        </div>
      ) : null}
      {children}
    </article>
  );
}
