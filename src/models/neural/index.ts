/**
 * Neural-network models: scikit-learn's MLPs (`mlp`, `mlp_regressor`) and the Keras-like toolbox —
 * `Sequential` with `Dense`/`Dropout`/`BatchNormalization`, losses, optimizers, schedules and
 * callbacks — with its spec-facing estimators (`neural_net`, `neural_net_regressor`).
 *
 * One stack: `layers/` (the one `Dense` layer, and the others), `activations.ts`, `losses.ts`,
 * `initializers.ts`, `gemm.ts` and `optimizers/` serve both trainers — the MLPs (`mlp-*.ts`, whose
 * `MlpNetwork` runs scikit-learn's fused pass over `Dense` layers) and `sequential/` (with
 * `schedules/` and `callbacks/`). `testing/` holds data generators for tests and benchmarks only.
 */
export { MLPClassifier, type MLPClassifierFitted, type MLPFitOptions } from './mlp-classifier.js';
export { MLPRegressor, type MLPRegressorFitted, type MLPRegressorParams } from './mlp-regressor.js';
export { MLP_CLASSIFIER_DEFAULTS, type MLPClassifierParams } from './mlp-params.js';
export { MlpNetwork, type MlpNetworkOptions } from './mlp-network.js';
export { NoImprovementStopper, type NoImprovementStopperOptions } from './no-improvement-stopper.js';
export { NeuralNetClassifier, NEURAL_NET_CLASSIFIER_DEFAULTS, type NeuralNetClassifierParams, type NeuralNetClassifierFitted } from './sequential/neural-net-classifier.js';
export { NeuralNetRegressor, NEURAL_NET_REGRESSOR_DEFAULTS, type NeuralNetRegressorParams, type NeuralNetRegressorFitted } from './sequential/neural-net-regressor.js';
export type { LayerSpec, OptimizerSpec, ScheduleSpec, EarlyStoppingSpec, NeuralNetCommonParams } from './sequential/neural-net-params.js';
export { Sequential, type SequentialState } from './sequential/sequential.js';
export { fitSequential, fitSequentialAsync, type FitSequentialOptions, type ValidationData } from './sequential/fit-sequential.js';
export { Layer, type LayerState } from './layers/layer.js';
export { Dense, type DenseOptions } from './layers/dense.js';
export { Dropout, type DropoutOptions } from './layers/dropout.js';
export { BatchNormalization, type BatchNormalizationOptions } from './layers/batch-normalization.js';
export { ACTIVATION_NAMES, type ActivationName, type HiddenActivation, type OutputActivation } from './activations.js';
export { INITIALIZER_NAMES, type InitializerName } from './initializers.js';
export { LOSS_NAMES, type LossName, type LossSpec } from './losses.js';
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
