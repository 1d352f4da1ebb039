/**
 * `predict --output` on device nodes (issue 14, class 11): a character device is written through, never
 * replaced by a regular file; a full device (/dev/full, ENOSPC) is E_IO exit 4 naming it. (Kept apart
 * from cli-outputs.test.ts: run as root against a build without the fix, these replace /dev/null.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir, writeSpec } from '../testing/cli.js';

test('predict --output /dev/null and /dev/full: written through; ENOSPC → E_IO; both stay devices', () => {
  const dir = tempDir('trainyard-devices-');
  const csv = join(dir, 'small.csv');
  writeFileSync(csv, 'a,b,y\n' + Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 11},${i % 2}`).join('\n') + '\n');
  const spec = writeSpec(dir, `name: small\ndata: { source: ${csv}, target: y }\nsplit: { test: 0.25, seed: 0 }\nselect:\n  cv: 2\n  candidates:\n    - { model: logistic_regression }\n`);
  const run = runCli(['run', spec, '--store', join(dir, 's.db'), '--out', join(dir, 'runs'), '--workers', '1', '--json', '--quiet']);
  assert.equal(run.status, 0, run.stderr);
  const input = join(dir, 'in.csv');
  writeFileSync(input, 'a,b\n1,2\n3,4\n');
  const ok = runCli(['predict', '--model', run.json.modelPath, '--input', input, '--output', '/dev/null']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.ok(lstatSync('/dev/null').isCharacterDevice());
  const full = runCli(['predict', '--model', run.json.modelPath, '--input', input, '--output', '/dev/full']);
  assert.equal(full.status, 4, full.stderr);
  assert.match(full.stderr, /E_IO: cannot write '\/dev\/full': no space left on the device \(ENOSPC\); choose another --output/);
  assert.ok(lstatSync('/dev/full').isCharacterDevice());
});
