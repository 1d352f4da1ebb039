/**
 * Baseline predictor r̂_ui = μ + b_u + b_i: Koren (2010), "Factor in the neighbors: scalable and
 * accurate collaborative filtering" (ACM TKDD 4(1)), section 2.1, as Surprise's `BaselineOnly`
 * fits it (surprise/prediction_algorithms/algo_base.py, `baseline_als` / `baseline_sgd`):
 *
 * - `als` (default): alternating closed-form updates of the regularised least-squares problem, items
 *   first, each epoch:
 *     b_i = Σ_{u∈R(i)} (r_ui − μ − b_u) / (λ_i + |R(i)|),   b_u = Σ_{i∈R(u)} (r_ui − μ − b_i) / (λ_u + |R(u)|)
 *   — one epoch from b_u = 0 is exactly Koren's decoupled estimate (λ2 = λ_i, λ3 = λ_u).
 * - `sgd`: per rating, e = r_ui − μ − b_u − b_i; b_u += γ(e − λ b_u); b_i += γ(e − λ b_i), over the
 *   ratings in their input order (as Surprise does: no randomness, so no seed).
 *
 * Defaults are Surprise's (λ_u = 15, λ_i = 10, 10 epochs; γ = 0.005, λ = 0.02 for SGD), which give
 * RMSE 0.944 on MovieLens 100K (5-fold) in Surprise's benchmark.
 */
import type { FitOptions } from '../../core/estimator.js';
import type { Interactions } from '../../core/interactions.js';
import { checkNumber, checkOneOf } from '../../core/params.js';
import { BiasedFactorsRecommender } from './factorization/rating-factors.js';

/** Hyper-parameters of {@link BaselineOnly}. */
export interface BaselineParams {
  /** `als`: alternating closed-form bias updates; `sgd`: stochastic gradient descent. Default `als`. */
  method: 'als' | 'sgd';
  /** Passes over the data (ALS: item then user update). Default 10. */
  epochs: number;
  /** ALS: λ_u, the shrinkage of user biases toward 0 (in "pseudo-ratings"). Default 15. */
  userRegularization: number;
  /** ALS: λ_i, the shrinkage of item biases toward 0. Default 10. */
  itemRegularization: number;
  /** SGD: step size γ. Default 0.005. */
  learningRate: number;
  /** SGD: L2 penalty λ per update. Default 0.02. */
  regularization: number;
}

/**
 * @example
 * const base = new BaselineOnly().fit(ratings);
 * base.predictRatings(Int32Array.of(0, -1), Int32Array.of(5, 5)); // μ + b_0 + b_5, then μ + b_5
 */
export class BaselineOnly extends BiasedFactorsRecommender<BaselineParams> {
  readonly type = 'baseline';
  protected readonly owner = 'BaselineOnly';

  constructor(params: Partial<BaselineParams> = {}) {
    super({ method: 'als', epochs: 10, userRegularization: 15, itemRegularization: 10, learningRate: 0.005, regularization: 0.02 }, params);
  }

  /** Fits the biases; `options.onEpochEnd` receives the training mean squared error after each epoch. */
  fit(data: Interactions, options: FitOptions = {}): this {
    const owner = this.owner;
    const p = this.params;
    const method = checkOneOf(owner, 'method', p.method, ['als', 'sgd'] as const);
    const epochs = checkNumber(owner, 'epochs', p.epochs, { min: 0, integer: true });
    const regU = checkNumber(owner, 'userRegularization', p.userRegularization, { min: 0 });
    const regI = checkNumber(owner, 'itemRegularization', p.itemRegularization, { min: 0 });
    const lr = checkNumber(owner, 'learningRate', p.learningRate, { min: 0, exclusiveMin: true });
    const reg = checkNumber(owner, 'regularization', p.regularization, { min: 0 });
    const stats = this.checkedStats(data);
    const { users, items, values } = data;
    const mu = stats.globalMean, n = values.length;
    const bu = new Float64Array(data.nUsers), bi = new Float64Array(data.nItems);
    for (let epoch = 0; epoch < epochs; epoch++) {
      if (method === 'als') {
        // A bias with no ratings stays 0 (0 / λ); with λ = 0 it would be 0/0, hence the guard.
        bi.fill(0);
        for (let e = 0; e < n; e++) bi[items[e]] += values[e] - mu - bu[users[e]];
        for (let i = 0; i < bi.length; i++) bi[i] = stats.itemCounts[i] > 0 ? bi[i] / (regI + stats.itemCounts[i]) : 0;
        bu.fill(0);
        for (let e = 0; e < n; e++) bu[users[e]] += values[e] - mu - bi[items[e]];
        for (let u = 0; u < bu.length; u++) bu[u] = stats.userCounts[u] > 0 ? bu[u] / (regU + stats.userCounts[u]) : 0;
      } else {
        for (let e = 0; e < n; e++) {
          const u = users[e], i = items[e];
          const err = values[e] - mu - bu[u] - bi[i];
          bu[u] += lr * (err - reg * bu[u]);
          bi[i] += lr * (err - reg * bi[i]);
        }
      }
      if (options.onEpochEnd) {
        let sse = 0;
        for (let e = 0; e < n; e++) sse += (values[e] - mu - bu[users[e]] - bi[items[e]]) ** 2;
        options.onEpochEnd({ epoch: epoch + 1, loss: sse / n });
      }
    }
    this.storeFitted(data, stats, 0, bu, bi, new Float64Array(0), new Float64Array(0));
    return this;
  }
}
