/**
 * Shared pieces of the property-based tests (fast-check): the rule every fuzzer checks — an input
 * either works or fails with a documented `TrainyardError` code, never another error and never a
 * hang — and a fixed, overridable seed so that a failure in CI can be replayed (`FUZZ_SEED=…`).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TrainyardError, type ErrorCode } from '../core/errors.js';

/** The seed of every fuzzer: `FUZZ_SEED` when set (to replay or explore), else a fixed one. */
export const FUZZ_SEED = process.env.FUZZ_SEED === undefined ? 20260614 : Number(process.env.FUZZ_SEED);

/** `FUZZ_SCALE=10` runs ten times the cases with ten times the time budget (for exploring, not CI). */
const FUZZ_SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1) || 1);

/** How many cases a fuzzer whose default is `n` runs (`n` × `FUZZ_SCALE`). */
export function fuzzCases(n: number): number {
  return n * FUZZ_SCALE;
}

/** Options for `fc.assert`: the seed, `numRuns` cases, a per-case timeout and a total time budget. */
export function fuzzOptions(numRuns: number, budgetMs = 20_000): fc.Parameters<unknown> {
  return {
    seed: FUZZ_SEED,
    numRuns: fuzzCases(numRuns),
    timeout: 10_000,
    interruptAfterTimeLimit: budgetMs * FUZZ_SCALE,
    markInterruptAsFailure: false,
    endOnFailure: true,
  };
}

/**
 * Asserts that `e` is a TrainyardError with one of `codes`; anything else (TypeError, RangeError, a
 * DuckDB error that escaped translation …) fails with the input that produced it.
 */
export function assertDocumentedError(e: unknown, codes: readonly ErrorCode[], input: unknown): void {
  if (e instanceof TrainyardError && codes.includes(e.code)) return;
  const what = e instanceof TrainyardError ? `${e.code}: ${e.message}` : e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e);
  assert.fail(`expected success or one of ${codes.join(', ')}, got ${what}\ninput: ${JSON.stringify(input)?.slice(0, 2000)}`);
}

/** Counts how each case ended, for the test's diagnostic line. */
export class FuzzTally {
  private readonly counts = new Map<string, number>();
  note(outcome: string): void {
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1);
  }
  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }
  toString(): string {
    return `${this.total} cases (seed ${FUZZ_SEED}): ${[...this.counts].map(([k, v]) => `${k} ${v}`).join(', ')}`;
  }
}
