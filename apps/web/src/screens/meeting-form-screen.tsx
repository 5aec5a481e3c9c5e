import { useState, type FormEvent } from 'react';
import { api } from '../api/endpoints.js';
import type { Body, MeetingDetail, MeetingInput, MeetingMode } from '#contracts';
import { ActionFeedback } from '../components/action-feedback.js';
import { ErrorMessage } from '../components/error-message.js';
import { PageHead } from '../components/page-head.js';
import { useAction } from '../components/use-action.js';
import { useAsync } from '../components/use-async.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/vi.js';
import { buildPath } from '../router/match.js';
import { useRouter } from '../router/router.js';
import { paths, type ScreenProps } from '../routes.js';
import { fromHanoiInput, toHanoiInput } from './hanoi-time.js';

const MODES: MeetingMode[] = ['in_person', 'hybrid', 'online'];

type Field = 'bodyId' | 'title' | 'startsAt' | 'endsAt';

/** Create a meeting (`/meetings/new`) or edit one while it is a draft or scheduled (`/meetings/:id/edit`). */
export default function MeetingFormScreen({ params }: ScreenProps) {
  const meetingId = params.meetingId as string | undefined;
  const { t } = useI18n();
  const bodies = useAsync((signal) => api.bodies(signal), []);
  const meeting = useAsync((signal) => (meetingId ? api.meeting(meetingId, signal) : Promise.resolve(null)), [meetingId]);
  if (bodies.state.status === 'loading' || meeting.state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (bodies.state.status === 'error') return <ErrorMessage error={bodies.state.error} onRetry={bodies.reload} />;
  if (meeting.state.status === 'error') return <ErrorMessage error={meeting.state.error} onRetry={meeting.reload} />;
  return <MeetingForm bodies={bodies.state.data} meeting={meeting.state.data} />;
}

function MeetingForm({ bodies, meeting }: { bodies: Body[]; meeting: MeetingDetail | null }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const action = useAction();
  const [bodyId, setBodyId] = useState(meeting?.body?.id ?? (bodies.length === 1 ? bodies[0].id : ''));
  const [title, setTitle] = useState(meeting?.title ?? '');
  const [location, setLocation] = useState(meeting?.location ?? '');
  const [startsAt, setStartsAt] = useState(toHanoiInput(meeting?.startsAt));
  const [endsAt, setEndsAt] = useState(toHanoiInput(meeting?.endsAt));
  const [mode, setMode] = useState<MeetingMode>(meeting?.mode ?? 'hybrid');
  const [chairName, setChairName] = useState(meeting?.chairName ?? '');
  const [secretaryName, setSecretaryName] = useState(meeting?.secretaryName ?? '');
  const [problems, setProblems] = useState<Partial<Record<Field, MessageKey>>>({});
  const editable = !meeting || meeting.status === 'draft' || meeting.status === 'scheduled';

  const check = (): boolean => {
    const p: Partial<Record<Field, MessageKey>> = {};
    if (!meeting && !bodyId) p.bodyId = 'meetingForm.bodyRequired';
    if (!title.trim()) p.title = 'meetingForm.titleRequired';
    const start = fromHanoiInput(startsAt);
    if (!start) p.startsAt = 'meetingForm.startRequired';
    const end = endsAt ? fromHanoiInput(endsAt) : null;
    if (endsAt && !end) p.endsAt = 'meetingForm.endInvalid';
    if (start && end && new Date(end) <= new Date(start)) p.endsAt = 'meetingForm.endBeforeStart';
    setProblems(p);
    const first = (['bodyId', 'title', 'startsAt', 'endsAt'] as Field[]).find((f) => p[f]);
    if (first) document.getElementById(`meeting-${first}`)?.focus();
    return !first;
  };

  const input = (): MeetingInput => ({
    ...(meeting ? {} : { bodyId }),
    title: title.trim(),
    location: location.trim() || null,
    startsAt: fromHanoiInput(startsAt) ?? '',
    endsAt: endsAt ? fromHanoiInput(endsAt) : null,
    mode,
    chairName: chairName.trim() || null,
    secretaryName: secretaryName.trim() || null,
  });

  const onSubmit = (e: FormEvent) =>
    action.submit(
      async () => {
        const saved = meeting ? await api.updateMeeting(meeting.id, input()) : await api.createMeeting(input());
        navigate(buildPath(paths.prepare, { meetingId: saved.id }));
      },
      { check },
    )(e);

  const fieldError = (f: Field) =>
    problems[f] ? (
      <p className="field-error" id={`meeting-${f}-error`}>
        {t(problems[f])}
      </p>
    ) : null;
  const described = (f: Field) => (problems[f] ? { 'aria-invalid': true, 'aria-describedby': `meeting-${f}-error` } : {});
  const heading = meeting ? t('meetingForm.editTitle') : t('meetingForm.createTitle');

  return (
    <article aria-labelledby="meeting-form-title">
      <PageHead
        titleId="meeting-form-title"
        title={heading}
        above={meeting?.title}
        links={[meeting ? { to: buildPath(paths.prepare, { meetingId: meeting.id }), label: t('prepare.back') } : { to: paths.meetings, label: t('app.backToMeetings') }]}
      />
      {!editable ? <p className="alert alert-error">{t('meetingForm.locked')}</p> : null}
      <form className="panel meeting-form" noValidate onSubmit={onSubmit} aria-labelledby="meeting-form-title">
        {meeting ? (
          <p>
            <strong>{t('meeting.body')}:</strong> {meeting.body?.name}
          </p>
        ) : (
          <div className="field">
            <label htmlFor="meeting-bodyId">{t('meeting.body')}</label>
            <select id="meeting-bodyId" value={bodyId} onChange={(e) => setBodyId(e.target.value)} {...described('bodyId')}>
              <option value="">{t('meetingForm.chooseBody')}</option>
              {bodies.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
            {fieldError('bodyId')}
          </div>
        )}
        <div className="field">
          <label htmlFor="meeting-title">{t('meetingForm.title')}</label>
          <input id="meeting-title" maxLength={500} value={title} onChange={(e) => setTitle(e.target.value)} disabled={!editable} {...described('title')} />
          {fieldError('title')}
        </div>
        <div className="field">
          <label htmlFor="meeting-location">{t('meeting.location')}</label>
          <input id="meeting-location" maxLength={300} value={location} onChange={(e) => setLocation(e.target.value)} disabled={!editable} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="meeting-startsAt">{t('meetingForm.startsAt')}</label>
            <input id="meeting-startsAt" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} disabled={!editable} {...described('startsAt')} />
            {fieldError('startsAt')}
          </div>
          <div className="field">
            <label htmlFor="meeting-endsAt">{t('meetingForm.endsAt')}</label>
            <input id="meeting-endsAt" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} disabled={!editable} {...described('endsAt')} />
            {fieldError('endsAt')}
          </div>
        </div>
        <p className="muted small">{t('meetingForm.hanoiTime')}</p>
        <fieldset className="plain field">
          <legend className="legend">{t('meeting.mode')}</legend>
          <div className="button-row">
            {MODES.map((m) => (
              <label key={m} className="field-check">
                <input type="radio" name="meeting-mode" value={m} checked={mode === m} onChange={() => setMode(m)} disabled={!editable} />
                {t(`mode.${m}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field-row">
          <div className="field field-grow">
            <label htmlFor="meeting-chair">{t('meetingForm.chair')}</label>
            <input id="meeting-chair" maxLength={200} value={chairName} onChange={(e) => setChairName(e.target.value)} disabled={!editable} />
          </div>
          <div className="field field-grow">
            <label htmlFor="meeting-secretary">{t('meetingForm.secretary')}</label>
            <input id="meeting-secretary" maxLength={200} value={secretaryName} onChange={(e) => setSecretaryName(e.target.value)} disabled={!editable} />
          </div>
        </div>
        {!meeting ? <p className="muted">{t('meetingForm.membersInvited')}</p> : null}
        <ActionFeedback action={action} />
        <button type="submit" className="btn btn-primary" disabled={action.busy || !editable}>
          {meeting ? t('meetingForm.save') : t('meetingForm.create')}
        </button>
      </form>
    </article>
  );
}
