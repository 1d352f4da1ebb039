/**
 * The NeuMF network of He, Liao, Zhang, Nie, Hu & Chua (2017), "Neural Collaborative Filtering"
 * (WWW), section 3.4: a GMF tower (element-wise product of a user and an item embedding) and an MLP
 * tower (ReLU layers over the concatenation of two other embeddings), fused by one output unit
 *   ŷ = σ(h_gᵀ(p_u ⊙ q_i) + h_mᵀ MLP([p'_u; q'_i]) + b),
 * trained on the binary cross-entropy of observed (label 1) and sampled (label 0) pairs. Without
 * hidden layers the network is the paper's GMF alone.
 *
 * Forward and backward run over a whole mini-batch with the dense products of `neural/gemm.ts`
 * (WASM SIMD when the kernels are loaded: 2.3× faster than its TypeScript path here, bit-identical).
 * Embedding gradients go to the rows the batch touched only (see sparse-row-adam.ts).
 */
import type { Rng } from '../../../core/rng.js';
import { matmulBias, matmulTransA, matmulTransB } from '../../neural/gemm.js';
import { initKernel } from '../../neural/initializers.js';

/** Sizes of a NeuMF network. */
export interface NeuMFShape {
  nUsers: number;
  nItems: number;
  /** GMF embedding width. */
  factors: number;
  /** MLP embedding width (per side); unused when `layers` is empty. */
  mlpFactors: number;
  /** Hidden ReLU layer widths of the MLP tower; empty: GMF only. */
  layers: number[];
}

/** All learned arrays of a NeuMF network. Kernels are fanIn × fanOut, row-major. */
export interface NeuMFWeights {
  userGmf: Float64Array;
  itemGmf: Float64Array;
  userMlp: Float64Array;
  itemMlp: Float64Array;
  kernels: Float64Array[];
  biases: Float64Array[];
  /** Output weights on the GMF vector (length factors) and on the last hidden layer. */
  outGmf: Float64Array;
  outMlp: Float64Array;
  /** Output bias (length 1). */
  outBias: Float64Array;
}

/** The input width of every MLP layer followed by its output width. */
function layerDims(s: NeuMFShape): number[] {
  return s.layers.length === 0 ? [] : [2 * s.mlpFactors, ...s.layers];
}

/**
 * Fresh weights: embeddings N(0, 0.01²) as in the paper's code, hidden kernels He-uniform (ReLU),
 * output weights Glorot-uniform (LeCun's for a sigmoid unit would do as well), biases zero.
 *
 * @example
 * const w = initNeuMF({ nUsers: 10, nItems: 20, factors: 8, mlpFactors: 8, layers: [16, 8] }, new Rng(0));
 */
export function initNeuMF(s: NeuMFShape, rng: Rng): NeuMFWeights {
  const useMlp = s.layers.length > 0;
  const emb = (n: number): Float64Array => {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = 0.01 * rng.normal();
    return a;
  };
  const dims = layerDims(s);
  const kernels: Float64Array[] = [], biases: Float64Array[] = [];
  for (let l = 1; l < dims.length; l++) {
    const k = new Float64Array(dims[l - 1] * dims[l]);
    initKernel('he_uniform', rng, dims[l - 1], dims[l], k);
    kernels.push(k);
    biases.push(new Float64Array(dims[l]));
  }
  const last = useMlp ? s.layers[s.layers.length - 1] : 0;
  const out = new Float64Array(s.factors + last);
  initKernel('glorot_uniform', rng, s.factors + last, 1, out);
  return {
    userGmf: emb(s.nUsers * s.factors),
    itemGmf: emb(s.nItems * s.factors),
    userMlp: useMlp ? emb(s.nUsers * s.mlpFactors) : new Float64Array(0),
    itemMlp: useMlp ? emb(s.nItems * s.mlpFactors) : new Float64Array(0),
    kernels,
    biases,
    outGmf: out.slice(0, s.factors),
    outMlp: out.slice(s.factors),
    outBias: new Float64Array(1),
  };
}

/** Gradients of the dense (non-embedding) weights, shaped like them. */
export interface NeuMFDenseGrads {
  kernels: Float64Array[];
  biases: Float64Array[];
  outGmf: Float64Array;
  outMlp: Float64Array;
  outBias: Float64Array;
}

/** Embedding gradients: tables shaped like the embeddings, accumulated into (never cleared here). */
export interface NeuMFEmbeddingGrads {
  userGmf: Float64Array;
  itemGmf: Float64Array;
  userMlp: Float64Array;
  itemMlp: Float64Array;
}

/**
 * Zeroed dense gradients shaped like the weights of `w`.
 *
 * @example
 * const dense = zeroDenseGrads(weights); // then net.lossAndGradients(..., dense, embeddingGrads)
 */
export function zeroDenseGrads(w: NeuMFWeights): NeuMFDenseGrads {
  return {
    kernels: w.kernels.map((k) => new Float64Array(k.length)),
    biases: w.biases.map((b) => new Float64Array(b.length)),
    outGmf: new Float64Array(w.outGmf.length),
    outMlp: new Float64Array(w.outMlp.length),
    outBias: new Float64Array(1),
  };
}

/**
 * Work buffers for mini-batches of up to `capacity` pairs, and the batch loss/gradient.
 *
 * @example
 * const net = new NeuMFBatch(shape, weights, 256);
 * const loss = net.lossAndGradients(users, items, labels, n, 0, denseGrads, embeddingGrads);
 */
export class NeuMFBatch {
  private readonly s: NeuMFShape;
  private readonly w: NeuMFWeights;
  private readonly dims: number[];
  private readonly gmf: Float64Array;
  /** acts[0] is the concatenated MLP embedding input, acts[l] the output of hidden layer l. */
  private readonly acts: Float64Array[];
  private readonly deltas: Float64Array[];
  private readonly dOut: Float64Array;

  constructor(shape: NeuMFShape, weights: NeuMFWeights, capacity: number) {
    this.s = shape;
    this.w = weights;
    this.dims = layerDims(shape);
    this.gmf = new Float64Array(capacity * shape.factors);
    this.acts = this.dims.map((d) => new Float64Array(capacity * d));
    this.deltas = this.dims.map((d) => new Float64Array(capacity * d));
    this.dOut = new Float64Array(capacity);
  }

  /** Logits of the first `n` pairs into `out` (forward pass only; leaves activations for backward). */
  logits(users: Int32Array, items: Int32Array, n: number, out: Float64Array): void {
    const { factors: f, mlpFactors: dm } = this.s;
    const { userGmf, itemGmf, userMlp, itemMlp, kernels, biases, outGmf, outMlp, outBias } = this.w;
    const gmf = this.gmf, dims = this.dims, L = dims.length - 1;
    for (let b = 0; b < n; b++) {
      const uo = users[b] * f, io = items[b] * f, go = b * f;
      let s = outBias[0];
      for (let a = 0; a < f; a++) {
        const g = userGmf[uo + a] * itemGmf[io + a];
        gmf[go + a] = g;
        s += g * outGmf[a];
      }
      out[b] = s;
    }
    if (L <= 0) return;
    const z0 = this.acts[0];
    for (let b = 0; b < n; b++) {
      const zo = b * 2 * dm, uo = users[b] * dm, io = items[b] * dm;
      for (let a = 0; a < dm; a++) {
        z0[zo + a] = userMlp[uo + a];
        z0[zo + dm + a] = itemMlp[io + a];
      }
    }
    for (let l = 1; l <= L; l++) {
      const a = this.acts[l], width = dims[l];
      matmulBias(this.acts[l - 1], n, dims[l - 1], kernels[l - 1], width, biases[l - 1], a);
      for (let j = 0; j < n * width; j++) if (a[j] < 0) a[j] = 0;
    }
    const last = this.acts[L], h = dims[L];
    for (let b = 0; b < n; b++) {
      let s = 0;
      for (let j = 0; j < h; j++) s += last[b * h + j] * outMlp[j];
      out[b] += s;
    }
  }

  /**
   * Mean binary cross-entropy of the first `n` pairs plus `l2`/2 · ‖embedding rows used‖² per pair
   * (divided by n too), and its gradient: dense gradients are overwritten, embedding gradients are
   * added to the rows of `eg` the pairs use (the caller knows which rows those are).
   */
  lossAndGradients(users: Int32Array, items: Int32Array, labels: Float64Array, n: number, l2: number, dg: NeuMFDenseGrads, eg: NeuMFEmbeddingGrads): number {
    const { factors: f, mlpFactors: dm } = this.s;
    const { userGmf, itemGmf, userMlp, itemMlp, kernels, outGmf, outMlp } = this.w;
    const gUserGmf = eg.userGmf, gItemGmf = eg.itemGmf, gUserMlp = eg.userMlp, gItemMlp = eg.itemMlp;
    const gOutGmf = dg.outGmf, gOutMlp = dg.outMlp;
    const dims = this.dims, L = dims.length - 1;
    const d = this.dOut;
    this.logits(users, items, n, d);
    let loss = 0, dBias = 0;
    for (let b = 0; b < n; b++) {
      const x = d[b], y = labels[b];
      // Stable BCE on the logit: max(x, 0) − x·y + log(1 + e^(−|x|)).
      loss += Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
      d[b] = (1 / (1 + Math.exp(-x)) - y) / n;
      dBias += d[b];
    }
    dg.outBias[0] = dBias;
    // GMF tower (with the per-pair L2 term folded in: c·θ for each row a pair uses).
    const gmf = this.gmf, c = l2 / n;
    let penalty = 0;
    gOutGmf.fill(0);
    for (let b = 0; b < n; b++) {
      const db = d[b], uo = users[b] * f, io = items[b] * f, go = b * f;
      for (let a = 0; a < f; a++) {
        gOutGmf[a] += db * gmf[go + a];
        const g = db * outGmf[a], pu = userGmf[uo + a], qi = itemGmf[io + a];
        gUserGmf[uo + a] += g * qi + c * pu;
        gItemGmf[io + a] += g * pu + c * qi;
        penalty += pu * pu + qi * qi;
      }
    }
    if (L > 0) {
      const last = this.acts[L], h = dims[L], top = this.deltas[L];
      gOutMlp.fill(0);
      for (let b = 0; b < n; b++) {
        const db = d[b], o = b * h;
        for (let j = 0; j < h; j++) {
          const a = last[o + j];
          gOutMlp[j] += db * a;
          top[o + j] = a > 0 ? db * outMlp[j] : 0;
        }
      }
      for (let l = L; l >= 1; l--) {
        const delta = this.deltas[l], width = dims[l], fanIn = dims[l - 1];
        matmulTransA(this.acts[l - 1], n, fanIn, delta, width, dg.kernels[l - 1]);
        const gb = dg.biases[l - 1];
        gb.fill(0);
        for (let b = 0; b < n; b++) for (let j = 0; j < width; j++) gb[j] += delta[b * width + j];
        // ReLU's derivative is 0 where the activation is 0: the activation itself is the mask.
        matmulTransB(delta, n, width, kernels[l - 1], fanIn, this.deltas[l - 1], l > 1 ? this.acts[l - 1] : null);
      }
      const dz = this.deltas[0];
      for (let b = 0; b < n; b++) {
        const uo = users[b] * dm, io = items[b] * dm, zo = b * 2 * dm;
        for (let a = 0; a < dm; a++) {
          const pu = userMlp[uo + a], qi = itemMlp[io + a];
          gUserMlp[uo + a] += dz[zo + a] + c * pu;
          gItemMlp[io + a] += dz[zo + dm + a] + c * qi;
          penalty += pu * pu + qi * qi;
        }
      }
    }
    return (loss + 0.5 * l2 * penalty) / n;
  }
}

/**
 * Scores every item for one user (logits; the sigmoid would not change the order). The first MLP
 * layer splits into a user half and an item half, W₁ = [W_u; W_i]: `itemFirst` caches q'_i·W_i + b₁
 * for all items (nItems × layers[0], see {@link itemFirstLayer}) so a user costs one k × h product
 * plus the remaining small layers.
 *
 * @example
 * const cache = itemFirstLayer(shape, weights);
 * scoreAllItems(shape, weights, cache, user, scores);
 */
export function scoreAllItems(s: NeuMFShape, w: NeuMFWeights, itemFirst: Float64Array, user: number, out: Float64Array): void {
  const { nItems, factors: f, mlpFactors: dm, layers } = s;
  const itemGmf = w.itemGmf, userGmf = w.userGmf, outGmf = w.outGmf, bias = w.outBias[0];
  const uo = user * f;
  const ug = new Float64Array(f);
  for (let a = 0; a < f; a++) ug[a] = userGmf[uo + a] * outGmf[a];
  for (let i = 0; i < nItems; i++) {
    const io = i * f;
    let s0 = bias, s1 = 0;
    let a = 0;
    for (; a + 2 <= f; a += 2) {
      s0 += ug[a] * itemGmf[io + a];
      s1 += ug[a + 1] * itemGmf[io + a + 1];
    }
    if (a < f) s0 += ug[a] * itemGmf[io + a];
    out[i] = s0 + s1;
  }
  const L = layers.length;
  if (L === 0) return;
  const h1 = layers[0], W1 = w.kernels[0], userMlp = w.userMlp;
  const userPart = new Float64Array(h1);
  for (let a = 0; a < dm; a++) {
    const x = userMlp[user * dm + a];
    for (let j = 0; j < h1; j++) userPart[j] += x * W1[a * h1 + j];
  }
  let act = new Float64Array(nItems * h1);
  for (let i = 0; i < nItems; i++) {
    for (let j = 0; j < h1; j++) {
      const z = itemFirst[i * h1 + j] + userPart[j];
      act[i * h1 + j] = z > 0 ? z : 0;
    }
  }
  for (let l = 1; l < L; l++) {
    const next = new Float64Array(nItems * layers[l]);
    matmulBias(act, nItems, layers[l - 1], w.kernels[l], layers[l], w.biases[l], next);
    for (let j = 0; j < next.length; j++) if (next[j] < 0) next[j] = 0;
    act = next;
  }
  const h = layers[L - 1], outMlp = w.outMlp;
  for (let i = 0; i < nItems; i++) {
    let sum = 0;
    for (let j = 0; j < h; j++) sum += act[i * h + j] * outMlp[j];
    out[i] += sum;
  }
}

/** q'_i · W₁[dm:] + b₁ for every item (nItems × layers[0]); empty without an MLP tower. */
export function itemFirstLayer(s: NeuMFShape, w: NeuMFWeights): Float64Array {
  if (s.layers.length === 0) return new Float64Array(0);
  const { nItems, mlpFactors: dm } = s, h1 = s.layers[0];
  const out = new Float64Array(nItems * h1);
  // The item half of W₁ starts at row dm.
  matmulBias(w.itemMlp, nItems, dm, w.kernels[0].subarray(dm * h1), h1, w.biases[0], out);
  return out;
}
