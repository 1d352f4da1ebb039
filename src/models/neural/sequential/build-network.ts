/**
 * Turns the declarative parameters of `NeuralNetClassifier`/`NeuralNetRegressor` into runtime objects
 * (layers, optimizer, schedule, callbacks), trains, and converts a network to and from its saved
 * form — the saved format (`NeuralNetState`) stays apart from the runtime classes, as in TF.js.
 */
import type { FitOptions, StateValue } from '../../../core/estimator.js';
import { ModelFileError } from '../../../core/errors.js';
import type { Matrix } from '../../../core/matrix.js';
import { Rng } from '../../../core/rng.js';
import { stateArray, stateList, stateNumber, stateObject } from '../../../core/state-check.js';
import type { Callback } from '../callbacks/callback.js';
import { EarlyStopping } from '../callbacks/early-stopping-callback.js';
import { fitSequential, type ValidationData } from './fit-sequential.js';
import { INITIALIZER_NAMES, type InitializerName } from '../initializers.js';
import { ACTIVATION_NAMES, type ActivationName } from '../activations.js';
import { BatchNormalization } from '../layers/batch-normalization.js';
import { Dense } from '../layers/dense.js';
import { Dropout } from '../layers/dropout.js';
import type { Layer } from '../layers/layer.js';
import type { LossSpec } from '../losses.js';
import type { NeuralNetCommonParams, LayerSpec, OptimizerSpec, ScheduleSpec } from './neural-net-params.js';
import { AdamOptimizer } from '../optimizers/adam.js';
import { AdamWOptimizer } from '../optimizers/adamw.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { RmspropOptimizer } from '../optimizers/rmsprop.js';
import { SgdOptimizer } from '../optimizers/sgd.js';
import { CosineDecay } from '../schedules/cosine-decay.js';
import { ExponentialDecay } from '../schedules/exponential-decay.js';
import type { LearningRateSchedule } from '../schedules/learning-rate-schedule.js';
import { ReduceOnPlateau } from '../schedules/reduce-on-plateau.js';
import { StepDecay } from '../schedules/step-decay.js';
import { Sequential } from './sequential.js';

/** What the neural-net estimators save besides their task-specific fields. */
export interface NeuralNetState {
  nFeatures: number;
  /** `{ inputUnits, layers: [{ config, weights }] }` — every weight and BN statistic as Float64Array. */
  network: { inputUnits: number; layers: { config: { [k: string]: StateValue }; weights: Float64Array[] }[] };
  /** Training loss per epoch (with penalties). */
  lossCurve: Float64Array;
  /** Validation loss per epoch, or null without validation rows. */
  valLossCurve: Float64Array | null;
  /** Validation score per epoch (accuracy or R²), or null. */
  validationScores: Float64Array | null;
  /** Epoch whose weights were kept (early stopping with restoreBestWeights), else the last epoch. */
  bestEpoch: number;
}

/**
 * The runtime layer for a spec.
 *
 * @example
 * layerFromSpec({ type: 'dropout', rate: 0.2 }); // a Dropout
 */
export function layerFromSpec(spec: LayerSpec): Layer {
  if (spec.type === 'dense') return new Dense({ ...spec });
  if (spec.type === 'dropout') return new Dropout({ rate: spec.rate });
  return new BatchNormalization({ momentum: spec.momentum, epsilon: spec.epsilon });
}

/**
 * The optimizer for a spec, over `model`'s parameters (AdamW decays kernels only).
 *
 * @example
 * const opt = optimizerFromSpec({ type: 'adamw', learningRate: 1e-3, weightDecay: 0.01 }, model);
 */
export function optimizerFromSpec(spec: OptimizerSpec, model: Sequential): Optimizer {
  const { params, grads, decayMask } = model.parameters();
  const lr = spec.learningRate ?? (spec.type === 'sgd' ? 0.01 : 0.001);
  switch (spec.type) {
    case 'sgd':
      return new SgdOptimizer(params, grads, { learningRate: lr, momentum: spec.momentum ?? 0, nesterov: spec.nesterov ?? false });
    case 'adam':
      return new AdamOptimizer(params, grads, { learningRate: lr, beta1: spec.beta1 ?? 0.9, beta2: spec.beta2 ?? 0.999, epsilon: spec.epsilon ?? 1e-8 });
    case 'adamw':
      return new AdamWOptimizer(
        params,
        grads,
        { learningRate: lr, weightDecay: spec.weightDecay ?? 0.01, beta1: spec.beta1 ?? 0.9, beta2: spec.beta2 ?? 0.999, epsilon: spec.epsilon ?? 1e-8 },
        decayMask,
      );
    case 'rmsprop':
      return new RmspropOptimizer(params, grads, { learningRate: lr, rho: spec.rho ?? 0.9, epsilon: spec.epsilon ?? 1e-7 });
  }
}

/**
 * The schedule for a spec.
 *
 * @example
 * scheduleFromSpec({ type: 'step', dropEvery: 10 }).rateAt(10, 0.1); // 0.05
 */
export function scheduleFromSpec(spec: ScheduleSpec): LearningRateSchedule {
  switch (spec.type) {
    case 'step':
      return new StepDecay(spec);
    case 'exponential':
      return new ExponentialDecay(spec);
    case 'cosine':
      return new CosineDecay(spec);
    case 'plateau':
      return new ReduceOnPlateau(spec);
  }
}

/** What `trainNetwork` needs beyond the params. */
export interface TrainNetworkInput {
  /** Hidden layers plus the output layer. */
  layers: Layer[];
  X: Matrix;
  target: Float64Array;
  sampleWeight: Float64Array | null;
  loss: LossSpec;
  validation: ValidationData | null;
}

/**
 * Builds, trains (calling `options.onEpochEnd` each epoch) and returns the model and its saved state.
 *
 * @example
 * const { model, state } = trainNetwork(params, { layers, X, target, sampleWeight: null, loss: { name: 'mse' }, validation: null }, {});
 */
export function trainNetwork(p: NeuralNetCommonParams, input: TrainNetworkInput, options: FitOptions): { model: Sequential; state: NeuralNetState } {
  const model = new Sequential(input.layers).build(input.X.cols, p.seed);
  const optimizer = optimizerFromSpec(p.optimizer, model);
  const callbacks: Callback[] = [];
  let stopper: EarlyStopping | null = null;
  if (p.earlyStopping !== false) {
    stopper = new EarlyStopping(p.earlyStopping);
    callbacks.push(stopper);
  }
  if (options.onEpochEnd) {
    const report = options.onEpochEnd;
    callbacks.push({ onEpochEnd: (logs) => report(logs) });
  }
  const history = fitSequential(model, input.X, input.target, {
    loss: input.loss,
    optimizer,
    epochs: p.epochs,
    batchSize: p.batchSize,
    shuffle: p.shuffle,
    seed: Rng.derive(p.seed, 1).nextUint32(),
    sampleWeight: input.sampleWeight,
    schedule: p.schedule === null ? null : scheduleFromSpec(p.schedule),
    callbacks,
    validation: input.validation,
  });
  const restored = stopper !== null && stopper.restoreBestWeights && stopper.bestEpoch > 0;
  const hasVal = input.validation !== null;
  const state: NeuralNetState = {
    nFeatures: input.X.cols,
    network: model.toState(),
    lossCurve: Float64Array.from(history, (h) => h.loss),
    valLossCurve: hasVal ? Float64Array.from(history, (h) => h.valLoss ?? NaN) : null,
    validationScores: hasVal && input.validation?.score ? Float64Array.from(history, (h) => h.validationScore ?? NaN) : null,
    bestEpoch: restored ? stopper!.bestEpoch : history.length,
  };
  return { model, state };
}

function bad(msg: string): never {
  throw new ModelFileError(`model file: neural network state ${msg}`, { estimator: 'neural_net' });
}

/**
 * Schema-checks a saved network and rebuilds it with its weights.
 *
 * @example
 * const { model } = networkFromState(estimator.toState().fitted);
 */
export function networkFromState(fitted: { [k: string]: StateValue }): { model: Sequential; state: NeuralNetState } {
  const nFeatures = stateNumber(fitted, 'nFeatures');
  const net = stateObject(fitted, 'network');
  const inputUnits = stateNumber(net, 'inputUnits');
  if (inputUnits !== nFeatures) bad(`has inputUnits ${inputUnits} but nFeatures ${nFeatures}`);
  const layers: Layer[] = [];
  const saved: NeuralNetState['network']['layers'] = [];
  stateList(net, 'layers').forEach((entry, i) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || ArrayBuffer.isView(entry)) bad(`layer ${i} is not an object`);
    const e = entry as { [k: string]: StateValue };
    const config = stateObject(e, 'config');
    layers.push(layerFromConfig(config, i));
    saved.push({ config, weights: stateList(e, 'weights') as Float64Array[] });
  });
  if (layers.length === 0) bad('has no layers');
  const model = new Sequential(layers).build(inputUnits, 0);
  layers.forEach((layer, i) => {
    const expected = layer.toState().weights;
    const got = saved[i].weights;
    if (got.length !== expected.length) bad(`layer ${i} has ${got.length} weight arrays, expected ${expected.length}`);
    got.forEach((w, j) => stateArray({ w }, 'w', Float64Array, expected[j].length));
    layer.setWeights(got);
  });
  const nullable = (key: string): Float64Array | null => (fitted[key] === null || fitted[key] === undefined ? null : stateArray(fitted, key, Float64Array));
  return {
    model,
    state: {
      nFeatures,
      network: model.toState(),
      lossCurve: stateArray(fitted, 'lossCurve', Float64Array),
      valLossCurve: nullable('valLossCurve'),
      validationScores: nullable('validationScores'),
      bestEpoch: stateNumber(fitted, 'bestEpoch'),
    },
  };
}

function layerFromConfig(c: { [k: string]: StateValue }, i: number): Layer {
  const num = (k: string): number => stateNumber(c, k);
  if (c.type === 'dense' && !(Number.isInteger(c.units) && (c.units as number) >= 1)) bad(`layer ${i} has ${JSON.stringify(c.units)} units`);
  if (c.type === 'dropout' && !(num('rate') >= 0 && num('rate') < 1)) bad(`layer ${i} has dropout rate ${c.rate}`);
  switch (c.type) {
    case 'dense': {
      if (!ACTIVATION_NAMES.includes(c.activation as ActivationName)) bad(`layer ${i} has unknown activation ${JSON.stringify(c.activation)}`);
      if (!INITIALIZER_NAMES.includes(c.kernelInitializer as InitializerName)) bad(`layer ${i} has unknown initializer ${JSON.stringify(c.kernelInitializer)}`);
      return new Dense({ units: num('units'), activation: c.activation as ActivationName, alpha: num('alpha'), kernelInitializer: c.kernelInitializer as InitializerName, l2: num('l2') });
    }
    case 'dropout':
      return new Dropout({ rate: num('rate') });
    case 'batchnorm':
      return new BatchNormalization({ momentum: num('momentum'), epsilon: num('epsilon') });
    default:
      return bad(`layer ${i} has unknown type ${JSON.stringify(c.type)}`);
  }
}
