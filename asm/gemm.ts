// General dense products for trainyard's kernels: C = α·op(A)·op(B) + β·C, float64, row-major with
// leading dimensions, any transpose combination. Both operands are packed into 4-wide panels
// (Goto & van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS 2008), and a
// 4×4 register-blocked micro-kernel runs over the panels with SIMD over column pairs. Every C entry is
// the plain sum over k in increasing order (no FMA), then α·sum + β·C, so results equal a naive
// triple loop bit for bit and never depend on the row partition.

@inline function part(p: i32, P: i32, n: i32): i32 {
  return <i32>((<i64>n * <i64>p) / <i64>P);
}

/**
 * Packs op(X)[r0.., 0..K) into panels of 4 rows: panel q holds K groups of 4 values (zero-padded past
 * `rows`). Element (r, k) of op(X) is X[r·sr + k·sk] (strides in elements).
 */
export function gemmPack(p: i32, P: i32, X: usize, rows: i32, K: i32, sr: i32, sk: i32, out: usize): void {
  const panels = (rows + 3) >> 2;
  const q0 = part(p, P, panels), q1 = part(p + 1, P, panels);
  for (let q = q0; q < q1; q++) {
    const dst = out + ((<usize>q * <usize>K) << 5);
    for (let r = 0; r < 4; r++) {
      const row = q * 4 + r;
      if (row >= rows) {
        for (let k = 0; k < K; k++) store<f64>(dst + ((<usize>k << 5) | (<usize>r << 3)), 0);
        continue;
      }
      const base = X + ((<usize>row * <usize>sr) << 3);
      const step = <usize>sk << 3;
      for (let k = 0; k < K; k++) store<f64>(dst + ((<usize>k << 5) | (<usize>r << 3)), load<f64>(base + <usize>k * step));
    }
  }
}

/**
 * Row panels [4·q0, 4·q1) of C (M×N, leading dimension ldc) from packed A (M panels) and packed B
 * (N panels, i.e. op(B)ᵀ packed by rows). Partitioned by row panels. K is walked in blocks of 256
 * so the A and B sub-panels stay in L1; between blocks the running sums wait in `acc` (16 values per
 * tile, M·N·8 bytes in all) and resume exactly, so the k order of every sum is unchanged.
 */
export function gemmPanels(p: i32, P: i32, M: i32, N: i32, K: i32, alpha: f64, Ap: usize, Bp: usize, beta: f64, C: usize, ldc: i32, acc: usize): void {
  const mPanels = (M + 3) >> 2, nPanels = (N + 3) >> 2;
  const q0 = part(p, P, mPanels), q1 = part(p + 1, P, mPanels);
  const KC = 256;
  // Column panels are taken in groups so that the group of B stays in cache across row panels.
  const group = 16;
  for (let kb = 0; kb < K; kb += KC) {
    const kEnd = min(kb + KC, K);
    const first = kb == 0, last = kEnd == K;
    for (let jg = 0; jg < nPanels; jg += group) {
      const jEnd = min(jg + group, nPanels);
      for (let q = q0; q < q1; q++) {
        const a = Ap + ((<usize>q * <usize>K) << 5);
        for (let jq = jg; jq < jEnd; jq++) {
          const b = Bp + ((<usize>jq * <usize>K) << 5);
          const t = acc + ((<usize>q * <usize>nPanels + <usize>jq) << 7);
          let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
          let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
          if (!first) {
            c00 = v128.load(t); c01 = v128.load(t, 16); c10 = v128.load(t, 32); c11 = v128.load(t, 48);
            c20 = v128.load(t, 64); c21 = v128.load(t, 80); c30 = v128.load(t, 96); c31 = v128.load(t, 112);
          }
          for (let k = kb; k < kEnd; k++) {
            const ak = a + (<usize>k << 5), bk = b + (<usize>k << 5);
            const b0 = v128.load(bk), b1 = v128.load(bk, 16);
            let s = v128.load64_splat(ak);
            c00 = f64x2.add(c00, f64x2.mul(s, b0));
            c01 = f64x2.add(c01, f64x2.mul(s, b1));
            s = v128.load64_splat(ak, 8);
            c10 = f64x2.add(c10, f64x2.mul(s, b0));
            c11 = f64x2.add(c11, f64x2.mul(s, b1));
            s = v128.load64_splat(ak, 16);
            c20 = f64x2.add(c20, f64x2.mul(s, b0));
            c21 = f64x2.add(c21, f64x2.mul(s, b1));
            s = v128.load64_splat(ak, 24);
            c30 = f64x2.add(c30, f64x2.mul(s, b0));
            c31 = f64x2.add(c31, f64x2.mul(s, b1));
          }
          if (last) storeTile(C, ldc, M, N, q * 4, jq * 4, alpha, beta, c00, c01, c10, c11, c20, c21, c30, c31);
          else {
            v128.store(t, c00); v128.store(t, c01, 16); v128.store(t, c10, 32); v128.store(t, c11, 48);
            v128.store(t, c20, 64); v128.store(t, c21, 80); v128.store(t, c30, 96); v128.store(t, c31, 112);
          }
        }
      }
    }
  }
}

@inline function storeOne(C: usize, ldc: i32, M: i32, N: i32, i: i32, j: i32, alpha: f64, beta: f64, v: f64): void {
  if (i >= M || j >= N) return;
  const c = C + ((<usize>i * <usize>ldc + <usize>j) << 3);
  // β = 0 overwrites C without reading it (as BLAS does), so stale NaN in C never leaks through.
  store<f64>(c, beta == 0 ? alpha * v : alpha * v + beta * load<f64>(c));
}

@inline function storePair(C: usize, ldc: i32, M: i32, N: i32, i: i32, j: i32, alpha: f64, beta: f64, v: v128): void {
  storeOne(C, ldc, M, N, i, j, alpha, beta, f64x2.extract_lane(v, 0));
  storeOne(C, ldc, M, N, i, j + 1, alpha, beta, f64x2.extract_lane(v, 1));
}

function storeTile(
  C: usize, ldc: i32, M: i32, N: i32, i: i32, j: i32, alpha: f64, beta: f64,
  c00: v128, c01: v128, c10: v128, c11: v128, c20: v128, c21: v128, c30: v128, c31: v128,
): void {
  storePair(C, ldc, M, N, i, j, alpha, beta, c00);
  storePair(C, ldc, M, N, i, j + 2, alpha, beta, c01);
  storePair(C, ldc, M, N, i + 1, j, alpha, beta, c10);
  storePair(C, ldc, M, N, i + 1, j + 2, alpha, beta, c11);
  storePair(C, ldc, M, N, i + 2, j, alpha, beta, c20);
  storePair(C, ldc, M, N, i + 2, j + 2, alpha, beta, c21);
  storePair(C, ldc, M, N, i + 3, j, alpha, beta, c30);
  storePair(C, ldc, M, N, i + 3, j + 2, alpha, beta, c31);
}

/** x·y over n values: two SIMD accumulators (lanes = index mod 4), combined as (l0+l1)+(l2+l3), tail last. */
export function dot(x: usize, y: usize, n: i32): f64 {
  let a = f64x2.splat(0), b = f64x2.splat(0);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = <usize>j << 3;
    a = f64x2.add(a, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    b = f64x2.add(b, f64x2.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
  }
  let s = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1) + (f64x2.extract_lane(b, 0) + f64x2.extract_lane(b, 1));
  for (; j < n; j++) s += load<f64>(x + (<usize>j << 3)) * load<f64>(y + (<usize>j << 3));
  return s;
}

/** y += a·x over n values. */
export function axpy(a: f64, x: usize, y: usize, n: i32): void {
  const v = f64x2.splat(a);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(v, v128.load(x + o))));
  }
  if (j < n) store<f64>(y + (<usize>j << 3), load<f64>(y + (<usize>j << 3)) + a * load<f64>(x + (<usize>j << 3)));
}
