// One sweep of dual coordinate descent for L2-regularised linear SVMs over CSR rows, the inner loop of
// src/models/linear/dual-coordinate-descent.ts (whose TypeScript loop it replaces when the kernels are
// loaded, with the same operations in the same order, so both give the same weights bit for bit).

/**
 * Visits rows index[0 .. activeSize) once, shrinking as liblinear does, and updates alpha and w in place.
 * Writes [PGmaxNew, PGminNew] to `out` and returns the new active size. y holds ±1 as f64; w has d
 * weights and, when bias > 0, the bias weight at w[d].
 */
export function dualCdSweep(
  activeSize: i32, d: i32, indptr: usize, indices: usize, values: usize, y: usize, alpha: usize,
  QD: usize, diag: usize, upper: usize, index: usize, w: usize, bias: f64, PGmaxOld: f64, PGminOld: f64, out: usize,
): i32 {
  const hasBias = bias > 0;
  const wb = w + (<usize>d << 3);
  let PGmaxNew = -Infinity, PGminNew = Infinity;
  for (let s = 0; s < activeSize; s++) {
    const i = load<i32>(index + (<usize>s << 2));
    const io = <usize>i << 3;
    const yi = load<f64>(y + io);
    let wx: f64 = hasBias ? load<f64>(wb) * bias : 0;
    const start = load<i32>(indptr + (<usize>i << 2)), end = load<i32>(indptr + (<usize>(i + 1) << 2));
    for (let k = start; k < end; k++) {
      wx += load<f64>(values + (<usize>k << 3)) * load<f64>(w + (<usize>load<i32>(indices + (<usize>k << 2)) << 3));
    }
    const a0 = load<f64>(alpha + io);
    const G = yi * wx - 1 + a0 * load<f64>(diag + io);
    const C = load<f64>(upper + io);
    let PG: f64 = 0;
    if (a0 == 0) {
      if (G > PGmaxOld) {
        activeSize--;
        store<i32>(index + (<usize>s << 2), load<i32>(index + (<usize>activeSize << 2)));
        store<i32>(index + (<usize>activeSize << 2), i);
        s--;
        continue;
      } else if (G < 0) PG = G;
    } else if (a0 == C) {
      if (G < PGminOld) {
        activeSize--;
        store<i32>(index + (<usize>s << 2), load<i32>(index + (<usize>activeSize << 2)));
        store<i32>(index + (<usize>activeSize << 2), i);
        s--;
        continue;
      } else if (G > 0) PG = G;
    } else PG = G;
    if (PG > PGmaxNew) PGmaxNew = PG;
    if (PG < PGminNew) PGminNew = PG;
    if (Math.abs(PG) > 1e-12) {
      const a = Math.min(Math.max(a0 - G / load<f64>(QD + io), 0), C);
      store<f64>(alpha + io, a);
      const step = (a - a0) * yi;
      for (let k = start; k < end; k++) {
        const q = w + (<usize>load<i32>(indices + (<usize>k << 2)) << 3);
        store<f64>(q, load<f64>(q) + step * load<f64>(values + (<usize>k << 3)));
      }
      if (hasBias) store<f64>(wb, load<f64>(wb) + step * bias);
    }
  }
  store<f64>(out, PGmaxNew);
  store<f64>(out, PGminNew, 8);
  return activeSize;
}
