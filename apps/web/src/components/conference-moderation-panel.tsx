import { useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints.js';
import type { ConferenceParticipant } from '#contracts';
import { useI18n } from '../i18n/i18n.js';
import { ActionFeedback } from './action-feedback.js';
import { ConfirmBox } from './confirm-box.js';
import { DataTable } from './data-table.js';
import { formatTime } from './attendance-charts.js';
import { ErrorMessage } from './error-message.js';
import { useAction } from './use-action.js';
import { useAsync } from './use-async.js';

/** No socket event announces joins and leaves (they reach the server as LiveKit webhooks): the list is re-read this often. */
const REFRESH_MS = 10_000;

/** null: conferencing is off on this server; else the room's participants. */
async function loadParticipants(meetingId: string, signal: AbortSignal): Promise<ConferenceParticipant[] | null> {
  if (!(await api.conferencingEnabled(signal))) return null;
  return api.conferenceParticipants(meetingId, signal);
}

const micOf = (p: ConferenceParticipant) => p.tracks.find((x) => x.source === 'MICROPHONE' || (x.type === 'AUDIO' && x.source !== 'SCREEN_SHARE_AUDIO'));
const camOf = (p: ConferenceParticipant) => p.tracks.find((x) => x.source === 'CAMERA');

/**
 * The secretary's view of the meeting's online room: who is in it, their microphone and camera, and the moderation
 * the API offers (mute a microphone, remove someone, revoke or give back the right to send video and sound).
 */
export function ConferenceModerationPanel({ meetingId, canModerate }: { meetingId: string; canModerate: boolean }) {
  const { t, locale } = useI18n();
  const list = useAsync((signal) => loadParticipants(meetingId, signal), [meetingId]);
  const action = useAction();
  const [removing, setRemoving] = useState<ConferenceParticipant | null>(null);
  const { reload } = list;
  // the button pressed may be gone after the action (mute, remove): its outcome takes the focus
  const feedback = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (action.done || action.error) feedback.current?.focus();
  }, [action.done, action.error]);
  const live = list.state.status === 'done' && list.state.data !== null;
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, reload]);

  const nameOf = (p: ConferenceParticipant) => p.name || p.identity;
  const act = (p: ConferenceParticipant, kind: 'mute' | 'remove' | 'revoke' | 'grant', task: () => Promise<unknown>) =>
    void action.run(task, { done: t(`mod.done.${kind}`, { name: nameOf(p) }), settled: reload });

  let body;
  if (list.state.status === 'loading') body = <p role="status">{t('app.loading')}</p>;
  else if (list.state.status === 'error') body = <ErrorMessage error={list.state.error} onRetry={reload} />;
  else if (list.state.data === null)
    body = (
      <p className="alert alert-info" role="status">
        {t('error.CONFERENCE_DISABLED')}
      </p>
    );
  else if (list.state.data.length === 0) body = <p className="empty">{t('mod.empty')}</p>;
  else {
    const people = list.state.data;
    body = (
      <>
        <p role="status">{t('mod.count', { n: people.length })}</p>
        <DataTable
          rows={people}
          rowKey={(p) => p.sid}
          rowTestId={(p) => `participant-${p.identity}`}
          className="mod-table"
          labelledBy="mod-title"
          columns={[
            { header: t('mod.col.name'), rowHeader: true, cell: nameOf },
            { header: t('mod.col.joined'), cell: (p) => (p.joinedAt ? formatTime(locale, p.joinedAt) : '—') },
            { header: t('mod.col.media'), cell: (p) => <MediaState p={p} />, cellProps: () => ({ 'data-testid': 'media' }) },
            { header: t('mod.col.publish'), cell: (p) => (p.permission?.canPublish ? t('mod.canPublish') : t('mod.cannotPublish')), cellProps: () => ({ 'data-testid': 'publish' }) },
            canModerate
              ? {
                  header: t('mod.col.actions'),
                  cell: (p) => {
                    const mic = micOf(p);
                    return (
                      <div className="button-row">
                        {mic && !mic.muted ? (
                          <button type="button" className="btn" disabled={action.busy} aria-label={t('mod.muteFor', { name: nameOf(p) })} onClick={() => act(p, 'mute', () => api.conferenceMute(meetingId, p.identity, mic.sid))}>
                            {t('mod.mute')}
                          </button>
                        ) : null}
                        {p.permission?.canPublish ? (
                          <button type="button" className="btn" disabled={action.busy} aria-label={t('mod.revokeFor', { name: nameOf(p) })} onClick={() => act(p, 'revoke', () => api.conferencePermissions(meetingId, p.identity, false))}>
                            {t('mod.revoke')}
                          </button>
                        ) : (
                          <button type="button" className="btn" disabled={action.busy} aria-label={t('mod.grantFor', { name: nameOf(p) })} onClick={() => act(p, 'grant', () => api.conferencePermissions(meetingId, p.identity, true))}>
                            {t('mod.grant')}
                          </button>
                        )}
                        <button type="button" className="btn" disabled={action.busy} aria-label={t('mod.removeFor', { name: nameOf(p) })} onClick={() => setRemoving(p)}>
                          {t('mod.remove')}
                        </button>
                      </div>
                    );
                  },
                }
              : null,
          ]}
        />
      </>
    );
  }

  return (
    <section className="panel" aria-labelledby="mod-title" data-testid="conference-moderation">
      <div className="poll-row-head">
        <h2 id="mod-title">{t('mod.title')}</h2>
        {live ? (
          <button type="button" className="btn" onClick={reload}>
            {t('mod.refresh')}
          </button>
        ) : null}
      </div>
      <div ref={feedback} tabIndex={-1}>
        <ActionFeedback action={action} />
      </div>
      {removing ? (
        <ConfirmBox
          id="mod-confirm"
          text={t('mod.confirmRemove', { name: nameOf(removing) })}
          confirm={t('mod.confirmYes')}
          busy={action.busy}
          onConfirm={() => {
            const p = removing;
            setRemoving(null);
            act(p, 'remove', () => api.conferenceRemove(meetingId, p.identity));
          }}
          onCancel={() => setRemoving(null)}
        />
      ) : null}
      {body}
    </section>
  );
}

/** A participant's microphone and camera as the moderator sees them. */
function MediaState({ p }: { p: ConferenceParticipant }) {
  const { t } = useI18n();
  const mic = micOf(p);
  const cam = camOf(p);
  return (
    <>
      {!mic && !cam ? t('mod.noMedia') : null}
      {mic ? <span className="block">{mic.muted ? t('mod.mic.off') : t('mod.mic.on')}</span> : null}
      {cam ? <span className="block">{cam.muted ? t('mod.cam.off') : t('mod.cam.on')}</span> : null}
    </>
  );
}
