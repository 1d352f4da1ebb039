/**
 * Scoring new rows with a trained kernel SVM: kernel values against the support vectors (one batch
 * of dot products per row, `FeatureRows.dotsWith`), then libsvm's `svm_predict_values` — one
 * decision value per class pair, ρ subtracted — and scikit-learn's one-vs-rest view of them
 * (`sklearn/utils/multiclass.py::_ovr_decision_function`).
 */
import { Matrix } from '../../core/matrix.js';
import type { FeatureRows } from './smo/feature-rows.js';
import { applyKernel, type KernelSpec } from './smo/kernel.js';

/**
 * Kernel values of row `i` of `X` against every stored row, into `out`.
 *
 * @example
 * kernelRow(Xtest, 0, supportVectorRows, spec, out); // out[s] = K(x_0, sv_s)
 */
export function kernelRow(X: Matrix, i: number, sv: FeatureRows, spec: KernelSpec, out: Float64Array): void {
  const d = X.cols, x = X.data, o = i * d;
  let sq = 0;
  for (let c = o; c < o + d; c++) sq += x[c] * x[c];
  sv.dotsWith(x, o, null, 0, sv.rows, out);
  applyKernel(spec, out, 0, sv.rows, sq, sv.sqNorms, null);
}

/**
 * One-vs-one decision values, n × k(k−1)/2, in libsvm's orientation (positive → the pair's first
 * class). `svCoef` is `(k − 1) × nSV` as libsvm lays it out; support vectors are grouped by class.
 *
 * @example
 * const dec = ovoDecisions(X, svRows, spec, svCoef, nSupport, rho); // n × k(k−1)/2
 */
export function ovoDecisions(X: Matrix, sv: FeatureRows, spec: KernelSpec, svCoef: Float64Array, nSupport: Int32Array, rho: Float64Array): Matrix {
  const k = nSupport.length, nSV = sv.rows, pairs = rho.length;
  const out = new Matrix(X.rows, pairs);
  const kv = new Float64Array(nSV);
  const start = new Int32Array(k);
  for (let c = 1; c < k; c++) start[c] = start[c - 1] + nSupport[c - 1];
  for (let r = 0; r < X.rows; r++) {
    kernelRow(X, r, sv, spec, kv);
    for (let i = 0, p = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++, p++) {
        let s = 0;
        const c1 = (j - 1) * nSV, c2 = i * nSV;
        for (let t = start[i], e = t + nSupport[i]; t < e; t++) s += svCoef[c1 + t] * kv[t];
        for (let t = start[j], e = t + nSupport[j]; t < e; t++) s += svCoef[c2 + t] * kv[t];
        out.data[r * pairs + p] = s - rho[p];
      }
    }
  }
  return out;
}

/**
 * libsvm's vote: pair (i, j) votes i when its value is > 0; ties go to the lowest class index.
 *
 * @example
 * voteClasses(Matrix.fromRows([[1, -1, 1]]), 3); // [0]: a three-way tie goes to class 0
 */
export function voteClasses(dec: Matrix, k: number): Int32Array {
  const n = dec.rows, pairs = dec.cols, d = dec.data;
  const out = new Int32Array(n);
  const votes = new Int32Array(k);
  for (let r = 0; r < n; r++) {
    votes.fill(0);
    for (let i = 0, p = 0; i < k; i++) for (let j = i + 1; j < k; j++, p++) votes[d[r * pairs + p] > 0 ? i : j]++;
    let best = 0;
    for (let c = 1; c < k; c++) if (votes[c] > votes[best]) best = c;
    out[r] = best;
  }
  return out;
}

/**
 * scikit-learn's one-vs-rest decision (`decision_function_shape='ovr'`): votes plus the summed pair
 * confidences squashed into (−1/3, 1/3), so confidences only break ties between equal vote counts.
 *
 * @example
 * const scores = ovrFromOvo(dec, 3); // n × 3, argmax = predicted class index
 */
export function ovrFromOvo(dec: Matrix, k: number): Matrix {
  const n = dec.rows, pairs = dec.cols, d = dec.data;
  const out = new Matrix(n, k);
  const conf = new Float64Array(k);
  for (let r = 0; r < n; r++) {
    conf.fill(0);
    const o = out.data, base = r * k;
    for (let i = 0, p = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++, p++) {
        // scikit-learn works on −dec (positive → class j): conf_i −= −dec, conf_j += −dec.
        const v = d[r * pairs + p];
        conf[i] += v;
        conf[j] -= v;
        if (v < 0) o[base + j] += 1;
        else o[base + i] += 1;
      }
    }
    for (let c = 0; c < k; c++) o[base + c] += conf[c] / (3 * (Math.abs(conf[c]) + 1));
  }
  return out;
}
