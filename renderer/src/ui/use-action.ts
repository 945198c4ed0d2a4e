import { useCallback, useState } from 'react';
import { messageOf } from '../lib/error-message.js';

/**
 * A dialog's or form's one action: `busy` while it runs (its buttons off, "Removing…"), and the words of
 * its last failure, shown in place. `run` clears the last failure, runs the action, and on a failure
 * shows `toMessage(err)` (default: the error's message); a `toMessage` that handled the failure itself
 * (asked again, marked a field) returns undefined and nothing is shown.
 */
export function useAction(): {
  busy: boolean;
  error: string | undefined;
  setError(message: string | undefined): void;
  run(action: () => Promise<unknown>, toMessage?: (err: unknown) => string | undefined): Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(async (action: () => Promise<unknown>, toMessage: (err: unknown) => string | undefined = messageOf) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(toMessage(err));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
