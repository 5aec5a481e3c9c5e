import { useState } from 'react';
import type { NewTask, Unit } from '#contracts';
import { useI18n } from '../i18n/i18n.js';

/** `datetime-local` value (the device's zone, Hanoi in the hall) as an ISO instant, or null when empty/invalid. */
export function isoOf(local: string): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Assigns a task under a conclusion: one lead unit, cooperating units, deadline and optional report deadline. */
export function TaskForm({ idPrefix, units, busy, onSubmit }: { idPrefix: string; units: Unit[]; busy: boolean; onSubmit(task: NewTask): void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [expectedOutput, setExpectedOutput] = useState('');
  const [leadUnitId, setLeadUnitId] = useState('');
  const [cooperating, setCooperating] = useState<string[]>([]);
  const [deadline, setDeadline] = useState('');
  const [reportDeadline, setReportDeadline] = useState('');
  const [missing, setMissing] = useState(false);
  const id = (name: string) => `${idPrefix}-${name}`;

  const submit = () => {
    const due = isoOf(deadline);
    if (!title.trim() || !leadUnitId || !due) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const report = isoOf(reportDeadline);
    onSubmit({
      title: title.trim(),
      leadUnitId,
      deadline: due,
      cooperatingUnitIds: cooperating.filter((u) => u !== leadUnitId),
      ...(expectedOutput.trim() ? { expectedOutput: expectedOutput.trim() } : {}),
      ...(report ? { reportDeadline: report } : {}),
    });
  };

  return (
    <form
      className="task-form"
      aria-label={t('tasks.assign')}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="field">
        <label htmlFor={id('title')}>{t('tasks.titleField')}</label>
        <input id={id('title')} maxLength={1000} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={id('output')}>{t('tasks.expectedOutput')}</label>
        <input id={id('output')} maxLength={5000} value={expectedOutput} onChange={(e) => setExpectedOutput(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={id('lead')}>{t('tasks.leadUnit')}</label>
        <select id={id('lead')} value={leadUnitId} onChange={(e) => setLeadUnitId(e.target.value)}>
          <option value="">{t('tasks.chooseUnit')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="unit-checks">
        <legend>{t('tasks.cooperating')}</legend>
        {units
          .filter((u) => u.id !== leadUnitId)
          .map((u) => (
            <label key={u.id} className="field-check choice">
              <input type="checkbox" checked={cooperating.includes(u.id)} onChange={(e) => setCooperating((all) => (e.target.checked ? [...all, u.id] : all.filter((x) => x !== u.id)))} />
              <span>{u.name}</span>
            </label>
          ))}
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor={id('deadline')}>{t('tasks.deadline')}</label>
          <input id={id('deadline')} type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={id('report')}>{t('tasks.reportDeadlineOptional')}</label>
          <input id={id('report')} type="datetime-local" value={reportDeadline} onChange={(e) => setReportDeadline(e.target.value)} />
        </div>
      </div>
      {missing ? (
        <p className="field-error" role="alert">
          {t('tasks.required')}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('tasks.assign')}
      </button>
    </form>
  );
}
