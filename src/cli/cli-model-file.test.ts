/**
 * Crafted model files at the command line: a file whose checksum was recomputed after an edit (a
 * dtype that is a name on Object.prototype, a negative, fractional or out-of-file length, a
 * `__proto__` key revived into a typed array) makes `trainyard predict` and `trainyard recommend`
 * exit 8 (E_MODEL_FILE) with one line naming the file and the field — never a stack trace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModel } from '../core/model-file.js';
import { runCli, tempDir } from '../testing/cli.js';
import { craftModelFile, editModelHeader, splitModelFile } from '../testing/model-file-craft.js';

const bundleLike = (): Buffer =>
  encodeModel({ kind: 'trainyard-bundle', task: 'binary', model: { type: 'logistic_regression', params: {}, fitted: { coef: new Float64Array([1, 2, 3]), intercept: new Float64Array([0.5]) } } });

function crafted(): { name: string; bytes: Buffer; field: RegExp }[] {
  const withProto = (): Buffer => {
    const { binary } = splitModelFile(bundleLike());
    const header = JSON.stringify({
      format: 'trainyard-model',
      formatVersion: 1,
      content: { kind: 'trainyard-bundle', task: 'binary', model: { type: 'logistic_regression', params: {}, fitted: { coef: { $array: 0 }, intercept: { $array: 1 } } } },
      arrays: [
        { dtype: 'f64', offset: 0, length: 3 },
        { dtype: 'f64', offset: 24, length: 1 },
      ],
    }).replace('"coef":{"$array":0}', '"coef":{"__proto__":{"$array":0}}');
    return craftModelFile(header, binary);
  };
  return [
    { name: 'dtype-tostring', bytes: editModelHeader(bundleLike(), (e) => (e.arrays[0].dtype = 'toString')), field: /arrays\[0\]\.dtype/ },
    { name: 'length-negative', bytes: editModelHeader(bundleLike(), (e) => (e.arrays[0].length = -1)), field: /arrays\[0\]\.length/ },
    { name: 'length-fraction', bytes: editModelHeader(bundleLike(), (e) => (e.arrays[1].length = 2.5)), field: /arrays\[1\]\.length/ },
    { name: 'length-past-end', bytes: editModelHeader(bundleLike(), (e) => (e.arrays[0].length = 1e6)), field: /arrays\[0\]\.length/ },
    { name: 'proto-key', bytes: withProto(), field: /content\.model\.fitted\.coef holds the key '__proto__'/ },
  ];
}

test('trainyard predict and recommend: a crafted model file with a matching checksum exits 8 naming the file and the field', () => {
  const dir = tempDir();
  const input = join(dir, 'in.csv');
  writeFileSync(input, 'a,b\n1,2\n');
  for (const c of crafted()) {
    const model = join(dir, `${c.name}.trainyard`);
    writeFileSync(model, c.bytes);
    for (const args of [
      ['predict', '--model', model, '--input', input, '--output', join(dir, 'out.csv')],
      ['recommend', '--model', model, '--user', 'u1'],
    ]) {
      const r = runCli(args);
      const what = `${args[0]} ${c.name}`;
      assert.equal(r.status, 8, `${what}: exit status (stderr: ${r.stderr})`);
      assert.match(r.stderr, /^trainyard: E_MODEL_FILE: /, what);
      assert.ok(r.stderr.includes(model), `${what}: names the file: ${r.stderr}`);
      assert.match(r.stderr, c.field, what);
      assert.equal(r.stderr.trim().split('\n').length, 1, `${what}: one line, no stack trace: ${r.stderr}`);
    }
  }
});
