/**
 * Worker side of data-parallel gradient boosting: keeps a `PartitionBooster` per (fit, partition),
 * brings it to the task's tree (adding finished trees it has not seen, replaying the tree's splits)
 * and returns the requested nodes' packed histograms. A partition stays with its worker, but any
 * worker can serve it: one that takes over a dead worker's partition mid-fit catches up from the
 * finished trees in the store.
 */
import { BoundedCache } from '../../../core/bounded-cache.js';
import type { StateValue } from '../../../core/estimator.js';
import { DataError } from '../../../core/errors.js';
import { decodeModel } from '../../../core/model-file.js';
import { stateArray, stateList, stateNumber, stateString } from '../../../core/state-check.js';
import type { PartitionTaskContext } from '../../partitioned-rounds.js';
import type { BinMapping } from '../binning.js';
import type { BoostingLoss } from '../boosting-losses.js';
import { treeArraysFromState, type TreeArrays } from '../tree-nodes.js';
import type { BoostingHistogramTask } from './boosting-partitioned.js';
import { PartitionBooster, type PartitionSplit } from './partition-booster.js';

interface FitSetup {
  loss: BoostingLoss;
  nOutputs: number;
  baseline: Float64Array;
  mapping: BinMapping;
}

interface PartitionState {
  booster: PartitionBooster;
  /** Blobs of the trees added to the booster, in order. */
  trees: string[];
}

const setups = new BoundedCache<string, FitSetup>(4);
const states = new BoundedCache<string, PartitionState>(8);
const trees = new BoundedCache<string, [TreeArrays, number]>(1024);

/**
 * Runs one `gbdt-hist` task: packed histograms of `task.build`, one node after another.
 *
 * @example
 * const partial = await runBoostingHistogramTask(task, ctx);
 */
export async function runBoostingHistogramTask(task: BoostingHistogramTask, ctx: PartitionTaskContext): Promise<Float64Array> {
  const key = `${task.fit}:${task.partition}`;
  let state = states.get(key);
  // A state that added other trees than this task's (cannot happen within one fit) is rebuilt.
  if (!state || state.trees.some((sha, i) => task.trees[i] !== sha)) state = states.set(key, await newState(task, ctx));
  const splits: PartitionSplit[] = [];
  for (let i = 0; i + 5 < task.splits.length; i += 6) {
    const s = task.splits;
    splits.push({ node: s[i], feature: s[i + 1], bin: s[i + 2], missingLeft: s[i + 3], left: s[i + 4], right: s[i + 5] });
  }
  try {
    await prepare(state, task, splits, ctx);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // Out of step (e.g. a retried task of an earlier tree): start the partition over from the trees.
    state = states.set(key, await newState(task, ctx));
    await prepare(state, task, splits, ctx);
  }
  const mask = Uint8Array.from(task.features, (ch) => (ch === '1' ? 1 : 0));
  return state.booster.histograms(task.build, mask);
}

async function prepare(state: PartitionState, task: BoostingHistogramTask, splits: PartitionSplit[], ctx: PartitionTaskContext): Promise<void> {
  const from = state.booster.applied;
  const finished = await Promise.all(task.trees.slice(from, task.tree).map((sha) => loadTree(sha, ctx, task.features.length)));
  const inSample = task.sample ? partitionSample(await ctx.broadcast(task.sample), task.rowOffset, state.booster.nRows) : null;
  state.booster.prepare(task.tree, finished, splits, inSample);
  state.trees = task.trees.slice(0, state.booster.applied);
}

/** One flag per row of the partition from the iteration's bitset of training rows (see `rowSampleBits` in `boosting-partitioned.ts`). */
function partitionSample(bits: Buffer, offset: number, rows: number): Uint8Array {
  if (bits.length * 8 < offset + rows) throw new DataError(`data-parallel boosting: the row sample has ${bits.length * 8} bits, the partition needs rows ${offset}..${offset + rows - 1}`);
  const flags = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) flags[r] = (bits[(offset + r) >> 3] >> ((offset + r) & 7)) & 1;
  return flags;
}

async function newState(task: BoostingHistogramTask, ctx: PartitionTaskContext): Promise<PartitionState> {
  const setup = setups.get(task.fit) ?? setups.set(task.fit, decodeSetup(await ctx.blob(task.fit), task.fit));
  const { X, y } = await ctx.partition(task.partition);
  return { booster: new PartitionBooster(X, y, setup.mapping, setup.loss, setup.nOutputs, setup.baseline), trees: [] };
}

function decodeSetup(bytes: Buffer, sha: string): FitSetup {
  const s = decodeModel(bytes, `boosting set-up ${sha.slice(0, 12)}`) as { [k: string]: StateValue };
  const nOutputs = stateNumber(s, 'nOutputs');
  const nBinsNonMissing = stateArray(s, 'nBinsNonMissing', Int32Array);
  const d = nBinsNonMissing.length;
  const thresholds = stateList(s, 'thresholds').map((t, f) => stateArray({ t }, 't', Float64Array, nBinsNonMissing[f] - 1));
  return {
    loss: stateString(s, 'loss') as BoostingLoss,
    nOutputs,
    baseline: stateArray(s, 'baseline', Float64Array, nOutputs),
    mapping: { thresholds, nBinsNonMissing, hasMissing: stateArray(s, 'hasMissing', Uint8Array, d) },
  };
}

async function loadTree(sha: string, ctx: PartitionTaskContext, nFeatures: number): Promise<[TreeArrays, number]> {
  const hit = trees.get(sha);
  if (hit) return hit;
  const s = decodeModel(await ctx.blob(sha), `tree ${sha.slice(0, 12)}`) as { [k: string]: StateValue };
  return trees.set(sha, [treeArraysFromState(s, `tree blob ${sha.slice(0, 12)}`, nFeatures), 0]);
}
