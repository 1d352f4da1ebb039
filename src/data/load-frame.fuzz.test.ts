/**
 * Fuzzing the CSV loader (issue 14): random delimited text — quotes, delimiters, empty lines, a BOM,
 * latin-1 and UTF-16 bytes, huge/NaN/inf numbers, separators in numbers, ragged rows, duplicate and
 * blank headers — and random reading options. `loadFrame` must return a frame or throw a
 * TrainyardError with a documented code (E_DATA, E_IO, E_SPEC); never another error, never a hang.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { assertDocumentedError, FuzzTally, fuzzOptions } from '../testing/fuzz.js';
import { loadFrame } from './load-frame.js';
import type { SourceSpec } from './source-spec.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'trainyard-fuzz-csv-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = ['a', 'b', 'y', 'Y', 'id', 'user_id', 'x_1', 'y_1', 'column0', '', ' ', 'é', '名前', 'a b', '"q"', 'NA', 'null'];
const CELLS = [
  '', '0', '-0', '1', '2.5', '-3.25e-7', '1e400', '-1e400', '1e-400', 'NaN', 'nan', 'NA', 'N/A', 'null', 'inf', '-inf', 'Infinity',
  '123456789012345678901234567890', '0x1F', '1_000', '"7,123.4"', '7.123,4', '"1,2,3"', '12,5', 'true', 'False', 'yes', 'no',
  '2024-02-03', '2024-02-31', '20141013T000000', '2024-02-03 04:05:06+02:00', 'abc', 'é', '名前', '"a ""quoted"" cell"',
  '"line\nbreak"', '"a,b;c|d\te"', '"', '""', '\'', '\\', '#comment', ' padded ', '\u0000', '\u00a0', '\uFEFF', '😀',
];

const cell = fc.oneof(fc.constantFrom(...CELLS), fc.string({ maxLength: 6 }), fc.double().map(String), fc.integer().map(String));
const header = fc.array(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 6 });

/** Reading options: mostly none, often one valid option, sometimes anything (then E_SPEC is expected). */
const anyOptions = fc.record(
  {
    delimiter: fc.constantFrom(',', ';', '\t', '|', 'ab', ''),
    header: fc.boolean(),
    columns: fc.array(fc.constantFrom('a', 'b', 'c', 'y'), { maxLength: 5 }),
    coerce: fc.constantFrom('error', 'nan', 'maybe'),
    encoding: fc.constantFrom('utf-8', 'latin-1', 'utf-16', 'ebcdic'),
    thousands: fc.constantFrom(',', '.', ' ', 'x'),
    decimal: fc.constantFrom('.', ',', ';'),
    types: fc.dictionary(fc.constantFrom('a', 'b', 'y', 'nope'), fc.constantFrom('numeric', 'boolean', 'datetime', 'categorical', 'text', 'id', 'float')),
  },
  { requiredKeys: [] },
);
const oneValidOption = fc.oneof(
  fc.record({ delimiter: fc.constantFrom(',', ';', '\t', '|') }),
  fc.record({ header: fc.boolean() }),
  fc.record({ coerce: fc.constant('nan' as const) }),
  fc.record({ encoding: fc.constantFrom('utf-8' as const, 'latin-1' as const, 'utf-16' as const) }),
  fc.record({ thousands: fc.constant(','), decimal: fc.constant('.') }),
  fc.record({ thousands: fc.constant('.'), decimal: fc.constant(',') }),
  fc.record({ types: fc.dictionary(fc.constantFrom('a', 'b', 'y'), fc.constantFrom('numeric', 'categorical', 'text') as fc.Arbitrary<'numeric'>, { maxKeys: 1 }) }),
);
const options = fc.oneof(
  { weight: 5, arbitrary: fc.constant({}) },
  { weight: 4, arbitrary: oneValidOption },
  { weight: 1, arbitrary: anyOptions },
);

/** One random file: its bytes, its name, and the options it is read with. */
const csvCase = fc
  .record({
    header,
    hasHeader: fc.boolean(),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { minLength: 0, maxLength: 12 }),
    regular: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), // rows padded/cut to the header width (most real files), else ragged
    delimiter: fc.constantFrom(',', ';', '\t', '|', ' '),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    blankLines: fc.nat({ max: 3 }),
    bom: fc.boolean(),
    bytes: fc.constantFrom('utf8', 'utf8', 'utf8', 'utf8', 'latin1', 'utf16le', 'random'),
    randomBytes: fc.uint8Array({ maxLength: 64 }),
    ext: fc.constantFrom('.csv', '.csv', '.csv', '.tsv', '.txt', '', '.data'),
    options,
  })
  .map((c) => {
    const width = c.header.length;
    const rows = c.regular ? c.rows.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? '')) : c.rows;
    const lines = [...(c.hasHeader ? [c.header] : []), ...rows].map((r) => r.join(c.delimiter));
    for (let k = 0; k < c.blankLines; k++) lines.splice((k * 7) % (lines.length + 1), 0, '');
    const text = (c.bom ? '\uFEFF' : '') + lines.join(c.newline) + (c.blankLines % 2 ? c.newline : '');
    const bytes =
      c.bytes === 'random'
        ? Buffer.from(c.randomBytes)
        : c.bytes === 'utf16le'
          ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/^\uFEFF/, ''), 'utf16le')])
          : Buffer.from(text, c.bytes);
    return { bytes, ext: c.ext, options: c.options as Partial<SourceSpec>, text };
  });

test('fuzz: random CSV text and reading options → a frame or E_DATA/E_IO/E_SPEC (fast-check, 200 cases)', async (t) => {
  const tally = new FuzzTally();
  let k = 0;
  await fc.assert(
    fc.asyncProperty(csvCase, async (c) => {
      const file = path.join(dir, `f${k++}${c.ext}`);
      writeFileSync(file, c.bytes);
      try {
        const { frame, report } = await loadFrame({ source: file, ...c.options });
        assert.ok(frame.nRows > 0 && frame.columns.length > 0, 'a loaded frame has rows and columns');
        assert.equal(new Set(frame.names).size, frame.names.length, `column names are unique: ${frame.names.join(', ')}`);
        assert.equal(report.rows, frame.nRows);
        tally.note('loaded');
      } catch (e) {
        assertDocumentedError(e, ['E_DATA', 'E_IO', 'E_SPEC'], { ...c, bytes: c.bytes.toString('base64') });
        tally.note((e as { code: string }).code);
      } finally {
        rmSync(file, { force: true });
      }
    }),
    fuzzOptions(200),
  );
  t.diagnostic(`CSV loader fuzz: ${tally}`);
  assert.ok(tally.total >= 20, `only ${tally.total} cases ran within the time budget`);
});

test('fuzz: a missing path and a directory are E_IO', async () => {
  await assert.rejects(loadFrame({ source: path.join(dir, 'nope.csv') }), { code: 'E_IO' });
  await assert.rejects(loadFrame({ source: dir + path.sep + '.' }), (e: { code?: string }) => ['E_IO', 'E_SPEC'].includes(e.code ?? ''));
});
