import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import jsQR from 'jsqr';
import { ApiError } from '../api/client.js';
import type { CheckInResult } from '#contracts';
import { useErrorText } from '../components/error-message.js';
import { useI18n } from '../i18n/i18n.js';
import { cleanCode, scanErrorKey, scanSize, shouldSubmit } from './qr-logic.js';
import { openCamera } from './camera.js';

/** A few decodes a second: enough to catch a held-up phone, light on a tablet's CPU. */
const SCAN_INTERVAL_MS = 250;

type Outcome = { kind: 'ok'; name: string; again: boolean } | { kind: 'error'; text: string };
type Camera = 'off' | 'starting' | 'on' | 'failed';

/**
 * Check-in by a delegate's QR code: the camera (decoded with jsQR from a canvas a few times a second) or the code typed
 * in by hand. `submit` sends it (the secretary's session, or the kiosk's token); the answer is said in words.
 */
export function QrScanner({
  submit,
  onCheckedIn,
  kiosk = false,
}: {
  submit(code: string): Promise<CheckInResult>;
  onCheckedIn?(result: CheckInResult): void;
  /** At the door: the camera starts at once and stays on (the kiosk's own buttons switch modes), big messages. */
  kiosk?: boolean;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [camera, setCamera] = useState<Camera>(kiosk ? 'starting' : 'off');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [typed, setTyped] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const videoRef = useRef<HTMLVideoElement>(null);
  const latest = useRef({ submit, onCheckedIn });
  latest.current = { submit, onCheckedIn };

  const send = useCallback(
    async (code: string): Promise<boolean> => {
      if (busyRef.current) return false;
      busyRef.current = true;
      setBusy(true);
      try {
        const result = await latest.current.submit(code);
        setOutcome({ kind: 'ok', name: result.record.fullName, again: !result.created });
        latest.current.onCheckedIn?.(result);
        return true;
      } catch (err: unknown) {
        const key = err instanceof ApiError ? scanErrorKey(err.code, err.details) : null;
        setOutcome({ kind: 'error', text: key ? t(key) : errorText(err) });
        return false;
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [t, errorText],
  );
  const sendRef = useRef(send);
  sendRef.current = send;

  const running = camera === 'starting' || camera === 'on';
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: { code: string; at: number } | null = null;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });

    const scan = () => {
      if (stopped) return;
      const video = videoRef.current;
      if (video && ctx && video.videoWidth > 0 && !busyRef.current) {
        const { width, height } = scanSize(video.videoWidth, video.videoHeight);
        canvas.width = width;
        canvas.height = height;
        ctx.drawImage(video, 0, 0, width, height);
        const found = jsQR(ctx.getImageData(0, 0, width, height).data, width, height, { inversionAttempts: 'dontInvert' });
        const code = found ? cleanCode(found.data) : null;
        const now = Date.now();
        if (code && shouldSubmit(code, last, now)) {
          last = { code, at: now };
          void sendRef.current(code);
        }
      }
      timer = setTimeout(scan, SCAN_INTERVAL_MS);
    };

    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setCamera('failed');
        return;
      }
      try {
        // the back camera on a phone or tablet held towards the delegate's screen; a laptop has only one anyway
        stream = await openCamera(() => videoRef.current, kiosk ? 'user' : 'environment', () => stopped);
      } catch {
        if (!stopped) setCamera('failed');
        return;
      }
      if (!stream) return;
      setCamera('on');
      scan();
    };
    void start();
    // closed, switched off or unmounted: the camera light goes out
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
      if (videoRef.current) videoRef.current.srcObject = null;
    };
  }, [running, kiosk]);

  const submitTyped = (e: FormEvent) => {
    e.preventDefault();
    const code = cleanCode(typed);
    setMissing(code === null);
    if (!code) return;
    void send(code).then((ok) => ok && setTyped(''));
  };

  return (
    <div className={kiosk ? 'qr-scanner-wrap qr-kiosk' : 'qr-scanner-wrap'}>
      {kiosk ? null : (
        <button type="button" className={running ? 'btn btn-large' : 'btn btn-primary btn-large'} aria-pressed={running} onClick={() => setCamera(running ? 'off' : 'starting')}>
          {running ? t('qr.stopScan') : t('qr.scan')}
        </button>
      )}
      {running ? (
        <div className="qr-scanner" data-testid="qr-scanner">
          <video ref={videoRef} className="qr-video" muted playsInline aria-label={t('qr.cameraLabel')} />
          <p className="muted small">{camera === 'starting' ? t('qr.cameraStarting') : t('qr.cameraHelp')}</p>
        </div>
      ) : null}
      {camera === 'failed' ? (
        <p className="alert alert-error" role="alert">
          {t('qr.noCamera')}
        </p>
      ) : null}
      <div className="qr-outcome" role="status" aria-live="polite" data-testid="qr-result">
        {outcome?.kind === 'ok' ? (
          <p className="alert alert-ok">
            <span className="qr-name">{outcome.name}</span> {outcome.again ? t('qr.again') : t('qr.done')}
          </p>
        ) : null}
        {outcome?.kind === 'error' ? <p className="alert alert-error">{outcome.text}</p> : null}
      </div>
      <form className="qr-manual" onSubmit={submitTyped} noValidate>
        <label htmlFor="qr-code-input">{t('qr.codeLabel')}</label>
        <input
          id="qr-code-input"
          type="text"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={300}
          value={typed}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? 'qr-code-err' : undefined}
          onChange={(e) => {
            setTyped(e.target.value);
            setMissing(false);
          }}
        />
        {missing ? (
          <p id="qr-code-err" className="field-error" role="alert">
            {t('qr.codeRequired')}
          </p>
        ) : null}
        <button type="submit" className="btn" disabled={busy}>
          {t('qr.checkInByCode')}
        </button>
      </form>
    </div>
  );
}
