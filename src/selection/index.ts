export * from './splitter.js';
export * from './k-fold.js';
export * from './stratified-k-fold.js';
export * from './train-test-split.js';
export * from './param-grid.js';
