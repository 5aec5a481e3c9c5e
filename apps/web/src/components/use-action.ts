import { useCallback, useState } from 'react';

export interface Action {
  busy: boolean;
  error: unknown;
  /** The last success message (already translated), cleared when the next action starts. */
  done: string | null;
  /** Runs one write: busy while it runs, its error kept for an ErrorMessage; resolves true when it succeeded. */
  run(work: () => Promise<unknown>, doneText?: string): Promise<boolean>;
  reset(): void;
}

/** The busy / error / done state every write button of a screen shares. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(async (work: () => Promise<unknown>, doneText?: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await work();
      setDone(doneText ?? null);
      return true;
    } catch (err: unknown) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const reset = useCallback(() => {
    setError(null);
    setDone(null);
  }, []);
  return { busy, error, done, run, reset };
}
