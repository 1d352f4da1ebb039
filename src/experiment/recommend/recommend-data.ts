/**
 * Loads a recommend spec's interactions (any trainyard source), maps raw user/item ids to dense
 * indices, applies the spec's filters and makes the split: one holdout fold (random, per_user,
 * stratified_by_item, leave_last) or several (kfold, the MovieLens u1..u5 files).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DataError, InvalidParamError, SpecError } from '../../core/errors.js';
import type { Frame } from '../../core/frame.js';
import type { Interactions } from '../../core/interactions.js';
import { loadFrame, type SourceSpec } from '../../data/index.js';
import type { IdMap } from '../../preprocess/interactions/id-map.js';
import { interactionsFromFrame, type InteractionColumns } from '../../preprocess/interactions/interaction-table.js';
import { foldsFromTestSets, splitInteractions } from '../../selection/interaction-splits.js';
import { toSourceSpec } from '../spec/source-spec.js';
import type { InteractionFold } from './recommend-snapshot.js';
import type { LoadedRecommendSpec, RecommendDataSection, RecommendSpec } from '../spec/recommend-spec.js';

/** Column roles after defaults: what each spec role key resolved to. */
export type { InteractionColumns };

export interface PreparedInteractions {
  /** Every kept event, in dense index form. */
  interactions: Interactions;
  users: IdMap;
  items: IdMap;
  columns: InteractionColumns;
  /** Rows read from the source, before filtering and dedupe. */
  rows: number;
  /** What loading and filtering did, for the JSON result and the report. */
  preprocessing: { duplicates: number; droppedByWindow: number; droppedUsers: number; droppedItems: number; droppedEvents: number };
  notes: string[];
  /** The outer folds: one for a holdout method, `folds` for kfold / movielens_folds. */
  folds: InteractionFold[];
  /** Whether every fold is evaluated (kfold, movielens_folds) rather than one held-out part. */
  crossValidated: boolean;
}

/** The spec's reading options for `source` (role keys and filters are not loader options). */
function sourceOf(d: RecommendDataSection, source: string): Omit<SourceSpec, 'baseDir'> {
  const { query, table, delimiter, header, columns, types, coerce, encoding, thousands, decimal } = d;
  return { source, query, table, delimiter, header, columns, types, coerce, encoding, thousands, decimal };
}

/** Role columns: the spec's keys, else the columns named user, item, rating, timestamp. */
export function resolveColumns(d: RecommendDataSection, frame: Frame, file: string): InteractionColumns {
  const pick = (key: 'user' | 'item' | 'rating' | 'event' | 'weight' | 'timestamp', byDefault: boolean): string | undefined => {
    const name = d[key] ?? (byDefault ? key : undefined);
    if (name === undefined) return undefined;
    if (!frame.has(name)) {
      if (d[key] === undefined && key !== 'user' && key !== 'item') return undefined;
      const hint = d[key] ? '' : `; name the ${key} column with data.${key}${d.columns ? '' : ' (or give data.columns for a headerless file)'}`;
      throw new DataError(`${frame.origin}: data.${key}: no column '${name}'; available columns: ${frame.names.join(', ')}${hint}`, {
        file, path: `data.${key}`, column: name, available: frame.names,
      });
    }
    return name;
  };
  const cols: InteractionColumns = { user: pick('user', true)!, item: pick('item', true)! };
  for (const key of ['rating', 'event', 'weight', 'timestamp'] as const) {
    const name = pick(key, key === 'rating' || key === 'timestamp');
    if (name !== undefined) cols[key] = name;
  }
  if (d.eventWeights && !cols.event) {
    throw new SpecError(`${file}: data.eventWeights: needs data.event naming the event-type column`, { file, path: 'data.eventWeights' });
  }
  return cols;
}

/**
 * Loads the source. A mostly-numeric rating/weight column with a bad cell fails in the loader, whose
 * hint (coerce to missing, or impute) does not apply to ratings: say what does.
 */
async function loadRatingsFrame(src: SourceSpec, d: RecommendDataSection): Promise<Awaited<ReturnType<typeof loadFrame>>> {
  try {
    return await loadFrame(src);
  } catch (e) {
    const det = e instanceof DataError ? e.details : {};
    const role = det.column === (d.rating ?? 'rating') ? 'rating' : d.weight && det.column === d.weight ? 'weight' : null;
    if (!role || det.row === undefined) throw e;
    const count = Number(det.count ?? 1);
    throw new DataError(
      `${String(det.origin)}: ${role} column '${String(det.column)}' has ${count} non-numeric value${count > 1 ? 's' : ''} (first: row ${String(det.row)}, ${JSON.stringify(det.value)}); ${role}s must be numbers — fix or drop those rows`,
      { ...det },
    );
  }
}

/** Loads, maps ids, filters and splits the interactions a recommend spec names. */
export async function prepareInteractions(loaded: LoadedRecommendSpec): Promise<PreparedInteractions> {
  const { spec, baseDir, file } = loaded;
  const d = spec.data;
  const src = toSourceSpec(sourceOf(d, d.source), baseDir);
  const { frame, report: load } = await loadRatingsFrame(src, d);
  const columns = resolveColumns(d, frame, file);
  let built;
  try {
    built = interactionsFromFrame(frame, columns, {
      eventWeights: d.eventWeights,
      dedupe: d.dedupe,
      minUserInteractions: d.minUserInteractions,
      minItemInteractions: d.minItemInteractions,
      timeWindow: d.timeWindow,
      source: load.source,
    });
  } catch (e) {
    // Option problems are spec problems: name the key under data.
    if (e instanceof InvalidParamError) {
      const param = String(e.details.param ?? '').replace(/^columns\./, '');
      const path = param ? `data.${param}` : 'data';
      throw new SpecError(`${file}: ${path}: ${e.message.replace(/^interactionsFromFrame: /, '')}`, { file, path });
    }
    throw e;
  }
  const { interactions, users, items, report } = built;
  if (interactions.users.length === 0 || users.size === 0 || items.size === 0) {
    throw new DataError(`${load.source}: no interactions left after filtering (${report.rows} rows read; minUserInteractions ${d.minUserInteractions ?? 1}, minItemInteractions ${d.minItemInteractions ?? 1}${d.timeWindow ? ', timeWindow' : ''}); loosen the filters`, {
      origin: load.source, rows: report.rows,
    });
  }
  const notes = [...load.notes];
  for (const [col, c] of Object.entries(load.coerced)) notes.push(`column '${col}': ${c.count} non-numeric values turned into missing (first: row ${c.firstRow}, ${JSON.stringify(c.firstValue)})`);
  if (report.duplicates) notes.push(`${report.duplicates} duplicate (user, item) events merged (dedupe: ${d.dedupe ?? 'default'})`);
  if (report.droppedByWindow) notes.push(`${report.droppedByWindow} events outside the time window dropped`);
  if (report.droppedEvents) notes.push(`${report.droppedEvents} events dropped by the min-interaction filters (${report.droppedUsers} users, ${report.droppedItems} items)`);
  const count = (n: number): string => n.toLocaleString('en-US');
  notes.push(`${count(interactions.users.length)} events of ${count(users.size)} users on ${count(items.size)} items (density ${formatDensity(interactions.users.length, users.size, items.size)})`);

  const { folds, crossValidated } = await outerFolds(spec, interactions, users, items, src.source, d, file);
  return {
    interactions, users, items, columns, rows: report.rows, notes, folds, crossValidated,
    preprocessing: { duplicates: report.duplicates, droppedByWindow: report.droppedByWindow, droppedUsers: report.droppedUsers, droppedItems: report.droppedItems, droppedEvents: report.droppedEvents },
  };
}

function formatDensity(n: number, users: number, items: number): string {
  return `${((100 * n) / (users * items)).toFixed(2)}%`;
}

/** True for the methods that evaluate every fold (and so need no inner selection split). */
export function isCrossValidated(method: RecommendSpec['split']['method']): boolean {
  return method === 'kfold' || method === 'movielens_folds';
}

/** The spec's split as `splitInteractions` options (holdout methods and kfold). */
export function splitOptions(spec: RecommendSpec): Parameters<typeof splitInteractions>[1] {
  const s = spec.split;
  if (s.method === 'movielens_folds') throw new Error('movielens_folds are read from files, not split');
  return { method: s.method, test: s.test, seed: s.seed, folds: s.folds, n: s.n, singletons: s.singletons };
}

async function outerFolds(spec: RecommendSpec, data: Interactions, users: IdMap, items: IdMap, source: string, d: RecommendDataSection, file: string): Promise<{ folds: InteractionFold[]; crossValidated: boolean }> {
  const method = spec.split.method;
  if (method === 'leave_last' && !data.timestamps) {
    throw new SpecError(`${file}: split.method: leave_last needs event times; name the timestamp column with data.timestamp`, { file, path: 'split.method' });
  }
  if (method !== 'movielens_folds') return { folds: splitInteractions(data, splitOptions(spec)), crossValidated: isCrossValidated(method) };
  // MovieLens ships its 5-fold split as u1.base/u1.test … u5.test next to u.data.
  const dir = dirname(source);
  const count = Math.min(spec.split.folds, 5);
  const testSets: { users: Int32Array; items: Int32Array }[] = [];
  for (let f = 1; f <= count; f++) {
    const path = join(dir, `u${f}.test`);
    if (!existsSync(path)) {
      throw new SpecError(`${file}: split.method: movielens_folds reads u1.test … u${count}.test next to ${basename(source)}, but ${path} does not exist`, { file, path: 'split.method' });
    }
    const { frame } = await loadFrame({ ...sourceOf(d, path), types: undefined });
    const cols = resolveColumns(d, frame, file);
    const n = frame.nRows;
    const u = new Int32Array(n), it = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      u[i] = users.index(frame.cell(cols.user, i));
      it[i] = items.index(frame.cell(cols.item, i));
    }
    testSets.push({ users: u, items: it });
  }
  return { folds: foldsFromTestSets(data, testSets), crossValidated: true };
}
