import type { Action } from './use-action.js';
import { ErrorMessage } from './error-message.js';

/** What an action ended with: its success notice (read out by screen readers) or its error. */
export function ActionFeedback({ action }: { action: Pick<Action, 'done' | 'error'> }) {
  return (
    <>
      {action.done ? (
        <p className="alert alert-ok" role="status">
          {action.done}
        </p>
      ) : null}
      {action.error ? <ErrorMessage error={action.error} /> : null}
    </>
  );
}
