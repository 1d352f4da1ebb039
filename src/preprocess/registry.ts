/**
 * The transformer registry: the names saved in model files (`standard_scaler`, `pipeline`, ...) →
 * how to build the transformer and how to revive it from its saved state, so loading a model file
 * never evaluates code. Composites revive their children recursively through the same registry, then
 * check that the restored shape matches the saved one. A transformer joins with one line:
 * `registerTransformer(transformerEntry('standard_scaler', StandardScaler, [...]))`.
 */
import { ModelFileError } from '../core/errors.js';
import type { EstimatorState } from '../core/estimator.js';
import { Registry } from '../core/registry.js';
import { ColumnDropper } from './column-dropper.js';
import { ColumnTransformer, columnTransformerBranches, type ColumnTransformerParams } from './composite/column-transformer.js';
import { DropColumns } from './drop-columns.js';
import { MinMaxScaler } from './scalers/min-max-scaler.js';
import { MissingIndicator } from './impute/missing-indicator.js';
import { OneHotEncoder } from './encoders/one-hot-encoder.js';
import { OrdinalEncoder } from './encoders/ordinal-encoder.js';
import { Pipeline, pipelineStepStates } from './composite/pipeline.js';
import { QuantileClipper } from './scalers/quantile-clipper.js';
import { RobustScaler } from './scalers/robust-scaler.js';
import { SimpleImputer } from './impute/simple-imputer.js';
import { StandardScaler } from './scalers/standard-scaler.js';
import type { Transformer } from './transformer.js';

/** A registered transformer. `name` equals the transformer's `type` (the name saved in model files). */
export interface TransformerEntry {
  name: string;
  /**
   * A new, unfitted transformer; unknown param names throw `E_INVALID_PARAM`. Composites come empty
   * (no steps or branches): their children are given to the constructor, not as parameters.
   */
  create(params?: Record<string, unknown>): Transformer;
  /** Revives a fitted transformer from a state whose envelope (`type`, `params`, `fitted`) is checked. */
  fromState(state: EstimatorState): Transformer;
  /**
   * Parameter sets the transformer must reject at `fit` with `E_INVALID_PARAM` (out-of-range values);
   * the transformer conformance suite checks each.
   */
  invalidParams?: Record<string, unknown>[];
}

type TransformerCtor = new (params?: any) => Transformer;

/** Builds a {@link TransformerEntry} for a leaf transformer whose constructor takes a params object. */
export function transformerEntry(name: string, Ctor: TransformerCtor, invalidParams?: Record<string, unknown>[]): TransformerEntry {
  return { name, create: (params = {}) => new Ctor(params), fromState: (state) => new Ctor().restoreState(state), invalidParams };
}

const transformers = new Registry<TransformerEntry>({ kind: 'transformer' });

/** Adds (or replaces) a transformer type. */
export function registerTransformer(entry: TransformerEntry): void {
  transformers.register(entry.name, entry);
}

/** The entry for `name`; an unknown name is `E_INVALID_PARAM` listing the known ones. */
export function getTransformer(name: string): TransformerEntry {
  return transformers.get(name);
}

/** All registered transformer types, in registration order. */
export function listTransformers(): TransformerEntry[] {
  return transformers.list();
}

/** A fitted transformer rebuilt from `toState()` output; an unknown type is an `E_MODEL_FILE` error. */
export function transformerFromState(state: EstimatorState): Transformer {
  if (state === null || typeof state !== 'object' || typeof state.type !== 'string' || typeof state.params !== 'object' || typeof state.fitted !== 'object' || state.params === null || state.fitted === null) {
    throw new ModelFileError('model file: a transformer state must be an object with type, params and fitted');
  }
  const entry = transformers.get(state.type, () =>
    new ModelFileError(`model file: unknown transformer type '${state.type}'; known types: ${transformers.names().join(', ')}. The file may come from a newer trainyard`, { type: state.type }),
  );
  return entry.fromState(state);
}

registerTransformer({
  name: 'pipeline',
  create: (params = {}) => new Pipeline().setParams(params),
  fromState: (state) => new Pipeline(pipelineStepStates(state).map((s) => [s.name, transformerFromState(s.state)])).restoreState(state),
});
registerTransformer({
  name: 'column_transformer',
  create: (params = {}) => new ColumnTransformer([], params as Partial<ColumnTransformerParams>),
  fromState: (state) => new ColumnTransformer(columnTransformerBranches(state).map((b) => [b.name, transformerFromState(b.state), b.columns])).restoreState(state),
  invalidParams: [{ remainder: 'keep' }],
});
registerTransformer(transformerEntry('simple_imputer', SimpleImputer, [{ strategy: 'mode' }, { fillValue: NaN, strategy: 'constant' }, { fillValue: [0] }, { columns: 'x' }]));
registerTransformer(transformerEntry('missing_indicator', MissingIndicator, [{ features: 'some' }, { columns: 'x' }]));
registerTransformer(transformerEntry('standard_scaler', StandardScaler, [{ withMean: 'yes' }, { withStd: 1 }, { columns: 'x' }]));
registerTransformer(transformerEntry('minmax_scaler', MinMaxScaler, [{ featureRange: [1, 0] }, { featureRange: [0, Infinity] }, { clip: 'no' }, { columns: [3] }]));
registerTransformer(transformerEntry('robust_scaler', RobustScaler, [{ quantileRange: [75, 25] }, { quantileRange: [0, 101] }, { withCentering: 0 }, { withScaling: null }, { columns: 'x' }]));
registerTransformer(transformerEntry('quantile_clipper', QuantileClipper, [{ quantiles: [0.9, 0.1] }, { quantiles: [-0.1, 0.5] }, { quantiles: [0.5] }, { columns: 'x' }]));
registerTransformer(transformerEntry('one_hot_encoder', OneHotEncoder, [{ drop: 'last' }, { handleUnknown: 'infrequent' }, { columns: 'x' }]));
registerTransformer(transformerEntry('ordinal_encoder', OrdinalEncoder, [{ handleUnknown: 'ignore' }, { unknownValue: 0 }, { unknownValue: -1.5 }, { columns: 'x' }]));
registerTransformer(transformerEntry('drop_columns', DropColumns, [{ columns: 'x' }, { columns: [1] }]));
registerTransformer(transformerEntry('column_dropper', ColumnDropper, [{ dropConstant: 'yes' }, { dropIds: 0 }, { dropEmpty: 'no' }, { columns: 'x' }]));

/** Every registry name `transformerFromState` understands (the built-in transformers). */
export const TRANSFORMER_TYPES: readonly string[] = transformers.names();
