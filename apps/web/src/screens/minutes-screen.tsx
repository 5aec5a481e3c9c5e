import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.js';
import type { MinutesContent, MinutesView } from '#contracts';
import { useMe } from '../auth/auth.js';
import { ActionFeedback } from '../components/action-feedback.js';
import { ConfirmBox } from '../components/confirm-box.js';
import { ErrorMessage } from '../components/error-message.js';
import { ExportsPanel } from '../components/exports-panel.js';
import { SignaturesPanel } from '../components/signatures-panel.js';
import { PageHead } from '../components/page-head.js';
import { useAction, type Action } from '../components/use-action.js';
import { useAsync } from '../components/use-async.js';
import { formatDateTime, useI18n } from '../i18n/i18n.js';
import { buildPath } from '../router/match.js';
import { paths, type ScreenProps } from '../routes.js';

/**
 * Minutes (biên bản) and the meeting's files: the secretary drafts the minutes from the meeting's data, edits and
 * saves them; the secretary or the chair locks them (then the SHA-256 is shown and nothing can change).
 */
export default function MinutesScreen({ params }: ScreenProps) {
  const meetingId = params.meetingId;
  const { t } = useI18n();
  const me = useMe();
  const meeting = useAsync((signal) => api.meeting(meetingId, signal), [meetingId]);
  const minutes = useAsync((signal) => api.minutesOrNull(meetingId, signal), [meetingId]);
  const action = useAction();
  const [confirm, setConfirm] = useState<'lock' | 'redraft' | null>(null);
  // the lock seals what is saved, so unsaved edits must be saved (or dropped) first
  const [dirty, setDirty] = useState(false);
  const canEdit = me.role === 'admin' || me.role === 'secretary';

  if (meeting.state.status === 'loading' || minutes.state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (meeting.state.status === 'error') return <ErrorMessage error={meeting.state.error} onRetry={meeting.reload} />;
  if (minutes.state.status === 'error') return <ErrorMessage error={minutes.state.error} onRetry={minutes.reload} />;
  const m = meeting.state.data;
  const view = minutes.state.data;
  const locked = view?.status === 'locked';

  /** A refusal because someone locked meanwhile: show the locked minutes under the message. */
  const write = async (work: () => Promise<MinutesView>, done: string) => {
    const ok = await action.run(async () => minutes.set(await work()), { done });
    if (!ok) minutes.reload();
    setConfirm(null);
  };

  return (
    <article aria-labelledby="minutes-title">
      <PageHead
        titleId="minutes-title"
        title={t('minutes.title')}
        above={m.title}
        links={[
          { to: buildPath(paths.conclusions, { meetingId }), label: t('meeting.conclusions') },
          { to: buildPath(paths.meeting, { meetingId }), label: t('console.backToMeeting') },
        ]}
      />
      <ExportsPanel meetingId={meetingId} hasMinutes={view !== null} />
      <SignaturesPanel meetingId={meetingId} locked={locked} />
      <section className="panel" aria-labelledby="minutes-doc">
        <h2 id="minutes-doc">{t('minutes.document')}</h2>
        {view ? <MinutesState view={view} /> : <p className="empty">{t('minutes.none')}</p>}
        <ActionFeedback action={action} />
        {confirm ? (
          <ConfirmBox
            id="minutes-confirm"
            text={t(confirm === 'lock' ? 'minutes.confirmLock' : 'minutes.confirmRedraft')}
            busy={action.busy}
            onConfirm={() => void (confirm === 'lock' ? write(() => api.lockMinutes(meetingId), t('minutes.locked')) : write(() => api.draftMinutes(meetingId), t('minutes.drafted')))}
            onCancel={() => setConfirm(null)}
          />
        ) : (
          <div className="button-row">
            {canEdit && !locked ? (
              <button type="button" className="btn" disabled={action.busy} onClick={() => (view ? setConfirm('redraft') : void write(() => api.draftMinutes(meetingId), t('minutes.drafted')))}>
                {view ? t('minutes.redraft') : t('minutes.draft')}
              </button>
            ) : null}
            {view && !locked ? (
              <button type="button" className="btn btn-primary" disabled={action.busy || dirty} aria-describedby={dirty ? 'minutes-unsaved' : undefined} onClick={() => setConfirm('lock')}>
                {t('minutes.lock')}
              </button>
            ) : null}
          </div>
        )}
        {dirty && !locked ? (
          <p id="minutes-unsaved" className="muted small">
            {t('minutes.unsaved')}
          </p>
        ) : null}
        {view ? (
          <MinutesEditor
            key={`${view.generatedAt}-${view.status}`}
            view={view}
            readOnly={locked || !canEdit}
            action={action}
            onDirty={setDirty}
            onSave={(content) => void write(() => api.saveMinutes(meetingId, content), t('minutes.saved'))}
          />
        ) : null}
      </section>
    </article>
  );
}

function MinutesState({ view }: { view: MinutesView }) {
  const { t, locale } = useI18n();
  if (view.status === 'locked')
    return (
      <div className="minutes-lock" data-testid="minutes-locked">
        <p>
          <span className="badge badge-closed">{t('minutes.status.locked')}</span> {t('minutes.lockedAt', { time: formatDateTime(locale, view.lockedAt) })}
        </p>
        <p>
          {t('minutes.hash')}: <code className="hash" data-testid="minutes-sha256">{view.sha256}</code>
        </p>
        <p className="muted small">{t('minutes.lockedHelp')}</p>
      </div>
    );
  return (
    <p>
      <span className="badge badge-draft">{t('minutes.status.draft')}</span>{' '}
      {view.editedAt ? t('minutes.editedAt', { time: formatDateTime(locale, view.editedAt) }) : t('minutes.generatedAt', { time: formatDateTime(locale, view.generatedAt) })}
    </p>
  );
}

/** The editable content: heading lines and the sections (heading + text, one paragraph per line). */
function MinutesEditor({ view, readOnly, action, onDirty, onSave }: { view: MinutesView; readOnly: boolean; action: Action; onDirty(dirty: boolean): void; onSave(content: MinutesContent): void }) {
  const { t } = useI18n();
  const [content, setContent] = useState<MinutesContent>(view.content);
  const [invalid, setInvalid] = useState(false);
  // after a save, show what the server kept (it trims and normalises)
  useEffect(() => setContent(view.content), [view.content]);
  const dirty = !readOnly && JSON.stringify(content) !== JSON.stringify(view.content);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const field = (name: 'issuer' | 'title' | 'subtitle', max: number) => (
    <div className="field">
      <label htmlFor={`minutes-field-${name}`}>{t(`minutes.field.${name}`)}</label>
      <input id={`minutes-field-${name}`} maxLength={max} value={content[name]} onChange={(e) => setContent({ ...content, [name]: e.target.value })} />
    </div>
  );
  const setSection = (i: number, patch: Partial<MinutesContent['sections'][number]>) =>
    setContent({ ...content, sections: content.sections.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const save = () => {
    const bad = !content.title.trim() || content.sections.length === 0 || content.sections.some((s) => !s.heading.trim());
    setInvalid(bad);
    if (!bad) onSave(content);
  };

  return (
    <form
      className="minutes-form"
      aria-label={t('minutes.document')}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <fieldset disabled={readOnly || action.busy} className="plain">
        <legend className="visually-hidden">{t('minutes.document')}</legend>
        {field('issuer', 300)}
        {field('title', 300)}
        {field('subtitle', 1000)}
        {content.sections.map((s, i) => (
          <fieldset key={i} className="minutes-section">
            <legend>{t('minutes.section', { n: i + 1 })}</legend>
            <div className="field">
              <label htmlFor={`section-heading-${i}`}>{t('minutes.sectionHeading', { n: i + 1 })}</label>
              <input id={`section-heading-${i}`} maxLength={300} value={s.heading} onChange={(e) => setSection(i, { heading: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`section-body-${i}`}>{t('minutes.sectionBody', { n: i + 1 })}</label>
              <textarea id={`section-body-${i}`} rows={Math.min(14, Math.max(3, s.body.split('\n').length + 1))} maxLength={50000} value={s.body} onChange={(e) => setSection(i, { body: e.target.value })} />
            </div>
            {readOnly ? null : (
              <button type="button" className="btn btn-small" onClick={() => setContent({ ...content, sections: content.sections.filter((_, j) => j !== i) })}>
                {t('minutes.removeSection', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        {invalid ? (
          <p className="field-error" role="alert">
            {t('minutes.invalid')}
          </p>
        ) : null}
        {readOnly ? null : (
          <div className="button-row">
            <button type="button" className="btn" onClick={() => setContent({ ...content, sections: [...content.sections, { heading: '', body: '' }] })}>
              {t('minutes.addSection')}
            </button>
            <button type="submit" className="btn btn-primary">
              {t('minutes.save')}
            </button>
          </div>
        )}
      </fieldset>
    </form>
  );
}
