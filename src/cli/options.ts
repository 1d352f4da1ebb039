/**
 * Parsers for the numeric command-line options, in one place. A bad value is an `E_INVALID_PARAM`
 * error (exit 5) naming the option, the value and the allowed range — never commander's usage text
 * with exit 1, which is reserved for crashes. The parsers throw a TrainyardError (not commander's
 * InvalidArgumentError), so commander lets it through to `main`, which prints it like any other.
 *
 * Values are read strictly: digits only (an optional leading '+'), so '2.5', '1e3', '0x10', ' 7' and ''
 * are refused rather than rounded or guessed.
 */
import type { CommanderError } from 'commander';
import { InvalidParamError } from '../core/errors.js';

/** An integer option's allowed range, both ends included. */
export interface IntRange {
  min: number;
  max: number;
}

/**
 * A commander option parser for a whole number in `range`, for option `flag` (e.g. '--k').
 *
 * @example
 * .option('--k <n>', 'how many items', intOption('--k', POSITIVE), 10)
 */
export function intOption(flag: string, range: IntRange): (value: string) => number {
  return (value: string) => parseIntOption(flag, value, range);
}

/**
 * A commander option parser for a fraction from 0 to 1 written as a plain decimal (`0`, `0.05`, `1`),
 * for option `flag`; anything else (`5%`, `1e-2`, `-0.1`, `2`) is E_INVALID_PARAM.
 *
 * @example
 * .option('--log-predictions <rate>', 'fraction of requests logged', fractionOption('--log-predictions'), 0)
 */
export function fractionOption(flag: string): (value: string) => number {
  return (value: string) => {
    const n = /^(0|1|0?\.\d+|1\.0*)$/.test(value) ? Number(value) : Number.NaN;
    if (!(n >= 0 && n <= 1)) throw new InvalidParamError(`${flag} ${JSON.stringify(value)}: expected a fraction from 0 to 1 such as 0.05`, { option: flag, value, min: 0, max: 1 });
    return n;
  };
}

/** Whole numbers ≥ 1 (counts: `--k`, `--workers`, `--concurrency`). */
export const POSITIVE: IntRange = { min: 1, max: Number.MAX_SAFE_INTEGER };

/** Whole numbers ≥ 0. */
export const NON_NEGATIVE: IntRange = { min: 0, max: Number.MAX_SAFE_INTEGER };

function describe(range: IntRange): string {
  if (range.max === Number.MAX_SAFE_INTEGER) return `a whole number >= ${range.min}`;
  return `a whole number from ${range.min} to ${range.max}`;
}

/** Parses `value` as a whole number in `range`, or throws E_INVALID_PARAM naming `flag`. */
export function parseIntOption(flag: string, value: string, range: IntRange): number {
  const n = /^\+?\d+$/.test(value) ? Number(value) : /^-\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
    const why = Number.isNaN(n) ? (value.trim() === '' ? 'an empty value' : 'not a whole number') : 'out of range';
    throw new InvalidParamError(`${flag} ${JSON.stringify(value)}: ${why}; expected ${describe(range)}`, {
      option: flag,
      value,
      min: range.min,
      max: range.max,
    });
  }
  return n;
}

/**
 * commander's exit hook (subcommands inherit it): help and version exit 0 as usual; a usage error (an
 * unknown option or command, a missing option or argument, no command at all) becomes E_INVALID_PARAM
 * (exit 5) printed by `main` like every other error — commander's own error output is switched off.
 */
export function usageError(err: CommanderError): void {
  if (err.exitCode === 0) return; // --help, --version: commander exits 0 after this
  const message = err.code === 'commander.help' ? 'no command given' : err.message.replace(/^error: /, '');
  throw new InvalidParamError(`${message}; see 'trainyard --help' (or 'trainyard COMMAND --help')`, { usage: err.code });
}
