/**
 * JSON schemas shared by the routes: the id-like path parameters (each a strict pattern, so `..`,
 * `/`, NUL or an absolute path is refused with 400 before a handler runs — and none of them ever
 * names a file anyway) and the response objects of api.md.
 */

/** Run ids (`20261206-051923-a1b2c3`, or any store id of letters, digits, `_`, `.`, `-` not starting with `.`). */
export const runIdSchema = { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$' } as const;
/** Opaque artifact ids: hex. */
export const artifactIdSchema = { type: 'string', pattern: '^[0-9a-f]{32}$' } as const;
/** Model names: spec names (letters, digits, `.`, `_`, `-`), not starting with `.`. */
export const modelNameSchema = { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$' } as const;
/** Aliases (store-contract: letters, digits, `_`, `-`, not all digits). */
export const aliasSchema = { type: 'string', pattern: '^(?![0-9]+$)[A-Za-z0-9_-]{1,64}$' } as const;
/** Metric keys (`test.f1`, `cv.ndcg@10`, `train.loss`). */
export const metricKeySchema = { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_.@:-]{0,127}$' } as const;

/** Tag changes: key → value, or null to remove. */
export const tagChangesSchema = {
  type: 'object',
  maxProperties: 64,
  propertyNames: { pattern: '^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}$' },
  additionalProperties: { type: ['string', 'null'], maxLength: 500 },
} as const;

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const numberMap = { type: 'object', additionalProperties: { type: 'number' } } as const;
const nullableString = { anyOf: [{ type: 'string' }, { type: 'null' }] } as const;
const nullableNumber = { anyOf: [{ type: 'number' }, { type: 'null' }] } as const;

/** A run in a listing (api.md RunSummary). */
export const runSummarySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    status: { type: 'string' },
    startedAt: { type: 'string' },
    finishedAt: nullableString,
    durationSeconds: nullableNumber,
    specHash: { type: 'string' },
    tags: stringMap,
    note: nullableString,
    metrics: numberMap,
    model: nullableString,
    progress: { type: 'object', properties: { stage: { type: 'string' }, done: { type: 'number' }, total: { type: 'number' } } },
  },
  required: ['id', 'name', 'status', 'startedAt', 'finishedAt', 'durationSeconds', 'specHash', 'tags', 'note', 'metrics', 'model'],
} as const;

/** An artifact's metadata with its opaque id. */
export const artifactSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, name: { type: 'string' }, contentType: { type: 'string' }, size: { type: 'number' }, sha256: { type: 'string' } },
  required: ['id', 'name', 'contentType', 'size', 'sha256'],
} as const;

/** One version of a registered model (api.md ModelVersion). */
export const modelVersionSchema = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    runId: { type: 'string' },
    artifact: { type: 'string' },
    metrics: numberMap,
    createdAt: { type: 'string' },
    specHash: { type: 'string' },
    dataSha256: nullableString,
    description: nullableString,
    tags: stringMap,
    aliases: { type: 'array', items: { type: 'string' } },
  },
  required: ['version', 'runId', 'artifact', 'metrics', 'createdAt', 'specHash', 'dataSha256', 'description', 'tags', 'aliases'],
} as const;

/** A registered model in the listing. */
export const registeredModelSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    latestVersion: { type: 'integer' },
    updatedAt: { type: 'string' },
    aliases: { type: 'object', additionalProperties: { type: 'integer' } },
  },
  required: ['name', 'latestVersion', 'updatedAt', 'aliases'],
} as const;

/** Any JSON object, passed through as is (a spec, a report). */
export const anyObject = { type: 'object', additionalProperties: true } as const;
