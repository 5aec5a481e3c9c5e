import { useState } from 'react';
import { api } from '../api/endpoints.js';
import type { Delegate, Unit, UnitFields } from '#contracts';
import { useMe } from '../auth/auth.js';
import { ActionFeedback } from '../components/action-feedback.js';
import { ConfirmBox } from '../components/confirm-box.js';
import { ErrorMessage } from '../components/error-message.js';
import { useAction } from '../components/use-action.js';
import { useAsync } from '../components/use-async.js';
import { useI18n } from '../i18n/i18n.js';
import type { ScreenProps } from '../routes.js';
import { compareNames } from '../i18n/names.js';

const CODE = /^[A-Za-z0-9_-]{1,50}$/;

/** Units (cơ quan, đơn vị) that lead or cooperate on tasks, and who works for each; the admin edits, staff read. */
export default function UnitsScreen(_props: ScreenProps) {
  const { t } = useI18n();
  const me = useMe();
  const admin = me.role === 'admin';
  const units = useAsync((signal) => api.units(signal), []);
  // one page of 500 covers a People's Committee's delegates
  const delegates = useAsync((signal) => api.delegates({ limit: 500, offset: 0 }, signal).then((p) => [...p.items].sort((a, b) => compareNames(a.fullName, b.fullName))), []);
  const create = useAction();

  if (units.state.status === 'loading' || delegates.state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (units.state.status === 'error') return <ErrorMessage error={units.state.error} onRetry={units.reload} />;
  if (delegates.state.status === 'error') return <ErrorMessage error={delegates.state.error} onRetry={delegates.reload} />;
  const list = units.state.data;
  const people = delegates.state.data;
  const addUnit = async (f: UnitFields): Promise<boolean> => {
    const ok = await create.run(() => api.createUnit(f), { done: t('units.created', { name: f.name }) });
    if (ok) units.reload();
    return ok;
  };

  return (
    <article aria-labelledby="units-title">
      <div className="page-head">
        <h1 id="units-title">{t('units.title')}</h1>
      </div>
      {admin ? (
        <section className="panel" aria-labelledby="unit-new">
          <h2 id="unit-new">{t('units.new')}</h2>
          <UnitForm idPrefix="unit-new" units={list} submitLabel={t('units.create')} busy={create.busy} onSubmit={addUnit} />
          <ActionFeedback action={create} />
        </section>
      ) : null}
      {list.length === 0 ? <p className="empty panel">{t('units.empty')}</p> : null}
      {list.map((u) => (
        <UnitPanel key={u.id} unit={u} units={list} people={people} admin={admin} onChanged={units.reload} />
      ))}
    </article>
  );
}

/** Code, name and parent unit; used to create a unit and to edit one. */
function UnitForm({ idPrefix, units, initial, submitLabel, busy, onSubmit }: { idPrefix: string; units: Unit[]; initial?: Unit; submitLabel: string; busy: boolean; onSubmit(f: UnitFields): Promise<boolean> }) {
  const { t } = useI18n();
  const [code, setCode] = useState(initial?.code ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [parentId, setParentId] = useState(initial?.parentId ?? '');
  const [invalid, setInvalid] = useState(false);
  const submit = async () => {
    const bad = !CODE.test(code.trim()) || !name.trim();
    setInvalid(bad);
    if (bad) return;
    if ((await onSubmit({ code: code.trim(), name: name.trim(), parentId: parentId || null })) && !initial) {
      setCode('');
      setName('');
      setParentId('');
    }
  };
  return (
    <form
      className="unit-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${idPrefix}-code`}>{t('units.code')}</label>
          <input id={`${idPrefix}-code`} maxLength={50} value={code} aria-invalid={invalid || undefined} onChange={(e) => setCode(e.target.value)} />
        </div>
        <div className="field field-grow">
          <label htmlFor={`${idPrefix}-name`}>{t('units.name')}</label>
          <input id={`${idPrefix}-name`} maxLength={300} value={name} aria-invalid={invalid || undefined} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-parent`}>{t('units.parent')}</label>
          <select id={`${idPrefix}-parent`} value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">{t('units.noParent')}</option>
            {units
              .filter((u) => u.id !== initial?.id)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
        </div>
      </div>
      {invalid ? (
        <p className="field-error" role="alert">
          {t('units.invalid')}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}

function UnitPanel({ unit, units, people, admin, onChanged }: { unit: Unit; units: Unit[]; people: Delegate[]; admin: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [adding, setAdding] = useState('');
  const members = unit.memberDelegateIds.map((id) => people.find((p) => p.id === id) ?? { id, fullName: id, title: null }).sort((a, b) => compareNames(a.fullName, b.fullName));
  const parent = units.find((u) => u.id === unit.parentId);
  const write = async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
    const ok = await action.run(work, { done });
    if (ok) setMode('view');
    onChanged();
    return ok;
  };
  const head = `unit-${unit.id}`;

  return (
    <section className="panel" aria-labelledby={head} data-testid={`unit-${unit.code}`}>
      <h2 id={head}>
        {unit.name} <span className="muted small">({unit.code})</span>
      </h2>
      {parent ? <p className="muted">{t('units.under', { name: parent.name })}</p> : null}
      <h3 className="small-heading">{t('units.members', { n: members.length })}</h3>
      {members.length === 0 ? <p className="empty">{t('units.noMembers')}</p> : null}
      <ul className="member-list">
        {members.map((p) => (
          <li key={p.id}>
            <span>
              {p.fullName}
              {p.title ? <span className="muted"> · {p.title}</span> : null}
            </span>
            {admin ? (
              <button type="button" className="btn btn-small" disabled={action.busy} aria-label={t('units.removeMemberFor', { name: p.fullName, unit: unit.name })} onClick={() => void write(() => api.removeUnitMember(unit.id, p.id), t('units.memberRemoved', { name: p.fullName }))}>
                {t('units.removeMember')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {admin ? (
        <form
          className="search"
          onSubmit={(e) => {
            e.preventDefault();
            const who = people.find((p) => p.id === adding);
            if (who) void write(() => api.addUnitMember(unit.id, who.id), t('units.memberAdded', { name: who.fullName })).then((ok) => ok && setAdding(''));
          }}
        >
          <label htmlFor={`${head}-add`} className="visually-hidden">
            {t('units.addMemberTo', { unit: unit.name })}
          </label>
          <select id={`${head}-add`} value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">{t('units.choosePerson')}</option>
            {people
              .filter((p) => !unit.memberDelegateIds.includes(p.id))
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.fullName}
                  {p.organization ? ` — ${p.organization}` : ''}
                </option>
              ))}
          </select>
          <button type="submit" className="btn" disabled={action.busy || !adding} aria-label={t('units.addMemberTo', { unit: unit.name })}>
            {t('units.addMember')}
          </button>
        </form>
      ) : null}
      <ActionFeedback action={action} />
      {admin && mode === 'view' ? (
        <div className="button-row unit-actions">
          <button type="button" className="btn btn-small" onClick={() => setMode('edit')} aria-label={t('units.editFor', { name: unit.name })}>
            {t('common.edit')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setMode('delete')} aria-label={t('units.deleteFor', { name: unit.name })}>
            {t('common.delete')}
          </button>
        </div>
      ) : null}
      {mode === 'edit' ? (
        <>
          <UnitForm idPrefix={`${head}-edit`} units={units} initial={unit} submitLabel={t('units.save')} busy={action.busy} onSubmit={(f) => write(() => api.updateUnit(unit.id, f), t('units.saved'))} />
          <button type="button" className="btn" onClick={() => setMode('view')}>
            {t('console.confirmNo')}
          </button>
        </>
      ) : null}
      {mode === 'delete' ? (
        <ConfirmBox id={`${head}-delete`} text={t('units.confirmDelete', { name: unit.name })} busy={action.busy} onConfirm={() => void write(() => api.deleteUnit(unit.id), t('units.deleted'))} onCancel={() => setMode('view')} />
      ) : null}
    </section>
  );
}
