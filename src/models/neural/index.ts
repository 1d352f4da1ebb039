/** Neural-network models: the multi-layer perceptron classifier and the pieces it is built from. */
export { MLPClassifier, type MLPClassifierFitted, type MLPFitOptions } from './mlp-classifier.js';
export { MLP_CLASSIFIER_DEFAULTS, type MLPClassifierParams } from './mlp-params.js';
export { MlpNetwork, type MlpNetworkOptions } from './mlp-network.js';
export { DenseLayer, type DenseLayerOptions } from './dense-layer.js';
export { Optimizer } from './optimizers/optimizer.js';
export { SgdOptimizer, type SgdOptions } from './optimizers/sgd.js';
export { AdamOptimizer, type AdamOptions } from './optimizers/adam.js';
export { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
export type { HiddenActivation, OutputActivation } from './activations.js';
