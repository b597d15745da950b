import { useCallback, useState } from 'react';
import { describeError } from './errors';

/**
 * A button's async action: `busy` while it runs, and its failure as plain
 * Chinese in `error` (the screen and what the user typed stay as they are).
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
