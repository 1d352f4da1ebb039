/** Linear models: logistic regression (L-BFGS) and linear SVM (liblinear dual coordinate descent). */
export { LogisticRegression, type LogisticRegressionParams, type LogisticRegressionFitted, type LogisticMode } from './logistic-regression.js';
export { LinearSVC, type LinearSVCParams } from './linear-svc.js';
export { minimizeLbfgs, minimizeLbfgsAsync, lbfgsSteps, type LbfgsOptions, type LbfgsResult, type LossGradient, type AsyncLossGradient } from './lbfgs.js';
export type { ClassWeight, LinearFitOptions, LinearFitted } from './linear-common.js';
