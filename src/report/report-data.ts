/**
 * The numbers behind a run report. `trainyard run` writes this object as `report.json` and renders
 * the same object into a self-contained `report.html`, so the two can never disagree.
 */

/** One candidate configuration's cross-validation result. */
export interface LeaderboardRow {
  rank: number;
  model: string;
  params: Record<string, unknown>;
  /** Selection metric per fold, in fold order. */
  foldScores: number[];
  mean: number;
  std: number;
  fitSeconds: number;
}

export interface Curve {
  x: number[];
  y: number[];
  /** Area under the curve (ROC AUC or average precision). */
  area: number;
}

export interface LearningCurve {
  /** Training loss per epoch. */
  loss: number[];
  /** Validation score per epoch (present when early stopping is on). */
  validationScore?: number[];
  /** Epoch (0-based) whose weights were kept. */
  bestEpoch?: number;
}

export interface NestedCvResult {
  folds: number;
  /** Outer-fold scores of the selection metric, in fold order. */
  scores: number[];
  mean: number;
  std: number;
  /** The configuration the inner search picked in each outer fold. */
  bestPerFold: { model: string; params: Record<string, unknown> }[];
}

export interface ReportData {
  runId: string;
  name: string;
  createdAt: string;
  trainyardVersion: string;
  task: 'binary' | 'multiclass' | 'regression';
  data: {
    source: string;
    rows: number;
    trainRows: number;
    testRows: number;
    target: string;
    /** Class labels (classification) in the order used by `confusionMatrix`. */
    classes?: string[];
    features: number;
    /** Human-readable notes from cleaning: coerced values, dropped rows/columns. */
    cleaning: string[];
  };
  selection: {
    metric: string;
    cv: number;
    leaderboard: LeaderboardRow[];
    /** Nested CV: the whole search re-run inside each outer fold, scored on the fold's held-out rows. */
    nested?: NestedCvResult;
  };
  best: { model: string; params: Record<string, unknown>; cvScore: number };
  /** Held-out test metrics, keyed as in the `--json` line (accuracy, f1, rocAuc, ...). */
  test: Record<string, number | number[][] | null>;
  curves: {
    roc?: Curve;
    pr?: Curve;
    learning?: LearningCurve;
  };
  durations: Record<string, number>;
  modelPath: string;
}
