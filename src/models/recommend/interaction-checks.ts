/** Input checks every recommender's `fit` runs, so bad interactions fail the same way everywhere. */
import { DataError } from '../../core/errors.js';
import type { Interactions } from '../../core/interactions.js';

/** Throws `E_DATA` naming the event when indices are out of range or a value is not finite. */
export function checkInteractions(owner: string, data: Interactions): void {
  const { nUsers, nItems, users, items, values } = data;
  if (users.length === 0) throw new DataError(`${owner}: no interactions to fit on; check the source and the filters (min interactions per user/item)`, { estimator: owner });
  if (items.length !== users.length || values.length !== users.length) {
    throw new DataError(`${owner}: users, items and values have different lengths (${users.length}, ${items.length}, ${values.length})`, { estimator: owner });
  }
  for (let i = 0; i < users.length; i++) {
    const u = users[i], it = items[i], v = values[i];
    if (!(u >= 0 && u < nUsers)) throw new DataError(`${owner}: interaction ${i} has user index ${u}, outside 0..${nUsers - 1}`, { estimator: owner, row: i, value: u });
    if (!(it >= 0 && it < nItems)) throw new DataError(`${owner}: interaction ${i} has item index ${it}, outside 0..${nItems - 1}`, { estimator: owner, row: i, value: it });
    if (!Number.isFinite(v)) throw new DataError(`${owner}: interaction ${i} has value ${v}; ratings and weights must be finite numbers — drop or impute the row`, { estimator: owner, row: i, value: v });
  }
}
