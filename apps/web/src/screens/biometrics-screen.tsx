import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { ConsentStatus, FaceEnrolmentStatus } from '#contracts';
import { useMe } from '../auth/auth.js';
import { ConfirmBox } from '../components/confirm-box.js';
import { ErrorMessage, useErrorText } from '../components/error-message.js';
import { useAction, type Action } from '../components/use-action.js';
import { useAsync } from '../components/use-async.js';
import { formatDateTime, useI18n } from '../i18n/i18n.js';
import { Link } from '../router/router.js';
import { paths, type ScreenProps } from '../routes.js';

interface Shot {
  id: number;
  file: File;
  url: string;
}

/** A delegate's biometric consent (paper form recorded by the admin, withdrawal) and face enrolment (files or camera). */
export default function BiometricsScreen({ params }: ScreenProps) {
  const { t } = useI18n();
  const me = useMe();
  const id = params.delegateId ?? '';
  const delegate = useAsync((signal) => api.delegate(id, signal), [id]);
  const consent = useAsync((signal) => api.faceConsent(id, signal), [id]);
  const enrolment = useAsync((signal) => api.faceEnrolment(id, signal), [id]);
  const admin = me.role === 'admin';
  const reload = () => {
    consent.reload();
    enrolment.reload();
  };

  return (
    <section aria-labelledby="bio-title">
      <p>
        <Link to={paths.delegates}>{t('bio.back')}</Link>
      </p>
      <h1 id="bio-title">{delegate.state.status === 'done' ? t('bio.titleFor', { name: delegate.state.data.fullName }) : t('bio.title')}</h1>
      {delegate.state.status === 'error' ? <ErrorMessage error={delegate.state.error} onRetry={delegate.reload} /> : null}
      {consent.state.status === 'loading' || enrolment.state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {consent.state.status === 'error' ? <ErrorMessage error={consent.state.error} onRetry={reload} /> : null}
      {consent.state.status === 'done' ? <ConsentPanel delegateId={id} status={consent.state.data} admin={admin} onChanged={reload} /> : null}
      {enrolment.state.status === 'error' ? <ErrorMessage error={enrolment.state.error} onRetry={reload} /> : null}
      {enrolment.state.status === 'done' && consent.state.status === 'done' ? (
        <EnrolmentPanel delegateId={id} status={enrolment.state.data} consentActive={consent.state.data.active} admin={admin} onChanged={enrolment.reload} />
      ) : null}
    </section>
  );
}

function ConsentPanel({ delegateId, status, admin, onChanged }: { delegateId: string; status: ConsentStatus; admin: boolean; onChanged(): void }) {
  const { t, locale } = useI18n();
  const action = useAction();
  const [reference, setReference] = useState('');
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const c = status.consent;

  const record = action.submit(() => api.recordPaperConsent(delegateId, status.currentNoticeVersion, reference.trim()), {
    check: () => {
      setMissing(reference.trim() === '');
      return reference.trim() !== '';
    },
    done: t('bio.consent.recorded'),
    settled: onChanged,
  });
  const withdraw = () => {
    setConfirming(false);
    void action.run(() => api.withdrawConsent(delegateId), { done: (r) => t('bio.consent.withdrawn', { n: r.descriptorsDeleted }), settled: onChanged });
  };

  return (
    <section className="panel" aria-labelledby="consent-title">
      <h2 id="consent-title">{t('bio.consent.title')}</h2>
      <p className="muted">{t('bio.consent.notice', { version: status.currentNoticeVersion })}</p>
      <p data-testid="consent-status">
        <strong>{status.active ? t('bio.consent.active') : t('bio.consent.none')}</strong>
      </p>
      {c ? (
        <dl className="facts">
          <div>
            <dt>{t('bio.consent.method')}</dt>
            <dd>{c.method === 'paper' ? t('bio.consent.paper', { ref: c.paperReference ?? '' }) : t('bio.consent.self')}</dd>
          </div>
          <div>
            <dt>{t('bio.consent.version')}</dt>
            <dd>{c.noticeVersion}</dd>
          </div>
          <div>
            <dt>{t('bio.consent.givenAt')}</dt>
            <dd>{formatDateTime(locale, c.givenAt)}</dd>
          </div>
          {c.withdrawnAt ? (
            <div>
              <dt>{t('bio.consent.withdrawnAt')}</dt>
              <dd>{formatDateTime(locale, c.withdrawnAt)}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      <ActionFeedbackFace action={action} />
      {admin && !status.active ? (
        <form onSubmit={record} noValidate>
          <div className="field">
            <label htmlFor="paper-ref">{t('bio.consent.reference')}</label>
            <input
              id="paper-ref"
              value={reference}
              maxLength={100}
              required
              aria-invalid={missing}
              aria-describedby={missing ? 'paper-ref-help paper-ref-error' : 'paper-ref-help'}
              onChange={(e) => setReference(e.target.value)}
            />
            <p id="paper-ref-help" className="muted small">
              {t('bio.consent.referenceHelp', { version: status.currentNoticeVersion })}
            </p>
            {missing ? (
              <p id="paper-ref-error" className="field-error" role="alert">
                {t('bio.consent.referenceRequired')}
              </p>
            ) : null}
          </div>
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {t('bio.consent.record')}
          </button>
        </form>
      ) : null}
      {admin && status.active ? (
        confirming ? (
          <ConfirmBox id="withdraw-confirm" text={t('bio.consent.confirmWithdraw')} confirm={t('bio.consent.withdraw')} busy={action.busy} onConfirm={withdraw} onCancel={() => setConfirming(false)} />
        ) : (
          <button type="button" className="btn" disabled={action.busy} onClick={() => setConfirming(true)}>
            {t('bio.consent.withdraw')}
          </button>
        )
      ) : null}
    </section>
  );
}

/**
 * The action's outcome; a refused photo is named (number and file name from the error's details). It takes the focus,
 * since the pressed button usually goes away (consent form, confirmation, emptied photo list).
 */
function ActionFeedbackFace({ action }: { action: Pick<Action, 'done' | 'error'> }) {
  const { t } = useI18n();
  const text = useErrorText();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (action.done || action.error) box.current?.focus();
  }, [action.done, action.error]);
  const details = action.error instanceof ApiError && action.error.details && typeof action.error.details === 'object' ? (action.error.details as { photo?: unknown; filename?: unknown }) : {};
  const photo = typeof details.photo === 'number' ? t('bio.photoFailed', { n: details.photo + 1, name: typeof details.filename === 'string' ? details.filename : '' }) : null;
  return (
    <div ref={box} tabIndex={-1}>
      {action.done ? (
        <p className="alert alert-ok" role="status">
          {action.done}
        </p>
      ) : null}
      {action.error ? (
        <div className="alert alert-error" role="alert">
          {photo ? <p className="alert-title">{photo}</p> : null}
          <p className={photo ? undefined : 'alert-title'}>{text(action.error)}</p>
        </div>
      ) : null}
    </div>
  );
}

function EnrolmentPanel({ delegateId, status, consentActive, admin, onChanged }: { delegateId: string; status: FaceEnrolmentStatus; consentActive: boolean; admin: boolean; onChanged(): void }) {
  const { t, locale } = useI18n();
  const action = useAction();
  const [shots, setShots] = useState<Shot[]>([]);
  const [confirming, setConfirming] = useState(false);
  const nextId = useRef(1);
  const disabled = !consentActive || action.busy;
  const full = shots.length >= status.maxPhotos;

  // the object URLs of the thumbnails are released when they leave the list and when the screen closes
  const live = useRef<Shot[]>([]);
  live.current = shots;
  useEffect(() => () => live.current.forEach((s) => URL.revokeObjectURL(s.url)), []);
  const clear = () => {
    live.current.forEach((s) => URL.revokeObjectURL(s.url));
    setShots([]);
  };
  useEffect(() => {
    if (!consentActive) clear();
  }, [consentActive]);

  const add = (files: File[]) =>
    setShots((prev) => [...prev, ...files.slice(0, Math.max(0, status.maxPhotos - prev.length)).map((file) => ({ id: nextId.current++, file, url: URL.createObjectURL(file) }))]);
  const remove = (shot: Shot) => {
    URL.revokeObjectURL(shot.url);
    setShots((prev) => prev.filter((s) => s.id !== shot.id));
  };
  const enrol = () =>
    void action.run(() => api.enrolFace(delegateId, shots.map((s) => s.file)), {
      done: (r) => {
        clear();
        return t('bio.enrol.done', { n: r.descriptors });
      },
      settled: onChanged,
    });
  const removeEnrolment = () => {
    setConfirming(false);
    void action.run(() => api.deleteFaceEnrolment(delegateId), { done: t('bio.enrol.deleted'), settled: onChanged });
  };

  return (
    <section className="panel" aria-labelledby="enrol-title">
      <h2 id="enrol-title">{t('bio.enrol.title')}</h2>
      <p data-testid="enrolment-status">
        {status.descriptors > 0 && status.enrolledAt ? t('bio.enrol.status', { n: status.descriptors, at: formatDateTime(locale, status.enrolledAt) }) : t('bio.enrol.none')}
      </p>
      <ActionFeedbackFace action={action} />
      {admin ? (
        <>
          {!consentActive ? (
            <p id="enrol-disabled" className="alert">
              {t('bio.enrol.needConsent')}
            </p>
          ) : null}
          <fieldset className="bio-photos" disabled={disabled} aria-describedby={consentActive ? 'enrol-help' : 'enrol-disabled'}>
            <legend>{t('bio.enrol.photos', { max: status.maxPhotos })}</legend>
            <p id="enrol-help" className="muted small">
              {t('bio.enrol.help')}
            </p>
            <div className="field">
              <label htmlFor="enrol-files">{t('bio.enrol.files')}</label>
              <input
                id="enrol-files"
                type="file"
                accept="image/jpeg,image/png"
                multiple
                disabled={disabled || full}
                onChange={(e) => {
                  add(Array.from(e.target.files ?? []));
                  e.target.value = '';
                }}
              />
            </div>
            <Camera disabled={disabled || full} onShot={(file) => add([file])} />
            {shots.length > 0 ? (
              <ul className="bio-thumbs" aria-label={t('bio.enrol.selected')}>
                {shots.map((s, i) => (
                  <li key={s.id}>
                    <img src={s.url} alt={t('bio.enrol.thumb', { n: i + 1 })} />
                    <button type="button" className="btn" aria-label={t('bio.enrol.removeThumb', { n: i + 1 })} onClick={() => remove(s)}>
                      {t('bio.enrol.remove')}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="button-row">
              <button type="button" className="btn btn-primary" disabled={disabled || shots.length === 0} onClick={enrol}>
                {t('bio.enrol.submit', { n: shots.length })}
              </button>
            </div>
          </fieldset>
          {status.descriptors > 0 ? (
            confirming ? (
              <ConfirmBox id="delete-enrol-confirm" text={t('bio.enrol.confirmDelete')} confirm={t('bio.enrol.delete')} busy={action.busy} onConfirm={removeEnrolment} onCancel={() => setConfirming(false)} />
            ) : (
              <button type="button" className="btn" disabled={action.busy} onClick={() => setConfirming(true)}>
                {t('bio.enrol.delete')}
              </button>
            )
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** Camera preview (getUserMedia) and a "take photo" button that captures the current frame as a JPEG file. */
function Camera({ disabled, onShot }: { disabled: boolean; onShot(file: File): void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [failed, setFailed] = useState(false);
  const count = useRef(0);

  useEffect(() => () => stream?.getTracks().forEach((track) => track.stop()), [stream]);
  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
  }, [stream]);

  const start = async () => {
    setFailed(false);
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 } }, audio: false }));
    } catch {
      setFailed(true);
    }
  };
  const stop = () => setStream(null);
  const take = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => blob && onShot(new File([blob], `camera-${++count.current}.jpg`, { type: 'image/jpeg' })), 'image/jpeg', 0.92);
  };

  return (
    <div className="bio-camera">
      {stream ? (
        <>
          <video ref={video} autoPlay muted playsInline aria-label={t('bio.camera.preview')} />
          <div className="button-row">
            <button type="button" className="btn btn-primary" disabled={disabled} onClick={take}>
              {t('bio.camera.take')}
            </button>
            <button type="button" className="btn" onClick={stop}>
              {t('bio.camera.stop')}
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="btn" disabled={disabled} onClick={() => void start()}>
          {t('bio.camera.start')}
        </button>
      )}
      {failed ? (
        <p className="field-error" role="alert">
          {t('bio.camera.failed')}
        </p>
      ) : null}
    </div>
  );
}
