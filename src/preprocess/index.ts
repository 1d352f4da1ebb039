/**
 * The preprocessing layer: transformers fitted on training rows only, applied anywhere, saved as data
 * inside the model file. Frame in, Frame out; `toMatrix` hands the result to the models.
 *
 * @example
 * ```ts
 * const pre = new ColumnTransformer([
 *   ['num', new Pipeline([['impute', new SimpleImputer({ strategy: 'median' })], ['scale', new StandardScaler()]]), ['Administrative', 'PageValues']],
 *   ['cat', new OneHotEncoder(), ['Month', 'VisitorType']],
 * ]);
 * const { X, featureNames } = toMatrix(pre.fitTransform(trainFrame)); // featureNames: ['Administrative', 'PageValues', 'Month=Aug', ...]
 * const Xtest = toMatrix(pre.transform(testFrame)).X;                 // statistics learned on trainFrame only
 * const saved = pre.toState();                                       // data only; reload with transformerFromState(saved)
 * ```
 */
export { Transformer } from './transformer.js';
export { SimpleImputer, type SimpleImputerParams, type ImputeStrategy } from './impute/simple-imputer.js';
export { MissingIndicator, type MissingIndicatorParams } from './impute/missing-indicator.js';
export { StandardScaler, type StandardScalerParams } from './scalers/standard-scaler.js';
export { MinMaxScaler, type MinMaxScalerParams } from './scalers/min-max-scaler.js';
export { RobustScaler, type RobustScalerParams } from './scalers/robust-scaler.js';
export { QuantileClipper, type QuantileClipperParams } from './scalers/quantile-clipper.js';
export { OneHotEncoder, type OneHotEncoderParams } from './encoders/one-hot-encoder.js';
export { OrdinalEncoder, type OrdinalEncoderParams } from './encoders/ordinal-encoder.js';
export { DropColumns, type DropColumnsParams } from './drop-columns.js';
export { ColumnDropper, type ColumnDropperParams, type DropReason } from './column-dropper.js';
export { ColumnTransformer, type ColumnTransformerEntry, type ColumnTransformerParams } from './composite/column-transformer.js';
export { Pipeline, type PipelineStep } from './composite/pipeline.js';
export { toMatrix, type ToMatrixOptions } from './to-matrix.js';
export { buildPreprocessor, fittedDropNotes, resolveColumnRoles, type PreprocessSpec, type ColumnRoles, type LeftOutReason } from './from-spec.js';
export { transformerFromState, TRANSFORMER_TYPES } from './registry.js';
export { IdMap, interactionsFromFrame, type InteractionColumns, type InteractionOptions, type InteractionTable, type DedupeMode } from './interactions/index.js';
