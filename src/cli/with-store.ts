/** The `--store` option of the commands that read or change a store, and opening it for one command. */
import type { Store } from '../tracking/store.js';

/** Help of every `--store` option (default `trainyard.db`, as `trainyard run` and `serve`). */
export const STORE_HELP = 'tracking store: SQLite file or postgres:// URL (the one `trainyard run` / `serve` use)';

/** Opens the store at `location` for `body` and closes it afterwards, whatever happens. The driver loads only now. */
export async function withStore<T>(location: string, body: (store: Store) => Promise<T>): Promise<T> {
  const { openStore } = await import('../tracking/store.js');
  const store = await openStore(location);
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}
