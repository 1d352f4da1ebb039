/**
 * Hyper-parameters of the histogram gradient boosting models (scikit-learn 1.2
 * `HistGradientBoostingClassifier`/`Regressor` names in camelCase, plus XGBoost-style row and column
 * subsampling and a thread count), their defaults, and their validation at `fit`.
 */
import { InvalidParamError } from '../../core/errors.js';
import { checkNumber, checkOneOf } from '../../core/params.js';

/** Hyper-parameters shared by the classifier and the regressor. */
export interface HistGradientBoostingParams {
  /** Shrinkage of each tree's leaf values, > 0. Default 0.1. */
  learningRate: number;
  /** Boosting iterations (trees per output), >= 1. Default 100. */
  maxIter: number;
  /** Leaves per tree (>= 2), or null for no limit (then `maxDepth` bounds the tree). Default 31. */
  maxLeafNodes: number | null;
  /** Edges from root to deepest leaf (>= 1), or null for no limit. Default null. */
  maxDepth: number | null;
  /** Fewest training rows in a leaf, >= 1. Default 20. */
  minSamplesLeaf: number;
  /** L2 penalty on leaf values, >= 0. Default 0. */
  l2Regularization: number;
  /** Bins for non-missing values per feature, 2..255 (bin 255 holds missing values). Default 255. */
  maxBins: number;
  /** Fraction of training rows drawn (without replacement, per iteration) for each tree, in (0, 1]. Default 1. */
  subsample: number;
  /** Fraction of features drawn for each tree, in (0, 1]. Default 1. */
  colsampleBytree: number;
  /** 'auto' = on when there are more than 10,000 rows (sklearn's rule). Default 'auto'. */
  earlyStopping: 'auto' | boolean;
  /** Fraction of training rows held out to watch the loss when early stopping, in (0, 1). Default 0.1. */
  validationFraction: number;
  /** Stop when the validation loss has not improved by `tol` in this many iterations, >= 1. Default 10. */
  nIterNoChange: number;
  /** Smallest improvement of the validation score that counts, >= 0. Default 1e-7. */
  tol: number;
  /** Seed of the validation split, binning subsample and row/column sampling. Default 0. */
  seed: number;
  /** Threads building histograms (>= 1); null = `os.availableParallelism()`. Results do not depend on it. Default null. */
  nThreads: number | null;
}

export const HGB_DEFAULTS: HistGradientBoostingParams = {
  learningRate: 0.1,
  maxIter: 100,
  maxLeafNodes: 31,
  maxDepth: null,
  minSamplesLeaf: 20,
  l2Regularization: 0,
  maxBins: 255,
  subsample: 1,
  colsampleBytree: 1,
  earlyStopping: 'auto',
  validationFraction: 0.1,
  nIterNoChange: 10,
  tol: 1e-7,
  seed: 0,
  nThreads: null,
};

/** Parameter values after validation (nulls resolved). */
export interface ResolvedParams extends Omit<HistGradientBoostingParams, 'maxLeafNodes' | 'maxDepth' | 'nThreads'> {
  maxLeafNodes: number;
  maxDepth: number;
  nThreads: number;
}

/**
 * Validates every parameter; throws `E_INVALID_PARAM` naming the first bad one and its range.
 *
 * @example
 * resolveParams('HistGradientBoostingClassifier', { ...HGB_DEFAULTS, maxIter: 0 }, 2); // throws: 'maxIter' must be an integer >= 1
 */
export function resolveParams(owner: string, p: HistGradientBoostingParams, availableThreads: number): ResolvedParams {
  const nullable = (name: string, v: unknown, min: number): number =>
    v === null ? Infinity : checkNumber(owner, name, v, { min, integer: true });
  const maxLeafNodes = nullable('maxLeafNodes', p.maxLeafNodes, 2);
  const maxDepth = nullable('maxDepth', p.maxDepth, 1);
  if (maxLeafNodes === Infinity && maxDepth === Infinity) {
    throw new InvalidParamError(`${owner}: parameter 'maxLeafNodes' is null and so is 'maxDepth'; set at least one of them so trees stay bounded`, {
      estimator: owner,
      param: 'maxLeafNodes',
      value: null,
    });
  }
  const nThreads = p.nThreads === null ? availableThreads : checkNumber(owner, 'nThreads', p.nThreads, { min: 1, integer: true });
  return {
    learningRate: checkNumber(owner, 'learningRate', p.learningRate, { min: 0, exclusiveMin: true }),
    maxIter: checkNumber(owner, 'maxIter', p.maxIter, { min: 1, integer: true }),
    maxLeafNodes,
    maxDepth,
    minSamplesLeaf: checkNumber(owner, 'minSamplesLeaf', p.minSamplesLeaf, { min: 1, integer: true }),
    l2Regularization: checkNumber(owner, 'l2Regularization', p.l2Regularization, { min: 0 }),
    maxBins: checkNumber(owner, 'maxBins', p.maxBins, { min: 2, max: 255, integer: true }),
    subsample: checkNumber(owner, 'subsample', p.subsample, { min: 0, exclusiveMin: true, max: 1 }),
    colsampleBytree: checkNumber(owner, 'colsampleBytree', p.colsampleBytree, { min: 0, exclusiveMin: true, max: 1 }),
    earlyStopping: checkOneOf(owner, 'earlyStopping', p.earlyStopping, ['auto', true, false] as const),
    validationFraction: checkNumber(owner, 'validationFraction', p.validationFraction, { min: 0, exclusiveMin: true, max: 1, exclusiveMax: true }),
    nIterNoChange: checkNumber(owner, 'nIterNoChange', p.nIterNoChange, { min: 1, integer: true }),
    tol: checkNumber(owner, 'tol', p.tol, { min: 0 }),
    seed: checkNumber(owner, 'seed', p.seed, { integer: true }),
    nThreads,
  };
}

/** Invalid parameter sets for the conformance suite (each must be refused at fit). */
export const HGB_INVALID_PARAMS: Record<string, unknown>[] = [
  { learningRate: 0 },
  { maxIter: 0 },
  { maxLeafNodes: 1 },
  { maxDepth: 0 },
  { minSamplesLeaf: 0 },
  { l2Regularization: -1 },
  { maxBins: 256 },
  { subsample: 0 },
  { colsampleBytree: 1.5 },
  { earlyStopping: 'yes' },
  { validationFraction: 1 },
  { nThreads: 0 },
];
