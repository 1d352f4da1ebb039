/**
 * SAR — Smart Adaptive Recommendations, as Microsoft Recommenders' reference implementation defines it
 * (recommenders/models/sar/sar_singlenode.py; Microsoft's "SAR" algorithm description, 2017).
 *
 * 1. Item co-occurrence C = SᵀS over the binary "seen" matrix S (C_ij = number of users with both i
 *    and j, C_ii = number of users of i); counts below `threshold` are set to 0.
 * 2. Item similarity from C:
 *    - cooccurrence: C_ij
 *    - jaccard:      C_ij / (C_ii + C_jj − C_ij)
 *    - lift:         C_ij / (C_ii · C_jj)
 *    - cosine:       C_ij / √(C_ii · C_jj)
 *    (0 where the denominator is 0). The diagonal is kept, as in the reference.
 * 3. User affinity A_ui = Σ over u's events on i of value · 2^(−(T − t)/halfLife) with `timeDecay`
 *    (T = the latest training timestamp, the reference's default "now"), else the sum of the values
 *    (the reference keeps one rating per repeated pair there: dedupe events upstream for that).
 * 4. score(u, ·) = A_u,: · Sim.
 *
 * The similarity is stored sparse (only nonzero co-occurrences), so the model grows with the number of
 * co-occurring pairs rather than with nItems².
 */
import type { FitOptions, StateValue } from '../../../core/estimator.js';
import { DataError } from '../../../core/errors.js';
import { interactionsToCsr, type CsrMatrix, type Interactions } from '../../../core/interactions.js';
import { checkNumber, checkOneOf } from '../../../core/params.js';
import { checkInteractions } from '../interaction-checks.js';
import { forEachGramRow, scoreThroughItems, transposeCsr, userItemPairFromState, userItemRows } from './item-gram.js';
import { Recommender } from '../recommender.js';

const DAY_SECONDS = 86400;

/** Hyper-parameters of {@link SAR}. */
export interface SARParams {
  /** How co-occurrence counts become similarities. Default `jaccard`. */
  similarity: 'jaccard' | 'lift' | 'cooccurrence' | 'cosine';
  /** Co-occurrence counts below this are dropped (integer ≥ 1). Default 1. */
  threshold: number;
  /** Weight events by 2^(−age/halfLife); needs timestamps. Default false. */
  timeDecay: boolean;
  /** Half-life of the time decay, in days (timestamps are seconds). Default 30. */
  halfLifeDays: number;
}

/** Learned state of {@link SAR}. */
export interface SARFitted {
  /** User affinities A (user × item). */
  affinity: CsrMatrix;
  /** Item similarities (item × item), nonzero entries only. */
  similarity: CsrMatrix;
}

/**
 * @example
 * const sar = new SAR({ similarity: 'jaccard', timeDecay: true, halfLifeDays: 30 }).fit(interactions);
 * const scores = new Float64Array(interactions.nItems);
 * sar.scoreItems(0, scores); // then topK(scores, 10, seenItems)
 */
export class SAR extends Recommender<SARParams, SARFitted> {
  readonly type = 'sar';
  readonly feedback = 'ranking';

  constructor(params: Partial<SARParams> = {}) {
    super({ similarity: 'jaccard', threshold: 1, timeDecay: false, halfLifeDays: 30 }, params);
  }

  fit(data: Interactions, _options: FitOptions = {}): this {
    const owner = 'SAR';
    const similarity = checkOneOf(owner, 'similarity', this.params.similarity, ['jaccard', 'lift', 'cooccurrence', 'cosine'] as const);
    const threshold = checkNumber(owner, 'threshold', this.params.threshold, { min: 1, integer: true });
    const timeDecay = checkOneOf(owner, 'timeDecay', this.params.timeDecay, [true, false] as const);
    const halfLifeDays = checkNumber(owner, 'halfLifeDays', this.params.halfLifeDays, { min: 0, exclusiveMin: true });
    checkInteractions(owner, data);
    const affinity = interactionsToCsr(timeDecay ? decayed(data, halfLifeDays * DAY_SECONDS) : data);
    const S = userItemRows(data, true), St = transposeCsr(S);
    const nItems = data.nItems;
    // C_ii = number of users of i; thresholded like every other count.
    const count = new Float64Array(nItems);
    for (let i = 0; i < nItems; i++) {
      const c = St.indptr[i + 1] - St.indptr[i];
      count[i] = c >= threshold ? c : 0;
    }
    const indptr = new Int32Array(nItems + 1);
    let indices = new Int32Array(Math.max(16, 4 * S.indices.length)), values = new Float64Array(indices.length), nnz = 0;
    forEachGramRow(S, St, (i, row, touched, n) => {
      for (let t = 0; t < n; t++) {
        const j = touched[t], c = row[j];
        if (c < threshold) continue;
        let s: number;
        if (similarity === 'cooccurrence') s = c;
        else {
          const den = similarity === 'jaccard' ? count[i] + count[j] - c : similarity === 'lift' ? count[i] * count[j] : Math.sqrt(count[i] * count[j]);
          s = den > 0 ? c / den : 0;
        }
        if (s === 0) continue;
        if (nnz === indices.length) {
          // Grow by doubling: the number of co-occurring pairs is not known before the pass.
          const moreIdx = new Int32Array(2 * nnz), moreVal = new Float64Array(2 * nnz);
          moreIdx.set(indices);
          moreVal.set(values);
          indices = moreIdx;
          values = moreVal;
        }
        indices[nnz] = j;
        values[nnz++] = s;
      }
      indptr[i + 1] = nnz;
    }, true);
    this.fitted = {
      affinity,
      similarity: { nRows: nItems, nCols: nItems, indptr, indices: indices.slice(0, nnz), values: values.slice(0, nnz) },
    };
    return this;
  }

  scoreItems(user: number, out: Float64Array): void {
    const { affinity, similarity } = this.requireFitted();
    scoreThroughItems(affinity, similarity, user, out);
  }

  get shape(): { nUsers: number; nItems: number } {
    const f = this.requireFitted();
    return { nUsers: f.affinity.nRows, nItems: f.affinity.nCols };
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): SARFitted {
    const [affinity, similarity] = userItemPairFromState(fitted, 'affinity', 'similarity');
    return { affinity, similarity };
  }
}

/** The events with values multiplied by 2^(−(T − t)/halfLife), T the latest timestamp. */
function decayed(data: Interactions, halfLifeSeconds: number): Interactions {
  const ts = data.timestamps;
  if (!ts) throw new DataError('SAR: timeDecay needs event timestamps; give the data a timestamp column or set timeDecay: false', { estimator: 'SAR', param: 'timeDecay' });
  let now = -Infinity;
  for (let e = 0; e < ts.length; e++) {
    if (!Number.isFinite(ts[e])) throw new DataError(`SAR: interaction ${e} has timestamp ${ts[e]}; time decay needs finite timestamps (seconds)`, { estimator: 'SAR', row: e, value: ts[e] });
    if (ts[e] > now) now = ts[e];
  }
  const values = new Float64Array(ts.length);
  for (let e = 0; e < ts.length; e++) values[e] = data.values[e] * Math.pow(2, -(now - ts[e]) / halfLifeSeconds);
  return { ...data, values };
}
