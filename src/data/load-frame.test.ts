import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DataError, IoError, SpecError } from '../core/errors.js';
import type { DictColumn, NumericColumn } from '../core/frame.js';
import { loadFrame } from './load-frame.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'trainyard-data-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}
function num(frame: { column(n: string): unknown }, name: string): NumericColumn {
  const c = frame.column(name) as NumericColumn;
  assert.equal(c.kind, 'numeric', `${name} should be numeric storage`);
  return c;
}
function dict(frame: { column(n: string): unknown }, name: string): DictColumn {
  const c = frame.column(name) as DictColumn;
  assert.equal(c.kind, 'dict', `${name} should be dictionary storage`);
  return c;
}

test('CSV: numbers, booleans, dates, categoricals, text, ids and missing values', async () => {
  const lines = ['user_id,age,active,plan,joined,note,churn'];
  const plans = ['basic', 'pro', 'team'];
  for (let i = 0; i < 40; i++) {
    const note = i % 2 === 0 ? `customer number ${i} wrote a long complaint about the invoice` : `short note ${i} with words`;
    lines.push(`u${i},${i === 3 ? 'NA' : 20 + i},${i % 2 === 0 ? 'TRUE' : 'FALSE'},${plans[i % 3]},2024-01-${String((i % 28) + 1).padStart(2, '0')},${note},${i % 3 === 0 ? 'yes' : 'no'}`);
  }
  const { frame, report } = await loadFrame({ source: file('mixed.csv', lines.join('\n') + '\n') });
  assert.equal(frame.nRows, 40);
  assert.equal(report.rows, 40);
  assert.equal(dict(frame, 'user_id').type, 'id');
  const age = num(frame, 'age');
  assert.equal(age.type, 'numeric');
  assert.ok(Number.isNaN(age.values[3]));
  assert.equal(age.values[4], 24);
  const active = num(frame, 'active');
  assert.equal(active.type, 'boolean');
  assert.deepEqual([...active.values.slice(0, 3)], [1, 0, 1]);
  const plan = dict(frame, 'plan');
  assert.equal(plan.type, 'categorical');
  assert.deepEqual([...plan.dictionary].sort(), ['basic', 'pro', 'team']);
  const joined = num(frame, 'joined');
  assert.equal(joined.type, 'datetime');
  assert.equal(joined.values[0], Date.UTC(2024, 0, 1));
  assert.equal(dict(frame, 'note').type, 'text');
  const churn = num(frame, 'churn');
  assert.equal(churn.type, 'boolean');
  assert.deepEqual([...churn.values.slice(0, 3)], [1, 0, 0]);
});

test('TSV, `;` and `|` delimiters are sniffed; `delimiter` overrides', async () => {
  const tsv = await loadFrame({ source: file('a.tsv', 'x\ty\n1\ta\n2\tb\n') });
  assert.deepEqual(tsv.frame.names, ['x', 'y']);
  const semi = await loadFrame({ source: file('semi.csv', 'x;y;z\n1;2,5;a\n3;4,5;b\n') });
  assert.deepEqual(semi.frame.names, ['x', 'y', 'z']);
  const pipe = await loadFrame({ source: file('pipe.txt', 'a|b\n1|2\n3|4\n'), delimiter: '|' });
  assert.deepEqual([...num(pipe.frame, 'b').values], [2, 4]);
});

test('headerless file with `columns` names', async () => {
  const { frame } = await loadFrame({ source: file('nohdr.csv', '1,ham,hello\n2,spam,win money\n'), columns: ['n', 'label', 'msg'] });
  assert.deepEqual(frame.names, ['n', 'label', 'msg']);
  assert.equal(frame.nRows, 2);
  assert.deepEqual([...num(frame, 'n').values], [1, 2]);
  await assert.rejects(loadFrame({ source: file('nohdr2.csv', '1,2\n3,4\n'), columns: ['only'] }), DataError);
});

test('Parquet, JSON array and NDJSON written by DuckDB load with the same types', async () => {
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  const q = `SELECT i AS n, CASE WHEN i % 2 = 0 THEN 'even' ELSE 'odd' END AS parity, i % 3 = 0 AS three,
             DATE '2024-03-01' + CAST(i AS INTEGER) AS day FROM range(10) t(i) ORDER BY i`;
  const pq = path.join(dir, 't.parquet');
  const js = path.join(dir, 't.json');
  const nd = path.join(dir, 't.ndjson');
  await con.run(`COPY (${q}) TO '${pq}' (FORMAT parquet)`);
  await con.run(`COPY (${q}) TO '${js}' (FORMAT json, ARRAY true)`);
  await con.run(`COPY (${q}) TO '${nd}' (FORMAT json)`);
  con.closeSync();
  inst.closeSync();
  for (const source of [pq, js, nd]) {
    const { frame } = await loadFrame({ source });
    assert.equal(frame.nRows, 10, source);
    assert.deepEqual([...num(frame, 'n').values], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], source);
    assert.equal(dict(frame, 'parity').type, 'categorical', source);
    assert.equal(num(frame, 'three').type, 'boolean', source);
    assert.equal(num(frame, 'day').type, 'datetime', source);
    assert.equal(num(frame, 'day').values[1], Date.UTC(2024, 2, 2), source);
  }
});

test('missing file is an IoError naming the path', async () => {
  const p = path.join(dir, 'nope.csv');
  await assert.rejects(loadFrame({ source: 'nope.csv', baseDir: dir }), (e: unknown) => {
    assert.ok(e instanceof IoError);
    assert.equal(e.code, 'E_IO');
    assert.match(e.message, new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    return true;
  });
});

test('empty file and header-only file are DataErrors', async () => {
  await assert.rejects(loadFrame({ source: file('empty.csv', '') }), (e: unknown) => e instanceof DataError && /empty/.test(e.message));
  await assert.rejects(loadFrame({ source: file('hdr.csv', 'a,b,c\n') }), (e: unknown) => e instanceof DataError && /no data rows/.test(e.message));
});

test('ragged rows are refused with the line number, never padded or skipped', async () => {
  const cases: [string, string, number][] = [
    ['short.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n', 3],
    ['long.csv', 'a,b,c\n1,2,3\n4,5,6,7\n6,7,8\n', 3],
    ['crlf.csv', 'a;b;c\r\n1;2;3\r\n4;5\r\n6;7;8\r\n', 3],
  ];
  let late = 'a,b,c\n';
  for (let i = 0; i < 30000; i++) late += i === 25000 ? '1,2\n' : `${i},${i * 2},x${i % 3}\n`;
  cases.push(['late.csv', late, 25002]);
  let lateLong = 'a,b,c\n';
  for (let i = 0; i < 100; i++) lateLong += i === 50 ? '1,2,3,4\n' : `${i},${i * 2},x${i % 3}\n`;
  cases.push(['latelong.csv', lateLong, 52]);
  for (const [name, text, line] of cases) {
    const p = file(name, text);
    await assert.rejects(loadFrame({ source: p }), (e: unknown) => {
      assert.ok(e instanceof DataError, `${name}: ${String(e)}`);
      assert.match(e.message, new RegExp(`line ${line}\\b`), `${name}: ${e.message}`);
      assert.ok(e.message.includes(p), e.message);
      return true;
    });
  }
});

test('an all-empty column loads (later layers decide whether to refuse it)', async () => {
  const { frame } = await loadFrame({ source: file('allempty.csv', 'a,b\n1,\n2,\n3,\n') });
  assert.equal(frame.nRows, 3);
  const b = frame.column('b');
  if (b.kind === 'numeric') assert.ok(b.values.every(Number.isNaN));
  else assert.ok(b.codes.every((c) => c === -1));
});

test('`types` overrides; an unknown column in `types` is a DataError listing the columns', async () => {
  const p = file('ovr.csv', 'zip,score,flag\n01234,1,0\n98101,2,1\n01234,3,1\n');
  const { frame } = await loadFrame({ source: p, types: { zip: 'categorical', flag: 'boolean', score: 'categorical' } });
  assert.equal(dict(frame, 'zip').type, 'categorical');
  assert.deepEqual([...dict(frame, 'score').dictionary], ['1', '2', '3']);
  assert.equal(num(frame, 'flag').type, 'boolean');
  await assert.rejects(loadFrame({ source: p, types: { zpi: 'numeric' } }), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.match(e.message, /unknown column 'zpi'.*zip, score, flag/);
    return true;
  });
  await assert.rejects(loadFrame({ source: p, types: { zip: 'number' as never } }), SpecError);
});

test('columns named like Object.prototype members (toString, constructor) are plain columns, with `types` and `typeHints` set', async () => {
  const p = file('proto-names.csv', 'toString,constructor,__proto__,y\n1,a,3,0\n2,b,4,1\n5,a,6,0\n');
  const { frame } = await loadFrame({ source: p, types: { y: 'numeric' }, typeHints: { y: 'numeric' } });
  assert.deepEqual(frame.columns.map((c) => `${c.name}:${c.type}`), ['toString:numeric', 'constructor:categorical', '__proto__:numeric', 'y:numeric']);
});

test('mostly-numeric text: error by default, NaN + report with coerce nan', async () => {
  let text = 'id2,amount\n';
  for (let i = 0; i < 50; i++) text += `${i},${i === 7 || i === 20 ? ' ' : (i * 1.5).toFixed(2)}\n`;
  const p = file('coerce.csv', text);
  await assert.rejects(loadFrame({ source: p }), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.equal(e.message, `${p}: column 'amount' has 2 non-numeric values (first: row 8, ' '); set \`coerce: 'nan'\` or impute`);
    return true;
  });
  const { frame, report } = await loadFrame({ source: p, coerce: 'nan' });
  const amount = num(frame, 'amount');
  assert.ok(Number.isNaN(amount.values[7]) && Number.isNaN(amount.values[20]));
  assert.equal(amount.values[2], 3);
  assert.deepEqual(report.coerced.amount, { count: 2, firstRow: 8, firstValue: ' ' });
});

test('a value past the sniffer sample that breaks the sniffed type is handled, not fatal', async () => {
  let text = 'a,b\n';
  for (let i = 0; i < 30000; i++) text += `${i === 25000 ? '2.5' : i},${i === 26000 ? 'oops' : i}\n`;
  const p = file('late-type.csv', text);
  await assert.rejects(loadFrame({ source: p }), (e: unknown) => e instanceof DataError && /'b' has 1 non-numeric values \(first: row 26001, 'oops'\)/.test(e.message));
  const { frame, report } = await loadFrame({ source: p, coerce: 'nan' });
  assert.equal(num(frame, 'a').values[25000], 2.5);
  assert.ok(Number.isNaN(num(frame, 'b').values[26000]));
  assert.equal(report.coerced.b.firstRow, 26001);
});

test('unsupported extension and URL are SpecErrors', async () => {
  await assert.rejects(loadFrame({ source: 'data.xlsx' }), SpecError);
  await assert.rejects(loadFrame({ source: 'ftp://host/x.csv' }), SpecError);
});
