import { useCallback, useMemo, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/endpoints.js';
import type { AttendanceListItem, UnrecognisedFace } from '#contracts';
import { QrScanner } from '../checkin/qr-scanner.js';
import { formatTime } from '../components/attendance-charts.js';
import { ErrorMessage } from '../components/error-message.js';
import { LiveBadge } from '../components/live-badge.js';
import { PageHead } from '../components/page-head.js';
import { useAsync } from '../components/use-async.js';
import { useI18n } from '../i18n/i18n.js';
import type { LiveHandlers } from '../realtime/live-connection.js';
import { useLiveMeeting } from '../realtime/use-live-meeting.js';
import { buildPath } from '../router/match.js';
import { paths, type ScreenProps } from '../routes.js';

type Filter = 'all' | 'notPresent' | 'present';
const MAX_ALERTS = 20;

/**
 * The secretary's attendance screen: every invited delegate (the attendance list already includes those with nothing
 * recorded yet, as `absent`), manual check-in / check-out / excused absence with a reason, live updates, and the
 * alerts of unrecognised people at the kiosks (how many, when, which kiosk; never an image or an identity).
 */
export default function AttendanceScreen({ params }: ScreenProps) {
  const meetingId = params.meetingId;
  const { t, locale } = useI18n();
  const meeting = useAsync((signal) => api.meeting(meetingId, signal), [meetingId]);
  const list = useAsync((signal) => api.attendance(meetingId, signal), [meetingId]);
  const [filter, setFilter] = useState<Filter>('all');
  const [busy, setBusy] = useState<string | null>(null);
  const [excusing, setExcusing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [alerts, setAlerts] = useState<(UnrecognisedFace & { key: number })[]>([]);
  const alertSeq = useRef(0);

  const { reload: reloadList, set: setList } = list;
  const current = list.state.status === 'done' ? list.state.data : null;
  const currentRef = useRef(current);
  currentRef.current = current;

  const upsert = useCallback(
    (record: AttendanceListItem) => {
      const rows = currentRef.current;
      if (!rows) return;
      const found = rows.some((r) => r.delegateId === record.delegateId);
      setList(found ? rows.map((r) => (r.delegateId === record.delegateId ? record : r)) : [...rows, record]);
    },
    [setList],
  );

  const events = useMemo(
    (): LiveHandlers => ({
      'attendance:updated': (e) => {
        if (e.meetingId !== meetingId) return;
        if (e.record) upsert(e.record);
        else reloadList();
      },
      'checkin:unrecognised': (e) => {
        if (e.meetingId !== meetingId) return;
        alertSeq.current += 1;
        const key = alertSeq.current;
        setAlerts((prev) => [{ ...e, key }, ...prev].slice(0, MAX_ALERTS));
      },
    }),
    [meetingId, upsert, reloadList],
  );
  const live = useLiveMeeting(meetingId, events, reloadList);

  const run = async (delegate: AttendanceListItem, action: 'present' | 'left' | 'excused', call: () => Promise<AttendanceListItem>) => {
    setBusy(delegate.delegateId);
    setError(null);
    setDone(null);
    try {
      upsert(await call());
      setDone(t(`att.done.${action}`, { name: delegate.fullName }));
      setExcusing(null);
      setReason('');
    } catch (err: unknown) {
      setError(err);
      reloadList();
    } finally {
      setBusy(null);
    }
  };

  const submitExcuse = (e: FormEvent, d: AttendanceListItem) => {
    e.preventDefault();
    const text = reason.trim();
    if (!text) {
      setReasonMissing(true);
      return;
    }
    setReasonMissing(false);
    void run(d, 'excused', () => api.excuse(meetingId, d.delegateId, text.slice(0, 500)));
  };

  const title = meeting.state.status === 'done' ? meeting.state.data.title : '';
  const rows = current ?? [];
  const presentCount = rows.filter((r) => r.status === 'present').length;
  const shown = rows.filter((r) => (filter === 'all' ? true : filter === 'present' ? r.status === 'present' : r.status !== 'present'));

  return (
    <article aria-labelledby="att-title">
      <PageHead
        titleId="att-title"
        title={title ? t('att.title', { title }) : t('meeting.attendance')}
        links={[
          { to: buildPath(paths.chair, { meetingId }), label: t('meeting.dashboard') },
          { to: buildPath(paths.meeting, { meetingId }), label: t('console.backToMeeting') },
        ]}
      >
        <LiveBadge status={live} />
      </PageHead>
      <div className="att-columns">
        <section className="panel" aria-labelledby="att-list-h">
          <h2 id="att-list-h">{t('att.list')}</h2>
          <div className="button-row filter-row" role="group" aria-label={t('att.filter')}>
            {(['all', 'notPresent', 'present'] as Filter[]).map((f) => (
              <button key={f} type="button" className="btn btn-small" aria-pressed={filter === f} onClick={() => setFilter(f)}>
                {t(`att.filter.${f}`, { n: f === 'all' ? rows.length : f === 'present' ? presentCount : rows.length - presentCount })}
              </button>
            ))}
          </div>
          {done ? (
            <p className="alert alert-ok" role="status">
              {done}
            </p>
          ) : null}
          {error ? <ErrorMessage error={error} /> : null}
          {list.state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
          {list.state.status === 'error' ? <ErrorMessage error={list.state.error} onRetry={reloadList} /> : null}
          {current && shown.length === 0 ? <p className="empty">{t('att.empty')}</p> : null}
          {current && shown.length > 0 ? (
            <div className="table-wrap">
              <table className="table att-table">
                <caption className="visually-hidden">{t('att.list')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('att.col.name')}</th>
                    <th scope="col">{t('att.col.kind')}</th>
                    <th scope="col">{t('att.col.status')}</th>
                    <th scope="col">{t('att.col.time')}</th>
                    <th scope="col">{t('att.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((d) => (
                    <tr key={d.delegateId} data-delegate={d.delegateId}>
                      <th scope="row">
                        {d.fullName}
                        {d.title ? <div className="muted small">{d.title}</div> : null}
                      </th>
                      <td>{t(`att.kind.${d.kind}`)}</td>
                      <td>
                        <span className={`att-badge att-${d.status}`}>{t(`att.status.${d.status}`)}</span>
                        {d.method && d.status === 'present' ? <div className="muted small">{t(`att.method.${d.method}`)}</div> : null}
                        {d.status === 'excused' && d.absenceReason ? <div className="small">{d.absenceReason}</div> : null}
                      </td>
                      <td>{formatTime(locale, d.status === 'left' ? d.checkedOutAt : d.checkedInAt)}</td>
                      <td>
                        {excusing === d.delegateId ? (
                          <form className="excuse-form" onSubmit={(e) => submitExcuse(e, d)} noValidate>
                            <label htmlFor={`reason-${d.delegateId}`}>{t('att.reason', { name: d.fullName })}</label>
                            <input
                              id={`reason-${d.delegateId}`}
                              type="text"
                              maxLength={500}
                              value={reason}
                              autoFocus
                              aria-invalid={reasonMissing}
                              aria-describedby={reasonMissing ? `reason-err-${d.delegateId}` : undefined}
                              onChange={(e) => setReason(e.target.value)}
                            />
                            {reasonMissing ? (
                              <p id={`reason-err-${d.delegateId}`} className="field-error" role="alert">
                                {t('att.reasonRequired')}
                              </p>
                            ) : null}
                            <div className="button-row">
                              <button type="submit" className="btn btn-primary btn-small" disabled={busy !== null}>
                                {t('att.save')}
                              </button>
                              <button type="button" className="btn btn-small" onClick={() => setExcusing(null)}>
                                {t('att.cancel')}
                              </button>
                            </div>
                          </form>
                        ) : (
                          <div className="button-row">
                            {d.status !== 'present' ? (
                              <button
                                type="button"
                                className="btn btn-primary btn-small"
                                disabled={busy !== null}
                                aria-label={t('att.checkInFor', { name: d.fullName })}
                                onClick={() => void run(d, 'present', () => api.checkIn(meetingId, d.delegateId).then((r) => r.record))}
                              >
                                {t('att.checkIn')}
                              </button>
                            ) : (
                              <button
                                type="button"
                                className="btn btn-small"
                                disabled={busy !== null}
                                aria-label={t('att.checkOutFor', { name: d.fullName })}
                                onClick={() => void run(d, 'left', () => api.checkOut(meetingId, d.delegateId))}
                              >
                                {t('att.checkOut')}
                              </button>
                            )}
                            {d.status !== 'present' && d.status !== 'excused' ? (
                              <button
                                type="button"
                                className="btn btn-small"
                                disabled={busy !== null}
                                aria-label={t('att.excuseFor', { name: d.fullName })}
                                onClick={() => {
                                  setExcusing(d.delegateId);
                                  setReason('');
                                  setReasonMissing(false);
                                }}
                              >
                                {t('att.excuse')}
                              </button>
                            ) : null}
                          </div>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
        <div className="att-side">
          <section className="panel qr-panel" aria-labelledby="att-qr-h">
            <h2 id="att-qr-h">{t('qr.scanTitle')}</h2>
            <p className="muted small">{t('qr.scanHelp')}</p>
            <QrScanner submit={(code) => api.qrCheckIn(meetingId, code)} onCheckedIn={(r) => upsert(r.record)} />
          </section>
          <section className="panel alerts-panel" aria-labelledby="alerts-h">
            <h2 id="alerts-h">{t('att.alerts')}</h2>
            <div aria-live="polite">
              {alerts.length === 0 ? <p className="empty">{t('att.alertsEmpty')}</p> : null}
              <ul className="alert-list">
                {alerts.map((a) => {
                  const time = formatTime(locale, a.at);
                  return (
                    <li key={a.key} className="face-alert">
                      <p>{t('att.alert', { time, count: String(a.count), kiosk: a.kioskName ?? t('att.unknownKiosk') })}</p>
                      <button type="button" className="btn btn-small" onClick={() => setAlerts((prev) => prev.filter((x) => x.key !== a.key))}>
                        {t('att.dismiss')}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          </section>
        </div>
      </div>
    </article>
  );
}
