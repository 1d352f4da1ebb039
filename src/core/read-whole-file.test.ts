import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWholeFile } from './read-whole-file.js';

test('readWholeFile reads small, empty and > 2 GiB files whole (readFileSync refuses the last)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trainyard-read-'));
  try {
    writeFileSync(join(dir, 'small'), 'abc');
    assert.equal(readWholeFile(join(dir, 'small')).toString(), 'abc');
    writeFileSync(join(dir, 'empty'), '');
    assert.equal(readWholeFile(join(dir, 'empty')).length, 0);
    // A sparse file of 2 GiB + 3 bytes: only the marks at the ends take disk space.
    const big = join(dir, 'big');
    const size = 2 ** 31 + 3;
    const fd = openSync(big, 'w');
    writeSync(fd, Buffer.from('head'), 0, 4, 0);
    writeSync(fd, Buffer.from('tail'), 0, 4, size - 4);
    closeSync(fd);
    const bytes = readWholeFile(big);
    assert.equal(bytes.length, size);
    assert.equal(bytes.subarray(0, 4).toString(), 'head');
    assert.equal(bytes.subarray(size - 4).toString(), 'tail');
    assert.equal(bytes[2 ** 30], 0);
    assert.throws(() => readWholeFile(join(dir, 'missing')), /ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
