/**
 * Paths for tests and benchmarks. The shared data sets live beside the repository
 * (`../shared/datasets` from the project root), on a developer's machine and in CI alike.
 */
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** The project root (this file compiles to dist/testing/paths.js). */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** A file under `../shared/datasets/`. */
export function datasetPath(...parts: string[]): string {
  return join(repoRoot, '..', 'shared', 'datasets', ...parts);
}

/** A file under `fixtures/`. */
export function fixturePath(...parts: string[]): string {
  return join(repoRoot, 'fixtures', ...parts);
}
