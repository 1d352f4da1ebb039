/**
 * What selection works on, for tabular CV and recommender selection alike: the candidate
 * configurations, the fold tasks that score them (plain JSON, naming their data by content hash) and
 * the score each task returns.
 */

/** One configuration of one candidate's parameter grid (or random sample). */
export interface CandidateConfig {
  candidate: number;
  config: number;
  model: string;
  params: Record<string, unknown>;
}

/** What every fold task carries, tabular (`cv-fold`) or recommender (`rec-fold`). */
export interface FoldTaskBase {
  /** Unique within a run: `c<candidate>.<config>/f<fold>`. */
  id: string;
  /** sha256 of the data snapshot. */
  dataset: string;
  candidate: number;
  config: number;
  /** Registry name of the model. */
  model: string;
  params: Record<string, unknown>;
  /** Index of the fold. */
  fold: number;
}

/** What every fold task returns (a recommender task adds its metrics). */
export interface CvTaskResult {
  taskId: string;
  score: number;
  /** The model's fit alone (the fold's preprocessing is shared by every candidate). */
  fitSeconds: number;
}
