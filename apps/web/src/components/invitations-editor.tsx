import { useState } from 'react';
import { api } from '../api/endpoints.js';
import type { Invitation, InvitationKind, MeetingDetail, NoticeResult } from '#contracts';
import { formatDateTime, useI18n } from '../i18n/i18n.js';
import { compareNames } from '../i18n/names.js';
import { ActionFeedback } from './action-feedback.js';
import { ConfirmBox } from './confirm-box.js';
import { ErrorMessage } from './error-message.js';
import { useAction } from './use-action.js';
import { useAsync } from './use-async.js';

const KINDS: InvitationKind[] = ['member', 'substitute', 'guest'];

/**
 * Who is invited: the body's members (invited when the meeting was created), substitutes for a named member and
 * guests; add, remove (confirmed), and send or re-send the invitation notice.
 */
export function InvitationsEditor({ m, canWrite, onChanged }: { m: MeetingDetail; canWrite: boolean; onChanged(): void }) {
  const { t, locale } = useI18n();
  const list = useAsync((signal) => api.invitations(m.id, signal), [m.id]);
  const [removing, setRemoving] = useState<Invitation | null>(null);
  const action = useAction();
  const reload = () => {
    list.reload();
    onChanged();
  };
  if (list.state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (list.state.status === 'error') return <ErrorMessage error={list.state.error} onRetry={list.reload} />;
  const invitations = list.state.data;

  return (
    <section className="panel" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t('invite.title')}</h2>
      <p className="muted">{t('invite.counts', { members: invitations.filter((i) => i.kind === 'member').length, substitutes: invitations.filter((i) => i.kind === 'substitute').length, guests: invitations.filter((i) => i.kind === 'guest').length })}</p>
      {KINDS.map((kind) => {
        const rows = invitations.filter((i) => i.kind === kind).sort((a, b) => compareNames(a.fullName, b.fullName));
        if (rows.length === 0) return null;
        return (
          <div key={kind} role="group" aria-labelledby={`inv-${kind}`}>
            <h3 id={`inv-${kind}`}>{t(`invite.kind.${kind}`)}</h3>
            <ul className="inv-list">
              {rows.map((i) => (
                <li key={i.delegateId} className="inv-row" data-testid={`invitation-${i.delegateId}`}>
                  <span>
                    <strong>{i.fullName}</strong>
                    {i.title ? `, ${i.title}` : ''}
                    {i.substituteFor ? <span className="muted"> — {t('invite.substituteFor', { name: i.substituteFor.fullName })}</span> : null}
                    {kind === 'member' && !i.canVote ? <span className="muted"> — {t('invite.noVote')}</span> : null}
                    <br />
                    <span className="muted small">{i.notifiedAt ? t('invite.notifiedAt', { time: formatDateTime(locale, i.notifiedAt) }) : t('invite.notNotified')}</span>
                  </span>
                  {canWrite ? (
                    <button type="button" className="btn btn-small" onClick={() => setRemoving(i)} aria-label={t('invite.removeFor', { name: i.fullName })}>
                      {t('invite.remove')}
                    </button>
                  ) : null}
                  {removing?.delegateId === i.delegateId ? (
                    <ConfirmBox
                      id={`inv-remove-${i.delegateId}`}
                      text={t('invite.confirmRemove', { name: i.fullName })}
                      busy={action.busy}
                      onConfirm={() =>
                        void action.run(() => api.uninvite(m.id, i.delegateId), { done: t('invite.removed', { name: i.fullName }) }).then(() => {
                          setRemoving(null);
                          reload();
                        })
                      }
                      onCancel={() => setRemoving(null)}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      <ActionFeedback action={action} />
      {canWrite ? <AddInvitation meetingId={m.id} invitations={invitations} onAdded={reload} /> : null}
      {canWrite ? <SendNotice meetingId={m.id} invitations={invitations} onSent={reload} /> : null}
    </section>
  );
}

function AddInvitation({ meetingId, invitations, onAdded }: { meetingId: string; invitations: Invitation[]; onAdded(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const delegates = useAsync((signal) => api.delegates({ limit: 500, offset: 0 }, signal), []);
  const [delegateId, setDelegateId] = useState('');
  const [kind, setKind] = useState<InvitationKind>('guest');
  const [substituteFor, setSubstituteFor] = useState('');
  const [problem, setProblem] = useState<'delegate' | 'member' | null>(null);
  const invited = new Set(invitations.map((i) => i.delegateId));
  const candidates = delegates.state.status === 'done' ? delegates.state.data.items.filter((d) => d.active && !invited.has(d.id)).sort((a, b) => compareNames(a.fullName, b.fullName)) : [];
  const taken = new Set(invitations.flatMap((i) => (i.substituteFor ? [i.substituteFor.delegateId] : [])));
  const members = invitations.filter((i) => i.kind === 'member' && !taken.has(i.delegateId)).sort((a, b) => compareNames(a.fullName, b.fullName));

  return (
    <form
      className="subpanel"
      aria-labelledby="inv-add-title"
      noValidate
      onSubmit={action.submit(() => api.invite(meetingId, kind === 'substitute' ? { delegateId, kind, substituteFor } : { delegateId, kind }), {
        check: () => {
          const p = !delegateId ? 'delegate' : kind === 'substitute' && !substituteFor ? 'member' : null;
          setProblem(p);
          return p === null;
        },
        done: (i) => {
          setDelegateId('');
          setSubstituteFor('');
          onAdded();
          return t('invite.added', { name: i.fullName });
        },
      })}
    >
      <h3 id="inv-add-title">{t('invite.add')}</h3>
      {delegates.state.status === 'error' ? <ErrorMessage error={delegates.state.error} onRetry={delegates.reload} /> : null}
      <div className="field">
        <label htmlFor="inv-delegate">{t('invite.person')}</label>
        <select id="inv-delegate" value={delegateId} onChange={(e) => setDelegateId(e.target.value)} aria-invalid={problem === 'delegate' || undefined}>
          <option value="">{t('invite.choosePerson')}</option>
          {candidates.map((d) => (
            <option key={d.id} value={d.id}>
              {d.fullName}
              {d.title ? `, ${d.title}` : ''}
            </option>
          ))}
        </select>
        {problem === 'delegate' ? <p className="field-error">{t('invite.personRequired')}</p> : null}
      </div>
      <fieldset className="plain field">
        <legend className="legend">{t('invite.as')}</legend>
        {KINDS.map((k) => (
          <label key={k} className="field-check">
            <input type="radio" name="inv-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            <span>
              {t(`invite.kind.${k}`)} <span className="muted small">— {t(`invite.kindHelp.${k}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {kind === 'substitute' ? (
        <div className="field">
          <label htmlFor="inv-for">{t('invite.forMember')}</label>
          <select id="inv-for" value={substituteFor} onChange={(e) => setSubstituteFor(e.target.value)} aria-invalid={problem === 'member' || undefined}>
            <option value="">{t('invite.chooseMember')}</option>
            {members.map((i) => (
              <option key={i.delegateId} value={i.delegateId}>
                {i.fullName}
              </option>
            ))}
          </select>
          {problem === 'member' ? <p className="field-error">{t('invite.memberRequired')}</p> : null}
        </div>
      ) : null}
      <ActionFeedback action={action} />
      <button type="submit" className="btn btn-primary" disabled={action.busy}>
        {t('invite.add')}
      </button>
    </form>
  );
}

function SendNotice({ meetingId, invitations, onSent }: { meetingId: string; invitations: Invitation[]; onSent(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const pending = invitations.filter((i) => !i.notifiedAt).length;
  const result = (r: NoticeResult): string =>
    [
      t('invite.noticeSent', { n: r.notified }),
      r.email ? t('invite.noticeMail', { sent: r.email.sent, failed: r.email.failed, none: r.email.noAddress }) : t('invite.noticeInApp'),
    ].join(' ');
  return (
    <div className="subpanel" role="group" aria-labelledby="notice-title">
      <h3 id="notice-title">{t('invite.notice')}</h3>
      <p>{pending > 0 ? t('invite.noticePending', { n: pending }) : t('invite.noticeAllSent')}</p>
      <div className="button-row">
        <button type="button" className="btn btn-primary" disabled={action.busy || pending === 0} onClick={() => void action.run(() => api.sendNotice(meetingId, false), { done: result, settled: onSent })}>
          {t('invite.sendNotice')}
        </button>
        <button type="button" className="btn" disabled={action.busy || invitations.length === 0} onClick={() => void action.run(() => api.sendNotice(meetingId, true), { done: result, settled: onSent })}>
          {t('invite.resendNotice')}
        </button>
      </div>
      <ActionFeedback action={action} />
    </div>
  );
}
