/**
 * Hyper-parameters shared by the trees and forests, and their validation into the numbers the tree
 * builder needs. The conventions are scikit-learn 1.2's (`sklearn/tree/_classes.py`, `BaseDecisionTree.fit`):
 * integer-or-fraction `minSamplesSplit`/`minSamplesLeaf`, `maxFeatures` as `'sqrt' | 'log2' | int |
 * fraction | null`, and `minSamplesSplit` raised to `2 · minSamplesLeaf`.
 */
import { InvalidParamError } from '../../core/errors.js';
import { checkNumber, checkOneOf } from '../../core/params.js';

/** How many features a split looks at: all (`null`), `'sqrt'`/`'log2'` of them, a count (int ≥ 1) or a fraction in (0, 1]. */
export type MaxFeatures = null | 'sqrt' | 'log2' | number;

/** Impurity measures: gini / entropy for classification, squared_error for regression. */
export type TreeCriterion = 'gini' | 'entropy' | 'squared_error';

/** Parameters every tree (alone or in a forest) takes. */
export interface TreeGrowthParams {
  /** Maximum depth; `null` grows until leaves are pure or too small. Default null. */
  maxDepth: number | null;
  /** Fewest samples a node needs to be split: an integer ≥ 2 or a fraction of the rows in (0, 1]. Default 2. */
  minSamplesSplit: number;
  /** Fewest samples in each leaf: an integer ≥ 1 or a fraction of the rows in (0, 0.5]. Default 1. */
  minSamplesLeaf: number;
  /** A split must decrease the weighted impurity by at least this much. Default 0. */
  minImpurityDecrease: number;
  /** Features looked at per split. */
  maxFeatures: MaxFeatures;
  /** Seed of the feature sampling (and of bootstraps and random thresholds in ensembles). Default 0. */
  seed: number;
}

/** What the tree builder needs, resolved against the data. */
export interface TreeConfig {
  criterion: TreeCriterion;
  /** 'best' scans every threshold (BestSplitter); 'random' draws one per feature (RandomSplitter, Extra-Trees). */
  splitter: 'best' | 'random';
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  minImpurityDecrease: number;
  maxFeatures: number;
}

/**
 * Validates the growth parameters against `n` rows and `d` features and resolves them to numbers.
 *
 * @example
 * resolveTreeConfig('DecisionTreeClassifier', { ...params }, 'gini', 'best', 1000, 20).maxFeatures; // 20 when maxFeatures is null
 */
export function resolveTreeConfig(
  owner: string,
  p: TreeGrowthParams,
  criterion: TreeCriterion,
  splitter: 'best' | 'random',
  n: number,
  d: number,
): TreeConfig {
  const maxDepth = p.maxDepth === null ? Infinity : checkNumber(owner, 'maxDepth', p.maxDepth, { min: 1, integer: true });
  const minSamplesLeaf = countOrFraction(owner, 'minSamplesLeaf', p.minSamplesLeaf, 1, 0.5, n);
  let minSamplesSplit = countOrFraction(owner, 'minSamplesSplit', p.minSamplesSplit, 2, 1, n);
  // sklearn: a node that cannot give each child minSamplesLeaf rows is a leaf anyway.
  minSamplesSplit = Math.max(minSamplesSplit, 2 * minSamplesLeaf);
  const minImpurityDecrease = checkNumber(owner, 'minImpurityDecrease', p.minImpurityDecrease, { min: 0 });
  checkNumber(owner, 'seed', p.seed, { integer: true });
  return { criterion, splitter, maxDepth, minSamplesSplit, minSamplesLeaf, minImpurityDecrease, maxFeatures: resolveMaxFeatures(owner, p.maxFeatures, d) };
}

/** `maxFeatures` as a count in [1, d] (sklearn: `max(1, int(sqrt(d)))`, `max(1, int(f · d))`, ...). */
export function resolveMaxFeatures(owner: string, value: MaxFeatures, d: number): number {
  if (value === null) return d;
  if (value === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(d)));
  if (value === 'log2') return Math.max(1, Math.floor(Math.log2(d)));
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value !== 1) {
    if (value > d) {
      throw new InvalidParamError(`${owner}: parameter 'maxFeatures' is ${value}, but X has only ${d} features; use at most ${d}, a fraction or 'sqrt'`, {
        estimator: owner,
        param: 'maxFeatures',
        value,
      });
    }
    return value;
  }
  if (typeof value === 'number' && value > 0 && value <= 1) return Math.max(1, Math.floor(value * d));
  throw new InvalidParamError(
    `${owner}: parameter 'maxFeatures' must be null, 'sqrt', 'log2', an integer >= 1 or a fraction in (0, 1], got ${JSON.stringify(value)}`,
    { estimator: owner, param: 'maxFeatures', value },
  );
}

/**
 * An integer count (≥ `minCount`) or a fraction of `n` in (0, `maxFraction`] rounded up, as sklearn's
 * `ceil(fraction · n)`. 1 as an integer means one row (sklearn treats `1` for minSamplesLeaf so too).
 */
function countOrFraction(owner: string, name: string, value: unknown, minCount: number, maxFraction: number, n: number): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= minCount) return value;
  if (typeof value === 'number' && value > 0 && value < 1 && value <= maxFraction) return Math.max(1, Math.ceil(value * n));
  if (typeof value === 'number' && value === 1 && maxFraction >= 1 && minCount > 1) return n;
  throw new InvalidParamError(
    `${owner}: parameter '${name}' must be an integer >= ${minCount} or a fraction in (0, ${maxFraction}], got ${JSON.stringify(value)}`,
    { estimator: owner, param: name, value, allowed: `integer >= ${minCount} or fraction in (0, ${maxFraction}]` },
  );
}

/** Checks the criterion name for a task. */
export function checkCriterion<T extends TreeCriterion>(owner: string, value: unknown, allowed: readonly T[]): T {
  return checkOneOf(owner, 'criterion', value, allowed);
}
