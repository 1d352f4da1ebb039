/**
 * Dual CD on fixed sparse data, fingerprinted, for the test that runs it with and without the WASM
 * kernels (a module of its own: the test imports it into a child process started without them).
 */
import { Matrix } from '../../../core/matrix.js';
import { Rng } from '../../../core/rng.js';
import { solveDualCd } from './dual-coordinate-descent.js';
import { rowStore } from './row-store.js';

/** Sparse one-hot-like rows with a few dense columns, and ±1 labels from a noisy linear rule. */
function dualCdData(): { X: Matrix; y: Int8Array } {
  const rng = new Rng(5);
  const n = 400, d = 24;
  const X = new Matrix(n, d);
  const y = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = j < 4 ? rng.normal() : rng.random() < 0.15 ? 1 : 0;
      X.data[i * d + j] = v;
      s += v * (j % 3 === 0 ? 1 : -0.5);
    }
    y[i] = s + 0.3 * rng.normal() > 0 ? 1 : -1;
  }
  return { X, y };
}

/** Weights (as hex bytes) and iterations of dual CD on `dualCdData` for each loss × bias, in this process. */
export function dualCdFingerprints(): string[] {
  const { X, y } = dualCdData();
  const out: string[] = [];
  for (const loss of ['hinge', 'squared_hinge'] as const) {
    for (const bias of [1, 0]) {
      const r = solveDualCd({ X: rowStore(X), y, cost: new Float64Array(y.length).fill(0.7), loss, bias, tol: 1e-6, maxIter: 300, rng: new Rng(9) });
      out.push(`${loss} bias ${bias}: ${r.iterations} iterations, w ${Buffer.from(r.w.buffer, r.w.byteOffset, r.w.byteLength).toString('hex')}`);
    }
  }
  return out;
}

