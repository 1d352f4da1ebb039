/**
 * Rebuilds a saved transformer from its state by registry name — a switch over known types, so loading
 * a model file never evaluates code. Composites rebuild their children recursively, then check that
 * the restored shape matches the saved one.
 */
import { ModelFileError } from '../core/errors.js';
import type { EstimatorState } from '../core/estimator.js';
import { ColumnDropper } from './column-dropper.js';
import { ColumnTransformer, columnTransformerBranches } from './column-transformer.js';
import { DropColumns } from './drop-columns.js';
import { MinMaxScaler } from './min-max-scaler.js';
import { MissingIndicator } from './missing-indicator.js';
import { OneHotEncoder } from './one-hot-encoder.js';
import { OrdinalEncoder } from './ordinal-encoder.js';
import { Pipeline, pipelineStepStates } from './pipeline.js';
import { QuantileClipper } from './quantile-clipper.js';
import { RobustScaler } from './robust-scaler.js';
import { SimpleImputer } from './simple-imputer.js';
import { StandardScaler } from './standard-scaler.js';
import type { Transformer } from './transformer.js';

/** Every registry name `transformerFromState` understands. */
export const TRANSFORMER_TYPES = [
  'pipeline',
  'column_transformer',
  'simple_imputer',
  'missing_indicator',
  'standard_scaler',
  'minmax_scaler',
  'robust_scaler',
  'quantile_clipper',
  'one_hot_encoder',
  'ordinal_encoder',
  'drop_columns',
  'column_dropper',
] as const;

/** A fitted transformer rebuilt from `toState()` output; an unknown type is an `E_MODEL_FILE` error. */
export function transformerFromState(state: EstimatorState): Transformer {
  if (state === null || typeof state !== 'object' || typeof state.type !== 'string' || typeof state.params !== 'object' || typeof state.fitted !== 'object' || state.params === null || state.fitted === null) {
    throw new ModelFileError('model file: a transformer state must be an object with type, params and fitted');
  }
  switch (state.type) {
    case 'pipeline':
      return new Pipeline(pipelineStepStates(state).map((s) => [s.name, transformerFromState(s.state)])).restoreState(state);
    case 'column_transformer':
      return new ColumnTransformer(columnTransformerBranches(state).map((b) => [b.name, transformerFromState(b.state), b.columns])).restoreState(state);
    case 'simple_imputer':
      return new SimpleImputer().restoreState(state);
    case 'missing_indicator':
      return new MissingIndicator().restoreState(state);
    case 'standard_scaler':
      return new StandardScaler().restoreState(state);
    case 'minmax_scaler':
      return new MinMaxScaler().restoreState(state);
    case 'robust_scaler':
      return new RobustScaler().restoreState(state);
    case 'quantile_clipper':
      return new QuantileClipper().restoreState(state);
    case 'one_hot_encoder':
      return new OneHotEncoder().restoreState(state);
    case 'ordinal_encoder':
      return new OrdinalEncoder().restoreState(state);
    case 'drop_columns':
      return new DropColumns().restoreState(state);
    case 'column_dropper':
      return new ColumnDropper().restoreState(state);
    default:
      throw new ModelFileError(`model file: unknown transformer type '${state.type}'; known types: ${TRANSFORMER_TYPES.join(', ')}. The file may come from a newer trainyard`, {
        type: state.type,
      });
  }
}
