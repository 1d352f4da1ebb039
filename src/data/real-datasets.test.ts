import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataError } from '../core/errors.js';
import type { DictColumn, NumericColumn } from '../core/frame.js';
import { loadFrame } from './load-frame.js';

// dist/data/x.test.js → <repo>/../shared/datasets (the shared folder sits beside the project root).
const datasets = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));
// Reference facts computed with pandas by fixtures/data/dataset-facts.py.
const facts = JSON.parse(readFileSync(new URL('../../fixtures/data/dataset-facts.json', import.meta.url), 'utf8'));
const sum = (v: Float64Array): number => v.reduce((s, x) => s + (Number.isNaN(x) ? 0 : x), 0);
const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('online shoppers: `;`-separated, 12,330 rows, Revenue boolean, Month categorical', async () => {
  const { frame } = await loadFrame({ source: 'online-shoppers/online_shoppers_intention.csv', baseDir: datasets });
  assert.equal(frame.nRows, facts.shoppers.rows);
  assert.equal(frame.columns.length, facts.shoppers.cols);
  close(sum((frame.column('PageValues') as NumericColumn).values), facts.shoppers.pageValuesSum);
  const revenue = frame.column('Revenue') as NumericColumn;
  assert.equal(revenue.type, 'boolean');
  assert.equal(sum(revenue.values), facts.shoppers.revenuePositives);
  assert.equal(frame.column('Weekend').type, 'boolean');
  const month = frame.column('Month') as DictColumn;
  assert.equal(month.type, 'categorical');
  assert.equal(month.dictionary.length, facts.shoppers.monthLevels);
  assert.equal(frame.column('VisitorType').type, 'categorical');
  assert.equal(frame.column('PageValues').type, 'numeric');
});

test("telco churn: TotalCharges' 11 blanks refused by default, NaN with coerce 'nan'; customerID is an id", async () => {
  const source = 'telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv';
  await assert.rejects(loadFrame({ source, baseDir: datasets }), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.match(e.message, /WA_Fn-UseC_-Telco-Customer-Churn\.csv: column 'TotalCharges' has 11 non-numeric values \(first: row 489, ' '\); set `coerce: 'nan'` or impute/);
    return true;
  });
  const { frame, report } = await loadFrame({ source, baseDir: datasets, coerce: 'nan' });
  assert.equal(frame.nRows, facts.telco.rows);
  close(sum((frame.column('MonthlyCharges') as NumericColumn).values), facts.telco.monthlyChargesSum);
  assert.equal(frame.column('customerID').type, 'id');
  assert.equal(frame.column('Churn').type, 'boolean');
  assert.equal(frame.column('Contract').type, 'categorical');
  assert.equal(frame.column('SeniorCitizen').type, 'numeric');
  const total = frame.column('TotalCharges') as NumericColumn;
  assert.equal(total.values.filter(Number.isNaN).length, facts.telco.totalChargesBlank);
  assert.ok(Number.isNaN(total.values[facts.telco.firstBlankRow - 1]));
  assert.deepEqual(report.coerced.TotalCharges, { count: facts.telco.totalChargesBlank, firstRow: facts.telco.firstBlankRow, firstValue: ' ' });
});

test('penguins: NA is missing, 344 rows, species categorical', async () => {
  const { frame } = await loadFrame({ source: 'penguins/penguins_size.csv', baseDir: datasets });
  assert.equal(frame.nRows, facts.penguins.rows);
  assert.equal(frame.column('culmen_length_mm').type, 'numeric');
  for (const c of frame.columns) {
    const missing = c.kind === 'numeric' ? c.values.filter(Number.isNaN).length : c.codes.filter((x) => x < 0).length;
    assert.equal(missing, facts.penguins.missing[c.name], c.name);
  }
  assert.deepEqual([...(frame.column('species') as DictColumn).dictionary].sort(), ['Adelie', 'Chinstrap', 'Gentoo']);
});

test('kc-house: quoted id is an id, compact ISO date is a datetime', async () => {
  const { frame } = await loadFrame({ source: 'kc-house/kc_house_data.csv', baseDir: datasets });
  assert.equal(frame.nRows, facts.kcHouse.rows);
  const id = frame.column('id') as DictColumn;
  assert.equal(id.type, 'id');
  assert.equal(id.dictionary.length, facts.kcHouse.idDistinct);
  close(sum((frame.column('price') as NumericColumn).values), facts.kcHouse.priceSum);
  const date = frame.column('date') as NumericColumn;
  assert.equal(date.type, 'datetime');
  assert.equal(date.values[0], Date.UTC(2014, 9, 13));
  assert.equal(frame.column('price').type, 'numeric');
});

test('sms-spam: extensionless, tab-separated, headerless with `columns`; long messages are text', async () => {
  const { frame } = await loadFrame({ source: 'sms-spam/SMSSpamCollection', baseDir: datasets, header: false, columns: ['label', 'message'] });
  assert.equal(frame.nRows, 5574);
  assert.deepEqual([...(frame.column('label') as DictColumn).dictionary].sort(), ['ham', 'spam']);
  assert.equal(frame.column('message').type, 'text');
});
