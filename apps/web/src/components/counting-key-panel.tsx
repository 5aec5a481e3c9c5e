import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import { useI18n } from '../i18n/i18n.js';
import { CountingKeyForm } from './counting-committee.js';
import { ErrorMessage } from './error-message.js';
import { useAsync } from './use-async.js';

/**
 * A delegate's counting key, on the tablet: a committee holding a poll's key needs every member's key before the poll
 * opens, and a delegate cannot see the draft poll, so the key is made here. Folded, and asked for only when unfolded.
 */
export function CountingKeyPanel() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details className="panel key-panel" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="counting-key-panel">
      <summary>{t('key.summary')}</summary>
      {open ? <KeyState /> : null}
    </details>
  );
}

function KeyState() {
  const { t } = useI18n();
  // 404: no key yet, which is an answer and not a failure
  const key = useAsync(
    (signal) =>
      api.countingKey().then(
        () => true,
        (err: unknown) => {
          if (signal.aborted || (err instanceof ApiError && err.code === 'NOT_FOUND')) return false;
          throw err;
        },
      ),
    [],
  );
  if (key.state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (key.state.status === 'error') return <ErrorMessage error={key.state.error} onRetry={key.reload} />;
  if (key.state.data) {
    return (
      <p className="alert alert-ok" role="status">
        {t('key.has')}
      </p>
    );
  }
  return <CountingKeyForm onCreated={() => key.set(true)} />;
}
