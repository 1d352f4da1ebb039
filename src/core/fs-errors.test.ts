import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDir, fsError } from './fs-errors.js';
import { IoError, SpecError } from './errors.js';

const root = mkdtempSync(join(tmpdir(), 'trainyard-fs-errors-'));

test('ensureDir creates missing parents and accepts an existing folder', () => {
  const deep = join(root, 'a', 'b', 'c');
  ensureDir(deep, 'fix');
  assert.ok(statSync(deep).isDirectory());
  ensureDir(deep, 'fix');
});

test('ensureDir under a regular file, under /proc (where recursive mkdir loops forever) and /sys → E_IO naming the path and the fix', () => {
  const file = join(root, 'file');
  writeFileSync(file, '');
  for (const dir of [join(file, 'x', 'y'), '/proc/trainyard-fs-errors/x', '/sys/trainyard-fs-errors']) {
    assert.throws(
      () => ensureDir(dir, 'choose another --out'),
      (e: unknown) => e instanceof IoError && e.message.includes(dir.split('/').slice(0, 3).join('/')) && e.message.endsWith('choose another --out'),
      dir,
    );
  }
});

test('fsError words errno codes, keeps the code in details, and lets a TrainyardError through', () => {
  const e = fsError(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), 'write', '/x/y.csv', 'free some space');
  assert.equal(e.code, 'E_IO');
  assert.equal(e.message, "cannot write '/x/y.csv': no space left on the device (ENOSPC); free some space");
  assert.equal(e.details.cause, 'ENOSPC');
  const spec = new SpecError('bad');
  assert.equal(fsError(spec, 'write', '/x', 'fix'), spec);
});
