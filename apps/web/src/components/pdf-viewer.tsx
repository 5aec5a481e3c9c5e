import { useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints.js';
import type { MeetingDocument } from '#contracts';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage } from './error-message.js';

/**
 * The browser's own PDF viewer on a blob URL: the document is fetched with the bearer token (an iframe cannot send
 * it), and the URL is revoked when the viewer closes or shows another document.
 */
export function PdfViewer({ meetingId, doc, onClose }: { meetingId: string; doc: MeetingDocument; onClose(): void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    let made: string | null = null;
    setUrl(null);
    setError(null);
    api.document(meetingId, doc.id, ctrl.signal).then(
      (blob) => {
        if (ctrl.signal.aborted) return;
        made = URL.createObjectURL(blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' }));
        setUrl(made);
      },
      (err: unknown) => !ctrl.signal.aborted && setError(err),
    );
    return () => {
      ctrl.abort();
      if (made) URL.revokeObjectURL(made);
    };
  }, [meetingId, doc.id, attempt]);

  useEffect(() => closeRef.current?.focus(), [doc.id]);

  return (
    <section className="viewer" aria-label={t('meeting.documentViewer', { name: doc.filename })}>
      <div className="viewer-bar">
        <h3 className="viewer-title">{doc.filename}</h3>
        {url ? (
          <a className="btn btn-small" href={url} target="_blank" rel="noopener">
            {t('meeting.openInNewTab')}
          </a>
        ) : null}
        <button ref={closeRef} type="button" className="btn btn-small" onClick={onClose}>
          {t('meeting.closeDocument')}
        </button>
      </div>
      {error ? <ErrorMessage error={error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {!error && !url ? <p role="status">{t('meeting.documentLoading')}</p> : null}
      {url ? <iframe className="viewer-frame" src={url} title={t('meeting.documentViewer', { name: doc.filename })} /> : null}
    </section>
  );
}
