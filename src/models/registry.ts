/**
 * The model registry: maps the names used in specs and model files (`logistic_regression`,
 * `linear_svm`, ...) to estimator factories, so loaders and the experiment layer never switch on
 * class names. A model joins with one line: `registerModel(modelEntry('mlp', 'classification', MLPClassifier))`.
 */
import type { Classifier, Estimator, EstimatorState } from '../core/estimator.js';
import { ModelFileError } from '../core/errors.js';
import { Registry } from '../core/registry.js';
import { HGB_INVALID_PARAMS, HistGradientBoostingClassifier, HistGradientBoostingRegressor } from './boosting/index.js';
import { LinearSVC } from './linear/linear-svc.js';
import { LogisticRegression } from './linear/logistic-regression.js';
import { ElasticNet, Lasso } from './linear/elastic-net.js';
import { LinearRegression } from './linear/linear-regression.js';
import { LinearSVR } from './linear/linear-svr.js';
import { Ridge } from './linear/ridge.js';
import { SGDClassifier } from './linear/sgd/sgd-classifier.js';
import { SGDRegressor } from './linear/sgd/sgd-regressor.js';
import { MLPClassifier } from './neural/mlp-classifier.js';
import { KNeighborsClassifier } from './neighbors/k-neighbors-classifier.js';
import { KNeighborsRegressor } from './neighbors/k-neighbors-regressor.js';
import { GaussianNB } from './bayes/gaussian-nb.js';
import { MultinomialNB } from './bayes/multinomial-nb.js';
import { MLPRegressor } from './neural/mlp-regressor.js';
import { NeuralNetClassifier } from './neural/sequential/neural-net-classifier.js';
import { NeuralNetRegressor } from './neural/sequential/neural-net-regressor.js';
import { SVC } from './svm/svc.js';
import { SVR } from './svm/svr.js';
import { DecisionTreeClassifier, DecisionTreeRegressor, ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor } from './tree/index.js';

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
  /** Needs X ≥ 0 (counts, frequencies), like scikit-learn's `requires_positive_X` tag. */
  nonNegativeX?: boolean;
  /** Takes NaN in X as "missing" (scikit-learn's `allow_nan` tag); others refuse it. */
  handlesMissing?: boolean;
}

type EstimatorCtor = new (params?: any) => Estimator<any, any> & Partial<Classifier>;

/** Builds a {@link ModelEntry} from an estimator class whose constructor takes a params object. */
export function modelEntry(name: string, task: ModelEntry['task'], Ctor: EstimatorCtor, invalidParams?: Record<string, unknown>[], tags: { nonNegativeX?: boolean; handlesMissing?: boolean } = {}): ModelEntry {
  return {
    name,
    task,
    create: (params = {}) => new Ctor(params),
    defaults: () => new Ctor().getParams() as Record<string, unknown>,
    invalidParams,
    ...tags,
  };
}

// Spec and model-file names reach `getModel` from outside; the shared registry matches own names only.
const models = new Registry<ModelEntry>({ kind: 'model' });

/** Adds (or replaces) a model family. */
export function registerModel(entry: ModelEntry): void {
  models.register(entry.name, entry);
}

/** The entry for `name`; an unknown name is `E_INVALID_PARAM` listing the known ones. */
export function getModel(name: string): ModelEntry {
  return models.get(name);
}

/** All registered model families, in registration order. */
export function listModels(): ModelEntry[] {
  return models.list();
}

/** Rebuilds a fitted estimator from its saved state (after `decodeModel`); unknown type is `E_MODEL_FILE`. */
export function estimatorFromState(state: EstimatorState): Estimator<any, any> {
  const type = (state as { type?: unknown } | null)?.type;
  const e = models.get(type, (_, known) =>
    new ModelFileError(`model file holds an estimator of unknown type ${JSON.stringify(type)}; this trainyard knows ${known.join(', ')} — upgrade trainyard or re-train`, {
      type: type ?? null,
    }),
  );
  if (state.params === null || typeof state.params !== 'object' || state.fitted === null || typeof state.fitted !== 'object') {
    throw new ModelFileError(`model file: estimator '${type}' lacks its 'params' or 'fitted' section`, { type });
  }
  return e.create().restoreState(state);
}

registerModel(modelEntry('logistic_regression', 'classification', LogisticRegression, [{ C: 0 }, { C: -1 }, { maxIter: 0 }, { penalty: 'l3' }, { l1Ratio: 2, penalty: 'elasticnet' }, { tol: 0 }]));
registerModel(modelEntry('linear_svm', 'classification', LinearSVC, [{ C: 0 }, { maxIter: 0 }, { loss: 'log' }, { interceptScaling: 0 }]));
registerModel(modelEntry('mlp', 'classification', MLPClassifier, [{ hidden: [0] }, { learningRate: 0 }, { optimizer: 'adagrad' }, { activation: 'softplus' }, { validationFraction: 1 }]));
registerModel(modelEntry('linear_regression', 'regression', LinearRegression, [{ fitIntercept: 'yes' }]));
registerModel(modelEntry('ridge', 'regression', Ridge, [{ alpha: -1 }, { fitIntercept: 1 }]));
registerModel(modelEntry('lasso', 'regression', Lasso, [{ alpha: -1 }, { maxIter: 0 }, { tol: -1 }, { selection: 'best' }]));
registerModel(modelEntry('elastic_net', 'regression', ElasticNet, [{ alpha: -1 }, { l1Ratio: 1.5 }, { maxIter: 0 }, { selection: 'best' }]));
registerModel(modelEntry('linear_svr', 'regression', LinearSVR, [{ C: 0 }, { epsilon: -1 }, { loss: 'hinge' }, { maxIter: 0 }, { tol: 0 }]));
registerModel(modelEntry('sgd_classifier', 'classification', SGDClassifier, [{ loss: 'squared_error' }, { alpha: 0 }, { penalty: 'l3' }, { eta0: -1 }, { l1Ratio: 2 }, { maxIter: 0 }, { average: -1 }]));
registerModel(modelEntry('sgd_regressor', 'regression', SGDRegressor, [{ loss: 'hinge' }, { eta0: 0 }, { epsilon: -1 }, { penalty: 'l3' }, { powerT: Infinity }, { nIterNoChange: 0 }]));
registerModel(modelEntry('mlp_regressor', 'regression', MLPRegressor, [{ hidden: [0] }, { learningRate: 0 }, { epochs: 0 }, { alpha: -1 }]));
registerModel(modelEntry('neural_net', 'classification', NeuralNetClassifier, [{ epochs: 0 }, { batchSize: 0 }, { layers: [{ type: 'dense', units: 0 }] }, { layers: [{ type: 'dropout', rate: 1 }] }, { optimizer: { type: 'adagrad' } }, { loss: 'mse' }, { schedule: { type: 'cosine', decayEpochs: 0 } }, { classWeight: 'some' }]));
registerModel(modelEntry('neural_net_regressor', 'regression', NeuralNetRegressor, [{ epochs: 0 }, { layers: [{ type: 'dense', units: 4, activation: 'swish' }] }, { optimizer: { type: 'adamw', weightDecay: -1 } }, { loss: 'hinge' }, { huberDelta: 0 }, { earlyStopping: { patience: -1 } }]));
registerModel(modelEntry('knn', 'classification', KNeighborsClassifier, [{ nNeighbors: 0 }, { nNeighbors: 100000 }, { weights: 'gaussian' }, { metric: 'hamming' }, { p: 0.5 }, { algorithm: 'ball_tree' }, { leafSize: 0 }]));
registerModel(modelEntry('knn_regressor', 'regression', KNeighborsRegressor, [{ nNeighbors: 0 }, { weights: 'gaussian' }, { metric: 'hamming' }, { p: 0 }, { algorithm: 'ball_tree' }, { leafSize: 1.5 }]));
registerModel(modelEntry('naive_bayes', 'classification', GaussianNB, [{ varSmoothing: -1 }, { priors: [0.5] }, { priors: [0.9, 0.9, 0.9] }]));
registerModel(modelEntry('gradient_boosting', 'classification', HistGradientBoostingClassifier, HGB_INVALID_PARAMS, { handlesMissing: true }));
registerModel(modelEntry('gradient_boosting_regressor', 'regression', HistGradientBoostingRegressor, HGB_INVALID_PARAMS, { handlesMissing: true }));
registerModel(modelEntry('decision_tree', 'classification', DecisionTreeClassifier, [{ maxDepth: 0 }, { minSamplesSplit: 1.5 }, { minSamplesLeaf: 0 }, { maxFeatures: 'half' }, { criterion: 'mse' }, { classWeight: 'some' }]));
registerModel(modelEntry('decision_tree_regressor', 'regression', DecisionTreeRegressor, [{ maxDepth: 0 }, { minSamplesLeaf: 0.7 }, { minImpurityDecrease: -1 }, { criterion: 'gini' }, { splitter: 'worst' }]));
registerModel(modelEntry('random_forest', 'classification', RandomForestClassifier, [{ nEstimators: 0 }, { maxFeatures: 0 }, { maxSamples: 1.5 }, { oobScore: true, bootstrap: false }, { minSamplesSplit: 0 }]));
registerModel(modelEntry('random_forest_regressor', 'regression', RandomForestRegressor, [{ nEstimators: 0 }, { maxFeatures: -1 }, { maxSamples: -0.5 }, { criterion: 'gini' }]));
registerModel(modelEntry('extra_trees', 'classification', ExtraTreesClassifier, [{ nEstimators: 1.5 }, { maxDepth: -1 }, { maxSamples: 0.5 }, { classWeight: 'balanced_subsample' }]));
registerModel(modelEntry('extra_trees_regressor', 'regression', ExtraTreesRegressor, [{ nEstimators: 0 }, { oobScore: true }, { minImpurityDecrease: -0.1 }]));
registerModel(modelEntry('svm', 'classification', SVC, [{ C: 0 }, { gamma: -1 }, { kernel: 'cubic' }, { degree: 1.5 }, { tol: 0 }, { maxIter: 0 }, { cacheSize: 0 }, { decisionFunctionShape: 'ovx' }]));
registerModel(modelEntry('svr', 'regression', SVR, [{ C: 0 }, { epsilon: -0.1 }, { gamma: 'huge' }, { kernel: 'cubic' }, { maxIter: -2 }]));
registerModel(modelEntry('multinomial_nb', 'classification', MultinomialNB, [{ alpha: -1 }, { fitPrior: 'yes' }, { classPrior: [2, -1] }], { nonNegativeX: true }));
