import { useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints.js';
import type { Body, BodyInput, BodyKind, BodyMember } from '#contracts';
import { useMe } from '../auth/auth.js';
import { ActionFeedback } from '../components/action-feedback.js';
import { DataTable } from '../components/data-table.js';
import { ConfirmBox } from '../components/confirm-box.js';
import { ErrorMessage } from '../components/error-message.js';
import { useAction } from '../components/use-action.js';
import { useAsync } from '../components/use-async.js';
import { useI18n } from '../i18n/i18n.js';
import { compareNames } from '../i18n/names.js';

/** Bodies (HĐND / UBND and their committees): everyone on staff reads the list, the admin creates and edits. */
export default function BodiesScreen() {
  const { t, lang } = useI18n();
  const words = (w: { vi: string; en: string }) => (lang === 'en' ? w.en : w.vi);
  const me = useMe();
  const { state, reload } = useAsync((signal) => api.bodies(signal), []);
  const [editing, setEditing] = useState<Body | null>(null);
  const [showing, setShowing] = useState<Body | null>(null);
  const admin = me.role === 'admin';

  return (
    <section aria-labelledby="bodies-title">
      <div className="page-head">
        <h1 id="bodies-title">{t('bodies.title')}</h1>
      </div>
      {admin ? <BodyForm key={editing?.id ?? 'new'} body={editing} onSaved={(saved) => (editing ? setEditing(saved) : undefined)} onSettled={reload} onCancel={() => setEditing(null)} /> : null}
      {state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} onRetry={reload} /> : null}
      {state.status === 'done' ? (
        <div className="panel">
          <DataTable
            rows={state.data}
            rowKey={(b) => b.id}
            rowTestId={(b) => `body-${b.id}`}
            empty={t('bodies.empty')}
            labelledBy="bodies-title"
            columns={[
              { header: t('bodies.name'), rowHeader: true, cell: (b) => b.name },
              { header: t('bodies.description'), cell: (b) => b.description },
              { header: t('bodies.kind'), cell: (b) => t(`bodies.kind.${b.kind}`) },
              { header: t('bodies.quorum'), cell: (b) => <span title={b.profile.quorum.basis}>{words(b.profile.quorum)}</span> },
              { header: t('bodies.tie'), cell: (b) => <span title={b.profile.tie.basis}>{words(b.profile.tie)}</span> },
              { header: t('bodies.proxy'), cell: (b) => (b.allowProxyVoting ? t('delegates.yes') : t('delegates.no')) },
              { header: t('bodies.members'), cell: (b) => b.memberCount },
              {
                header: t('bodies.actions'),
                cell: (b) => (
                  <div className="button-row body-actions">
                    <button type="button" className="btn" aria-label={t('bodies.membersFor', { name: b.name })} aria-expanded={showing?.id === b.id} onClick={() => setShowing(showing?.id === b.id ? null : b)}>
                      {t('bodies.showMembers')}
                    </button>
                    {admin ? (
                      <button type="button" className="btn" aria-label={t('bodies.editFor', { name: b.name })} onClick={() => setEditing(b)}>
                        {t('bodies.edit')}
                      </button>
                    ) : null}
                  </div>
                ),
              },
            ]}
          />
        </div>
      ) : null}
      {showing ? <BodyMembers key={showing.id} body={showing} admin={admin} onChanged={reload} onClose={() => setShowing(null)} /> : null}
    </section>
  );
}

/** Creates a body, or edits `body` when given; remounted (key) when the body being edited changes. */
function BodyForm({ body, onSaved, onSettled, onCancel }: { body: Body | null; onSaved(saved: Body): void; onSettled(): void; onCancel(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const [name, setName] = useState(body?.name ?? '');
  const [description, setDescription] = useState(body?.description ?? '');
  const [proxy, setProxy] = useState(body?.allowProxyVoting ?? false);
  const [kind, setKind] = useState<BodyKind>(body?.kind ?? 'other');
  // proxies only in bodies governed by their own charter (People's Committees and Councils: never)
  const proxyAllowed = kind === 'other';
  const [missing, setMissing] = useState(false);

  const input = (): BodyInput => ({ name: name.trim(), description: description.trim() || null, allowProxyVoting: proxyAllowed && proxy, ...(body ? {} : { kind }) });
  const onSubmit = action.submit(() => (body ? api.updateBody(body.id, input()) : api.createBody(input())), {
    check: () => {
      setMissing(name.trim() === '');
      return name.trim() !== '';
    },
    done: (saved) => {
      onSaved(saved);
      return t(body ? 'bodies.updated' : 'bodies.created', { name: saved.name });
    },
    settled: () => {
      onSettled();
      if (!body) {
        setName('');
        setDescription('');
        setProxy(false);
      }
    },
  });

  return (
    <section className="panel" aria-labelledby="body-form-title">
      <h2 id="body-form-title">{body ? t('bodies.editTitle', { name: body.name }) : t('bodies.new')}</h2>
      <form className="body-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="body-name">{t('bodies.name')}</label>
          <input id="body-name" value={name} maxLength={300} required aria-invalid={missing} aria-describedby={missing ? 'body-name-error' : undefined} onChange={(e) => setName(e.target.value)} />
          {missing ? (
            <p id="body-name-error" className="field-error" role="alert">
              {t('bodies.nameRequired')}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="body-description">{t('bodies.description')}</label>
          <textarea id="body-description" value={description} maxLength={1000} rows={3} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="body-kind">{t('bodies.kind')}</label>
          <select id="body-kind" value={kind} disabled={!!body} aria-describedby="body-kind-help" onChange={(e) => setKind(e.target.value as BodyKind)}>
            {(['peoples_committee', 'peoples_council', 'council_standing', 'other'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`bodies.kind.${k}`)}
              </option>
            ))}
          </select>
          <p id="body-kind-help" className="muted">
            {t(body ? 'bodies.kindFixed' : `bodies.kindHelp.${kind}`)}
          </p>
        </div>
        <div className="field field-check">
          <input id="body-proxy" type="checkbox" checked={proxyAllowed && proxy} disabled={!proxyAllowed} onChange={(e) => setProxy(e.target.checked)} />
          <label htmlFor="body-proxy">{t('bodies.proxy')}</label>
        </div>
        {!proxyAllowed ? <p className="muted">{t('bodies.proxyLocked')}</p> : null}
        <ActionFeedback action={action} />
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {body ? t('bodies.save') : t('bodies.create')}
          </button>
          {body ? (
            <button type="button" className="btn" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

/** A body's members: everyone on staff reads them; the admin adds a delegate from the registry and removes one (confirmed). */
function BodyMembers({ body, admin, onChanged, onClose }: { body: Body; admin: boolean; onChanged(): void; onClose(): void }) {
  const { t } = useI18n();
  const detail = useAsync((signal) => api.body(body.id, signal), [body.id]);
  // one page of 500 covers a People's Committee's delegates (as on the units screen)
  const registry = useAsync((signal) => (admin ? api.delegates({ limit: 500, offset: 0 }, signal).then((p) => p.items) : Promise.resolve([])), [admin]);
  const action = useAction();
  const [adding, setAdding] = useState('');
  const [position, setPosition] = useState('');
  const [removing, setRemoving] = useState<BodyMember | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const head = `body-members-${body.id}`;
  // the panel opens below the table: take the reader there
  useEffect(() => heading.current?.focus(), []);

  const write = async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
    const ok = await action.run(work, { done });
    detail.reload();
    onChanged();
    return ok;
  };

  const members = detail.state.status === 'done' ? [...detail.state.data.members].sort((a, b) => compareNames(a.fullName, b.fullName)) : [];
  const memberIds = new Set(members.map((m) => m.delegateId));
  const candidates = registry.state.status === 'done' ? registry.state.data.filter((d) => d.active && !memberIds.has(d.id)).sort((a, b) => compareNames(a.fullName, b.fullName)) : [];

  return (
    <section className="panel" aria-labelledby={head} data-testid="body-members">
      <div className="page-head">
        <h2 id={head} ref={heading} tabIndex={-1}>
          {t('bodies.membersTitle', { name: body.name })}
        </h2>
        <button type="button" className="btn btn-small" onClick={onClose}>
          {t('bodies.closeMembers')}
        </button>
      </div>
      {detail.state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {detail.state.status === 'error' ? <ErrorMessage error={detail.state.error} onRetry={detail.reload} /> : null}
      {detail.state.status === 'done' && members.length === 0 ? <p className="empty">{t('bodies.noMembers')}</p> : null}
      <ul className="member-list">
        {members.map((p) => (
          <li key={p.delegateId} data-testid={`body-member-${p.delegateId}`}>
            <span>
              {p.fullName}
              {p.position ? <span className="muted"> · {p.position}</span> : p.title ? <span className="muted"> · {p.title}</span> : null}
              {!p.hasVotingRight ? <span className="muted"> · {t('bodies.noVote')}</span> : null}
              {!p.active ? <span className="muted"> · {t('bodies.inactive')}</span> : null}
            </span>
            {admin ? (
              <button type="button" className="btn btn-small" disabled={action.busy} aria-label={t('bodies.removeMemberFor', { name: p.fullName, body: body.name })} onClick={() => setRemoving(p)}>
                {t('bodies.removeMember')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {removing ? (
        <ConfirmBox
          id={`${head}-remove`}
          text={t('bodies.confirmRemove', { name: removing.fullName, body: body.name })}
          confirm={t('bodies.removeMember')}
          busy={action.busy}
          onConfirm={() => void write(() => api.removeBodyMember(body.id, removing.delegateId), t('bodies.memberRemoved', { name: removing.fullName })).then(() => setRemoving(null))}
          onCancel={() => setRemoving(null)}
        />
      ) : null}
      {admin ? (
        <form
          className="body-member-form"
          onSubmit={(e) => {
            e.preventDefault();
            const who = candidates.find((p) => p.id === adding);
            if (!who) return;
            void write(() => api.addBodyMember(body.id, who.id, position.trim() || null), t('bodies.memberAdded', { name: who.fullName })).then((ok) => {
              if (!ok) return;
              setAdding('');
              setPosition('');
            });
          }}
        >
          <div className="field-row">
            <div className="field field-grow">
              <label htmlFor={`${head}-add`}>{t('bodies.addWho')}</label>
              <select id={`${head}-add`} value={adding} onChange={(e) => setAdding(e.target.value)}>
                <option value="">{t('units.choosePerson')}</option>
                {candidates.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.fullName}
                    {p.organization ? ` — ${p.organization}` : ''}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${head}-position`}>{t('bodies.position')}</label>
              <input id={`${head}-position`} value={position} maxLength={200} onChange={(e) => setPosition(e.target.value)} />
            </div>
          </div>
          {registry.state.status === 'error' ? <ErrorMessage error={registry.state.error} onRetry={registry.reload} /> : null}
          <button type="submit" className="btn btn-primary" disabled={action.busy || !adding}>
            {t('bodies.addMember')}
          </button>
        </form>
      ) : null}
      <ActionFeedback action={action} />
    </section>
  );
}
