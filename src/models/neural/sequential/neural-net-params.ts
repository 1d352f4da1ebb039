/**
 * Hyper-parameters of `NeuralNetClassifier` / `NeuralNetRegressor`: a `Sequential` network described as
 * data, so a YAML spec can hold it —
 *   layers: [{ type: dense, units: 64, activation: relu }, { type: dropout, rate: 0.2 }, { type: batchnorm }]
 *   optimizer: { type: adamw, learningRate: 0.001, weightDecay: 0.01 }
 *   schedule: { type: cosine, decayEpochs: 50 }
 *   earlyStopping: { monitor: valLoss, patience: 5, restoreBestWeights: true }
 * The output layer is added by the estimator (softmax/sigmoid for classes, linear for regression).
 * Everything is checked in `fit`, each error naming the path of the bad field (`layers[1].rate`).
 */
import { InvalidParamError } from '../../../core/errors.js';
import { checkNumber, checkOneOf } from '../../../core/params.js';
import { MONITOR_NAMES, type MonitorName } from '../callbacks/train-logs.js';
import { INITIALIZER_NAMES, type InitializerName } from '../initializers.js';
import { ACTIVATION_NAMES, type ActivationName } from '../activations.js';

/** One hidden layer. */
export type LayerSpec =
  | { type: 'dense'; units: number; activation?: ActivationName; alpha?: number; kernelInitializer?: InitializerName; l2?: number; kernelRegularizer?: { l2: number } }
  | { type: 'dropout'; rate: number }
  | { type: 'batchnorm'; momentum?: number; epsilon?: number };

/** The optimizer and its settings (defaults: Keras's, except the learning rate 0.001 throughout). */
export interface OptimizerSpec {
  type: 'sgd' | 'adam' | 'adamw' | 'rmsprop';
  /** Default 0.001 (0.01 for sgd). */
  learningRate?: number;
  /** sgd: default 0. */
  momentum?: number;
  /** sgd: default false. */
  nesterov?: boolean;
  /** adam/adamw: defaults 0.9, 0.999. */
  beta1?: number;
  beta2?: number;
  /** adam/adamw: default 1e-8; rmsprop: 1e-7. */
  epsilon?: number;
  /** adamw: decoupled weight decay, default 0.01 (kernels only; biases and BatchNorm exempt). */
  weightDecay?: number;
  /** rmsprop: default 0.9. */
  rho?: number;
}

/** A per-epoch learning-rate schedule (see `schedules/`). */
export type ScheduleSpec =
  | { type: 'step'; dropEvery: number; factor?: number }
  | { type: 'exponential'; decayRate: number; decayEpochs?: number; staircase?: boolean }
  | { type: 'cosine'; decayEpochs: number; alpha?: number }
  | { type: 'plateau'; monitor?: MonitorName; factor?: number; patience?: number; minDelta?: number; cooldown?: number; minRate?: number };

/** Early stopping (Keras's `EarlyStopping` options). */
export interface EarlyStoppingSpec {
  monitor?: MonitorName;
  patience?: number;
  minDelta?: number;
  restoreBestWeights?: boolean;
}

/** Parameters shared by the classifier and the regressor. */
export interface NeuralNetCommonParams {
  /** Hidden layers. Default one dense layer of 64 ReLU units. */
  layers: LayerSpec[];
  /** Default { type: 'adam', learningRate: 0.001 }. */
  optimizer: OptimizerSpec;
  /** Default null (constant rate). */
  schedule: ScheduleSpec | null;
  /** Default 50. */
  epochs: number;
  /** Default 32 (Keras). */
  batchSize: number;
  /** Default true. */
  shuffle: boolean;
  /** Default false. */
  earlyStopping: EarlyStoppingSpec | false;
  /** Rows held out for `valLoss`/`validationScore` when a monitor needs them, in (0, 1). Default 0.1. */
  validationFraction: number;
  /** Default 0. */
  seed: number;
}

/** Keras-like defaults of the shared parameters. */
export const NEURAL_NET_COMMON_DEFAULTS: NeuralNetCommonParams = {
  layers: [{ type: 'dense', units: 64, activation: 'relu' }],
  optimizer: { type: 'adam', learningRate: 0.001 },
  schedule: null,
  epochs: 50,
  batchSize: 32,
  shuffle: true,
  earlyStopping: false,
  validationFraction: 0.1,
  seed: 0,
};

function fail(owner: string, path: string, value: unknown, what: string): never {
  throw new InvalidParamError(`${owner}: parameter '${path}' ${what}, got ${JSON.stringify(value)}`, { estimator: owner, param: path, value });
}

/** Rejects keys outside `allowed` in a spec object (a typo would otherwise be silently ignored). */
function checkObject(owner: string, path: string, value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(owner, path, value, 'must be an object');
  const obj = value as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) fail(owner, `${path}.${k}`, obj[k], `is not a known field; allowed: ${allowed.join(', ')}`);
  }
  return obj;
}

const opt = (owner: string, path: string, v: unknown, range: Parameters<typeof checkNumber>[3]): void => {
  if (v !== undefined) checkNumber(owner, path, v, range);
};

/**
 * Throws `E_INVALID_PARAM` naming the first field outside its allowed range.
 *
 * @example
 * validateNeuralNetParams('NeuralNetClassifier', { ...NEURAL_NET_COMMON_DEFAULTS, epochs: 0 }); // throws: 'epochs' must be an integer >= 1
 */
export function validateNeuralNetParams(owner: string, p: NeuralNetCommonParams): void {
  if (!Array.isArray(p.layers)) fail(owner, 'layers', p.layers, "must be a list of layer specs such as { type: 'dense', units: 64 }");
  p.layers.forEach((l, i) => validateLayer(owner, `layers[${i}]`, l));
  validateOptimizer(owner, p.optimizer);
  if (p.schedule !== null) validateSchedule(owner, p.schedule);
  checkNumber(owner, 'epochs', p.epochs, { min: 1, integer: true });
  checkNumber(owner, 'batchSize', p.batchSize, { min: 1, integer: true });
  checkOneOf(owner, 'shuffle', p.shuffle, [true, false]);
  if (p.earlyStopping !== false) {
    const e = checkObject(owner, 'earlyStopping', p.earlyStopping, ['monitor', 'patience', 'minDelta', 'restoreBestWeights']);
    if (e.monitor !== undefined) checkOneOf(owner, 'earlyStopping.monitor', e.monitor, MONITOR_NAMES);
    opt(owner, 'earlyStopping.patience', e.patience, { min: 0, integer: true });
    opt(owner, 'earlyStopping.minDelta', e.minDelta, { min: 0 });
    if (e.restoreBestWeights !== undefined) checkOneOf(owner, 'earlyStopping.restoreBestWeights', e.restoreBestWeights, [true, false]);
  }
  checkNumber(owner, 'validationFraction', p.validationFraction, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true });
  checkNumber(owner, 'seed', p.seed, { integer: true });
}

function validateLayer(owner: string, path: string, spec: unknown): void {
  const type = (spec as { type?: unknown } | null)?.type;
  checkOneOf(owner, `${path}.type`, type, ['dense', 'dropout', 'batchnorm'] as const);
  if (type === 'dense') {
    const l = checkObject(owner, path, spec, ['type', 'units', 'activation', 'alpha', 'kernelInitializer', 'l2', 'kernelRegularizer']);
    if (l.kernelRegularizer !== undefined) opt(owner, `${path}.kernelRegularizer.l2`, checkObject(owner, `${path}.kernelRegularizer`, l.kernelRegularizer, ['l2']).l2, { min: 0 });
    checkNumber(owner, `${path}.units`, l.units, { min: 1, integer: true });
    if (l.activation !== undefined) checkOneOf(owner, `${path}.activation`, l.activation, ACTIVATION_NAMES);
    opt(owner, `${path}.alpha`, l.alpha, { min: 0 });
    if (l.kernelInitializer !== undefined) checkOneOf(owner, `${path}.kernelInitializer`, l.kernelInitializer, INITIALIZER_NAMES);
    opt(owner, `${path}.l2`, l.l2, { min: 0 });
  } else if (type === 'dropout') {
    const l = checkObject(owner, path, spec, ['type', 'rate']);
    checkNumber(owner, `${path}.rate`, l.rate, { min: 0, max: 1, exclusiveMax: true });
  } else {
    const l = checkObject(owner, path, spec, ['type', 'momentum', 'epsilon']);
    opt(owner, `${path}.momentum`, l.momentum, { min: 0, max: 1, exclusiveMax: true });
    opt(owner, `${path}.epsilon`, l.epsilon, { min: 0, exclusiveMin: true });
  }
}

function validateOptimizer(owner: string, spec: unknown): void {
  const type = (spec as { type?: unknown } | null)?.type;
  checkOneOf(owner, 'optimizer.type', type, ['sgd', 'adam', 'adamw', 'rmsprop'] as const);
  const o = checkObject(owner, 'optimizer', spec, ['type', 'learningRate', 'momentum', 'nesterov', 'beta1', 'beta2', 'epsilon', 'weightDecay', 'rho']);
  opt(owner, 'optimizer.learningRate', o.learningRate, { min: 0, exclusiveMin: true });
  opt(owner, 'optimizer.momentum', o.momentum, { min: 0, max: 1 });
  if (o.nesterov !== undefined) checkOneOf(owner, 'optimizer.nesterov', o.nesterov, [true, false]);
  opt(owner, 'optimizer.beta1', o.beta1, { min: 0, max: 1, exclusiveMax: true });
  opt(owner, 'optimizer.beta2', o.beta2, { min: 0, max: 1, exclusiveMax: true });
  opt(owner, 'optimizer.epsilon', o.epsilon, { min: 0, exclusiveMin: true });
  opt(owner, 'optimizer.weightDecay', o.weightDecay, { min: 0 });
  opt(owner, 'optimizer.rho', o.rho, { min: 0, max: 1, exclusiveMax: true });
}

function validateSchedule(owner: string, spec: unknown): void {
  const type = (spec as { type?: unknown } | null)?.type;
  checkOneOf(owner, 'schedule.type', type, ['step', 'exponential', 'cosine', 'plateau'] as const);
  if (type === 'step') {
    const s = checkObject(owner, 'schedule', spec, ['type', 'dropEvery', 'factor']);
    checkNumber(owner, 'schedule.dropEvery', s.dropEvery, { min: 1, integer: true });
    opt(owner, 'schedule.factor', s.factor, { min: 0, max: 1, exclusiveMin: true });
  } else if (type === 'exponential') {
    const s = checkObject(owner, 'schedule', spec, ['type', 'decayRate', 'decayEpochs', 'staircase']);
    checkNumber(owner, 'schedule.decayRate', s.decayRate, { min: 0, max: 1, exclusiveMin: true });
    opt(owner, 'schedule.decayEpochs', s.decayEpochs, { min: 0, exclusiveMin: true });
    if (s.staircase !== undefined) checkOneOf(owner, 'schedule.staircase', s.staircase, [true, false]);
  } else if (type === 'cosine') {
    const s = checkObject(owner, 'schedule', spec, ['type', 'decayEpochs', 'alpha']);
    checkNumber(owner, 'schedule.decayEpochs', s.decayEpochs, { min: 1, integer: true });
    opt(owner, 'schedule.alpha', s.alpha, { min: 0, max: 1 });
  } else {
    const s = checkObject(owner, 'schedule', spec, ['type', 'monitor', 'factor', 'patience', 'minDelta', 'cooldown', 'minRate']);
    if (s.monitor !== undefined) checkOneOf(owner, 'schedule.monitor', s.monitor, MONITOR_NAMES);
    opt(owner, 'schedule.factor', s.factor, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true });
    opt(owner, 'schedule.patience', s.patience, { min: 0, integer: true });
    opt(owner, 'schedule.minDelta', s.minDelta, { min: 0 });
    opt(owner, 'schedule.cooldown', s.cooldown, { min: 0, integer: true });
    opt(owner, 'schedule.minRate', s.minRate, { min: 0 });
  }
}

/**
 * True when a monitor of the early stopping or the schedule needs held-out rows.
 *
 * @example
 * needsValidation({ ...NEURAL_NET_COMMON_DEFAULTS, earlyStopping: { monitor: 'loss' } }); // false
 */
export function needsValidation(p: NeuralNetCommonParams): boolean {
  const monitors: (MonitorName | undefined)[] = [];
  if (p.earlyStopping !== false) monitors.push(p.earlyStopping.monitor ?? 'valLoss');
  if (p.schedule?.type === 'plateau') monitors.push(p.schedule.monitor ?? 'valLoss');
  return monitors.some((m) => m !== 'loss');
}
