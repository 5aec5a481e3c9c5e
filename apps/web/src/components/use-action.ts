import { useCallback, useRef, useState, type FormEvent } from 'react';

export interface RunOptions<T> {
  /** The success notice to show (a `role="status"` line); a function gets the task's result. */
  done?: string | ((result: T) => string);
  /** Runs after success and failure alike (typically a reload: someone else may have changed the data). */
  settled?(): void;
}

export interface SubmitOptions<T> extends RunOptions<T> {
  /** The form's own checks (required fields...): false sends nothing. */
  check?(): boolean;
}

export interface Action {
  busy: boolean;
  error: unknown;
  done: string | null;
  /** Runs one task at a time (a second call while busy is ignored); resolves true when it succeeded. */
  run<T>(task: () => Promise<T>, opts?: RunOptions<T>): Promise<boolean>;
  /** A form's submit handler: prevents the page load, runs the form's checks, then the task. */
  submit<T>(task: () => Promise<T>, opts?: SubmitOptions<T>): (e: FormEvent) => void;
  reset(): void;
}

/**
 * A user action sent to the server: the busy flag (buttons disabled meanwhile), the error to show, the success notice,
 * and the try/catch/finally around it, so screens do not each write their own.
 */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  // a ref, not the state: two taps in the same frame both see busy === false
  const running = useRef(false);

  const run = useCallback(async <T>(task: () => Promise<T>, opts: RunOptions<T> = {}): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await task();
      if (opts.done !== undefined) setDone(typeof opts.done === 'function' ? opts.done(result) : opts.done);
      return true;
    } catch (err: unknown) {
      setError(err);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
      opts.settled?.();
    }
  }, []);

  const submit = useCallback(
    <T>(task: () => Promise<T>, opts: SubmitOptions<T> = {}) =>
      (e: FormEvent) => {
        e.preventDefault();
        if (opts.check && !opts.check()) return;
        void run(task, opts);
      },
    [run],
  );

  const reset = useCallback(() => {
    setError(null);
    setDone(null);
  }, []);

  return { busy, error, done, run, submit, reset };
}
