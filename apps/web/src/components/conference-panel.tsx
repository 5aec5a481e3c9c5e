import { useEffect, useRef } from 'react';
import { api } from '../api/endpoints.js';
import type { ConferenceNotice, EndReason } from '../conference/conference-state.js';
import { useConference, type Tile } from '../conference/use-conference.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/vi.js';
import { ErrorMessage } from './error-message.js';
import { useAsync } from './use-async.js';

const NOTICE: Record<ConferenceNotice, MessageKey> = {
  mutedByModerator: 'conf.mutedByModerator',
  publishRevoked: 'conf.publishRevoked',
  publishGranted: 'conf.publishGranted',
  mediaDenied: 'conf.mediaDenied',
};
const ENDED: Record<EndReason, MessageKey> = { removed: 'conf.removed', roomClosed: 'conf.roomClosed', lost: 'conf.lost', left: 'conf.left' };

/**
 * “Join online” on the delegate's tablet: the LiveKit room of the meeting with the other participants' video, the
 * member's own microphone and camera, and what the secretary did (muted, removed, right to send changed).
 */
export function ConferencePanel({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const { state, tiles, join, leave, setMedia } = useConference(meetingId);
  // known before any click: with conferencing off the join button would only lead to an error
  const enabled = useAsync((signal) => api.conferencingEnabled(signal), []);
  const off = enabled.state.status === 'done' && !enabled.state.data;
  const asking = enabled.state.status === 'loading';
  // the button pressed is gone once the phase changes: the outcome takes the focus, so it is read and nothing is lost
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.phase !== 'idle') outcome.current?.focus();
  }, [state.phase]);
  const joinButton = (label: MessageKey) => (
    <button type="button" className="btn btn-primary btn-large btn-block" onClick={() => void join()}>
      {t(label)}
    </button>
  );

  let body;
  const disabled = (
    <p className="alert alert-info" role="status" data-testid="conf-message">
      {t('conf.disabled')}
    </p>
  );
  switch (state.phase) {
    case 'idle':
      body = off ? (
        disabled
      ) : (
        <>
          <p>{t('conf.intro')}</p>
          {asking ? null : joinButton('conf.join')}
        </>
      );
      break;
    case 'joining':
      body = <p role="status">{t('conf.joining')}</p>;
      break;
    case 'disabled':
      body = disabled;
      break;
    case 'unreachable':
      body = (
        <>
          <div className="alert alert-error" role="alert" data-testid="conf-message">
            <p className="alert-title">{t('conf.cannotConnect')}</p>
          </div>
          {joinButton('conf.tryAgain')}
        </>
      );
      break;
    case 'refused':
      body = <ErrorMessage error={state.error} onRetry={() => void join()} />;
      break;
    case 'ended':
      body = (
        <>
          <p className={state.reason === 'left' ? 'alert alert-info' : 'alert alert-error'} role={state.reason === 'left' ? 'status' : 'alert'} data-testid="conf-message">
            {t(ENDED[state.reason])}
          </p>
          {joinButton('conf.rejoin')}
        </>
      );
      break;
    case 'connected':
      body = (
        <>
          <p role="status">{state.reconnecting ? t('conf.reconnecting') : t('conf.connected')}</p>
          {state.notice ? (
            <p className={state.notice === 'publishGranted' ? 'alert alert-ok' : 'alert alert-info'} role="status" data-testid="conf-notice">
              {t(NOTICE[state.notice])}
            </p>
          ) : null}
          <ul className="conf-tiles" aria-label={t('conf.tiles')}>
            {tiles.map((tile) => (
              <VideoTile key={tile.identity} tile={tile} />
            ))}
          </ul>
          {tiles.filter((x) => !x.local).length === 0 ? <p className="empty">{t('conf.noOthers')}</p> : null}
          <div className="button-row" role="group" aria-label={t('conf.controls')}>
            {state.canPublish ? (
              <>
                <button type="button" className="btn btn-large" aria-pressed={!state.micOn} onClick={() => void setMedia('mic', !state.micOn)}>
                  {state.micOn ? t('conf.micOff') : t('conf.micOn')}
                </button>
                <button type="button" className="btn btn-large" aria-pressed={!state.camOn} onClick={() => void setMedia('cam', !state.camOn)}>
                  {state.camOn ? t('conf.camOff') : t('conf.camOn')}
                </button>
              </>
            ) : (
              <p className="muted">{t('conf.viewOnly')}</p>
            )}
            <button type="button" className="btn btn-large" onClick={() => void leave()}>
              {t('conf.leave')}
            </button>
          </div>
        </>
      );
      break;
  }

  return (
    <section className="panel conf-panel" aria-labelledby="conf-h" data-testid="conference">
      <h2 id="conf-h">{t('conf.title')}</h2>
      <div ref={outcome} tabIndex={-1} className="conf-body">
        {body}
      </div>
    </section>
  );
}

/** A participant's video (or their name when there is none) and, for others, their sound. */
function VideoTile({ tile }: { tile: Tile }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const el = video.current;
    if (!tile.video || !el) return;
    tile.video.attach(el);
    return () => void tile.video?.detach(el);
  }, [tile.video]);
  useEffect(() => {
    const el = audio.current;
    if (!tile.audio || !el) return;
    tile.audio.attach(el);
    return () => void tile.audio?.detach(el);
  }, [tile.audio]);
  const name = tile.local ? t('conf.you', { name: tile.name }) : tile.name;
  return (
    <li className="conf-tile">
      {tile.video ? <video ref={video} autoPlay playsInline muted aria-label={name} /> : <div className="conf-novideo">{t('conf.noVideo')}</div>}
      {tile.audio ? <audio ref={audio} autoPlay /> : null}
      <p className="conf-name">
        {name}
        {tile.micMuted ? <span className="muted small"> · {t('conf.tileMuted')}</span> : null}
      </p>
    </li>
  );
}
