/**
 * Loader for `fixtures/tree/sklearn-reference.json` (written by `fixtures/tree/generate.py`): the
 * synthetic trees' structure and predictions, and sklearn's held-out figures on the real data sets.
 * Test support only.
 */
import { readFileSync } from 'node:fs';
import { Matrix } from '../../core/matrix.js';
import { fixturePath } from '../paths.js';

/** One fitted sklearn tree, with sklearn's arrays (leaf features −1, leaf thresholds 0, class fractions). */
export interface SklearnTree {
  left: number[];
  right: number[];
  feature: number[];
  threshold: number[];
  value: number[];
  importances: number[];
  depth: number;
}

export interface SyntheticCase {
  params: Record<string, unknown>;
  tree: SklearnTree;
  predict: number[];
  proba?: number[];
}

export interface SyntheticSet {
  Xtrain: Matrix;
  ytrain: Float64Array;
  Xtest: Matrix;
  cases: Record<string, SyntheticCase>;
}

/** sklearn's held-out figures for one model (means over its seeds). */
export interface HeldOutFigures {
  accuracy?: number;
  rocAuc?: number;
  r2?: number;
  fitSeconds?: number;
}

interface RawSet {
  Xtrain: number[][];
  ytrain: number[];
  Xtest: number[][];
  cases: Record<string, SyntheticCase>;
}

interface RawDoc {
  seeds: number[];
  synthetic: { classification: RawSet; regression: RawSet };
  shoppers: Record<string, HeldOutFigures>;
  penguins: Record<string, HeldOutFigures>;
  kcHouse: Record<string, HeldOutFigures>;
}

let cache: RawDoc | undefined;

function doc(): RawDoc {
  cache ??= JSON.parse(readFileSync(fixturePath('tree', 'sklearn-reference.json'), 'utf8')) as RawDoc;
  return cache;
}

/**
 * The synthetic classification or regression set with its reference trees.
 *
 * @example
 * const { Xtrain, ytrain, cases } = syntheticSet('classification');
 */
export function syntheticSet(kind: 'classification' | 'regression'): SyntheticSet {
  const raw = doc().synthetic[kind];
  return { Xtrain: Matrix.fromRows(raw.Xtrain), ytrain: Float64Array.from(raw.ytrain), Xtest: Matrix.fromRows(raw.Xtest), cases: raw.cases };
}

/** sklearn's held-out figures on a real data set. */
export function heldOut(dataset: 'shoppers' | 'penguins' | 'kcHouse'): Record<string, HeldOutFigures> {
  return doc()[dataset];
}

/** Seeds sklearn's figures are averaged over (penguins uses 0-4). */
export function referenceSeeds(): number[] {
  return doc().seeds;
}
