// Fused logistic loss + gradient passes (binary and multinomial, dense and CSR rows) for
// src/models/linear/logistic-loss.ts; the maths is scikit-learn 1.2's `LinearModelLoss` (half-binomial
// and multinomial losses), as documented there. Rows are processed in fixed chunks: chunk c writes its
// own partial loss and gradient into slot c, and the host adds the slots in chunk order, so results
// do not depend on how many threads ran the chunks. Layout of a slot: [loss, gradient…].

@inline function denseDot(x: usize, w: usize, d: i32): f64 {
  let a = f64x2.splat(0), b = f64x2.splat(0);
  let j = 0;
  for (; j + 4 <= d; j += 4) {
    const o = <usize>j << 3;
    a = f64x2.add(a, f64x2.mul(v128.load(x + o), v128.load(w + o)));
    b = f64x2.add(b, f64x2.mul(v128.load(x + o, 16), v128.load(w + o, 16)));
  }
  let s = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1) + (f64x2.extract_lane(b, 0) + f64x2.extract_lane(b, 1));
  for (; j < d; j++) s += load<f64>(x + (<usize>j << 3)) * load<f64>(w + (<usize>j << 3));
  return s;
}

@inline function denseAxpy(r: f64, x: usize, g: usize, d: i32): void {
  const v = f64x2.splat(r);
  let j = 0;
  for (; j + 2 <= d; j += 2) {
    const o = <usize>j << 3;
    v128.store(g + o, f64x2.add(v128.load(g + o), f64x2.mul(v, v128.load(x + o))));
  }
  if (j < d) store<f64>(g + (<usize>j << 3), load<f64>(g + (<usize>j << 3)) + r * load<f64>(x + (<usize>j << 3)));
}

@inline function sparseDot(ind: usize, val: usize, s: i32, e: i32, w: usize): f64 {
  let acc: f64 = 0;
  for (let t = s; t < e; t++) acc += load<f64>(val + (<usize>t << 3)) * load<f64>(w + (<usize>load<i32>(ind + (<usize>t << 2)) << 3));
  return acc;
}

@inline function sparseAxpy(r: f64, ind: usize, val: usize, s: i32, e: i32, g: usize): void {
  for (let t = s; t < e; t++) {
    const q = g + (<usize>load<i32>(ind + (<usize>t << 2)) << 3);
    store<f64>(q, load<f64>(q) + r * load<f64>(val + (<usize>t << 3)));
  }
}

/**
 * Chunk p of the binary pass. X is dense (indptr = 0) or CSR (indptr, indices, X = values). w holds
 * d weights then the intercept (read when fitIntercept). Slot p: [loss, g_intercept, g_0 … g_{d−1}].
 */
export function lrBinaryChunk(
  p: i32, P: i32, n: i32, d: i32, chunk: i32, X: usize, indptr: usize, indices: usize,
  y: usize, sw: usize, w: usize, fitIntercept: i32, slots: usize,
): void {
  const i0 = p * chunk, i1 = min(n, i0 + chunk);
  const slot = slots + ((<usize>p * <usize>(d + 2)) << 3);
  const g = slot + 16;
  memory.fill(slot, 0, <usize>(d + 2) << 3);
  const b = fitIntercept != 0 ? load<f64>(w + (<usize>d << 3)) : 0;
  let loss: f64 = 0, gb: f64 = 0;
  for (let i = i0; i < i1; i++) {
    const s = load<f64>(sw + (<usize>i << 3));
    if (s == 0) continue;
    let z: f64;
    let rs = 0, re = 0;
    if (indptr == 0) z = b + denseDot(X + ((<usize>i * <usize>d) << 3), w, d);
    else {
      rs = load<i32>(indptr + (<usize>i << 2));
      re = load<i32>(indptr + (<usize>(i + 1) << 2));
      z = b + sparseDot(indices, X, rs, re, w);
    }
    // One exp per row serves both softplus and sigmoid: e = exp(−|z|) never overflows.
    const e = Math.exp(-Math.abs(z));
    const pr = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    const yi = load<f64>(y + (<usize>i << 3));
    loss += s * ((z > 0 ? z : 0) + Math.log1p(e) - yi * z);
    const r = s * (pr - yi);
    if (r != 0) {
      if (indptr == 0) denseAxpy(r, X + ((<usize>i * <usize>d) << 3), g, d);
      else sparseAxpy(r, indices, X, rs, re, g);
    }
    gb += r;
  }
  store<f64>(slot, loss);
  store<f64>(slot, gb, 8);
}

/**
 * Chunk p of the multinomial pass over k classes; w = [W (k×d), b (k)]. Slot p (1 + k·d + k values):
 * [loss, gW (k×d), gb (k)]. zScratch holds k values per chunk.
 */
export function lrMultinomialChunk(
  p: i32, P: i32, n: i32, d: i32, k: i32, chunk: i32, X: usize, indptr: usize, indices: usize,
  yIdx: usize, sw: usize, w: usize, fitIntercept: i32, slots: usize, zScratch: usize,
): void {
  const i0 = p * chunk, i1 = min(n, i0 + chunk);
  const len = 1 + k * d + k;
  const slot = slots + ((<usize>p * <usize>len) << 3);
  const g = slot + 8;
  const gB = g + ((<usize>k * <usize>d) << 3);
  const bOff = w + ((<usize>k * <usize>d) << 3);
  const z = zScratch + ((<usize>p * <usize>k) << 3);
  memory.fill(slot, 0, <usize>len << 3);
  let loss: f64 = 0;
  for (let i = i0; i < i1; i++) {
    let rs = 0, re = 0;
    const x = X + ((<usize>i * <usize>d) << 3);
    if (indptr != 0) {
      rs = load<i32>(indptr + (<usize>i << 2));
      re = load<i32>(indptr + (<usize>(i + 1) << 2));
    }
    let zmax = -Infinity;
    for (let c = 0; c < k; c++) {
      const wc = w + ((<usize>c * <usize>d) << 3);
      const s = (fitIntercept != 0 ? load<f64>(bOff + (<usize>c << 3)) : 0) + (indptr == 0 ? denseDot(x, wc, d) : sparseDot(indices, X, rs, re, wc));
      store<f64>(z + (<usize>c << 3), s);
      if (s > zmax) zmax = s;
    }
    const s = load<f64>(sw + (<usize>i << 3)), yi = load<i32>(yIdx + (<usize>i << 2));
    const zy = load<f64>(z + (<usize>yi << 3)) - zmax;
    let sum: f64 = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(load<f64>(z + (<usize>c << 3)) - zmax);
      store<f64>(z + (<usize>c << 3), e);
      sum += e;
    }
    loss += s * (Math.log(sum) - zy);
    for (let c = 0; c < k; c++) {
      const r = s * (load<f64>(z + (<usize>c << 3)) / sum - (c == yi ? 1 : 0));
      if (r == 0) continue;
      const gc = g + ((<usize>c * <usize>d) << 3);
      if (indptr == 0) denseAxpy(r, x, gc, d);
      else sparseAxpy(r, indices, X, rs, re, gc);
      if (fitIntercept != 0) store<f64>(gB + (<usize>c << 3), load<f64>(gB + (<usize>c << 3)) + r);
    }
  }
  store<f64>(slot, loss);
}

/** out[j] = Σ_c slot_c[j] over nSlots slots of len values, added in slot order. */
export function reduceSlots(slots: usize, nSlots: i32, len: i32, out: usize): void {
  memory.copy(out, slots, <usize>len << 3);
  for (let c = 1; c < nSlots; c++) {
    const s = slots + ((<usize>c * <usize>len) << 3);
    let j = 0;
    for (; j + 2 <= len; j += 2) {
      const o = <usize>j << 3;
      v128.store(out + o, f64x2.add(v128.load(out + o), v128.load(s + o)));
    }
    if (j < len) store<f64>(out + (<usize>j << 3), load<f64>(out + (<usize>j << 3)) + load<f64>(s + (<usize>j << 3)));
  }
}
