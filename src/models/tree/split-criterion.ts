/**
 * Impurity criteria for the split search — scikit-learn's `sklearn/tree/_criterion.pyx` (`Gini`,
 * `Entropy`, `MSE`): node totals, an incremental "left child" as samples move left in sorted order,
 * the cheap proxy the search maximises, and the exact child impurities of the chosen split.
 *
 * Proxies differ from sklearn's by a constant per node (Gini: Σ l²/wₗ + Σ r²/wᵣ instead of
 * −wₗ·giniₗ − wᵣ·giniᵣ), which ranks splits identically and saves work on the hot path.
 */

/** What the splitter needs from a criterion. */
export interface SplitCriterion {
  /** Weighted samples in the current node. */
  wTotal: number;
  /** Weighted samples moved to the left child since the last {@link reset}. */
  wLeft: number;
  /** Computes the node's totals over `samples[start..end)`. */
  initNode(samples: Int32Array, start: number, end: number): void;
  nodeImpurity(): number;
  /** Empties the left child. */
  reset(): void;
  /** Moves one sample to the left child. */
  add(sample: number): void;
  /** A score that ranks candidate splits like their impurity decrease (higher is better). */
  proxy(): number;
  /** Impurities of the left and right child for the current left/right division. */
  childImpurities(out: Float64Array): void;
  /** Writes the node's prediction (class fractions, or the mean) at `out[offset..]`. */
  nodeValue(out: Float64Array, offset: number): void;
  /** Size of one histogram bin's statistics (see {@link accumulate}). */
  readonly stride: number;
  /** Adds one sample's statistics to the bin at `stats[offset .. offset + stride)`. */
  accumulate(sample: number, stats: Float64Array, offset: number): void;
  /** Moves a whole bin (filled by {@link accumulate}) to the left child. */
  addBin(stats: Float64Array, offset: number): void;
}

const LN2 = Math.LN2;

/**
 * Gini or entropy over `k` classes; `y` holds class indices, `w` sample weights.
 *
 * @example
 * const c = new ClassificationCriterion(Int32Array.of(0, 1, 1), Float64Array.of(1, 1, 1), 2, false);
 * c.initNode(Int32Array.of(0, 1, 2), 0, 3);
 * c.nodeImpurity(); // 1 − (1/9 + 4/9) = 0.444…
 */
export class ClassificationCriterion implements SplitCriterion {
  wTotal = 0;
  wLeft = 0;
  private readonly total: Float64Array;
  private readonly left: Float64Array;

  constructor(
    private readonly y: Int32Array,
    private readonly w: Float64Array,
    private readonly k: number,
    private readonly entropy: boolean,
  ) {
    this.total = new Float64Array(k);
    this.left = new Float64Array(k);
    this.stride = k + 1;
  }

  initNode(samples: Int32Array, start: number, end: number): void {
    const { total, y, w } = this;
    total.fill(0);
    let wt = 0;
    for (let i = start; i < end; i++) {
      const s = samples[i];
      total[y[s]] += w[s];
      wt += w[s];
    }
    this.wTotal = wt;
  }

  nodeImpurity(): number {
    return this.impurityOf(this.total, this.wTotal, null);
  }

  reset(): void {
    this.left.fill(0);
    this.wLeft = 0;
  }

  add(sample: number): void {
    const ws = this.w[sample];
    this.left[this.y[sample]] += ws;
    this.wLeft += ws;
  }

  readonly stride: number;

  accumulate(sample: number, stats: Float64Array, offset: number): void {
    const ws = this.w[sample];
    stats[offset + this.y[sample]] += ws;
    stats[offset + this.k] += ws;
  }

  addBin(stats: Float64Array, offset: number): void {
    const { left, k } = this;
    for (let c = 0; c < k; c++) left[c] += stats[offset + c];
    this.wLeft += stats[offset + k];
  }

  proxy(): number {
    const { left, total, k } = this;
    const wl = this.wLeft, wr = this.wTotal - wl;
    if (!this.entropy) {
      let sl = 0, sr = 0;
      for (let c = 0; c < k; c++) {
        const l = left[c], r = total[c] - l;
        sl += l * l;
        sr += r * r;
      }
      return sl / wl + sr / wr;
    }
    // −(wₗ·Hₗ + wᵣ·Hᵣ) = Σ l·log(l/wₗ) + Σ r·log(r/wᵣ) (in bits, as sklearn).
    let s = 0;
    for (let c = 0; c < k; c++) {
      const l = left[c], r = total[c] - l;
      if (l > 0) s += l * Math.log(l / wl);
      if (r > 0) s += r * Math.log(r / wr);
    }
    return s / LN2;
  }

  childImpurities(out: Float64Array): void {
    out[0] = this.impurityOf(this.left, this.wLeft, null);
    out[1] = this.impurityOf(this.total, this.wTotal - this.wLeft, this.left);
  }

  /** Impurity of counts `a − minus` (or `a`) with weight `wt`. */
  private impurityOf(a: Float64Array, wt: number, minus: Float64Array | null): number {
    const k = this.k;
    if (!this.entropy) {
      let sq = 0;
      for (let c = 0; c < k; c++) {
        const v = minus ? a[c] - minus[c] : a[c];
        sq += v * v;
      }
      return 1 - sq / (wt * wt);
    }
    let h = 0;
    for (let c = 0; c < k; c++) {
      const v = minus ? a[c] - minus[c] : a[c];
      if (v > 0) {
        const p = v / wt;
        h -= p * (Math.log(p) / LN2);
      }
    }
    return h;
  }

  nodeValue(out: Float64Array, offset: number): void {
    const wt = this.wTotal;
    for (let c = 0; c < this.k; c++) out[offset + c] = this.total[c] / wt;
  }
}

/**
 * Squared error (variance) of a real target `y` with sample weights `w`.
 *
 * @example
 * const c = new RegressionCriterion(Float64Array.of(1, 3), Float64Array.of(1, 1));
 * c.initNode(Int32Array.of(0, 1), 0, 2);
 * c.nodeImpurity(); // 1
 */
export class RegressionCriterion implements SplitCriterion {
  wTotal = 0;
  wLeft = 0;
  private sumTotal = 0;
  private sqTotal = 0;
  private sumLeft = 0;
  private sqLeft = 0;

  constructor(
    private readonly y: Float64Array,
    private readonly w: Float64Array,
  ) {}

  initNode(samples: Int32Array, start: number, end: number): void {
    const { y, w } = this;
    let wt = 0, s = 0, sq = 0;
    for (let i = start; i < end; i++) {
      const j = samples[i];
      const wy = w[j] * y[j];
      wt += w[j];
      s += wy;
      sq += wy * y[j];
    }
    this.wTotal = wt;
    this.sumTotal = s;
    this.sqTotal = sq;
  }

  nodeImpurity(): number {
    const m = this.sumTotal / this.wTotal;
    return this.sqTotal / this.wTotal - m * m;
  }

  reset(): void {
    this.sumLeft = 0;
    this.sqLeft = 0;
    this.wLeft = 0;
  }

  add(sample: number): void {
    const ws = this.w[sample], wy = ws * this.y[sample];
    this.sumLeft += wy;
    this.sqLeft += wy * this.y[sample];
    this.wLeft += ws;
  }

  readonly stride = 3;

  accumulate(sample: number, stats: Float64Array, offset: number): void {
    const ws = this.w[sample], wy = ws * this.y[sample];
    stats[offset] += ws;
    stats[offset + 1] += wy;
    stats[offset + 2] += wy * this.y[sample];
  }

  addBin(stats: Float64Array, offset: number): void {
    this.wLeft += stats[offset];
    this.sumLeft += stats[offset + 1];
    this.sqLeft += stats[offset + 2];
  }

  proxy(): number {
    const sl = this.sumLeft, sr = this.sumTotal - sl;
    return (sl * sl) / this.wLeft + (sr * sr) / (this.wTotal - this.wLeft);
  }

  childImpurities(out: Float64Array): void {
    const wl = this.wLeft, wr = this.wTotal - wl;
    const ml = this.sumLeft / wl, mr = (this.sumTotal - this.sumLeft) / wr;
    out[0] = this.sqLeft / wl - ml * ml;
    out[1] = (this.sqTotal - this.sqLeft) / wr - mr * mr;
  }

  nodeValue(out: Float64Array, offset: number): void {
    out[offset] = this.sumTotal / this.wTotal;
  }
}
