/**
 * The model registry: maps the names used in specs and model files (`logistic_regression`,
 * `linear_svm`, ...) to estimator factories, so loaders and the experiment layer never switch on
 * class names. A model joins with one line: `registerModel(modelEntry('mlp', 'classification', MLPClassifier))`.
 */
import type { Classifier, Estimator, EstimatorState } from '../core/estimator.js';
import { InvalidParamError, ModelFileError } from '../core/errors.js';
import { LinearSVC } from './linear/linear-svc.js';
import { LogisticRegression } from './linear/logistic-regression.js';
import { MLPClassifier } from './neural/mlp-classifier.js';

/** A registered model family. `name` equals the estimator's `type` (the name saved in model files). */
export interface ModelEntry {
  name: string;
  task: 'classification' | 'regression';
  /** A new, unfitted estimator; unknown param names throw `E_INVALID_PARAM`. */
  create(params?: Record<string, unknown>): Estimator<any, any> & Partial<Classifier>;
  /** The default hyper-parameters. */
  defaults(): Record<string, unknown>;
  /**
   * Optional parameter sets the estimator must reject at `fit` with `E_INVALID_PARAM`
   * (out-of-range values); the conformance suite checks each.
   */
  invalidParams?: Record<string, unknown>[];
}

type EstimatorCtor = new (params?: any) => Estimator<any, any> & Partial<Classifier>;

/** Builds a {@link ModelEntry} from an estimator class whose constructor takes a params object. */
export function modelEntry(name: string, task: ModelEntry['task'], Ctor: EstimatorCtor, invalidParams?: Record<string, unknown>[]): ModelEntry {
  return {
    name,
    task,
    create: (params = {}) => new Ctor(params),
    defaults: () => new Ctor().getParams() as Record<string, unknown>,
    invalidParams,
  };
}

const entries = new Map<string, ModelEntry>();

/** Adds (or replaces) a model family. */
export function registerModel(entry: ModelEntry): void {
  entries.set(entry.name, entry);
}

/** The entry for `name`; an unknown name is `E_INVALID_PARAM` listing the known ones. */
export function getModel(name: string): ModelEntry {
  const e = entries.get(name);
  if (!e) {
    const known = [...entries.keys()].sort();
    throw new InvalidParamError(`unknown model '${name}'; known models: ${known.join(', ')}`, { param: 'model', value: name, allowed: known });
  }
  return e;
}

/** All registered model families, in registration order. */
export function listModels(): ModelEntry[] {
  return [...entries.values()];
}

/** Rebuilds a fitted estimator from its saved state (after `decodeModel`); unknown type is `E_MODEL_FILE`. */
export function estimatorFromState(state: EstimatorState): Estimator<any, any> {
  const type = (state as { type?: unknown } | null)?.type;
  const e = typeof type === 'string' ? entries.get(type) : undefined;
  if (!e) {
    throw new ModelFileError(
      `model file holds an estimator of unknown type ${JSON.stringify(type)}; this trainyard knows ${[...entries.keys()].sort().join(', ')} — upgrade trainyard or re-train`,
      { type: type ?? null },
    );
  }
  if (state.params === null || typeof state.params !== 'object' || state.fitted === null || typeof state.fitted !== 'object') {
    throw new ModelFileError(`model file: estimator '${type}' lacks its 'params' or 'fitted' section`, { type });
  }
  return e.create().restoreState(state);
}

registerModel(modelEntry('logistic_regression', 'classification', LogisticRegression, [{ C: 0 }, { C: -1 }, { maxIter: 0 }, { penalty: 'l1' }, { tol: 0 }]));
registerModel(modelEntry('linear_svm', 'classification', LinearSVC, [{ C: 0 }, { maxIter: 0 }, { loss: 'log' }, { interceptScaling: 0 }]));
registerModel(modelEntry('mlp', 'classification', MLPClassifier, [{ hidden: [0] }, { learningRate: 0 }, { optimizer: 'adagrad' }, { activation: 'softplus' }, { validationFraction: 1 }]));
