// AssemblyScript sources of trainyard's WASM kernels (compiled by `npm run build` to
// dist/kernels/kernels.wasm with SIMD, -O3, the stub runtime and an imported shared memory).
//
// Conventions: every pointer is a byte address into the shared memory; buffers are row-major float64.
// Partitioned kernels take `(p, P, ...)` and compute partition p of P, so a thread pool can hand
// partitions to any thread: each output element is written by exactly one partition, in a fixed order,
// so results never depend on the number of threads. No kernel allocates: scratch space is passed in.
// The MLP kernels reproduce the summation order of src/models/neural/gemm.ts bit for bit (the SIMD
// lanes run over independent output elements, or over the even/odd partial sums that code keeps).

@inline function part(p: i32, P: i32, n: i32): i32 {
  return <i32>((<i64>n * <i64>p) / <i64>P);
}

/** First byte the host may use for its own allocations. */
export function heapBase(): usize {
  return __heap_base;
}

// ---- MLP products (see src/models/neural/gemm.ts for the TypeScript twin) ----

/** out[o..o+N) += Σ groups of four (a_t · W-row_t); positions are byte addresses of W rows. */
@inline function axpyGroups(out: usize, W: usize, N: i32, nzPos: usize, nzVal: usize, nz: i32): void {
  const N2 = N & ~1;
  let t = 0;
  for (; t + 4 <= nz; t += 4) {
    const a0 = load<f64>(nzVal + (<usize>t << 3)), a1 = load<f64>(nzVal + (<usize>t << 3), 8);
    const a2 = load<f64>(nzVal + (<usize>t << 3), 16), a3 = load<f64>(nzVal + (<usize>t << 3), 24);
    const w0 = load<usize>(nzPos + (<usize>t << 2)), w1 = load<usize>(nzPos + (<usize>t << 2), 4);
    const w2 = load<usize>(nzPos + (<usize>t << 2), 8), w3 = load<usize>(nzPos + (<usize>t << 2), 12);
    const v0 = f64x2.splat(a0), v1 = f64x2.splat(a1), v2 = f64x2.splat(a2), v3 = f64x2.splat(a3);
    let j = 0;
    for (; j < N2; j += 2) {
      const o = <usize>j << 3;
      let s = f64x2.mul(v0, v128.load(w0 + o));
      s = f64x2.add(s, f64x2.mul(v1, v128.load(w1 + o)));
      s = f64x2.add(s, f64x2.mul(v2, v128.load(w2 + o)));
      s = f64x2.add(s, f64x2.mul(v3, v128.load(w3 + o)));
      v128.store(out + o, f64x2.add(v128.load(out + o), s));
    }
    if (j < N) {
      const o = <usize>j << 3;
      store<f64>(out + o, load<f64>(out + o) + (a0 * load<f64>(w0 + o) + a1 * load<f64>(w1 + o) + a2 * load<f64>(w2 + o) + a3 * load<f64>(w3 + o)));
    }
  }
  for (; t < nz; t++) {
    const a = load<f64>(nzVal + (<usize>t << 3)), w = load<usize>(nzPos + (<usize>t << 2));
    const v = f64x2.splat(a);
    let j = 0;
    for (; j < N2; j += 2) {
      const o = <usize>j << 3;
      v128.store(out + o, f64x2.add(v128.load(out + o), f64x2.mul(v, v128.load(w + o))));
    }
    if (j < N) {
      const o = <usize>j << 3;
      store<f64>(out + o, load<f64>(out + o) + a * load<f64>(w + o));
    }
  }
}

/** Rows of `out = bias + A·W` (A rows×K, W K×N), skipping zeros of A. Scratch: K·16 bytes per partition. */
export function mlpMatmulBias(p: i32, P: i32, A: usize, rows: i32, K: i32, W: usize, N: i32, bias: usize, out: usize, scratch: usize): void {
  const r0 = part(p, P, rows), r1 = part(p + 1, P, rows);
  const nzPos = scratch + <usize>p * <usize>K * 16;
  const nzVal = nzPos + <usize>K * 8;
  const rowBytes = <usize>N << 3;
  for (let i = r0; i < r1; i++) {
    const o = out + <usize>i * rowBytes;
    memory.copy(o, bias, rowBytes);
    const a0 = A + ((<usize>i * <usize>K) << 3);
    let nz = 0;
    for (let k = 0; k < K; k++) {
      const a = load<f64>(a0 + (<usize>k << 3));
      store<usize>(nzPos + (<usize>nz << 2), W + <usize>k * rowBytes);
      store<f64>(nzVal + (<usize>nz << 3), a);
      nz += <i32>(a != 0);
    }
    axpyGroups(o, W, N, nzPos, nzVal, nz);
  }
}

/**
 * Rows k of `G = Aᵀ·D` (A rows×K, D rows×N, G K×N). Column k's non-zeros are gathered in row order —
 * exactly the order of gemm.ts's CSC transpose — then applied four at a time.
 * Scratch: rows·16 bytes per partition.
 */
export function mlpMatmulTransA(p: i32, P: i32, A: usize, rows: i32, K: i32, D: usize, N: i32, G: usize, scratch: usize): void {
  const k0 = part(p, P, K), k1 = part(p + 1, P, K);
  const nzPos = scratch + <usize>p * <usize>rows * 16;
  const nzVal = nzPos + <usize>rows * 8;
  const rowBytes = <usize>N << 3;
  const aStride = <usize>K << 3;
  for (let k = k0; k < k1; k++) {
    const g = G + <usize>k * rowBytes;
    memory.fill(g, 0, rowBytes);
    let a0 = A + (<usize>k << 3);
    let nz = 0;
    // Branch-free gather: ReLU outputs make "is this zero" a coin flip the CPU cannot predict.
    for (let i = 0; i < rows; i++) {
      const a = load<f64>(a0);
      store<usize>(nzPos + (<usize>nz << 2), D + <usize>i * rowBytes);
      store<f64>(nzVal + (<usize>nz << 3), a);
      nz += <i32>(a != 0);
      a0 += aStride;
    }
    axpyGroups(g, 0, N, nzPos, nzVal, nz);
  }
}

@inline function dotPairs(d: usize, w: usize, N: i32): f64 {
  const N2 = N & ~1;
  let acc = f64x2.splat(0);
  let j = 0;
  for (; j < N2; j += 2) acc = f64x2.add(acc, f64x2.mul(v128.load(d + (<usize>j << 3)), v128.load(w + (<usize>j << 3))));
  let s0 = f64x2.extract_lane(acc, 0);
  if (j < N) s0 += load<f64>(d + (<usize>j << 3)) * load<f64>(w + (<usize>j << 3));
  return s0 + f64x2.extract_lane(acc, 1);
}

/**
 * Rows of `out = D·Wᵀ` (D rows×N, W K×N, out rows×K); zero where mask (if not 0) is zero. Each entry
 * is (Σ even j) + (Σ odd j) as in gemm.ts; four entries are computed at a time so their four
 * dependency chains overlap. Scratch: K·4 bytes per partition (the unmasked columns of a row).
 */
export function mlpMatmulTransB(p: i32, P: i32, D: usize, rows: i32, N: i32, W: usize, K: i32, out: usize, mask: usize, scratch: usize): void {
  const r0 = part(p, P, rows), r1 = part(p + 1, P, rows);
  const N2 = N & ~1;
  const list = scratch + <usize>p * <usize>K * 4;
  const wRow = <usize>N << 3;
  for (let i = r0; i < r1; i++) {
    const d = D + ((<usize>i * <usize>N) << 3);
    const o = out + ((<usize>i * <usize>K) << 3);
    let m = 0;
    if (mask == 0) {
      for (let k = 0; k < K; k++) store<i32>(list + (<usize>k << 2), k);
      m = K;
    } else {
      const mr = mask + ((<usize>i * <usize>K) << 3);
      for (let k = 0; k < K; k++) {
        // Branch-free: masked entries are zeroed, the others listed for the dot products.
        const keep = <i32>(load<f64>(mr + (<usize>k << 3)) != 0);
        store<f64>(o + (<usize>k << 3), 0);
        store<i32>(list + (<usize>m << 2), k);
        m += keep;
      }
    }
    let t = 0;
    for (; t + 4 <= m; t += 4) {
      const k0 = load<i32>(list + (<usize>t << 2)), k1 = load<i32>(list + (<usize>t << 2), 4);
      const k2 = load<i32>(list + (<usize>t << 2), 8), k3 = load<i32>(list + (<usize>t << 2), 12);
      const w0 = W + <usize>k0 * wRow, w1 = W + <usize>k1 * wRow, w2 = W + <usize>k2 * wRow, w3 = W + <usize>k3 * wRow;
      let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
      let j = 0;
      for (; j < N2; j += 2) {
        const q = <usize>j << 3;
        const x = v128.load(d + q);
        a0 = f64x2.add(a0, f64x2.mul(x, v128.load(w0 + q)));
        a1 = f64x2.add(a1, f64x2.mul(x, v128.load(w1 + q)));
        a2 = f64x2.add(a2, f64x2.mul(x, v128.load(w2 + q)));
        a3 = f64x2.add(a3, f64x2.mul(x, v128.load(w3 + q)));
      }
      let s0 = f64x2.extract_lane(a0, 0), s1 = f64x2.extract_lane(a1, 0), s2 = f64x2.extract_lane(a2, 0), s3 = f64x2.extract_lane(a3, 0);
      if (j < N) {
        const q = <usize>j << 3;
        const x = load<f64>(d + q);
        s0 += x * load<f64>(w0 + q);
        s1 += x * load<f64>(w1 + q);
        s2 += x * load<f64>(w2 + q);
        s3 += x * load<f64>(w3 + q);
      }
      store<f64>(o + (<usize>k0 << 3), s0 + f64x2.extract_lane(a0, 1));
      store<f64>(o + (<usize>k1 << 3), s1 + f64x2.extract_lane(a1, 1));
      store<f64>(o + (<usize>k2 << 3), s2 + f64x2.extract_lane(a2, 1));
      store<f64>(o + (<usize>k3 << 3), s3 + f64x2.extract_lane(a3, 1));
    }
    for (; t < m; t++) {
      const k = load<i32>(list + (<usize>t << 2));
      store<f64>(o + (<usize>k << 3), dotPairs(d, W + <usize>k * wRow, N));
    }
  }
}
