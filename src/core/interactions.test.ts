import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interactionsToCsr, subsetInteractions, type Interactions } from './interactions.js';
import { Rng } from './rng.js';
import { thrownCode } from '../testing/thrown.js';

function randomInteractions(n: number, nUsers: number, nItems: number, seed: number): Interactions {
  const rng = new Rng(seed);
  const users = new Int32Array(n), items = new Int32Array(n), values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    users[i] = rng.int(nUsers);
    items[i] = rng.int(nItems);
    values[i] = 1 + rng.int(5);
  }
  return { nUsers, nItems, users, items, values };
}

test('interactionsToCsr equals a dictionary build: rows sorted by column, repeats summed', () => {
  const data = randomInteractions(2000, 30, 50, 3); // ~1.3 events per cell: many repeats
  for (const byItem of [false, true]) {
    const csr = interactionsToCsr(data, byItem);
    const cells = new Map<string, number>();
    for (let i = 0; i < data.users.length; i++) {
      const r = byItem ? data.items[i] : data.users[i], c = byItem ? data.users[i] : data.items[i];
      cells.set(`${r},${c}`, (cells.get(`${r},${c}`) ?? 0) + data.values[i]);
    }
    assert.equal(csr.indices.length, cells.size);
    assert.equal(csr.nRows, byItem ? 50 : 30);
    for (let r = 0; r < csr.nRows; r++) {
      for (let p = csr.indptr[r]; p < csr.indptr[r + 1]; p++) {
        if (p > csr.indptr[r]) assert.ok(csr.indices[p] > csr.indices[p - 1], 'columns ascending within a row');
        assert.equal(csr.values[p], cells.get(`${r},${csr.indices[p]}`));
      }
    }
  }
});

test('interactionsToCsr refuses an index outside the shape with E_DATA', () => {
  const data = { ...randomInteractions(10, 3, 3, 1), nItems: 2 };
  data.items[4] = 2;
  assert.equal(thrownCode(() => interactionsToCsr(data)), 'E_DATA');
});

test('subsetInteractions keeps the index space and picks the events in order', () => {
  const data = { ...randomInteractions(20, 4, 6, 2), timestamps: Float64Array.from({ length: 20 }, (_, i) => i * 10) };
  const s = subsetInteractions(data, [5, 1, 7]);
  assert.deepEqual([...s.users], [data.users[5], data.users[1], data.users[7]]);
  assert.deepEqual([...s.timestamps!], [50, 10, 70]);
  assert.equal(s.nItems, 6);
});
