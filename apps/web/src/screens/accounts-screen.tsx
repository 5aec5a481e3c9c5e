import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { Delegate, Role, UserSummary, UserUpdateInput } from '#contracts';
import { useMe } from '../auth/auth.js';
import { ActionFeedback } from '../components/action-feedback.js';
import { ConfirmBox } from '../components/confirm-box.js';
import { DataTable } from '../components/data-table.js';
import { ErrorMessage } from '../components/error-message.js';
import { serverFields } from '../components/server-fields.js';
import { useAction } from '../components/use-action.js';
import { useAsync } from '../components/use-async.js';
import { useI18n } from '../i18n/i18n.js';
import { compareNames } from '../i18n/names.js';
import type { MessageKey } from '../i18n/vi.js';
import type { ScreenProps } from '../routes.js';

const ROLES: Role[] = ['admin', 'secretary', 'chair', 'delegate', 'observer'];
/** libs/core CreateUserDto's username rule. */
const USERNAME = /^[a-zA-Z0-9._-]{3,64}$/;

type Field = 'username' | 'displayName' | 'role' | 'password' | 'delegateId';
const FIELDS: Field[] = ['username', 'displayName', 'role', 'password', 'delegateId'];

/** What a refusal from the server says next to each field (the server's English reasons are not shown). */
const SERVER_MESSAGE: Record<Field, MessageKey> = {
  username: 'accounts.usernameInvalid',
  displayName: 'accounts.displayNameRequired',
  role: 'accounts.roleRequired',
  password: 'accounts.passwordShort',
  delegateId: 'accounts.delegateInvalid',
};

/** The administrator's user accounts: list, create, edit (name, role, linked delegate, password), (de)activate. */
export default function AccountsScreen(_props: ScreenProps) {
  const { t } = useI18n();
  const users = useAsync((signal) => api.users(signal), []);
  // one page of 500 covers a People's Committee's delegates, as on the units screen
  const delegates = useAsync((signal) => api.delegates({ limit: 500, offset: 0 }, signal).then((p) => [...p.items].sort((a, b) => compareNames(a.fullName, b.fullName))), []);
  const [editing, setEditing] = useState<UserSummary | null>(null);

  if (users.state.status === 'loading' || delegates.state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (users.state.status === 'error') return <ErrorMessage error={users.state.error} onRetry={users.reload} />;
  if (delegates.state.status === 'error') return <ErrorMessage error={delegates.state.error} onRetry={delegates.reload} />;
  const people = delegates.state.data;
  const nameOf = new Map(people.map((d) => [d.id, d.fullName]));

  return (
    <article aria-labelledby="accounts-title">
      <div className="page-head">
        <h1 id="accounts-title">{t('accounts.title')}</h1>
      </div>
      <UserForm
        key={editing?.id ?? 'new'}
        user={editing}
        people={people}
        onSaved={(saved) => (editing ? setEditing(saved) : undefined)}
        onSettled={users.reload}
        onCancel={() => setEditing(null)}
      />
      <section className="panel" aria-labelledby="accounts-list-title">
        <h2 id="accounts-list-title">{t('accounts.list')}</h2>
        <DataTable
          rows={users.state.data}
          rowKey={(u) => u.id}
          rowTestId={(u) => `user-${u.username}`}
          className="stack-table"
          empty={t('accounts.empty')}
          labelledBy="accounts-list-title"
          columns={[
            // name under the username and the delegate under the role: four columns fit a phone without scrolling
            {
              header: t('accounts.col.account'),
              rowHeader: true,
              cell: (u) => (
                <>
                  <span className="account-username">{u.username}</span>
                  <span className="account-name">{u.displayName}</span>
                </>
              ),
            },
            {
              header: t('accounts.role'),
              cell: (u) => (
                <>
                  {t(`role.${u.role}`)}
                  {u.delegateId && nameOf.has(u.delegateId) ? <span className="account-name muted">{t('accounts.linkedTo', { name: nameOf.get(u.delegateId) ?? '' })}</span> : null}
                </>
              ),
            },
            { header: t('accounts.col.active'), cell: (u) => (u.active ? t('accounts.active') : t('accounts.inactive')) },
            {
              header: t('accounts.col.actions'),
              cell: (u) => (
                <button type="button" className="btn btn-small" aria-label={t('accounts.editFor', { username: u.username })} onClick={() => setEditing(u)}>
                  {t('accounts.edit')}
                </button>
              ),
            },
          ]}
        />
      </section>
    </article>
  );
}

/** Creates an account, or edits `user` when given; remounted (key) when the account being edited changes. */
function UserForm({ user, people, onSaved, onSettled, onCancel }: { user: UserSummary | null; people: Delegate[]; onSaved(saved: UserSummary): void; onSettled(): void; onCancel(): void }) {
  const { t } = useI18n();
  const me = useMe();
  const action = useAction();
  const status = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role | ''>(user?.role ?? '');
  const [password, setPassword] = useState('');
  const [delegateId, setDelegateId] = useState(user?.delegateId ?? '');
  const [problems, setProblems] = useState<Partial<Record<Field, MessageKey>>>({});
  const [confirming, setConfirming] = useState(false);
  const self = user?.id === me.id;

  const editedId = user?.id;
  // the form sits above the list: taking the focus to its heading tells where "Sửa" led
  useEffect(() => {
    if (editedId) heading.current?.focus();
  }, [editedId]);

  const check = (): boolean => {
    const p: Partial<Record<Field, MessageKey>> = {};
    if (!user && !USERNAME.test(username.trim())) p.username = 'accounts.usernameInvalid';
    if (!displayName.trim() || displayName.trim().length > 200) p.displayName = 'accounts.displayNameRequired';
    if (!role) p.role = 'accounts.roleRequired';
    if ((!user || password !== '') && (password.length < 8 || password.length > 256)) p.password = 'accounts.passwordShort';
    setProblems(p);
    const first = FIELDS.find((f) => p[f]);
    if (first) document.getElementById(`user-${first}`)?.focus();
    return !first;
  };

  const changes = (): UserUpdateInput => {
    if (!user) return {};
    const c: UserUpdateInput = {};
    if (displayName.trim() !== user.displayName) c.displayName = displayName.trim();
    if (role && role !== user.role) c.role = role;
    if ((delegateId || null) !== user.delegateId) c.delegateId = delegateId || null;
    if (password !== '') c.password = password;
    return c;
  };

  const onSubmit = action.submit(
    () =>
      user
        ? api.updateUser(user.id, changes())
        : api.createUser({ username: username.trim(), displayName: displayName.trim(), password, role: role as Role, ...(delegateId ? { delegateId } : {}) }),
    {
      check,
      done: (saved) => {
        onSaved(saved);
        setPassword('');
        if (!user) {
          setUsername('');
          setDisplayName('');
          setRole('');
          setDelegateId('');
        }
        return t(user ? 'accounts.updated' : 'accounts.created', { username: saved.username });
      },
      settled: onSettled,
    },
  );

  const setActive = (active: boolean) =>
    void status
      .run(() => api.updateUser((user as UserSummary).id, { active }), {
        done: (saved) => {
          onSaved(saved);
          return t(active ? 'accounts.reactivated' : 'accounts.deactivated', { username: saved.username });
        },
        settled: onSettled,
      })
      .then(() => setConfirming(false));

  const fromServer = serverFields(action.error, 'username');
  const duplicate = action.error instanceof ApiError && action.error.code === 'DUPLICATE';
  const problem = (f: Field): MessageKey | undefined => problems[f] ?? (fromServer.has(f) ? (duplicate ? 'accounts.usernameTaken' : SERVER_MESSAGE[f]) : undefined);
  const fieldError = (f: Field) => {
    const key = problem(f);
    return key ? (
      <p className="field-error" id={`user-${f}-error`}>
        {t(key)}
      </p>
    ) : null;
  };
  const described = (f: Field, help?: string) => {
    const ids = [problem(f) ? `user-${f}-error` : null, help ?? null].filter((x): x is string => x !== null);
    return { 'aria-invalid': problem(f) ? true : undefined, 'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined };
  };

  return (
    <section className="panel" aria-labelledby="user-form-title">
      <h2 id="user-form-title" ref={heading} tabIndex={-1}>
        {user ? t('accounts.editTitle', { username: user.username }) : t('accounts.new')}
      </h2>
      <form className="account-form" noValidate onSubmit={onSubmit}>
        <div className="field-row">
          <div className="field field-grow">
            <label htmlFor="user-username">{t('accounts.username')}</label>
            {user ? (
              <input id="user-username" value={user.username} readOnly aria-readonly="true" />
            ) : (
              <input id="user-username" value={username} maxLength={64} autoComplete="off" spellCheck={false} onChange={(e) => setUsername(e.target.value)} {...described('username', 'user-username-help')} />
            )}
            {!user ? (
              <p id="user-username-help" className="muted small">
                {t('accounts.usernameHelp')}
              </p>
            ) : null}
            {fieldError('username')}
          </div>
          <div className="field field-grow">
            <label htmlFor="user-displayName">{t('accounts.displayName')}</label>
            <input id="user-displayName" value={displayName} maxLength={200} onChange={(e) => setDisplayName(e.target.value)} {...described('displayName')} />
            {fieldError('displayName')}
          </div>
        </div>
        <div className="field-row">
          <div className="field field-grow">
            <label htmlFor="user-role">{t('accounts.role')}</label>
            <select id="user-role" value={role} onChange={(e) => setRole(e.target.value as Role | '')} {...described('role')}>
              <option value="">{t('accounts.chooseRole')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
            {fieldError('role')}
          </div>
          <div className="field field-grow">
            <label htmlFor="user-delegateId">{t('accounts.delegate')}</label>
            <select id="user-delegateId" value={delegateId} onChange={(e) => setDelegateId(e.target.value)} {...described('delegateId', 'user-delegateId-help')}>
              <option value="">{t('accounts.noDelegate')}</option>
              {people.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title ? `${d.fullName} — ${d.title}` : d.fullName}
                </option>
              ))}
            </select>
            <p id="user-delegateId-help" className="muted small">
              {t('accounts.delegateHelp')}
            </p>
            {fieldError('delegateId')}
          </div>
        </div>
        <div className="field">
          <label htmlFor="user-password">{user ? t('accounts.newPassword') : t('accounts.password')}</label>
          <input id="user-password" type="password" value={password} maxLength={256} autoComplete="new-password" onChange={(e) => setPassword(e.target.value)} {...described('password', 'user-password-help')} />
          <p id="user-password-help" className="muted small">
            {t('accounts.passwordHelp')}
          </p>
          {fieldError('password')}
        </div>
        {user ? <p className="muted">{t('accounts.sessionsEnd')}</p> : null}
        <ActionFeedback action={action} />
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {user ? t('accounts.save') : t('accounts.create')}
          </button>
          {user ? (
            <button type="button" className="btn" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          ) : null}
        </div>
      </form>
      {user ? (
        <div className="account-status">
          <p>
            <strong>{t('accounts.col.active')}:</strong> {user.active ? t('accounts.active') : t('accounts.inactive')}
          </p>
          {self ? <p className="muted">{t('accounts.self')}</p> : null}
          {user.active && !self && !confirming ? (
            <button type="button" className="btn" onClick={() => setConfirming(true)} aria-label={t('accounts.deactivateFor', { username: user.username })}>
              {t('accounts.deactivate')}
            </button>
          ) : null}
          {!user.active ? (
            <button type="button" className="btn" disabled={status.busy} onClick={() => setActive(true)} aria-label={t('accounts.reactivateFor', { username: user.username })}>
              {t('accounts.reactivate')}
            </button>
          ) : null}
          {confirming ? (
            <ConfirmBox
              id="user-deactivate-confirm"
              text={t('accounts.deactivateConfirm', { username: user.username })}
              confirm={t('accounts.deactivate')}
              busy={status.busy}
              onConfirm={() => setActive(false)}
              onCancel={() => setConfirming(false)}
            />
          ) : null}
          <ActionFeedback action={status} />
        </div>
      ) : null}
    </section>
  );
}
