import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resumeCommand, signalExitCode } from './signals.js';

test('the resume command repeats the command line with --resume RUN_ID (replacing an earlier one), quoted for a shell', () => {
  const argv = ['/usr/bin/node', '/x/bin/trainyard.js', 'run', 'my spec.yaml', '--resume', 'old', '--store', "it's.db", '--resume=older', '--workers', '2'];
  assert.equal(resumeCommand(argv, '20261206-035131-07a105'), `trainyard run 'my spec.yaml' --store 'it'\\''s.db' --workers 2 --resume 20261206-035131-07a105`);
  assert.equal(signalExitCode('SIGINT'), 130);
  assert.equal(signalExitCode('SIGTERM'), 143);
});
