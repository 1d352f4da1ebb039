/** From a spec's data source section to what the data layer loads, for tabular and recommend specs alike. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SourceSpec } from '../../data/index.js';
import type { SourceSection } from './spec.js';

/**
 * Relative file paths are resolved against the working directory (specs are run from the project
 * root, as in the examples) and, when nothing is there, against the spec's own folder.
 */
export function toSourceSpec(s: SourceSection, baseDir: string): SourceSpec {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(s.source) || s.source.startsWith('sqlite:');
  if (isUrl) return { ...s, baseDir };
  const fromCwd = resolve(s.source);
  return { ...s, source: existsSync(fromCwd) ? fromCwd : resolve(baseDir, s.source), baseDir };
}
