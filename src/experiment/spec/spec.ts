/**
 * The experiment spec (YAML), validated with zod. Every error names the key path and the problem,
 * e.g. "spec.yaml: select.candidates[1].model: unknown model 'forest'; known models: ...".
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument, YAMLError } from 'yaml';
import { z } from 'zod';
import { IoError, SpecError } from '../../core/errors.js';
import { sourceSchema } from './source-schema.js';
import { checkSpecSchema } from './spec-schema-check.js';
import { isRecommendDocument, validateRecommendSpec, type LoadedRecommendSpec } from './recommend-spec.js';

const source = sourceSchema;

const join = z.strictObject({
  ...source.shape,
  on: z.union([z.string(), z.array(z.string()).min(1)]),
  how: z.enum(['inner', 'left']).optional(),
});

const data = z.strictObject({
  ...source.shape,
  target: z.string().min(1),
  /** Remove exact duplicate rows before splitting. */
  dedupe: z.boolean().optional(),
  join: z.array(join).optional(),
});

const numericPre = z.strictObject({
  impute: z.enum(['mean', 'median', 'most_frequent', 'constant', 'none']).optional(),
  fillValue: z.number().optional(),
  scale: z.enum(['standard', 'minmax', 'robust', 'none']).optional(),
  clip: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).optional(),
  indicators: z.boolean().optional(),
  columns: z.array(z.string()).optional(),
});

const categoricalPre = z.strictObject({
  impute: z.enum(['most_frequent', 'constant', 'none']).optional(),
  fillValue: z.string().optional(),
  encode: z.enum(['onehot', 'ordinal']).optional(),
  columns: z.array(z.string()).optional(),
});

const candidate = z.strictObject({
  model: z.string().min(1),
  params: z.record(z.string(), z.unknown()).optional(),
});

const metricName = z.string().min(1);

/** `cv: 5` or a splitter: how candidates are cross-validated on the training part. */
const cvObject = z.strictObject({
  method: z.enum(['kfold', 'stratified_kfold', 'group_kfold', 'repeated_kfold', 'time_series']),
  folds: z.number().int().min(2).max(50).default(5),
  /** repeated_kfold: how many times. */
  repeats: z.number().int().min(1).max(20).default(3),
  /** group_kfold: the column holding group ids (e.g. a user id); it is not used as a feature. */
  groups: z.string().optional(),
  /** time_series: rows left out between training and test blocks. */
  gap: z.number().int().min(0).default(0),
  seed: z.number().int().optional(),
});

const search = z.strictObject({
  method: z.enum(['grid', 'random', 'halving']).default('grid'),
  /** random (and halving over random draws): settings sampled per candidate. */
  iterations: z.number().int().min(1).max(10000).default(10),
  seed: z.number().int().default(0),
  /** halving: the iterative parameter given more budget each round (e.g. `epochs`, `maxIter`). */
  resource: z.string().optional(),
  minResource: z.number().positive().optional(),
  maxResource: z.number().positive().optional(),
  /** halving: keep the best 1/factor configurations per round and multiply the resource by factor. */
  factor: z.number().gt(1).default(3),
  /** halving: sample `iterations` settings (true) or expand the grid (false). */
  sample: z.boolean().default(false),
});

export const specSchema = z.strictObject({
  name: z.string().min(1).regex(/^[\w.-]+$/, 'use letters, digits, ".", "_" or "-"'),
  task: z.enum(['classification', 'regression']).optional(),
  data,
  split: z
    .strictObject({
      test: z.number().gt(0).lt(1).default(0.2),
      stratify: z.boolean().default(true),
      seed: z.number().int().default(0),
    })
    .default({ test: 0.2, stratify: true, seed: 0 }),
  preprocess: z
    .strictObject({
      numeric: numericPre.optional(),
      categorical: categoricalPre.optional(),
      drop: z.array(z.string()).optional(),
      dropConstant: z.boolean().optional(),
      dropIds: z.boolean().optional(),
    })
    .default({}),
  select: z.strictObject({
    cv: z.union([z.number().int().min(2).max(50), cvObject]).default(5),
    /** Nested CV: an outer k-fold around the whole search, for an unbiased estimate of the procedure. */
    nested: z.strictObject({ folds: z.number().int().min(2).max(20).default(5) }).optional(),
    search: search.default({ method: 'grid', iterations: 10, seed: 0, factor: 3, sample: false }),
    metric: metricName.optional(),
    seed: z.number().int().optional(),
    candidates: z.array(candidate).min(1),
  }),
  evaluate: z.strictObject({ metrics: z.array(metricName).min(1).optional() }).default({}),
});

export type ExperimentSpec = z.infer<typeof specSchema>;
export type CvSection = z.infer<typeof cvObject>;
export type SourceSection = z.infer<typeof source>;

/** A validated spec plus the folder its relative paths are resolved against. */
export interface LoadedSpec {
  spec: ExperimentSpec;
  baseDir: string;
  file: string;
}

/** Validates a parsed spec object; `file` names the spec in messages. */
export function validateSpec(raw: unknown, file = 'spec'): ExperimentSpec {
  return checkSpecSchema(specSchema, raw, file);
}

export function loadSpec(file: string): LoadedSpec {
  const raw = readSpecDocument(file);
  if (isRecommendDocument(raw)) {
    throw new SpecError(`${file}: task: this is a recommend spec; load it with loadAnySpec() (trainyard run does)`, { file, path: 'task' });
  }
  return { spec: validateSpec(raw, file), baseDir: dirname(resolve(file)), file };
}

/**
 * Loads a spec of either kind: `task: recommend` is validated by the recommender schema
 * (recommend-spec.ts), anything else by the tabular one above.
 *
 * @example
 * const loaded = loadAnySpec('examples/movielens/ranking.yaml');
 * if (isRecommendSpec(loaded)) console.log(loaded.spec.select.metric);
 */
export function loadAnySpec(file: string): LoadedSpec | LoadedRecommendSpec {
  const raw = readSpecDocument(file);
  const baseDir = dirname(resolve(file));
  if (isRecommendDocument(raw)) return { spec: validateRecommendSpec(raw, file), baseDir, file };
  return { spec: validateSpec(raw, file), baseDir, file };
}

/**
 * Validates a spec of either kind given as text (YAML, or JSON, which is YAML too) rather than a file —
 * what the server receives. `name` stands for the file in messages; relative sources resolve against
 * `baseDir` (the server passes its first data root, never its working directory).
 *
 * @example
 * const loaded = parseAnySpec('name: x\ndata: ...', { name: 'request', baseDir: '/srv/data' });
 */
export function parseAnySpec(text: string, options: { name: string; baseDir: string }): LoadedSpec | LoadedRecommendSpec {
  const { name, baseDir } = options;
  const raw = parseSpecText(text, name);
  if (isRecommendDocument(raw)) return { spec: validateRecommendSpec(raw, name), baseDir, file: name };
  return { spec: validateSpec(raw, name), baseDir, file: name };
}

/** Reads and parses a spec file (E_IO when unreadable, E_SPEC for invalid YAML). */
function readSpecDocument(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new IoError(`cannot read spec ${file}: ${why}`, { file });
  }
  return parseSpecText(text, file);
}

/**
 * Parses spec text (E_SPEC for invalid YAML, naming `file`). The yaml library's alias limit (100
 * aliases per document, its `maxAliasCount` default) refuses alias "billion laughs" bombs before they
 * expand; cycles are refused by the schema check.
 */
export function parseSpecText(text: string, file: string): unknown {
  try {
    // YAML warnings (an unresolved tag such as `!!js/function`, an ambiguous alias) are refused like
    // errors: `parse` would print them as Node warnings and go on with a guess.
    const doc = parseDocument(text);
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem) throw problem;
    return doc.toJS();
  } catch (e) {
    const where = e instanceof YAMLError && e.linePos ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    throw new SpecError(`${file}: invalid YAML${where}: ${(e as Error).message.split('\n')[0]}`, { file });
  }
}
