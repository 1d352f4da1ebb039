/**
 * Silent wrong data (issue 14, class 7): a column name given twice is an error naming both
 * positions, never a quiet rename; numbers written with separators are read with the source's
 * `thousands`/`decimal` options, and without them the load notes say which option would read them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NumericColumn } from '../core/frame.js';
import { loadFrame } from './load-frame.js';
import { numberParser } from './columns/value-parsers.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'trainyard-names-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}
const values = (c: unknown) => Array.from((c as NumericColumn).values);

test('a header naming the target twice is an E_DATA error naming the file, the name and both 1-based positions', async () => {
  const f = file('dup.csv', 'a,y,c,y\n1,2,3,4\n5,6,7,8\n');
  await assert.rejects(loadFrame({ source: f }), (e: Error & { code?: string; details?: unknown }) => {
    assert.equal(e.code, 'E_DATA');
    assert.match(e.message, /dup\.csv: the column name 'y' appears twice \(columns 2 and 4\); rename one of them/);
    return true;
  });
  // Quoted, further right, and names that differ only in case (DuckDB would rename 'y' to 'y_1').
  await assert.rejects(loadFrame({ source: file('dup2.csv', '"id";"b";"x";"b"\n1;2;3;4\n') }), { code: 'E_DATA', message: /'b' appears twice \(columns 2 and 4\)/ });
  await assert.rejects(loadFrame({ source: file('case.csv', 'a,Y,y\n1,2,3\n') }), { code: 'E_DATA', message: /'Y' \(column 2\) and 'y' \(column 3\) differ only in letter case/ });
  // `columns` naming two columns alike is refused too (a spec error).
  await assert.rejects(loadFrame({ source: file('cols.csv', '1,2,3\n4,5,6\n'), columns: ['a', 'b', 'a'] }), { code: 'E_SPEC', message: /columns names 'a' twice \(positions 1 and 3\)/ });
});

test('names that merely look like a rename load unchanged; `columns` with header: true renames a duplicated header', async () => {
  const { frame } = await loadFrame({ source: file('ok.csv', 'a,y,y_1,column2\n1,2,3,4\n') });
  assert.deepEqual(frame.names, ['a', 'y', 'y_1', 'column2']);
  const renamed = await loadFrame({ source: file('dup3.csv', 'a,y,c,y\n1,2,3,4\n'), columns: ['a', 'y', 'c', 'y2'], header: true });
  assert.deepEqual(renamed.frame.names, ['a', 'y', 'c', 'y2']);
  assert.deepEqual(values(renamed.frame.column('y2')), [4]);
});

test("quoted numbers with thousands separators are read with `thousands: ','`", async () => {
  const f = file('thousands.csv', 'a,amount,y\n1,"7,123.4",1\n2,"1,000",0\n3,12.5,1\n4,"-2,000,000",0\n');
  const { frame } = await loadFrame({ source: f, thousands: ',' });
  assert.equal(frame.column('amount').type, 'numeric');
  assert.deepEqual(values(frame.column('amount')), [7123.4, 1000, 12.5, -2000000]);
});

test("European numbers: `thousands: '.', decimal: ','` reads 7.123,4 and 1.000 (which DuckDB alone would read as 1)", async () => {
  const f = file('euro.csv', 'a;amount;y\n1;7.123,4;1\n2;1.000;0\n3;12,5;1\n4;2;1\n');
  const { frame, report } = await loadFrame({ source: f, thousands: '.', decimal: ',' });
  assert.deepEqual(values(frame.column('amount')), [7123.4, 1000, 12.5, 2]);
  assert.deepEqual(values(frame.column('a')), [1, 2, 3, 4]);
  assert.ok(!report.notes.some((n) => n.startsWith("column 'a'")), JSON.stringify(report.notes));
  const dotted = file('dotted.csv', 'a;b\n1.000;1\n2.500;2\n');
  assert.deepEqual(values((await loadFrame({ source: dotted, thousands: '.', decimal: ',' })).frame.column('a')), [1000, 2500]);
});

test('without the options, such a column loads as text and the load notes name the option that reads it', async () => {
  const f = file('note.csv', 'a,amount,y\n1,"7,123.4",1\n2,"1,000",0\n3,12.5,1\n');
  const { frame, report } = await loadFrame({ source: f });
  assert.equal(frame.column('amount').type, 'categorical');
  assert.ok(
    report.notes.some((n) => /column 'amount' looks numeric with ',' as thousands separator \(first: row 1, '7,123\.4'\).*set `thousands: ','`/.test(n)),
    JSON.stringify(report.notes),
  );
  const euro = await loadFrame({ source: file('note-euro.csv', 'a;amount\n1;7.123,4\n2;1.000\n') });
  assert.ok(euro.report.notes.some((n) => /column 'amount' looks numeric with '\.' as thousands separator and ',' as decimal mark/.test(n)), JSON.stringify(euro.report.notes));
  // A real categorical column gets no such note.
  const plain = await loadFrame({ source: file('plain.csv', 'a,city\n1,"Oslo, NO"\n2,Rome\n') });
  assert.deepEqual(plain.report.notes, []);
});

test('bad thousands/decimal options are E_SPEC errors naming the option', async () => {
  const f = file('opt.csv', 'a\n1\n');
  await assert.rejects(loadFrame({ source: f, thousands: 'x' }), { code: 'E_SPEC', message: /^thousands must be one of/ });
  await assert.rejects(loadFrame({ source: f, decimal: ';' }), { code: 'E_SPEC', message: /^decimal must be '\.' or ','/ });
  await assert.rejects(loadFrame({ source: f, thousands: '.' }), { code: 'E_SPEC', message: /thousands and decimal are both "\."; set decimal: ','/ });
});

test('numberParser accepts only well-formed groups', () => {
  const p = numberParser({ thousands: ',' });
  assert.equal(p('1,234,567.5'), 1234567.5);
  assert.equal(p(' -1,000 '), -1000);
  assert.equal(p('1234.5'), 1234.5);
  assert.equal(p('.5'), 0.5);
  assert.equal(p('1e3'), 1000);
  assert.equal(p('inf'), Infinity);
  for (const bad of ['1,2,3', '12,34', '1,234,', ',123', '1,,000', '1.234,5', 'abc', '']) assert.ok(Number.isNaN(p(bad)), bad);
  const eu = numberParser({ thousands: '.', decimal: ',' });
  assert.equal(eu('1.234.567,25'), 1234567.25);
  assert.ok(Number.isNaN(eu('1,234.5')));
  assert.equal(numberParser({ thousands: '\u00a0', decimal: ',' })('7\u00a0123,4'), 7123.4);
});
