import { useState } from 'react';
import { api } from '../api/endpoints.js';
import type { AgendaItem, AgendaItemInput, MeetingDetail } from '#contracts';
import { useI18n } from '../i18n/i18n.js';
import { ActionFeedback } from './action-feedback.js';
import { ConfirmBox } from './confirm-box.js';
import { useAction } from './use-action.js';

/** The agenda as the secretary edits it: add, edit, delete (confirmed), move up/down with buttons (keyboard-usable). */
export function AgendaEditor({ m, canWrite, onChanged }: { m: MeetingDetail; canWrite: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const agenda = [...(m.agenda ?? [])].sort((a, b) => a.position - b.position);
  const docs = m.documents ?? [];
  return (
    <section className="panel" aria-labelledby="agenda-edit-title">
      <h2 id="agenda-edit-title">{t('meeting.agenda')}</h2>
      {agenda.length === 0 ? <p className="empty">{t('meeting.agendaEmpty')}</p> : null}
      <ol className="agenda agenda-edit">
        {agenda.map((a, i) => (
          <AgendaRow key={a.id} m={m} item={a} index={i} all={agenda} docNames={docs.filter((d) => d.agendaItemId === a.id).map((d) => d.filename)} canWrite={canWrite} onChanged={onChanged} />
        ))}
      </ol>
      {canWrite ? <AddAgendaItem meetingId={m.id} onAdded={onChanged} /> : null}
    </section>
  );
}

function ItemFields({ idPrefix, value, onChange, missing }: { idPrefix: string; value: AgendaItemInput; onChange(v: AgendaItemInput): void; missing: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-title`}>{t('agendaEdit.itemTitle')}</label>
        <input
          id={`${idPrefix}-title`}
          maxLength={500}
          value={value.title}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${idPrefix}-title-error` : undefined}
          onChange={(e) => onChange({ ...value, title: e.target.value })}
        />
        {missing ? (
          <p className="field-error" id={`${idPrefix}-title-error`}>
            {t('agendaEdit.titleRequired')}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-presenter`}>{t('agendaEdit.presenter')}</label>
        <input id={`${idPrefix}-presenter`} maxLength={200} value={value.presenter ?? ''} onChange={(e) => onChange({ ...value, presenter: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-description`}>{t('agendaEdit.description')}</label>
        <textarea id={`${idPrefix}-description`} rows={2} maxLength={10000} value={value.description ?? ''} onChange={(e) => onChange({ ...value, description: e.target.value })} />
      </div>
    </>
  );
}

const clean = (v: AgendaItemInput): AgendaItemInput => ({ title: v.title.trim(), presenter: v.presenter?.trim() || null, description: v.description?.trim() || null });

function AddAgendaItem({ meetingId, onAdded }: { meetingId: string; onAdded(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const empty: AgendaItemInput = { title: '', presenter: '', description: '' };
  const [value, setValue] = useState(empty);
  const [missing, setMissing] = useState(false);
  return (
    <form
      className="subpanel"
      aria-labelledby="agenda-add-title"
      noValidate
      onSubmit={action.submit(() => api.addAgendaItem(meetingId, clean(value)), {
        check: () => {
          const bad = !value.title.trim();
          setMissing(bad);
          if (bad) document.getElementById('agenda-new-title')?.focus();
          return !bad;
        },
        done: () => {
          setValue(empty);
          onAdded();
          return t('agendaEdit.added');
        },
      })}
    >
      <h3 id="agenda-add-title">{t('agendaEdit.add')}</h3>
      <ItemFields idPrefix="agenda-new" value={value} onChange={setValue} missing={missing} />
      <ActionFeedback action={action} />
      <button type="submit" className="btn btn-primary" disabled={action.busy}>
        {t('agendaEdit.add')}
      </button>
    </form>
  );
}

function AgendaRow({ m, item, index, all, docNames, canWrite, onChanged }: { m: MeetingDetail; item: AgendaItem; index: number; all: AgendaItem[]; docNames: string[]; canWrite: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [value, setValue] = useState<AgendaItemInput>({ title: item.title, presenter: item.presenter ?? '', description: item.description ?? '' });
  const [missing, setMissing] = useState(false);
  const label = `${item.position}. ${item.title}`;

  const write = async (work: () => Promise<unknown>, done: string) => {
    if (await action.run(work, { done })) setMode('view');
    onChanged();
  };
  const move = (delta: -1 | 1) => {
    const ids = all.map((x) => x.id);
    [ids[index], ids[index + delta]] = [ids[index + delta], ids[index]];
    void write(() => api.reorderAgenda(m.id, ids), t('agendaEdit.moved', { title: item.title, n: index + 1 + delta })).then(() =>
      // keep the focus on the moved item's button so the keyboard user can keep moving it
      requestAnimationFrame(() => document.getElementById(`agenda-${delta < 0 ? 'up' : 'down'}-${item.id}`)?.focus()),
    );
  };

  return (
    <li className="agenda-item" data-testid={`agenda-item-${item.position}`}>
      {mode === 'edit' ? (
        <form
          aria-label={t('agendaEdit.editFor', { title: label })}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const bad = !value.title.trim();
            setMissing(bad);
            if (!bad) void write(() => api.updateAgendaItem(m.id, item.id, clean(value)), t('agendaEdit.saved'));
          }}
        >
          <ItemFields idPrefix={`agenda-${item.id}`} value={value} onChange={setValue} missing={missing} />
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              {t('agendaEdit.save')}
            </button>
            <button type="button" className="btn" onClick={() => setMode('view')}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <h3 className="agenda-title">{label}</h3>
          {item.presenter ? <p className="muted">{t('meeting.presenter', { name: item.presenter })}</p> : null}
          {item.description ? <p className="pre-line">{item.description}</p> : null}
          {docNames.length > 0 ? <p className="muted small">{t('agendaEdit.documents', { names: docNames.join(', ') })}</p> : null}
        </>
      )}
      {canWrite && mode === 'view' ? (
        <div className="button-row">
          <button type="button" className="btn btn-small" onClick={() => setMode('edit')} aria-label={t('agendaEdit.editFor', { title: label })}>
            {t('common.edit')}
          </button>
          <button type="button" id={`agenda-up-${item.id}`} className="btn btn-small" disabled={action.busy || index === 0} onClick={() => move(-1)} aria-label={t('agendaEdit.upFor', { title: label })}>
            ↑
          </button>
          <button
            type="button"
            id={`agenda-down-${item.id}`}
            className="btn btn-small"
            disabled={action.busy || index === all.length - 1}
            onClick={() => move(1)}
            aria-label={t('agendaEdit.downFor', { title: label })}
          >
            ↓
          </button>
          <button type="button" className="btn btn-small" onClick={() => setMode('delete')} aria-label={t('agendaEdit.deleteFor', { title: label })}>
            {t('common.delete')}
          </button>
        </div>
      ) : null}
      {mode === 'delete' ? (
        <ConfirmBox
          id={`agenda-delete-${item.id}`}
          text={docNames.length > 0 ? t('agendaEdit.confirmDeleteWithDocs', { title: label, n: docNames.length }) : t('agendaEdit.confirmDelete', { title: label })}
          busy={action.busy}
          onConfirm={() => void write(() => api.deleteAgendaItem(m.id, item.id), t('agendaEdit.deleted'))}
          onCancel={() => setMode('view')}
        />
      ) : null}
      <ActionFeedback action={action} />
    </li>
  );
}
