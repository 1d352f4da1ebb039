/**
 * The shapes of the /api/v1 responses the dashboard reads (see the server's OpenAPI document). The
 * report is the same `ReportData` object `trainyard run` writes as report.json.
 */
import type { ReportData, LeaderboardRow } from '../../src/report/report-data';
import type { RecommendReportData } from '../../src/report/recommend-report-data';

export type { ReportData, LeaderboardRow, RecommendReportData };

/** What the store records; 'pending' is tolerated for a run queued on the server. */
export type RunStatus = 'pending' | 'running' | 'finished' | 'failed' | 'interrupted';

export interface Session {
  name: string;
  scope: 'read' | 'run' | 'predict' | 'admin';
}

export interface RunProgress {
  stage: string;
  done: number;
  total: number;
}

export interface RunSummary {
  id: string;
  name: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  durationSeconds: number | null;
  specHash: string;
  tags: Record<string, string>;
  note: string | null;
  metrics: Record<string, number>;
  model: string | null;
  progress?: RunProgress;
}

export interface RunList {
  runs: RunSummary[];
  total: number;
  limit: number;
  offset: number;
}

export interface Artifact {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface Registration {
  name: string;
  version: number;
  aliases: string[];
}

export interface RunDetail extends RunSummary {
  spec: unknown;
  params: Record<string, unknown>;
  error?: { code: string; message: string };
  report: ReportData | RecommendReportData | null;
  artifacts: Artifact[];
  registered: Registration[];
}

export interface ModelSummary {
  name: string;
  latestVersion: number;
  updatedAt: string;
  aliases: Record<string, number>;
}

export interface ModelVersion {
  version: number;
  runId: string;
  artifact: string;
  metrics: Record<string, number>;
  createdAt: string;
  specHash: string;
  dataSha256: string | null;
  description: string | null;
  tags: Record<string, string>;
  aliases: string[];
}

export interface ModelDetail extends ModelSummary {
  versions: ModelVersion[];
}

export interface ClusterWorker {
  id: string;
  host: string;
  pid: number | null;
  version: string | null;
  lastHeartbeat: string;
  tasksDone: number | null;
}

export interface ClusterState {
  mode: 'local' | 'cluster';
  localWorkers?: number;
  queue?: { name: string; waiting: number; active: number; delayed: number; failed: number };
  workers: ClusterWorker[];
  runs: { pending: number; running: number };
  failedTasks: { runId: string; taskId: string; code: string; message: string }[];
}

export interface SpecValidation {
  valid: boolean;
  task?: string;
  errors?: { path: string; message: string }[];
}

/** Server-sent events of `GET /runs/{id}/events`. */
export type RunEvent =
  | { type: 'status'; status: RunStatus }
  | { type: 'stage'; name: string; detail?: string }
  | { type: 'tasks'; done: number; total: number; failed?: number }
  | { type: 'fold'; model: string; params: Record<string, unknown>; fold: number; score: number }
  | { type: 'epoch'; epoch: number; loss: number; validationScore?: number }
  | { type: 'end'; status: RunStatus; error?: { code: string; message: string } };
