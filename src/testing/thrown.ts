/** Test helpers that report what a call throws, so assertions can match code and message at once. */
import assert from 'node:assert/strict';
import { TrainyardError } from '../core/errors.js';

function caught(fn: () => unknown): TrainyardError | null {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof TrainyardError, `expected a TrainyardError, got ${String(e)}`);
    return e;
  }
  return null;
}

/** `CODE: message` of the TrainyardError `fn` throws, or 'no error' (any other error fails the test). */
export function thrown(fn: () => unknown): string {
  const e = caught(fn);
  return e ? `${e.code}: ${e.message}` : 'no error';
}

/** The code of the TrainyardError `fn` throws, or 'no error'. */
export function thrownCode(fn: () => unknown): string {
  return caught(fn)?.code ?? 'no error';
}

/**
 * Asserts that `fn` throws a {@link TrainyardError} with `code` (`what` names the check in the
 * failure message); returns it for further checks.
 *
 * @example
 * expectCode(() => new Ridge({ alpha: -1 }).fit(X, y), 'E_INVALID_PARAM', 'negative alpha');
 */
export function expectCode(fn: () => unknown, code: string, what: string): TrainyardError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof TrainyardError, `${what}: expected a TrainyardError ${code}, got ${String(e)}`);
    assert.equal(e.code, code, `${what}: expected ${code}, got ${e.code} (${e.message})`);
    return e;
  }
  assert.fail(`${what}: expected ${code}, but nothing was thrown`);
}
