import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage } from './error-message.js';
import { useAction } from './use-action.js';

/** Hands a fetched file to the browser as a download (an object URL on a temporary anchor). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // revoked later, not at once: the browser reads the URL after the click returns
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A button that downloads a protected file: the bearer token is sent by fetch (a plain link could not carry it), the
 * bytes become a download named by the server's Content-Disposition or `fallbackName`; a failure is shown beside it.
 * `detail` (hidden) completes the visible label for screen readers when several buttons share one label.
 */
export function DownloadButton({ label, detail, fallbackName, load, disabled }: { label: string; detail?: string; fallbackName: string; load(): Promise<{ blob: Blob; filename: string | null }>; disabled?: boolean }) {
  const { t } = useI18n();
  const action = useAction();
  const download = () =>
    void action.run(async () => {
      const file = await load();
      saveBlob(file.blob, file.filename ?? fallbackName);
    }, { done: t('download.done', { name: detail ?? label }) });
  return (
    <div className="download">
      <button type="button" className="btn" disabled={disabled || action.busy} aria-busy={action.busy || undefined} onClick={download}>
        <span className="doc-icon" aria-hidden="true">
          {fallbackName.split('.').pop()?.toUpperCase()}
        </span>
        {action.busy ? t('download.busy') : label}
        {/* what is downloaded, for screen readers, after the visible text so the name starts with what is seen */}
        {detail ? <span className="visually-hidden"> {detail}</span> : null}
      </button>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {action.done ? (
        <p className="visually-hidden" role="status">
          {action.done}
        </p>
      ) : null}
    </div>
  );
}
