import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/ApiError.js';

/** The state of a request a page depends on. */
export type AsyncState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'failed'; error: ApiError };

/**
 * Runs `load` when the page shows and whenever `key` changes; `reload()` runs it again. An answer
 * that arrives after the key changed is dropped (the person has moved on).
 */
export function useAsync<T>(load: () => Promise<T>, key: string): AsyncState<T> & { reload(): void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    load().then(
      (value) => { if (live) setState({ status: 'ready', value }); },
      (error: unknown) => { if (live) setState({ status: 'failed', error: ApiError.from(error) }); },
    );
    return () => {
      live = false;
    };
    // `load` is a new function on every render; `key` says when it means something new.
  }, [key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}
