import { useRef, useState } from 'react';
import { api } from '../api/endpoints.js';
import type { MeetingDetail, MeetingDocument } from '#contracts';
import { useI18n } from '../i18n/i18n.js';
import { ActionFeedback } from './action-feedback.js';
import { ConfirmBox } from './confirm-box.js';
import { PdfViewer } from './pdf-viewer.js';
import { useAction } from './use-action.js';

/** The server's default DOCUMENT_MAX_BYTES; a larger deployment limit still answers PAYLOAD_TOO_LARGE, shown as such. */
const CLIENT_MAX_BYTES = 20 * 1024 * 1024;

/** Meeting documents: upload a PDF (to the meeting or an agenda item), list, view, delete (confirmed). */
export function DocumentsEditor({ m, canWrite, onChanged }: { m: MeetingDetail; canWrite: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [agendaItemId, setAgendaItemId] = useState('');
  const [problem, setProblem] = useState<'none' | 'missing' | 'type' | 'size'>('none');
  const [open, setOpen] = useState<MeetingDocument | null>(null);
  const [deleting, setDeleting] = useState<MeetingDocument | null>(null);
  const agenda = [...(m.agenda ?? [])].sort((a, b) => a.position - b.position);
  const docs = m.documents ?? [];
  const itemTitle = new Map(agenda.map((a) => [a.id, `${a.position}. ${a.title}`]));

  const check = (): boolean => {
    const p = !file ? 'missing' : !(file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf')) ? 'type' : file.size > CLIENT_MAX_BYTES ? 'size' : 'none';
    setProblem(p);
    if (p !== 'none') fileRef.current?.focus();
    return p === 'none';
  };

  return (
    <section className="panel" aria-labelledby="docs-edit-title">
      <h2 id="docs-edit-title">{t('meeting.documents')}</h2>
      {docs.length === 0 ? <p className="empty">{t('meeting.documentsEmpty')}</p> : null}
      <ul className="doc-list">
        {docs.map((d) => (
          <li key={d.id} className="doc-row">
            <button type="button" className="btn btn-doc" aria-pressed={open?.id === d.id} onClick={() => setOpen(d)}>
              <span aria-hidden="true" className="doc-icon">
                PDF
              </span>
              <span>{d.filename}</span>
              <span className="muted small">{t('meeting.sizeKb', { n: Math.max(1, Math.round(d.sizeBytes / 1024)) })}</span>
              {/* the name starts with what is seen (WCAG 2.5.3); what the button does comes after, for screen readers */}
              <span className="visually-hidden">{t('docsEdit.view')}</span>
            </button>
            <span className="muted small">{d.agendaItemId ? t('docsEdit.forItem', { item: itemTitle.get(d.agendaItemId) ?? '' }) : t('docsEdit.forMeeting')}</span>
            {canWrite ? (
              <button type="button" className="btn btn-small" onClick={() => setDeleting(d)} aria-label={t('docsEdit.deleteFor', { name: d.filename })}>
                {t('common.delete')}
              </button>
            ) : null}
            {deleting?.id === d.id ? (
              <ConfirmBox
                id={`doc-delete-${d.id}`}
                text={t('docsEdit.confirmDelete', { name: d.filename })}
                busy={action.busy}
                onConfirm={() =>
                  void action
                    .run(() => api.deleteDocument(m.id, d.id), { done: t('docsEdit.deleted') })
                    .then(() => {
                      setDeleting(null);
                      if (open?.id === d.id) setOpen(null);
                      onChanged();
                    })
                }
                onCancel={() => setDeleting(null)}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {open ? <PdfViewer meetingId={m.id} doc={open} onClose={() => setOpen(null)} /> : null}
      {canWrite ? (
        <form
          className="subpanel"
          aria-labelledby="doc-upload-title"
          noValidate
          onSubmit={action.submit(() => api.uploadDocument(m.id, file as File, agendaItemId || null), {
            check,
            done: (d) => {
              setFile(null);
              if (fileRef.current) fileRef.current.value = '';
              onChanged();
              return t('docsEdit.uploaded', { name: d.filename });
            },
          })}
        >
          <h3 id="doc-upload-title">{t('docsEdit.upload')}</h3>
          <div className="field">
            <label htmlFor="doc-file">{t('docsEdit.file')}</label>
            <input
              id="doc-file"
              ref={fileRef}
              type="file"
              accept="application/pdf,.pdf"
              aria-invalid={problem !== 'none' || undefined}
              aria-describedby={problem !== 'none' ? 'doc-file-error' : 'doc-file-hint'}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setProblem('none');
                action.reset();
              }}
            />
            <p className="muted small" id="doc-file-hint">
              {t('docsEdit.hint', { mb: CLIENT_MAX_BYTES / 1024 / 1024 })}
            </p>
            {problem !== 'none' ? (
              <p className="field-error" id="doc-file-error">
                {t(`docsEdit.problem.${problem}`, { mb: CLIENT_MAX_BYTES / 1024 / 1024 })}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="doc-agenda">{t('docsEdit.attachTo')}</label>
            <select id="doc-agenda" value={agendaItemId} onChange={(e) => setAgendaItemId(e.target.value)}>
              <option value="">{t('docsEdit.forMeeting')}</option>
              {agenda.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.position}. {a.title}
                </option>
              ))}
            </select>
          </div>
          <ActionFeedback action={action} />
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {t('docsEdit.upload')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
