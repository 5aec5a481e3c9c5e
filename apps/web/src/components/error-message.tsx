import { ApiError } from '../api/client.js';
import { isMessageKey, useI18n } from '../i18n/i18n.js';

/** The user's language message for an error code; the server's English message is never shown as is. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  return (error) => {
    const code = error instanceof ApiError ? error.code : 'UNKNOWN';
    const key = `error.${code}`;
    return isMessageKey(key) ? t(key) : t('error.UNKNOWN');
  };
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = useErrorText();
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{text(error)}</p>
      {requestId ? <p className="muted small">{t('error.requestId', { id: requestId })}</p> : null}
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          {t('app.retry')}
        </button>
      ) : null}
    </div>
  );
}
