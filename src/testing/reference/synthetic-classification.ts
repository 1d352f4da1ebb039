/**
 * A seeded classification data set in the style of scikit-learn's `make_classification` (after Guyon
 * 2003, the NIPS feature-selection challenge design): each class owns `clustersPerClass` Gaussian
 * clusters centred on vertices of a hypercube of side 2·classSep in the informative subspace, the
 * informative features are mixed by a random linear map, `redundant` features are random linear
 * combinations of them, the rest are noise, and a `flipY` fraction of labels is reassigned at random.
 * Used by tests and benchmarks so TypeScript and Python can train on the very same rows.
 */
import { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';

/** Options of `makeClassification` (defaults in brackets). */
export interface MakeClassificationOptions {
  rows: number;
  /** Total features [20]. */
  features?: number;
  /** Informative features [5]. */
  informative?: number;
  /** Linear combinations of the informative features [5]. */
  redundant?: number;
  /** Number of classes [2]. */
  classes?: number;
  /** Gaussian clusters per class [2]. */
  clustersPerClass?: number;
  /** Half the hypercube side [1]. */
  classSep?: number;
  /** Fraction of labels drawn at random [0.01]. */
  flipY?: number;
  seed?: number;
}

/** Generates `rows` × `features` data and labels 0 .. classes-1 (rows in random order). */
export function makeClassification(options: MakeClassificationOptions): { X: Matrix; y: Float64Array } {
  const n = options.rows;
  const d = options.features ?? 20;
  const inf = options.informative ?? 5;
  const red = options.redundant ?? 5;
  const k = options.classes ?? 2;
  const cpc = options.clustersPerClass ?? 2;
  const sep = options.classSep ?? 1;
  const flip = options.flipY ?? 0.01;
  if (inf + red > d || inf < 1 || 2 ** inf < k * cpc) throw new RangeError('makeClassification: inconsistent feature counts');
  const rng = new Rng(options.seed ?? 0);
  const nClusters = k * cpc;
  // Distinct hypercube vertices for the cluster centroids.
  const used = new Set<number>();
  const centroids: Float64Array[] = [];
  while (centroids.length < nClusters) {
    const v = rng.int(2 ** inf);
    if (used.has(v)) continue;
    used.add(v);
    centroids.push(Float64Array.from({ length: inf }, (_, j) => ((v >> j) & 1 ? sep : -sep)));
  }
  // One random linear map per cluster gives each cluster its own covariance, as sklearn does.
  const mixes = centroids.map(() => Float64Array.from({ length: inf * inf }, () => 2 * rng.random() - 1));
  const redundantMap = Float64Array.from({ length: inf * red }, () => 2 * rng.random() - 1);
  const X = new Matrix(n, d);
  const y = new Float64Array(n);
  const z = new Float64Array(inf);
  for (let i = 0; i < n; i++) {
    const c = i % nClusters;
    y[i] = c % k;
    for (let a = 0; a < inf; a++) z[a] = rng.normal();
    const row = X.row(i);
    const m = mixes[c];
    for (let a = 0; a < inf; a++) {
      let s = centroids[c][a];
      for (let b = 0; b < inf; b++) s += z[b] * m[b * inf + a];
      row[a] = s;
    }
    for (let r = 0; r < red; r++) {
      let s = 0;
      for (let a = 0; a < inf; a++) s += row[a] * redundantMap[a * red + r];
      row[inf + r] = s;
    }
    for (let j = inf + red; j < d; j++) row[j] = rng.normal();
    if (rng.random() < flip) y[i] = rng.int(k);
  }
  const order = rng.permutation(n);
  return { X: X.takeRows(order), y: Float64Array.from(order, (i) => y[i]) };
}
