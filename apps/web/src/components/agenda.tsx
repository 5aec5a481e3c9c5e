import { useState, type ReactNode } from 'react';
import type { AgendaItem, MeetingDetail, MeetingDocument } from '#contracts';
import { useI18n } from '../i18n/i18n.js';
import { PdfViewer } from './pdf-viewer.js';

/**
 * The meeting's agenda with each item's documents, then every document, opened in the PDF viewer.
 * `itemExtra` adds something under an item (the tablet's written-opinion form).
 */
export function Agenda({ m, canReadDocs, itemExtra }: { m: MeetingDetail; canReadDocs: boolean; itemExtra?: (item: AgendaItem) => ReactNode }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<MeetingDocument | null>(null);
  const agenda = [...(m.agenda ?? [])].sort((a, b) => a.position - b.position);
  const docs = m.documents ?? [];
  const docList = (list: MeetingDocument[]) => (
    <ul className="doc-list">
      {list.map((d) => (
        <li key={d.id}>
          {canReadDocs ? (
            <button type="button" className="btn btn-doc" aria-pressed={open?.id === d.id} onClick={() => setOpen(d)}>
              <span aria-hidden="true" className="doc-icon">
                PDF
              </span>
              <span>{d.filename}</span>
              <span className="muted small">{t('meeting.sizeKb', { n: Math.max(1, Math.round(d.sizeBytes / 1024)) })}</span>
            </button>
          ) : (
            <span>{d.filename}</span>
          )}
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <section aria-labelledby="agenda-title" className="panel">
        <h2 id="agenda-title">{t('meeting.agenda')}</h2>
        {agenda.length === 0 ? <p className="empty">{t('meeting.agendaEmpty')}</p> : null}
        <ol className="agenda">
          {agenda.map((a) => {
            const itemDocs = docs.filter((d) => d.agendaItemId === a.id);
            return (
              <li key={a.id} className="agenda-item">
                <h3 className="agenda-title">{a.title}</h3>
                {a.presenter ? <p className="muted">{t('meeting.presenter', { name: a.presenter })}</p> : null}
                {a.description ? <p>{a.description}</p> : null}
                {itemDocs.length > 0 ? (
                  <div>
                    <h4 className="small-heading">{t('meeting.documentsForItem')}</h4>
                    {docList(itemDocs)}
                  </div>
                ) : null}
                {itemExtra?.(a)}
              </li>
            );
          })}
        </ol>
      </section>
      <section aria-labelledby="docs-title" className="panel">
        <h2 id="docs-title">{t('meeting.documents')}</h2>
        {docs.length === 0 ? <p className="empty">{t('meeting.documentsEmpty')}</p> : null}
        {docList(docs)}
        {open ? <PdfViewer meetingId={m.id} doc={open} onClose={() => setOpen(null)} /> : null}
      </section>
    </>
  );
}
