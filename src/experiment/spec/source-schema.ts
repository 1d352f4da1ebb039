/**
 * The `data` fields that say where a table comes from and how to read it — shared by the tabular
 * spec (spec.ts, also for its joins) and the recommend spec (recommend-spec.ts), which adds the
 * column roles of interactions.
 */
import { z } from 'zod';
import { DECIMAL_MARKS, THOUSANDS_SEPARATORS } from '../../data/index.js';

const columnType = z.enum(['numeric', 'boolean', 'datetime', 'categorical', 'text', 'id']);

/**
 * A data source: file path, URL or database, plus the reading options.
 *
 * @example
 * const data = z.strictObject({ ...sourceSchema.shape, target: z.string() });
 */
export const sourceSchema = z.strictObject({
  source: z.string().min(1),
  query: z.string().optional(),
  table: z.string().optional(),
  delimiter: z.string().optional(),
  header: z.boolean().optional(),
  /** Names for a headerless file (MovieLens `u.data`: [user, item, rating, timestamp]). */
  columns: z.array(z.string()).optional(),
  types: z.record(z.string(), columnType).optional(),
  coerce: z.enum(['error', 'nan']).optional(),
  /** Text encoding of a delimited file (MovieLens 100K's u.item is latin-1); default UTF-8, falling back to latin-1. */
  encoding: z.enum(['utf-8', 'latin-1', 'utf-16']).optional(),
  /** Thousands separator of numbers written as text ("7,123.4" with ','); without it such a column is categorical, with a load note. */
  thousands: z.enum(THOUSANDS_SEPARATORS as [string, ...string[]]).optional(),
  /** Decimal mark of numbers written as text: '.' (default) or ','. */
  decimal: z.enum(DECIMAL_MARKS as [string, ...string[]]).optional(),
});
