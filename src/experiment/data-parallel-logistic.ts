/**
 * Data-parallel logistic regression (the scheme of Spark MLlib's distributed L-BFGS): the training
 * rows are cut into partitions that live with the workers (as content-addressed blobs in the store,
 * cached on each worker's disk); for every loss/gradient evaluation the coordinator sends the current
 * weights, each worker returns its partition's summed loss and gradient, and the coordinator adds the
 * partials in partition order (so the result does not depend on which worker answered first), adds
 * the L2 term and takes the L-BFGS step. Same objective as `LogisticRegression` (binary, L2).
 */
import { Queue, QueueEvents } from 'bullmq';
import { createHash } from 'node:crypto';
import { DataError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { encodeModel } from '../core/model-file.js';
import { DEFAULT_QUEUE, type ClusterJob } from '../execution/cluster-protocol.js';
import { bullConnection, probeRedis } from '../execution/redis-connection.js';
import { minimizeLbfgsAsync } from '../models/linear/lbfgs.js';
import { LogisticRegression } from '../models/linear/logistic-regression.js';
import type { Store } from '../tracking/store.js';
import { TRAINYARD_VERSION } from '../version.js';

/** A request for one partition's loss and gradient at weights `w`. */
export interface GradientTask {
  kind: 'lr-grad';
  id: string;
  /** sha256 of the partition blob (rows, cols, X, y01). */
  partition: string;
  fitIntercept: boolean;
  /** Weights as base64 float64 (binary exactness; JSON numbers would round-trip too, but slower). */
  w: string;
}

export interface GradientResult {
  loss: number;
  grad: string;
}

export interface DataParallelOptions {
  redisUrl: string;
  store: Store;
  /** Number of row partitions (e.g. one per worker). */
  partitions: number;
  /** Names the jobs; any unique string (e.g. the run id). */
  runId: string;
  queue?: string;
}

export interface LogisticParams {
  C?: number;
  maxIter?: number;
  tol?: number;
  fitIntercept?: boolean;
}

export const toBase64 = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
export const fromBase64 = (s: string): Float64Array => {
  const b = Buffer.from(s, 'base64');
  const out = new Float64Array(b.length / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
};

/** Fits a binary L2 logistic regression over `partitions` workers; returns a normal fitted estimator. */
export async function fitLogisticRegressionDataParallel(X: Matrix, y: ArrayLike<number>, params: LogisticParams, o: DataParallelOptions): Promise<LogisticRegression> {
  const C = params.C ?? 1;
  const fitIntercept = params.fitIntercept ?? true;
  const classes = Float64Array.from(new Set(Array.from(y))).sort();
  if (classes.length !== 2) throw new DataError(`data-parallel logistic regression needs exactly 2 classes, got ${classes.length}`);
  await probeRedis(o.redisUrl);
  const d = X.cols;
  const partitions: string[] = [];
  const per = Math.ceil(X.rows / o.partitions);
  for (let p = 0; p < o.partitions; p++) {
    const lo = p * per;
    const hi = Math.min(X.rows, lo + per);
    if (hi <= lo) break;
    const y01 = new Float64Array(hi - lo);
    for (let i = lo; i < hi; i++) y01[i - lo] = y[i] === classes[1] ? 1 : 0;
    const bytes = encodeModel({ rows: hi - lo, cols: d, X: X.data.slice(lo * d, hi * d), y01 });
    const sha = createHash('sha256').update(bytes).digest('hex');
    await o.store.putBlob(sha, bytes);
    partitions.push(sha);
  }
  const queueName = o.queue ?? DEFAULT_QUEUE;
  const queue = new Queue<ClusterJob<GradientTask>>(queueName, { connection: bullConnection(o.redisUrl) });
  const events = new QueueEvents(queueName, { connection: bullConnection(o.redisUrl) });
  await events.waitUntilReady();
  let evaluation = 0;
  const l2 = 1 / C;
  try {
    const fg = async (w: Float64Array, grad: Float64Array): Promise<number> => {
      const e = evaluation++;
      const wire = toBase64(w);
      const jobs = await queue.addBulk(
        partitions.map((partition, p) => ({
          name: 'lr-grad',
          data: { runId: o.runId, version: TRAINYARD_VERSION, task: { kind: 'lr-grad' as const, id: `lr${e}p${p}`, partition, fitIntercept, w: wire } },
          // Completed jobs stay briefly: waitUntilFinished reads the return value from the job.
          opts: { jobId: `${o.runId}__lr${e}p${p}`, attempts: 3, removeOnComplete: { age: 300, count: 10000 }, removeOnFail: { age: 300 } },
        })),
      );
      const partials = (await Promise.all(jobs.map((j) => j.waitUntilFinished(events)))) as GradientResult[];
      grad.fill(0);
      let loss = 0;
      for (const part of partials) {
        loss += part.loss;
        const g = fromBase64(part.grad);
        for (let j = 0; j < grad.length; j++) grad[j] += g[j];
      }
      for (let j = 0; j < d; j++) {
        loss += 0.5 * l2 * w[j] * w[j];
        grad[j] += l2 * w[j];
      }
      return loss;
    };
    const res = await minimizeLbfgsAsync(fg, new Float64Array(d + (fitIntercept ? 1 : 0)), { maxIter: params.maxIter ?? 100, gtol: params.tol ?? 1e-4 });
    const model = new LogisticRegression({ C, maxIter: params.maxIter ?? 100, tol: params.tol ?? 1e-4, fitIntercept });
    return model.restoreState({
      type: model.type,
      params: model.getParams() as never,
      fitted: { classes, coef: res.x.slice(0, d), intercept: Float64Array.of(fitIntercept ? res.x[d] : 0), nFeatures: d, nIter: res.iterations, mode: 'binary' },
    });
  } finally {
    await events.close();
    await queue.close();
  }
}
