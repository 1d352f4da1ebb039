/**
 * The `task: recommend` experiment spec, validated with zod like the tabular spec (spec.ts dispatches
 * here). Interactions come from any trainyard source; role keys name the user, item, rating, event,
 * weight and timestamp columns. Every error names the key path, e.g.
 * "ml.yaml: split.method: Invalid option: expected one of \"random\"|\"per_user\"|…".
 */
import { z } from 'zod';
import { SpecError } from '../../core/errors.js';
import { sourceSchema } from './source-schema.js';
import { checkSpecSchema } from './spec-schema-check.js';

const column = z.string().min(1);
/** A time bound: seconds since the epoch (as in MovieLens) or an ISO date. */
const timeBound = z.union([z.number(), z.string().min(1)]);

const data = z.strictObject({
  ...sourceSchema.shape,
  /** Role columns; default: the columns named user, item, rating, timestamp when present. */
  user: column.optional(),
  item: column.optional(),
  rating: column.optional(),
  event: column.optional(),
  weight: column.optional(),
  timestamp: column.optional(),
  /** Implicit feedback: weight per event type, e.g. { view: 1, cart: 3, purchase: 5 }. */
  eventWeights: z.record(z.string(), z.number().finite()).optional(),
  /** Repeated (user, item) events: keep the last/first, sum, mean or max, or keep all ('none'). */
  dedupe: z.enum(['last', 'first', 'sum', 'mean', 'max', 'none']).optional(),
  minUserInteractions: z.number().int().min(1).optional(),
  minItemInteractions: z.number().int().min(1).optional(),
  timeWindow: z.strictObject({ from: timeBound.optional(), to: timeBound.optional() }).optional(),
});

/** Holdout methods make one train/test split; `kfold` and `movielens_folds` evaluate every fold. */
export const RECOMMEND_SPLIT_METHODS = ['random', 'per_user', 'stratified_by_item', 'leave_last', 'kfold', 'movielens_folds'] as const;
export type RecommendSplitMethod = (typeof RECOMMEND_SPLIT_METHODS)[number];

const split = z.strictObject({
  method: z.enum(RECOMMEND_SPLIT_METHODS).default('random'),
  /** Test fraction of random / per_user / stratified_by_item. */
  test: z.number().gt(0).lt(1).default(0.2),
  seed: z.number().int().default(0),
  /** kfold: folds; movielens_folds: how many of u1..u5 to use. */
  folds: z.number().int().min(2).max(50).default(5),
  /** leave_last: events per user held out (the most recent by timestamp). */
  n: z.number().int().min(1).default(1),
  /** per_user / stratified_by_item: where a group with a single event goes ('test' is Microsoft Recommenders' rule). */
  singletons: z.enum(['train', 'test']).default('train'),
});

const candidate = z.strictObject({
  model: z.string().min(1),
  params: z.record(z.string(), z.unknown()).optional(),
});

const search = z.strictObject({
  method: z.enum(['grid', 'random']).default('grid'),
  iterations: z.number().int().min(1).max(10000).default(10),
  seed: z.number().int().default(0),
});

const bootstrap = z.strictObject({
  samples: z.number().int().min(10).max(100000).default(1000),
  level: z.number().gt(0).lt(1).default(0.95),
  seed: z.number().int().default(0),
});

export const recommendSpecSchema = z.strictObject({
  name: z.string().min(1).regex(/^[\w.-]+$/, 'use letters, digits, ".", "_" or "-"'),
  task: z.literal('recommend'),
  data,
  split: split.default({ method: 'random', test: 0.2, seed: 0, folds: 5, n: 1, singletons: 'train' }),
  select: z.strictObject({
    /** e.g. ndcg@10 (default) or rmse (the default when every candidate predicts ratings). */
    metric: z.string().min(1).optional(),
    search: search.default({ method: 'grid', iterations: 10, seed: 0 }),
    candidates: z.array(candidate).min(1),
  }),
  evaluate: z
    .strictObject({
      metrics: z.array(z.string().min(1)).min(1).optional(),
      /** Cut-off for metrics written without `@k` (mrr, hit_rate, ...). */
      k: z.number().int().min(1).default(10),
      /** Bootstrap over users for the ranking metrics' confidence intervals; false turns it off. */
      bootstrap: z.union([z.literal(false), bootstrap]).default({ samples: 1000, level: 0.95, seed: 0 }),
    })
    .default({ k: 10, bootstrap: { samples: 1000, level: 0.95, seed: 0 } }),
});

export type RecommendSpec = z.infer<typeof recommendSpecSchema>;
export type RecommendDataSection = z.infer<typeof data>;

/** A validated recommend spec plus the folder its relative paths fall back to. */
export interface LoadedRecommendSpec {
  spec: RecommendSpec;
  baseDir: string;
  file: string;
}

/** Whether a parsed YAML document asks for the recommend task (so it must use this schema). */
export function isRecommendDocument(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { task?: unknown }).task === 'recommend';
}

/** Whether a loaded spec (either kind) is a recommend spec. */
export function isRecommendSpec(loaded: { spec: { task?: string } }): loaded is LoadedRecommendSpec {
  return loaded.spec.task === 'recommend';
}

/**
 * Validates a parsed `task: recommend` document; `file` names the spec in messages.
 *
 * @example
 * const spec = validateRecommendSpec(parseYaml(text), 'ml.yaml');
 * spec.select.candidates[0].model; // 'bpr'
 */
export function validateRecommendSpec(raw: unknown, file = 'spec'): RecommendSpec {
  return checkSpecSchema(recommendSpecSchema, raw, file);
}
