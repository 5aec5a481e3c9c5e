import { ErrorMessage } from './error-message.js';
import type { Action } from './use-action.js';

/** The outcome of the last action: a polite status on success, the translated error otherwise. */
export function ActionFeedback({ action }: { action: Action }) {
  if (action.error) return <ErrorMessage error={action.error} />;
  if (action.done)
    return (
      <p className="alert alert-ok" role="status">
        {action.done}
      </p>
    );
  return null;
}
