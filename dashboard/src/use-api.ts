/** Loading state for one GET: data, error, a reload function and optional polling. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { get } from './api';

export interface ApiState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Fetches `path` (null: nothing) and again whenever it changes; with `pollMs`, every `pollMs` while
 * the page is visible. A newer request aborts the older one, so answers never arrive out of order.
 */
export function useApi<T>(path: string | null, pollMs?: number | null): ApiState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (path === null) return;
    const ctl = new AbortController();
    if (last.current !== path) {
      setLoading(true);
      last.current = path;
    }
    get<T>(path, ctl.signal).then(
      (d) => {
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e) => {
        if ((e as Error).name === 'AbortError') return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [path, tick]);
  useEffect(() => {
    if (!pollMs || path === null) return;
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') setTick((n) => n + 1);
    }, pollMs);
    return () => clearInterval(t);
  }, [pollMs, path]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
