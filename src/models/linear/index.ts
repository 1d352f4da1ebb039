/**
 * Linear models: classifiers (LogisticRegression by L-BFGS / OWL-QN, LinearSVC by liblinear's dual
 * coordinate descent, SGDClassifier) and regressors (LinearRegression, Ridge, Lasso, ElasticNet,
 * LinearSVR, SGDRegressor).
 */
export { LogisticRegression, type LogisticRegressionParams, type LogisticRegressionFitted, type LogisticMode } from './logistic-regression.js';
export { LinearSVC, type LinearSVCParams } from './linear-svc.js';
export { LinearRegression, type LinearRegressionParams, type LinearRegressionFitted } from './linear-regression.js';
export { Ridge, type RidgeParams } from './ridge.js';
export { ElasticNet, Lasso, type ElasticNetParams, type LassoParams, type ElasticNetFitted } from './elastic-net.js';
export { LinearSVR, type LinearSVRParams } from './linear-svr.js';
export { SGDClassifier, type SGDClassifierParams } from './sgd/sgd-classifier.js';
export { SGDRegressor, type SGDRegressorParams } from './sgd/sgd-regressor.js';
export type { SgdCommonParams } from './sgd/sgd-params.js';
export type { LearningRate, SgdPenalty } from './sgd/sgd-solver.js';
export type { SgdClassificationLoss, SgdRegressionLoss } from './sgd/sgd-losses.js';
export { LinearRegressor, type LinearRegressorFitted } from './linear-regressor.js';
export { minimizeLbfgs, minimizeLbfgsAsync, lbfgsSteps, type LbfgsOptions, type LbfgsResult, type LossGradient, type AsyncLossGradient } from './solvers/lbfgs.js';
export { minimizeOwlqn } from './solvers/owlqn.js';
export type { ClassWeight, LinearFitOptions, LinearFitted } from './linear-common.js';
