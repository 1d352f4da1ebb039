/**
 * EASE^R — Steck (2019), "Embarrassingly Shallow Autoencoders for Sparse Data" (WWW): an item × item
 * weight matrix B with a zero diagonal, fitted in closed form to reconstruct X from X:
 *   min ‖X − XB‖²_F + λ‖B‖²_F  s.t. diag(B) = 0
 *   P = (XᵀX + λI)⁻¹,  B_ij = −P_ij / P_jj (i ≠ j),  B_jj = 0,
 * and score(u, ·) = X_u,: · B. The paper's reference code is the ten lines of numpy this follows.
 *
 * B is dense, so the model needs 8·nItems² bytes (23 MB for MovieLens 100K's 1682 items) and the fit
 * ~(2/3)·nItems³ multiply-adds (see dense-spd.ts); catalogues above {@link EASE_MAX_ITEMS} items are
 * refused with advice to filter rare items.
 */
import type { FitOptions, StateValue } from '../../../core/estimator.js';
import { DataError } from '../../../core/errors.js';
import type { CsrMatrix, Interactions } from '../../../core/interactions.js';
import { checkNumber, checkOneOf } from '../../../core/params.js';
import { stateArray } from '../../../core/state-check.js';
import { spdInverse } from '../factorization/dense-spd.js';
import { checkInteractions } from '../interaction-checks.js';
import { csrFromState, forEachGramRow, transposeCsr, userItemRows } from './item-gram.js';
import { Recommender } from '../recommender.js';

/** Largest catalogue EASE accepts: a dense 10,000² matrix is 800 MB. */
export const EASE_MAX_ITEMS = 10000;

/** Hyper-parameters of {@link EASE}. */
export interface EASEParams {
  /** L2 penalty λ > 0 added to the diagonal of XᵀX. Default 400 (tuned on MovieLens 100K). */
  lambda: number;
  /** Treat every interaction as 1 (implicit feedback); false uses ratings/weights. Default true. */
  binarize: boolean;
}

/** Learned state of {@link EASE}. */
export interface EASEFitted {
  /** Training rows (user × item), binarised when `binarize`. */
  history: CsrMatrix;
  /** nItems × nItems row-major weights, zero diagonal. */
  weights: Float64Array;
}

/**
 * @example
 * const ease = new EASE({ lambda: 400 }).fit(interactions);
 * const scores = new Float64Array(interactions.nItems);
 * ease.scoreItems(0, scores); // then topK(scores, 10, seenItems)
 */
export class EASE extends Recommender<EASEParams, EASEFitted> {
  readonly type = 'ease';
  readonly feedback = 'ranking';

  constructor(params: Partial<EASEParams> = {}) {
    super({ lambda: 400, binarize: true }, params);
  }

  fit(data: Interactions, _options: FitOptions = {}): this {
    const owner = 'EASE';
    const lambda = checkNumber(owner, 'lambda', this.params.lambda, { min: 0, exclusiveMin: true });
    const binarize = checkOneOf(owner, 'binarize', this.params.binarize, [true, false] as const);
    checkInteractions(owner, data);
    const n = data.nItems;
    if (n > EASE_MAX_ITEMS) {
      throw new DataError(
        `EASE: ${n} items would need a dense ${n} × ${n} matrix (${((8 * n * n) / 1e9).toFixed(1)} GB); EASE accepts at most ${EASE_MAX_ITEMS} items — drop rare items (min interactions per item) or use item_knn / sar`,
        { estimator: owner, value: n },
      );
    }
    const history = userItemRows(data, binarize);
    const G = new Float64Array(n * n);
    forEachGramRow(history, transposeCsr(history), (i, row, touched, m) => {
      for (let t = 0; t < m; t++) G[i * n + touched[t]] = row[touched[t]];
    });
    for (let i = 0; i < n; i++) G[i * n + i] += lambda;
    const P = spdInverse(G, n);
    // B = −P · diag(1/diag(P)) off the diagonal; reuse P's storage.
    const inv = new Float64Array(n);
    for (let j = 0; j < n; j++) inv[j] = -1 / P[j * n + j];
    for (let i = 0; i < n; i++) {
      const row = i * n;
      for (let j = 0; j < n; j++) P[row + j] *= inv[j];
      P[row + i] = 0;
    }
    this.fitted = { history, weights: P };
    return this;
  }

  scoreItems(user: number, out: Float64Array): void {
    const { history: X, weights: B } = this.requireFitted();
    const n = X.nCols;
    out.fill(0);
    for (let p = X.indptr[user]; p < X.indptr[user + 1]; p++) {
      const row = X.indices[p] * n, w = X.values[p];
      for (let j = 0; j < n; j++) out[j] += w * B[row + j];
    }
  }

  get shape(): { nUsers: number; nItems: number } {
    const f = this.requireFitted();
    return { nUsers: f.history.nRows, nItems: f.history.nCols };
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): EASEFitted {
    const history = csrFromState(fitted, 'history');
    return { history, weights: stateArray(fitted, 'weights', Float64Array, history.nCols * history.nCols) };
  }
}
