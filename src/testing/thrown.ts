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
