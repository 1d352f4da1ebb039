import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../testing/paths.js';
import { allocBytes, allocF64, allocatedBytes, f64At, freeArray, freeBytes, isResident } from './kernel-memory.js';
import { compileKernels, instantiateKernels, wasmKernels, wasmPath } from './wasm-module.js';

test('allocF64 returns zeroed resident arrays and freeing returns the space', () => {
  const base = allocatedBytes();
  const a = allocF64(1000);
  a[999] = 5;
  assert.ok(isResident(a));
  assert.equal(a.byteOffset % 64, 0);
  assert.ok(!isResident(new Float64Array(4)));
  freeArray(a);
  assert.equal(allocatedBytes(), base);
  const b = allocF64(1000);
  assert.equal(b[999], 0, 'recycled memory is zero-filled');
  freeArray(b);
});

test('freed neighbours merge so a larger block fits in their place', () => {
  const p1 = allocBytes(640), p2 = allocBytes(640), guard = allocBytes(64);
  freeBytes(p1);
  freeBytes(p2);
  const big = allocBytes(1280);
  assert.equal(big, p1);
  freeBytes(big);
  freeBytes(guard);
});

test('memory grows on demand and earlier views stay valid (shared memory never moves)', () => {
  const small = allocF64(8);
  small[3] = 42;
  const big = allocF64(3_000_000); // 24 MB: more than the initial memory
  big[big.length - 1] = 1;
  assert.equal(small[3], 42);
  assert.equal(f64At(big.byteOffset, big.length)[big.length - 1], 1);
  freeArray(big);
  freeArray(small);
});

test('a fresh build of the AssemblyScript sources compiles and loads', () => {
  assert.notEqual(wasmKernels, null, `no kernels at ${wasmPath}: run npm run build`);
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const dir = mkdtempSync(join(tmpdir(), 'kernels-'));
  try {
    const out = join(dir, 'kernels.wasm');
    const cmd = pkg.scripts['build:kernels'].replace('dist/kernels/kernels.wasm', out);
    const r = spawnSync(`npx --no-install ${cmd}`, { cwd: repoRoot, shell: true, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const fresh = instantiateKernels(compileKernels(readFileSync(out)), wasmKernels!.memory);
    assert.deepEqual(Object.keys(fresh).sort(), Object.keys(wasmKernels!.exports).sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
