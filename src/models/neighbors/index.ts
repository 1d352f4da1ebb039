/** k-nearest neighbours: classifier and regressor over a brute-force (blocked products) or KD-tree search. */
export { KNeighborsClassifier, type KNeighborsClassifierFitted } from './k-neighbors-classifier.js';
export { KNeighborsRegressor, type KNeighborsRegressorFitted } from './k-neighbors-regressor.js';
export { KNEIGHBORS_DEFAULTS, neighborWeights, type KNeighborsParams, type KNeighborsResult, type NeighborsFitted } from './neighbors-base.js';
export { resolveMetric, type NeighborMetric, type ResolvedMetric } from './distance-metrics.js';
export { BruteIndex } from './brute-force.js';
export { KDTree } from './kd-tree.js';
export { NeighborHeaps } from './neighbor-heap.js';
