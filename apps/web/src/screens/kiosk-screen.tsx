import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { QrScanner } from '../checkin/qr-scanner.js';
import { LanguageSwitch } from '../components/shell.js';
import { useI18n } from '../i18n/i18n.js';
import type { ApiErrorBody, CheckInResult, FrameResult } from '#contracts';
import type { ScreenProps } from '../routes.js';
import { openCamera } from '../checkin/camera.js';

type View =
  | { kind: 'starting' }
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'welcome'; name: string; title: string | null; again: boolean }
  | { kind: 'unrecognised' }
  | { kind: 'busy' }
  | { kind: 'offline' }
  | { kind: 'closed' }
  | { kind: 'camera'; reason: string };

const MAX_SIDE = 640;
/** ~3 frames a second at most, and never two at once. */
const FRAME_INTERVAL_MS = 330;
const WELCOME_MS = 6000;
const UNRECOGNISED_MS = 3000;
const storageKey = (meetingId: string) => `dh.kiosk.${meetingId}`;
/** Refusals of the kiosk's token itself: the kiosk asks for the code again. */
const TOKEN_REFUSED = new Set(['KIOSK_TOKEN_INVALID', 'KIOSK_WRONG_MEETING', 'KIOSK_WRONG_DEVICE']);
type Mode = 'face' | 'qr';

/** This tablet's id, made once and kept: the server ties a kiosk token to the first device that uses it. */
function deviceId(): string {
  const key = 'dh.kiosk.device';
  try {
    const known = localStorage.getItem(key);
    if (known && /^[A-Za-z0-9_-]{16,128}$/.test(known)) return known;
    const made = crypto.randomUUID();
    localStorage.setItem(key, made);
    return made;
  } catch {
    // storage blocked: an id for this page only (the token then binds to this page's id)
    return (window as unknown as { __dhKioskDevice?: string }).__dhKioskDevice ??= crypto.randomUUID();
  }
}

/** The kiosk token: from the URL fragment (`#token=…` or `#…`) the first time, then from sessionStorage. */
function initialToken(meetingId: string): string | null {
  const hash = window.location.hash.replace(/^#/, '');
  if (hash) {
    const token = new URLSearchParams(hash).get('token') ?? (hash.includes('=') ? null : hash);
    // the token must not stay in the address bar or the history
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    if (token) {
      try {
        sessionStorage.setItem(storageKey(meetingId), token);
      } catch {
        // storage blocked: the token still works for this page
      }
      return token;
    }
  }
  try {
    return sessionStorage.getItem(storageKey(meetingId));
  } catch {
    return null;
  }
}

/**
 * The check-in kiosk at the door: the camera's frames, downscaled to 640 px JPEG, go to the server about three times
 * a second; a recognised delegate is greeted by name and title, anybody else gets a neutral message (no identity).
 */
export default function KioskScreen({ params }: ScreenProps) {
  const meetingId = params.meetingId;
  const { t } = useI18n();
  const [token, setToken] = useState<string | null>(() => initialToken(meetingId));
  const [tokenError, setTokenError] = useState<string | null>(null);

  // a token pasted into the address bar later (`#token=…`) is taken without a reload
  useEffect(() => {
    const onHash = () => {
      const next = initialToken(meetingId);
      if (next) {
        setTokenError(null);
        setToken(next);
      }
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [meetingId]);

  const forget = useCallback(
    (message: string) => {
      try {
        sessionStorage.removeItem(storageKey(meetingId));
      } catch {
        // nothing stored
      }
      setTokenError(message);
      setToken(null);
    },
    [meetingId],
  );

  return (
    <div className="kiosk">
      <header className="kiosk-head">
        <p className="kiosk-brand">
          <span className="brand-mark" aria-hidden="true">
            DH
          </span>
          {t('app.name')}
        </p>
        <LanguageSwitch />
      </header>
      <main id="main" className="kiosk-main">
        {token ? <h1 className="visually-hidden">{t('kiosk.title')}</h1> : null}
        {token ? (
          <KioskStage meetingId={meetingId} token={token} onTokenRefused={() => forget(t('kiosk.tokenRefused'))} />
        ) : (
          <TokenForm
            error={tokenError}
            onSubmit={(value) => {
              try {
                sessionStorage.setItem(storageKey(meetingId), value);
              } catch {
                // kept in memory only
              }
              setTokenError(null);
              setToken(value);
            }}
          />
        )}
      </main>
    </div>
  );
}

function TokenForm({ error, onSubmit }: { error: string | null; onSubmit(token: string): void }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = value.trim();
    if (!v) {
      setMissing(true);
      return;
    }
    onSubmit(v);
  };
  return (
    <form className="panel kiosk-token" onSubmit={submit} noValidate aria-labelledby="kiosk-token-h">
      <h1 id="kiosk-token-h">{t('kiosk.setupTitle')}</h1>
      <p>{t('kiosk.setupHelp')}</p>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="kiosk-token">{t('kiosk.token')}</label>
        <input id="kiosk-token" type="password" autoComplete="off" value={value} aria-invalid={missing} onChange={(e) => setValue(e.target.value)} autoFocus />
        {missing ? (
          <p className="field-error" role="alert">
            {t('kiosk.tokenRequired')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn btn-primary btn-large">
        {t('kiosk.start')}
      </button>
    </form>
  );
}

/** Face recognition or a delegate's QR code: one camera, so one mode at a time (switching stops the other's stream). */
function KioskStage({ meetingId, token, onTokenRefused }: { meetingId: string; token: string; onTokenRefused(): void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>('face');
  return (
    <div className="kiosk-body">
      <div className="kiosk-modes" role="group" aria-label={t('kiosk.mode')}>
        <button type="button" className="btn btn-large" aria-pressed={mode === 'face'} onClick={() => setMode('face')}>
          {t('kiosk.modeFace')}
        </button>
        <button type="button" className="btn btn-large" aria-pressed={mode === 'qr'} onClick={() => setMode('qr')}>
          {t('qr.scan')}
        </button>
      </div>
      {mode === 'face' ? <KioskCamera meetingId={meetingId} token={token} onTokenRefused={onTokenRefused} /> : <KioskQr meetingId={meetingId} token={token} onTokenRefused={onTokenRefused} />}
    </div>
  );
}

function KioskQr({ meetingId, token, onTokenRefused }: { meetingId: string; token: string; onTokenRefused(): void }) {
  const { t } = useI18n();
  const refused = useRef(onTokenRefused);
  refused.current = onTokenRefused;
  const submit = useCallback(
    async (code: string): Promise<CheckInResult> => {
      let res: Response;
      try {
        res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/attendance/qr`, {
          method: 'POST',
          headers: { authorization: `Kiosk ${token}`, 'x-kiosk-device': deviceId(), 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
        });
      } catch (err: unknown) {
        throw new ApiError('NETWORK', err instanceof Error ? err.message : 'network error', 0);
      }
      if (res.ok) return (await res.json()) as CheckInResult;
      const failure: Partial<ApiErrorBody> | null = await res.json().catch(() => null);
      const errorCode = failure?.error?.code ?? (res.status >= 500 ? 'INTERNAL' : 'UNKNOWN');
      if (res.status === 401 || TOKEN_REFUSED.has(errorCode)) refused.current();
      throw new ApiError(errorCode, failure?.error?.message ?? `HTTP ${res.status}`, res.status, failure?.error?.details);
    },
    [meetingId, token],
  );
  return (
    <div className="kiosk-stage kiosk-qr">
      <p className="kiosk-big">{t('kiosk.qrIdle')}</p>
      <QrScanner kiosk submit={submit} />
    </div>
  );
}

function KioskCamera({ meetingId, token, onTokenRefused }: { meetingId: string; token: string; onTokenRefused(): void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [view, setView] = useState<View>({ kind: 'starting' });
  const holdUntil = useRef(0);
  const refused = useRef(onTokenRefused);
  refused.current = onTokenRefused;

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement('canvas');

    /** Keeps a greeting on screen for a while; other states replace each other at once. */
    let shown: View = { kind: 'starting' };
    const show = (next: View, holdMs = 0) => {
      const now = Date.now();
      const holding = now < holdUntil.current;
      if (holdMs === 0 && holding && (next.kind === 'idle' || next.kind === 'pending')) return;
      // the same person seen again while greeted: keep "checked in" rather than switching to "already present"
      if (holding && next.kind === 'welcome' && shown.kind === 'welcome' && shown.name === next.name) return;
      holdUntil.current = holdMs ? now + holdMs : 0;
      shown = next;
      setView(next);
    };

    const grab = (video: HTMLVideoElement): Promise<Blob | null> => {
      const w = video.videoWidth;
      const h = video.videoHeight;
      if (!w || !h) return Promise.resolve(null);
      const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      const ctx = canvas.getContext('2d');
      if (!ctx) return Promise.resolve(null);
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
    };

    const next = (ms: number) => {
      if (!stopped) timer = setTimeout(() => void tick(), ms);
    };

    const tick = async () => {
      const video = videoRef.current;
      const started = Date.now();
      if (!video) return next(FRAME_INTERVAL_MS);
      const blob = await grab(video);
      if (stopped) return;
      if (!blob) return next(FRAME_INTERVAL_MS);
      let res: Response;
      try {
        res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/checkin/frame`, {
          method: 'POST',
          headers: { authorization: `Kiosk ${token}`, 'x-kiosk-device': deviceId(), 'content-type': 'image/jpeg' },
          body: await blob.arrayBuffer(),
        });
      } catch {
        if (!stopped) show({ kind: 'offline' });
        return next(2000);
      }
      if (stopped) return;
      const retryAfter = Number(res.headers.get('retry-after')) || 1;
      if (res.ok) {
        const body: FrameResult | null = await res.json().catch(() => null);
        const faces = body?.faces ?? [];
        const known = faces.find((f) => (f.status === 'checked_in' || f.status === 'already_present') && f.delegate);
        if (known?.delegate) show({ kind: 'welcome', name: known.delegate.fullName, title: known.delegate.title, again: known.status === 'already_present' }, WELCOME_MS);
        else if (faces.some((f) => f.status === 'pending')) show({ kind: 'pending' });
        else if (faces.some((f) => f.status === 'unrecognised')) show({ kind: 'unrecognised' }, UNRECOGNISED_MS);
        else show({ kind: 'idle' });
        return next(Math.max(0, FRAME_INTERVAL_MS - (Date.now() - started)));
      }
      const failure: Partial<ApiErrorBody> | null = await res.json().catch(() => null);
      const code = failure?.error?.code ?? '';
      if (res.status === 401 || TOKEN_REFUSED.has(code)) {
        stopped = true;
        refused.current();
        return;
      }
      if (code === 'MEETING_NOT_OPEN') {
        show({ kind: 'closed' });
        return next(5000);
      }
      if (res.status === 503 || res.status === 429) {
        if (res.status === 503) show({ kind: 'busy' });
        return next(retryAfter * 1000);
      }
      // a frame the server could not use (no face, bad image): try the next one
      show({ kind: 'idle' });
      return next(FRAME_INTERVAL_MS);
    };

    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setView({ kind: 'camera', reason: 'unsupported' });
        return;
      }
      try {
        stream = await openCamera(() => videoRef.current, 'user', () => stopped);
      } catch (err: unknown) {
        setView({ kind: 'camera', reason: err instanceof DOMException ? err.name : 'unknown' });
        return;
      }
      if (!stream) return;
      setView({ kind: 'idle' });
      next(0);
    };
    void start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [meetingId, token]);

  return (
    <div className={`kiosk-stage kiosk-${view.kind}`}>
      <video ref={videoRef} className="kiosk-video" muted playsInline aria-hidden="true" />
      <div className="kiosk-message" role="status" aria-live="polite" data-testid="kiosk-message">
        <Message view={view} />
      </div>
    </div>
  );
}

function Message({ view }: { view: View }) {
  const { t } = useI18n();
  switch (view.kind) {
    case 'welcome':
      return (
        <>
          <p className="kiosk-hello">{t('kiosk.hello', { name: view.name })}</p>
          {view.title ? <p className="kiosk-title">{view.title}</p> : null}
          <p className="kiosk-sub">{view.again ? t('kiosk.alreadyPresent') : t('kiosk.checkedIn')}</p>
        </>
      );
    case 'unrecognised':
      return <p className="kiosk-big">{t('kiosk.unrecognised')}</p>;
    case 'pending':
      return <p className="kiosk-big">{t('kiosk.pending')}</p>;
    case 'busy':
      return <p className="kiosk-big">{t('kiosk.busy')}</p>;
    case 'offline':
      return <p className="kiosk-big">{t('kiosk.offline')}</p>;
    case 'closed':
      return <p className="kiosk-big">{t('kiosk.closed')}</p>;
    case 'camera':
      return <p className="kiosk-big">{t('kiosk.noCamera')}</p>;
    case 'starting':
      return <p className="kiosk-big">{t('kiosk.starting')}</p>;
    default:
      return <p className="kiosk-big">{t('kiosk.idle')}</p>;
  }
}
