/**
 * Plain-text tables of benchmark results: per task, two lines per pair (trainyard, then its
 * reference) with fit / predict seconds, peak memory, held-out metrics, the fit-time ratio and the
 * target verdict. Everything is returned as a string, so tests and main print the same thing.
 */
import type { ChildResult, PairResult, TaskResult } from './task-types.js';

const MODEL_WIDTH = 40;

/** Columns of held-out metrics per task kind: [key, header, decimals]. */
const METRIC_COLUMNS: Record<'classification' | 'regression', [string, string, number][]> = {
  classification: [
    ['accuracy', 'accuracy', 4],
    ['f1', 'F1', 4],
    ['rocAuc', 'AUC', 4],
  ],
  regression: [
    ['rmse', 'RMSE', 0],
    ['r2', 'R²', 4],
  ],
};

function num(v: number | null | undefined, digits: number): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

function cut(s: string, width: number): string {
  return s.length <= width ? s.padEnd(width) : `${s.slice(0, width - 1)}…`;
}

function sideLine(name: string, side: string, r: ChildResult, metrics: [string, string, number][], extra: string[]): string {
  const head = `${cut(name, MODEL_WIDTH)} ${side.padEnd(9)}`;
  if (r.status !== 'ok') return `${head} ${r.status}${r.message && r.status !== 'not registered' ? `: ${r.message.slice(0, 140)}` : ''}`;
  const cells = [num(r.fitSeconds, 3).padStart(8), num(r.predictSeconds, 3).padStart(8), num(r.peakMb, 0).padStart(8)];
  for (const [key, , digits] of metrics) cells.push(num(r.metrics?.[key], digits).padStart(9));
  return `${head} ${[...cells, ...extra].join(' ')}`.trimEnd();
}

function pairLines(p: PairResult, metrics: [string, string, number][], memory: boolean): string[] {
  const extra = [num(p.fitRatio, 2).padStart(9), (p.targetText ?? '').padEnd(6), p.verdict ?? ''];
  if (memory) extra.push(`mem/data ${num(p.memoryOverData, 2)} ${p.memoryVerdict ?? ''}`);
  return [sideLine(p.label, 'trainyard', p.trainyard, metrics, extra), sideLine(`  ${p.reference}`, p.library, p.referenceResult, metrics, [])];
}

/**
 * The table of one task.
 *
 * @example
 * console.log(formatTask(await runTask(task, options)));
 */
export function formatTask(t: TaskResult): string {
  const lines = [`\n== ${t.name}: ${t.description}${t.nTrain !== undefined ? ` — ${t.nTrain} train / ${t.nTest} test rows` : ''}`];
  for (const n of t.notes) lines.push(`   note: ${n}`);
  if (t.csvLoad) {
    const c = t.csvLoad;
    lines.push(`   trainyard loadFrame ${num(c.trainyardSeconds, 2)} s, pandas read_csv ${num(c.pandasSeconds, 2)} s, ratio ${num(c.ratio, 2)} (target ≤ 1.0: ${c.ratio === null ? '—' : c.ratio <= 1 ? 'PASS' : 'MISS'})`);
    return lines.join('\n');
  }
  const metrics = METRIC_COLUMNS[t.taskKind === 'regression' ? 'regression' : 'classification'];
  const memory = t.dataBytes !== undefined;
  const header = [
    cut('model  /  reference', MODEL_WIDTH),
    'side'.padEnd(9),
    'fit s'.padStart(8),
    'pred s'.padStart(8),
    'peak MB'.padStart(8),
    ...metrics.map(([, h]) => h.padStart(9)),
    'fit ratio'.padStart(9),
    'target',
    'verdict',
  ].join(' ');
  lines.push(header, '-'.repeat(header.length));
  for (const p of t.pairs) lines.push(...pairLines(p, metrics, memory));
  if (memory) lines.push(`   mem/data = (peak RSS − RSS after imports) / float32 data size; target ≤ ${t.memoryTarget}`);
  return lines.join('\n');
}

/**
 * A one-line summary of a finished pair (progress output while the benchmark runs).
 *
 * @example
 * onPair: (task, p) => process.stderr.write(`${formatProgress(task, p)}\n`)
 */
export function formatProgress(task: string, p: PairResult): string {
  const side = (r: ChildResult): string => (r.status === 'ok' ? `${num(r.fitSeconds, 2)} s` : r.status);
  return `  [${task}] ${p.label}: trainyard ${side(p.trainyard)}, ${p.library} ${side(p.referenceResult)}${p.verdict ? ` → ${p.verdict}` : ''}`;
}
