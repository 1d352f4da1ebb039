/**
 * The benchmark targets of issue #3, judged on figures measured in the same run: fit-time ratio
 * trainyard / reference ≤ 1.0 against scikit-learn (logistic regression, linear SVM, MLP, histogram
 * GBDT) and ≤ 1.3 against XGBoost hist, at an equal-or-better held-out metric (0.01 tolerance, the
 * issue's quality bar); and on the 1M×40 set, peak memory ≤ 2× the float32 data.
 */
import type { ChildResult, ModelPair, TargetKind } from './task-types.js';

/** Highest allowed fit-time ratio per target kind. */
export const FIT_RATIO_TARGETS: Readonly<Record<TargetKind, number>> = { sklearn: 1.0, xgboost: 1.3 };

/** How much worse the held-out metric may be and still count as "equal". */
export const METRIC_TOLERANCE = 0.01;

/** Verdict of a pair against its fit-time target, and the ratio it is based on. */
export interface FitVerdict {
  fitRatio: number | null;
  targetText: string | null;
  verdict: string | null;
}

/** The metric the quality condition looks at (higher is better for both). */
function primaryMetric(r: ChildResult): number | null {
  const m = r.metrics ?? {};
  return m.accuracy ?? m.r2 ?? null;
}

/**
 * Ratio and PASS/MISS for one pair; the verdict is null when a side did not run or there is no target.
 *
 * @example
 * judgeFit(pair, { status: 'ok', fitSeconds: 0.5, metrics: { accuracy: 0.9 } }, { status: 'ok', fitSeconds: 1, metrics: { accuracy: 0.9 } });
 * // → { fitRatio: 0.5, targetText: '≤ 1.0', verdict: 'PASS' }
 */
export function judgeFit(pair: ModelPair, trainyard: ChildResult, reference: ChildResult): FitVerdict {
  const bothRan = trainyard.status === 'ok' && reference.status === 'ok' && trainyard.fitSeconds !== undefined && reference.fitSeconds;
  const fitRatio = bothRan ? trainyard.fitSeconds! / reference.fitSeconds! : null;
  if (!pair.target) return { fitRatio, targetText: null, verdict: null };
  const limit = FIT_RATIO_TARGETS[pair.target];
  const targetText = `≤ ${limit.toFixed(1)}`;
  if (fitRatio === null) return { fitRatio, targetText, verdict: null };
  const misses: string[] = [];
  if (fitRatio > limit) misses.push(`time ×${(fitRatio / limit).toFixed(2)}`);
  const ty = primaryMetric(trainyard);
  const ref = primaryMetric(reference);
  if (ty !== null && ref !== null && ty < ref - METRIC_TOLERANCE) misses.push(`metric −${(ref - ty).toFixed(3)}`);
  return { fitRatio, targetText, verdict: misses.length ? `MISS (${misses.join(', ')})` : 'PASS' };
}

/**
 * Peak memory above the runtime's own footprint (RSS after imports) over the float32 data size,
 * and its verdict against `limit`.
 *
 * @example
 * judgeMemory({ status: 'ok', peakMb: 350, baselineMb: 50 }, 160 * 2 ** 20, 2); // → { ratio: 1.875, verdict: 'PASS' }
 */
export function judgeMemory(r: ChildResult, dataBytes: number, limit: number): { ratio: number | null; verdict: string | null } {
  if (r.status !== 'ok' || r.peakMb === undefined || r.baselineMb === undefined) return { ratio: null, verdict: null };
  const ratio = ((r.peakMb - r.baselineMb) * 2 ** 20) / dataBytes;
  return { ratio, verdict: ratio <= limit ? 'PASS' : `MISS (×${(ratio / limit).toFixed(2)})` };
}
