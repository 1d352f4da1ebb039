/**
 * From a table of user-behaviour events (any trainyard source) to the dense-index `Interactions` every
 * recommender fits on, plus the id maps that the model bundle keeps to translate back and forth.
 *
 * Order of work: read and check every row (bad cells fail with row, column and value), keep the time
 * window, merge repeated (user, item) pairs, apply the k-core filter, then map the surviving ids to
 * dense indices (sorted id order, so the indices do not depend on row order).
 */
import { DataError, InvalidParamError } from '../../core/errors.js';
import type { Frame } from '../../core/frame.js';
import type { Interactions } from '../../core/interactions.js';
import { checkNumber, checkOneOf } from '../../core/params.js';
import { parseIsoDate } from '../../data/columns/value-parsers.js';
import { IdMap } from './id-map.js';
import { readEventWeights, readIds, readNumbers, readTimestamps } from './interaction-columns.js';
import { dedupeEvents, filterWindow, kCoreFilter, type DedupeMode, type EventSet } from './interaction-filters.js';

/** Which frame columns hold what. `user` and `item` are required; the rest are optional. */
export interface InteractionColumns {
  user: string;
  item: string;
  /** Explicit rating; when given it is the event value. */
  rating?: string;
  /** Event type (view, cart, purchase ...), weighted through `eventWeights`. */
  event?: string;
  /** Numeric event weight (e.g. quantity or dwell time); the value when there is no rating. */
  weight?: string;
  /** Event time: seconds since 1970, a datetime column, or ISO-8601 text. */
  timestamp?: string;
}

/** Options of {@link interactionsFromFrame}; every field has a default. */
export interface InteractionOptions {
  /** event column value → weight, e.g. { view: 1, cart: 3, purchase: 5 }; unknown event types are an E_DATA error naming row and value. */
  eventWeights?: Record<string, number>;
  /** Repeated (user, item) pairs: 'last' (by timestamp, then row order; default), 'first', 'sum', 'mean', 'max', 'none' (keep all). */
  dedupe?: DedupeMode;
  /** Drop users / items with fewer interactions, repeated until stable (k-core). Default 1 (nothing dropped). */
  minUserInteractions?: number;
  minItemInteractions?: number;
  /** Keep only events with from <= timestamp < to (seconds, or ISO-8601 dates such as '2018-01-01'). */
  timeWindow?: { from?: number | string; to?: number | string };
  /** File/table name used in error messages. Default: the frame's origin. */
  source?: string;
}

/** The result: interactions in dense index form, the id maps, and what the filters did. */
export interface InteractionTable {
  interactions: Interactions;
  users: IdMap;
  items: IdMap;
  /**
   * `rows` read; `droppedByWindow` rows outside the time window; `duplicates` rows merged into an
   * earlier (user, item) event; `droppedEvents` events removed by the k-core filter, which removed
   * `droppedUsers` users and `droppedItems` items. Events left =
   * rows − droppedByWindow − duplicates − droppedEvents.
   */
  report: { rows: number; duplicates: number; droppedByWindow: number; droppedUsers: number; droppedItems: number; droppedEvents: number };
  /** The frame row (0-based) each event comes from — for a merged pair, its representative row. */
  sourceRows: Int32Array;
}

const OWNER = 'interactionsFromFrame';
const DEDUPE_MODES: readonly DedupeMode[] = ['last', 'first', 'sum', 'mean', 'max', 'none'];

/**
 * Builds dense-index interactions from a frame of events.
 *
 * The value of each event is the rating if `columns.rating` is given, else the weight column, else
 * the event type's weight from `eventWeights`, else 1.
 *
 * @example
 * const { frame } = await loadFrame({ source: '../shared/datasets/movielens-100k/u.data', columns: ['user', 'item', 'rating', 'timestamp'] });
 * const { interactions, users, items, report } = interactionsFromFrame(frame, { user: 'user', item: 'item', rating: 'rating', timestamp: 'timestamp' });
 * interactions.nUsers; // 943
 * users.index(196);    // dense index of user 196
 *
 * // implicit events, weighted by type, users and items with at least 5 events:
 * interactionsFromFrame(events, { user: 'visitor', item: 'product', event: 'type', timestamp: 'ts' }, {
 *   eventWeights: { view: 1, cart: 3, purchase: 5 }, dedupe: 'sum', minUserInteractions: 5, minItemInteractions: 5,
 * });
 */
export function interactionsFromFrame(frame: Frame, columns: InteractionColumns, options: InteractionOptions = {}): InteractionTable {
  const source = options.source ?? frame.origin;
  const o = checkOptions(columns, options);
  const n = frame.nRows;
  if (n === 0) throw new DataError(`${source} has no rows; interactions need at least one event`, { origin: source });

  const users = readIds(frame, columns.user, 'user', source);
  const items = readIds(frame, columns.item, 'item', source);
  const eventValues = columns.event && o.eventWeights ? readEventWeights(frame, columns.event, o.eventWeights, source) : undefined;
  const values = columns.rating
    ? readNumbers(frame, columns.rating, 'rating', source)
    : columns.weight
      ? readNumbers(frame, columns.weight, 'weight', source)
      : (eventValues ?? new Float64Array(n).fill(1));
  const timestamps = columns.timestamp ? readTimestamps(frame, columns.timestamp, source) : undefined;

  let rows: Int32Array = new Int32Array(n);
  for (let r = 0; r < n; r++) rows[r] = r;
  if (timestamps && o.window) {
    rows = filterWindow(rows, timestamps, o.window.from, o.window.to);
    if (rows.length === 0) {
      let lo = Infinity, hi = -Infinity;
      for (let r = 0; r < n; r++) {
        lo = Math.min(lo, timestamps[r]);
        hi = Math.max(hi, timestamps[r]);
      }
      throw new DataError(
        `${source}: timeWindow [${o.window.from}, ${o.window.to}) keeps none of the ${n} events (timestamps span ${lo} to ${hi} seconds); widen the window`,
        { origin: source, filter: 'timeWindow', from: o.window.from, to: o.window.to, min: lo, max: hi },
      );
    }
  }
  const afterWindow = rows.length;

  let set: EventSet;
  if (o.dedupe === 'none') {
    const v = new Float64Array(rows.length);
    for (let j = 0; j < rows.length; j++) v[j] = values[rows[j]];
    set = { rows, values: v };
  } else {
    set = dedupeEvents(rows, values, users.codes, items.codes, users.keys.length, items.keys.length, timestamps, o.dedupe);
  }
  const afterDedupe = set.rows.length;

  let droppedUsers = 0, droppedItems = 0;
  if (o.minUser > 1 || o.minItem > 1) {
    const core = kCoreFilter(set, users.codes, items.codes, users.keys.length, items.keys.length, o.minUser, o.minItem);
    if (core.rows.length === 0) {
      throw new DataError(
        `${source}: minUserInteractions = ${o.minUser} and minItemInteractions = ${o.minItem} remove all ${afterDedupe} events ` +
          '(the k-core filter is repeated until stable); lower them',
        { origin: source, filter: 'minInteractions', minUserInteractions: o.minUser, minItemInteractions: o.minItem },
      );
    }
    ({ droppedUsers, droppedItems } = core);
    set = core;
  }

  const m = set.rows.length;
  const userMap = mapOf(users.keys, users.codes, set.rows);
  const itemMap = mapOf(items.keys, items.codes, set.rows);
  const u = new Int32Array(m), it = new Int32Array(m);
  const ts = timestamps ? new Float64Array(m) : undefined;
  for (let j = 0; j < m; j++) {
    const r = set.rows[j];
    u[j] = userMap.index[users.codes[r]];
    it[j] = itemMap.index[items.codes[r]];
    if (ts) ts[j] = timestamps![r];
  }
  const interactions: Interactions = {
    nUsers: userMap.map.size,
    nItems: itemMap.map.size,
    users: u,
    items: it,
    values: set.values,
    ...(ts ? { timestamps: ts } : {}),
  };
  return {
    interactions,
    users: userMap.map,
    items: itemMap.map,
    report: {
      rows: n,
      duplicates: afterWindow - afterDedupe,
      droppedByWindow: n - afterWindow,
      droppedUsers,
      droppedItems,
      droppedEvents: afterDedupe - m,
    },
    sourceRows: set.rows,
  };
}

/** The id map of the codes used by `rows`, and code → dense index. */
function mapOf(keys: string[], codes: Int32Array, rows: Int32Array): { map: IdMap; index: Int32Array } {
  const used = new Uint8Array(keys.length);
  for (let j = 0; j < rows.length; j++) used[codes[rows[j]]] = 1;
  const present: string[] = [];
  for (let c = 0; c < keys.length; c++) if (used[c]) present.push(keys[c]);
  const map = IdMap.fromValues(present);
  const index = new Int32Array(keys.length).fill(-1);
  for (let c = 0; c < keys.length; c++) if (used[c]) index[c] = map.index(keys[c]);
  return { map, index };
}

/** A time-window bound in seconds: a number as is, an ISO-8601 date parsed (UTC unless it has an offset). */
function windowBound(name: 'from' | 'to', v: number | string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v === 'string') {
    const ms = parseIsoDate(v);
    if (Number.isNaN(ms)) {
      throw new InvalidParamError(`${OWNER}: timeWindow.${name} must be seconds since 1970 or an ISO-8601 date such as '2018-01-01', got ${JSON.stringify(v)}`, {
        param: `timeWindow.${name}`,
        value: v,
      });
    }
    return ms / 1000;
  }
  return checkNumber(OWNER, `timeWindow.${name}`, v);
}

interface CheckedOptions {
  dedupe: DedupeMode;
  minUser: number;
  minItem: number;
  window?: { from: number; to: number };
  eventWeights?: Record<string, number>;
}

// Validated here (the function's "fit"), so a bad option fails before any row is read.
function checkOptions(columns: InteractionColumns, options: InteractionOptions): CheckedOptions {
  for (const role of ['user', 'item'] as const) {
    if (typeof columns[role] !== 'string' || columns[role] === '') {
      throw new InvalidParamError(`${OWNER}: columns.${role} must name the ${role} id column, got ${JSON.stringify(columns[role])}`, { param: `columns.${role}` });
    }
  }
  const dedupe = checkOneOf(OWNER, 'dedupe', options.dedupe ?? 'last', DEDUPE_MODES);
  const minUser = checkNumber(OWNER, 'minUserInteractions', options.minUserInteractions ?? 1, { min: 1, integer: true });
  const minItem = checkNumber(OWNER, 'minItemInteractions', options.minItemInteractions ?? 1, { min: 1, integer: true });
  let window: CheckedOptions['window'];
  if (options.timeWindow !== undefined) {
    if (!columns.timestamp) {
      throw new InvalidParamError(`${OWNER}: timeWindow needs a timestamp column; set columns.timestamp or drop timeWindow`, { param: 'timeWindow' });
    }
    const from = windowBound('from', options.timeWindow.from, -Infinity);
    const to = windowBound('to', options.timeWindow.to, Infinity);
    if (!(from < to)) {
      throw new InvalidParamError(`${OWNER}: timeWindow.from (${from}) must be before timeWindow.to (${to})`, { param: 'timeWindow', value: options.timeWindow });
    }
    window = { from, to };
  }
  const ew = options.eventWeights;
  if (ew !== undefined) {
    if (!columns.event) {
      throw new InvalidParamError(`${OWNER}: eventWeights needs an event type column; set columns.event or drop eventWeights`, { param: 'eventWeights' });
    }
    if (ew === null || typeof ew !== 'object' || Object.keys(ew).length === 0) {
      throw new InvalidParamError(`${OWNER}: eventWeights must map event types to numbers, e.g. { view: 1, cart: 3, purchase: 5 }`, { param: 'eventWeights', value: ew });
    }
    for (const [type, w] of Object.entries(ew)) checkNumber(OWNER, `eventWeights.${type}`, w);
  } else if (columns.event && !columns.rating && !columns.weight) {
    throw new InvalidParamError(`${OWNER}: columns.event is the value source but eventWeights is missing; give e.g. { view: 1, cart: 3, purchase: 5 }`, {
      param: 'eventWeights',
    });
  }
  return { dedupe, minUser, minItem, ...(window ? { window } : {}), ...(ew ? { eventWeights: ew } : {}) };
}
