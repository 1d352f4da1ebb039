/**
 * The numbers behind a `task: recommend` run's report: `trainyard run` writes this object as
 * `report.json` and renders the same object into `report.html` (render-recommend-html.ts). Plain data,
 * so the report layer never needs the experiment code that computed it.
 */
import type { LeaderboardRow } from './report-data.js';

/** Users and items of a test part that training never saw. */
export interface ColdStartCounts {
  testEvents: number;
  coldUsers: number;
  coldItems: number;
  coldEvents: number;
  /** Test users the ranking metrics were averaged over (test users with training events). */
  rankedUsers: number;
}

/** A bootstrap confidence interval of a mean over users. */
export interface MetricInterval {
  low: number;
  high: number;
  level: number;
}

export interface RecommendReportData {
  runId: string;
  name: string;
  createdAt: string;
  trainyardVersion: string;
  task: 'recommend';
  data: {
    source: string;
    /** Rows read, before filters and dedupe. */
    rows: number;
    events: number;
    users: number;
    items: number;
    feedback: 'explicit' | 'implicit';
    columns: Record<string, string>;
    preprocessing: Record<string, number>;
    notes: string[];
  };
  split: { method: string; folds: number; trainEvents: number; testEvents: number; seed: number; test?: number };
  selection: {
    metric: string;
    direction: 'max' | 'min';
    /** What the leaderboard's folds are: an inner split of the training part, the CV folds, or none. */
    scheme: 'inner-holdout' | 'cross-validation' | 'skipped';
    folds: number;
    leaderboard: LeaderboardRow[];
  };
  best: { model: string; params: Record<string, unknown>; cvScore: number | null };
  /** Keyed exactly as `evaluate.metrics` is written. */
  test: Record<string, number | null>;
  /** k-fold runs: the best configuration's metrics per fold (their mean is `test`). */
  foldTests?: Record<string, number | null>[];
  /** Bootstrap intervals over users for the ranking metrics in `test`. */
  confidence: Record<string, MetricInterval>;
  coldStart: ColdStartCounts;
  /** Popularity (ranking metrics) and the training mean (rating metrics) on the same split. */
  baselines: { popularity: Record<string, number | null>; globalMean: Record<string, number | null> };
  durations: Record<string, number>;
  modelPath: string;
}
