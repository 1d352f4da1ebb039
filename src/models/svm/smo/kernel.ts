/**
 * Kernel functions of libsvm (`svm.cpp`, `Kernel::k_function`): linear `x·z`, polynomial
 * `(γ x·z + coef0)^degree`, RBF `exp(−γ |x − z|²)` (computed as `|x|² + |z|² − 2 x·z` from
 * precomputed squared norms, as libsvm's `kernel_rbf` does) and sigmoid `tanh(γ x·z + coef0)`.
 * Every kernel here is a function of the dot product (plus the norms for RBF), so kernel rows are a
 * batch of dot products followed by one cheap element-wise map.
 */

/** Kernel names, as scikit-learn spells them. */
export type KernelName = 'rbf' | 'poly' | 'linear' | 'sigmoid';

export const KERNELS: readonly KernelName[] = ['rbf', 'poly', 'linear', 'sigmoid'];

/** A kernel with its resolved parameters (gamma already a number). */
export interface KernelSpec {
  kernel: KernelName;
  gamma: number;
  degree: number;
  coef0: number;
}

/**
 * `base^times` by repeated squaring — libsvm's `powi`, kept identical so polynomial rows match it.
 *
 * @example
 * powi(2, 10); // 1024
 */
export function powi(base: number, times: number): number {
  let tmp = base, ret = 1;
  for (let t = times; t > 0; t = Math.floor(t / 2)) {
    if (t % 2 === 1) ret *= tmp;
    tmp *= tmp;
  }
  return ret;
}

/**
 * Maps dot products to kernel values in place: `v[t] = K` for `t` in `[from, to)`, where `v[t]` holds
 * `x · z_t`, `sqX = |x|²` and `sqZ[targets[t]]` (or `sqZ[t]` when `targets` is null) is `|z_t|²`.
 *
 * @example
 * applyKernel({ kernel: 'rbf', gamma: 0.5, degree: 3, coef0: 0 }, dots, 0, n, sqNormOfX, sqNorms, null);
 */
export function applyKernel(
  spec: KernelSpec,
  v: Float64Array,
  from: number,
  to: number,
  sqX: number,
  sqZ: Float64Array,
  targets: Int32Array | null,
): void {
  const { gamma, coef0, degree } = spec;
  switch (spec.kernel) {
    case 'linear':
      return;
    case 'rbf':
      for (let t = from; t < to; t++) v[t] = Math.exp(-gamma * (sqX + sqZ[targets === null ? t : targets[t]] - 2 * v[t]));
      return;
    case 'poly':
      for (let t = from; t < to; t++) v[t] = powi(gamma * v[t] + coef0, degree);
      return;
    case 'sigmoid':
      for (let t = from; t < to; t++) v[t] = Math.tanh(gamma * v[t] + coef0);
      return;
  }
}

/**
 * One kernel value from a dot product and the two squared norms.
 *
 * @example
 * kernelOfDot({ kernel: 'poly', gamma: 1, degree: 2, coef0: 1 }, 3, 0, 0); // (3 + 1)² = 16
 */
export function kernelOfDot(spec: KernelSpec, dot: number, sqX: number, sqZ: number): number {
  switch (spec.kernel) {
    case 'linear':
      return dot;
    case 'rbf':
      return Math.exp(-spec.gamma * (sqX + sqZ - 2 * dot));
    case 'poly':
      return powi(spec.gamma * dot + spec.coef0, spec.degree);
    case 'sigmoid':
      return Math.tanh(spec.gamma * dot + spec.coef0);
  }
}
