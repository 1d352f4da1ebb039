/**
 * What synchronous data-parallel training of an `MlpNetwork` needs (the scheme of Dean et al. 2012's
 * synchronous SGD and of PyTorch's DistributedDataParallel: every worker computes the gradient of its
 * share of the global mini-batch at the same weights, the shares are summed): the parameters as one
 * flat vector in `MlpNetwork.parameters()` order (all weights, then all biases), and a partition's
 * *summed* cross-entropy and gradient without the L2 term — sums, not means, so partials of unequal
 * sizes add up to the whole batch's, and the coordinator adds the L2 term once.
 */
import type { MlpNetwork } from './mlp-network.js';

/** Rows per forward/backward pass inside {@link mlpGradientSum} (bounds the workspaces). */
const CHUNK_ROWS = 2048;

/**
 * Number of parameters of the network (weights then biases).
 *
 * @example
 * mlpParameterCount(net); // 40·64 + 64·32 + 32·1 + 64 + 32 + 1 for sizes [40, 64, 32, 1]
 */
export function mlpParameterCount(net: MlpNetwork): number {
  let n = 0;
  for (const p of net.parameters().params) n += p.length;
  return n;
}

/**
 * Number of weight (not bias) parameters: the leading part of the flat vector that L2 applies to.
 *
 * @example
 * const nW = mlpWeightCount(net); // flat[0..nW) are weights, flat[nW..) biases
 */
export function mlpWeightCount(net: MlpNetwork): number {
  let n = 0;
  for (const l of net.layers) n += l.weights.length;
  return n;
}

/**
 * The network's parameters as one flat vector (a copy).
 *
 * @example
 * const w = flattenMlpParameters(net);
 */
export function flattenMlpParameters(net: MlpNetwork, out = new Float64Array(mlpParameterCount(net))): Float64Array {
  let o = 0;
  for (const p of net.parameters().params) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Overwrites the network's parameters from a flat vector (the buffers keep their identity, so an
 * optimizer built over them keeps working).
 *
 * @example
 * loadMlpParameters(net, broadcastWeights);
 */
export function loadMlpParameters(net: MlpNetwork, flat: Float64Array): void {
  copyInto(net.parameters().params, flat);
}

/**
 * Overwrites the network's gradient buffers from a flat vector (what an optimizer step reads).
 *
 * @example
 * loadMlpGradients(net, averagedGradient);
 * optimizer.step();
 */
export function loadMlpGradients(net: MlpNetwork, flat: Float64Array): void {
  copyInto(net.parameters().grads, flat);
}

function copyInto(buffers: Float64Array[], flat: Float64Array): void {
  let o = 0;
  for (const b of buffers) {
    b.set(flat.subarray(o, o + b.length));
    o += b.length;
  }
  if (o !== flat.length) throw new RangeError(`MLP parameters: the network has ${o} values, the vector ${flat.length}`);
}

/**
 * Summed loss of `rows` rows of `X` (row-major) at the network's current weights — cross-entropy on
 * class indices `y`, or half the squared error on targets `y` for an identity output — and writes the
 * summed gradient (no L2 term) into `out` in flat parameter order.
 *
 * @example
 * const grad = new Float64Array(mlpParameterCount(net));
 * const lossSum = mlpGradientSum(net, Xbatch, yBatch, rows, grad);
 */
export function mlpGradientSum(net: MlpNetwork, X: Float64Array, y: Int32Array | Float64Array, rows: number, out: Float64Array): number {
  out.fill(0);
  const d = net.sizes[0];
  const { grads } = net.parameters();
  // An identity output is a regressor's (squared error on float targets); the others classify.
  const squared = net.outputActivation === 'identity';
  let loss = 0;
  for (let start = 0; start < rows; start += CHUNK_ROWS) {
    const m = Math.min(CHUNK_ROWS, rows - start);
    const xs = X.subarray(start * d, (start + m) * d);
    // backprop averages over the chunk; scaling by m turns the mean back into a sum.
    const mean = squared ? net.backpropSquared(xs, y.subarray(start, start + m) as Float64Array, m, 0) : net.backprop(xs, y.subarray(start, start + m) as Int32Array, m, 0);
    loss += mean * m;
    let o = 0;
    for (const g of grads) {
      for (let i = 0; i < g.length; i++) out[o + i] += g[i] * m;
      o += g.length;
    }
  }
  return loss;
}
