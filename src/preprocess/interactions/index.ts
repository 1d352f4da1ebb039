/**
 * Interaction preprocessing: raw user-behaviour events (ratings, views, carts, purchases) → dense-index
 * `Interactions` plus the id maps a recommender bundle keeps.
 *
 * @example
 * ```ts
 * const { frame } = await loadFrame({ source: '../shared/datasets/movielens-100k/u.data', columns: ['user', 'item', 'rating', 'timestamp'] });
 * const table = interactionsFromFrame(frame, { user: 'user', item: 'item', rating: 'rating', timestamp: 'timestamp' });
 * table.interactions.nItems; // 1682
 * ```
 */
export { IdMap } from './id-map.js';
export {
  interactionsFromFrame,
  type InteractionColumns,
  type InteractionOptions,
  type InteractionTable,
} from './interaction-table.js';
export type { DedupeMode } from './interaction-filters.js';
