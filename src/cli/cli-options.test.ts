/**
 * Numeric options (issue 14, class 3): a value out of range, not a whole number or not a number is
 * E_INVALID_PARAM, exit 5, naming the option, the value and the allowed range — for every numeric
 * option of every command, never commander's usage text with exit 1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../testing/cli.js';

/** Each numeric option with the arguments its command needs; the option's value is appended. */
const OPTIONS: { command: string[]; flag: string; range: RegExp }[] = [
  { command: ['recommend', '--model', 'nope.trainyard', '--user', '1'], flag: '--k', range: />= 1/ },
  { command: ['run', 'nope.yaml'], flag: '--workers', range: /from 1 to 1024/ },
  { command: ['worker', '--redis', 'redis://127.0.0.1:1'], flag: '--concurrency', range: /from 1 to 1024/ },
  { command: ['worker', '--redis', 'redis://127.0.0.1:1'], flag: '--lock-ms', range: /from 100 to 86400000/ },
];

const BAD_VALUES = ['0', '-1', '2.5', 'abc', '1e3', '', '99999999999999999999'];

for (const o of OPTIONS) {
  test(`${o.command[0]} ${o.flag}: ${BAD_VALUES.length} bad values → E_INVALID_PARAM exit 5 naming option, value and range`, () => {
    for (const v of BAD_VALUES) {
      const r = runCli([...o.command, `${o.flag}=${v}`, '--json']);
      assert.equal(r.status, 5, `${o.flag}=${JSON.stringify(v)}: exit status (stderr: ${r.stderr})`);
      assert.doesNotMatch(r.stderr, /Usage:/, 'no usage text');
      assert.match(r.stderr, new RegExp(`E_INVALID_PARAM: ${o.flag} "${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`), 'option and value');
      assert.match(r.stderr, o.range, 'allowed range');
      assert.equal(r.json?.error?.code, 'E_INVALID_PARAM');
      assert.equal(r.json?.error?.details?.option, o.flag);
    }
  });
}

test('a valid value passes the check (the command then fails on its missing file, not on the option)', () => {
  const r = runCli(['recommend', '--model', 'nope.trainyard', '--user', '1', '--k', '3']);
  assert.notEqual(r.status, 5, r.stderr);
  assert.notEqual(r.status, 1, r.stderr);
});

test('usage errors (unknown option or command, missing option or value, no command) → E_INVALID_PARAM exit 5, no usage dump', () => {
  const cases: [string[], RegExp][] = [
    [['run', 'x.yaml', '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['predict', '--model', 'm'], /required option '--input <file>' not specified/],
    [['recommend', '--model', 'm', '--user', '1', '--k'], /option '--k <n>' argument missing/],
    [['run'], /missing required argument 'spec'/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args);
    assert.equal(r.status, 5, `${args.join(' ')}: exit status (stderr: ${r.stderr})`);
    assert.match(r.stderr, /E_INVALID_PARAM: /);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /--help/, 'points to --help');
    assert.doesNotMatch(r.stderr, /Usage:/, 'no usage dump');
  }
  for (const ok of [['--help'], ['--version'], ['run', '--help']]) assert.equal(runCli(ok).status, 0, ok.join(' '));
});
