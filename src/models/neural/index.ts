/**
 * Neural-network models: scikit-learn's MLPs (`mlp`, `mlp_regressor`) and the Keras-like toolbox —
 * `Sequential` with `Dense`/`Dropout`/`BatchNormalization`, losses, optimizers, schedules and
 * callbacks — with its spec-facing estimators (`neural_net`, `neural_net_regressor`).
 */
export { MLPClassifier, type MLPClassifierFitted, type MLPFitOptions } from './mlp-classifier.js';
export { MLPRegressor, type MLPRegressorFitted, type MLPRegressorParams } from './mlp-regressor.js';
export { MLP_CLASSIFIER_DEFAULTS, type MLPClassifierParams } from './mlp-params.js';
export { MlpNetwork, type MlpNetworkOptions } from './mlp-network.js';
export { DenseLayer, type DenseLayerOptions } from './dense-layer.js';
export { NoImprovementStopper, type NoImprovementStopperOptions } from './no-improvement-stopper.js';
export type { HiddenActivation, OutputActivation } from './activations.js';
export { NeuralNetClassifier, NEURAL_NET_CLASSIFIER_DEFAULTS, type NeuralNetClassifierParams, type NeuralNetClassifierFitted } from './neural-net-classifier.js';
export { NeuralNetRegressor, NEURAL_NET_REGRESSOR_DEFAULTS, type NeuralNetRegressorParams, type NeuralNetRegressorFitted } from './neural-net-regressor.js';
export type { LayerSpec, OptimizerSpec, ScheduleSpec, EarlyStoppingSpec, NeuralNetCommonParams } from './neural-net-params.js';
export { Sequential, type SequentialState } from './sequential.js';
export { fitSequential, fitSequentialAsync, type FitSequentialOptions, type ValidationData } from './fit-sequential.js';
export { Layer, type LayerState } from './layers/layer.js';
export { Dense, type DenseOptions } from './layers/dense.js';
export { Dropout, type DropoutOptions } from './layers/dropout.js';
export { BatchNormalization, type BatchNormalizationOptions } from './layers/batch-normalization.js';
export { ACTIVATION_NAMES, type ActivationName } from './layer-activations.js';
export { INITIALIZER_NAMES, type InitializerName } from './initializers.js';
export { LOSS_NAMES, type LossName, type LossSpec } from './loss-functions.js';
export { Optimizer } from './optimizers/optimizer.js';
export { SgdOptimizer, type SgdOptions } from './optimizers/sgd.js';
export { AdamOptimizer, type AdamOptions } from './optimizers/adam.js';
export { AdamWOptimizer, type AdamWOptions } from './optimizers/adamw.js';
export { RmspropOptimizer, type RmspropOptions } from './optimizers/rmsprop.js';
export { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
export { StepDecay, type StepDecayOptions } from './schedules/step-decay.js';
export { ExponentialDecay, type ExponentialDecayOptions } from './schedules/exponential-decay.js';
export { CosineDecay, type CosineDecayOptions } from './schedules/cosine-decay.js';
export { ReduceOnPlateau, type ReduceOnPlateauOptions } from './schedules/reduce-on-plateau.js';
export type { Callback } from './callbacks/callback.js';
export { EarlyStopping, type EarlyStoppingCallbackOptions } from './callbacks/early-stopping-callback.js';
export { MONITOR_NAMES, type MonitorName, type TrainLogs } from './callbacks/train-logs.js';
