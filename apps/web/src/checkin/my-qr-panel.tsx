import { useEffect, useMemo, useState } from 'react';
import { create as createQr } from 'qrcode';
import { api } from '../api/endpoints.js';
import type { MeetingStatus, MyQrCode } from '#contracts';
import { ErrorMessage } from '../components/error-message.js';
import { formatTime } from '../components/attendance-charts.js';
import { useI18n } from '../i18n/i18n.js';
import type { LiveHandlers } from '../realtime/live-connection.js';
import { useLiveMeeting } from '../realtime/use-live-meeting.js';
import { qrPath, qrViewSize, refreshDelayMs } from './qr-logic.js';

/** Check-in is open while the meeting is open (điểm danh) or in session (latecomers). */
const CHECK_IN_OPEN: MeetingStatus[] = ['open', 'in_session'];

/**
 * The delegate's check-in QR on the tablet or phone: a short-lived signed code, drawn as an SVG and fetched again
 * before it runs out, with the code in small text for manual entry; once the delegate is present it says so instead.
 */
export function MyQrPanel({ meetingId, status }: { meetingId: string; status: MeetingStatus }) {
  const { t } = useI18n();
  const active = CHECK_IN_OPEN.includes(status);
  const [shown, setShown] = useState(false);
  const [qr, setQr] = useState<MyQrCode | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  // asked once when the panel appears (to know whether the delegate is already present), then while the code is shown
  useEffect(() => {
    if (!active) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    api.myQr(meetingId, ctrl.signal).then(
      (next) => {
        if (ctrl.signal.aborted) return;
        setQr(next);
        setError(null);
        if (shown && !next.checkedIn) timer = setTimeout(() => setTick((n) => n + 1), refreshDelayMs(next.expiresAt, next.ttlSeconds, Date.now()));
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(err);
        // a network blip at the door: try again shortly rather than leave an expired code on screen
        if (shown) timer = setTimeout(() => setTick((n) => n + 1), 5_000);
      },
    );
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [meetingId, active, shown, tick]);

  // a check-in anywhere changes the hall's count: only a shown code asks again (hundreds of idle tablets do not)
  const events = useMemo(
    (): LiveHandlers => ({
      'attendance:updated': (e) => {
        if (e.meetingId === meetingId && shown) setTick((n) => n + 1);
      },
    }),
    [meetingId, shown],
  );
  useLiveMeeting(active ? meetingId : null, events, () => setTick((n) => n + 1));

  if (!active) return null;
  const checkedIn = qr?.checkedIn === true;
  return (
    <section className="panel qr-panel" aria-labelledby="my-qr-h">
      <h2 id="my-qr-h">{t('qr.myTitle')}</h2>
      {checkedIn ? (
        <p className="alert alert-ok" role="status" data-testid="my-qr-checked-in">
          {t('qr.alreadyIn')}
        </p>
      ) : (
        <>
          <p className="muted small">{t('qr.myHelp')}</p>
          <button type="button" className={shown ? 'btn btn-large btn-block' : 'btn btn-primary btn-large btn-block'} aria-expanded={shown} onClick={() => setShown((s) => !s)}>
            {shown ? t('qr.hide') : t('qr.show')}
          </button>
          {error ? <ErrorMessage error={error} /> : null}
          {shown && qr ? <QrImage code={qr.code} expiresAt={qr.expiresAt} /> : null}
          {shown && !qr && !error ? <p role="status">{t('app.loading')}</p> : null}
        </>
      )}
    </section>
  );
}

function QrImage({ code, expiresAt }: { code: string; expiresAt: string }) {
  const { t, locale } = useI18n();
  const drawn = useMemo(() => {
    const { modules } = createQr(code, { errorCorrectionLevel: 'M' });
    return { path: qrPath(modules), size: qrViewSize(modules) };
  }, [code]);
  return (
    <figure className="qr-figure">
      <svg className="qr-svg" data-testid="my-qr" viewBox={`0 0 ${drawn.size} ${drawn.size}`} role="img" aria-label={t('qr.imageLabel')} shapeRendering="crispEdges">
        <rect width={drawn.size} height={drawn.size} fill="#fff" />
        <path d={drawn.path} fill="#000" />
      </svg>
      <figcaption>
        <p className="small">{t('qr.validUntil', { time: formatTime(locale, expiresAt) })}</p>
        <p className="qr-code-text" data-testid="my-qr-code">
          {code}
        </p>
      </figcaption>
    </figure>
  );
}
