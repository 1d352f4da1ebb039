import { useEffect, useState } from 'preact/hooks';

/** `value`, settled for `ms` milliseconds (for as-you-type filters and validation). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}
