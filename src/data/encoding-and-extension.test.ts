import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DictColumn, NumericColumn } from '../core/frame.js';
import { loadFrame } from './load-frame.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'trainyard-encoding-'));
function file(name: string, bytes: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}
function text(frame: { column(n: string): unknown }, name: string, row: number): string {
  const c = frame.column(name) as DictColumn;
  assert.equal(c.kind, 'dict');
  return c.dictionary[c.codes[row]];
}

// 'Misérables' and 'Véronique' as latin-1 bytes (0xE9 for é), as in MovieLens 100K's u.item.
const LATIN1 = Buffer.from('1|Misérables, Les (1995)|3.5\n2|Double vie de Véronique, La (1991)|4\n3|Toy Story (1995)|5\n', 'latin1');

test('a latin-1 file is read as latin-1 when it is not valid UTF-8, with a note', async () => {
  const p = file('titles.txt', LATIN1);
  const { frame, report } = await loadFrame({ source: p, columns: ['id', 'title', 'score'], delimiter: '|', header: false });
  assert.equal(frame.nRows, 3);
  assert.equal(text(frame, 'title', 0), 'Misérables, Les (1995)');
  assert.equal(text(frame, 'title', 1), 'Double vie de Véronique, La (1991)');
  assert.deepEqual(Array.from((frame.column('score') as NumericColumn).values), [3.5, 4, 5]);
  assert.ok(report.notes.some((n) => /not valid UTF-8; read as latin-1/.test(n)), report.notes.join('; '));
});

test('encoding: latin-1 given explicitly reads the same without a note; utf-8 given explicitly refuses the file', async () => {
  const p = file('titles2.txt', LATIN1);
  const { frame, report } = await loadFrame({ source: p, delimiter: '|', header: false, encoding: 'latin-1' });
  assert.equal(text(frame, frame.names[1], 1), 'Double vie de Véronique, La (1991)');
  assert.equal(report.notes.filter((n) => /latin-1/.test(n)).length, 0);
  await assert.rejects(loadFrame({ source: p, delimiter: '|', header: false, encoding: 'utf-8' }), {
    code: 'E_DATA',
    message: /not valid utf-8 .*set `encoding`/,
  });
  await assert.rejects(loadFrame({ source: p, encoding: 'cp1252' as never }), { code: 'E_SPEC', message: /encoding must be one of utf-8, latin-1, utf-16/ });
});

test('a UTF-8 file is untouched (no fallback, no note)', async () => {
  const p = file('utf8.csv', 'id,title\n1,Misérables\n2,Amélie\n');
  const { frame, report } = await loadFrame({ source: p });
  assert.equal(text(frame, 'title', 1), 'Amélie');
  assert.deepEqual(report.notes, []);
});

test('a text file with an unknown extension (u.data, u1.test) is read as delimited text; binary or missing files are not', async () => {
  const p = file('u.data', '196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n');
  const { frame } = await loadFrame({ source: p, columns: ['user', 'item', 'rating', 'timestamp'] });
  assert.equal(frame.nRows, 3);
  assert.deepEqual(Array.from((frame.column('item') as NumericColumn).values), [242, 302, 377]);
  const q = file('u1.test', '1\t6\t5\t887431973\n1\t10\t3\t875693118\n');
  assert.equal((await loadFrame({ source: q, columns: ['user', 'item', 'rating', 'timestamp'] })).frame.nRows, 2);
  // An xlsx is a zip archive: binary, so still "cannot tell the format".
  const x = file('book.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]));
  await assert.rejects(loadFrame({ source: x }), { code: 'E_SPEC', message: /cannot tell the format/ });
  await assert.rejects(loadFrame({ source: path.join(dir, 'absent.data') }), { code: 'E_SPEC', message: /cannot tell the format/ });
});
