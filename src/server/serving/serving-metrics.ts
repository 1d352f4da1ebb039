/**
 * Prometheus series of the serving routes, per model: requests, errors (by code), rows predicted or
 * users recommended for, and a latency histogram. Labels are the model's name, version and the
 * endpoint — only models the registry resolved, so a caller cannot grow the label set with made-up
 * names. `render()` returns text lines the server's /metrics appends (exposition format 0.0.4).
 */

/** Latency buckets in seconds: serving answers in milliseconds, so finer than the API's. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** What one serving request did. */
export interface ServingObservation {
  model: string;
  version: number;
  endpoint: 'predict' | 'recommend';
  seconds: number;
  /** Rows predicted (predict) or users recommended for (recommend); 0 when it failed. */
  rows: number;
  /** The error code when it failed. */
  error?: string;
}

interface Series {
  labels: string;
  requests: number;
  rows: number;
  errors: Map<string, number>;
  counts: Float64Array;
  sum: number;
}

function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Per-model serving counters. */
export class ServingMetrics {
  private readonly series = new Map<string, Series>();

  observe(o: ServingObservation): void {
    const key = `${o.model}\u0000${o.version}\u0000${o.endpoint}`;
    let s = this.series.get(key);
    if (!s) {
      s = { labels: `model="${esc(o.model)}",version="${o.version}",endpoint="${o.endpoint}"`, requests: 0, rows: 0, errors: new Map(), counts: new Float64Array(BUCKETS.length), sum: 0 };
      this.series.set(key, s);
    }
    s.requests++;
    s.rows += o.rows;
    if (o.error) s.errors.set(o.error, (s.errors.get(o.error) ?? 0) + 1);
    for (let i = 0; i < BUCKETS.length; i++) if (o.seconds <= BUCKETS[i]) s.counts[i]++;
    s.sum += o.seconds;
  }

  /**
   * The exposition lines (ending with a newline), with `gauges` (e.g. the model cache's size) after them.
   *
   * @example
   * reply.send(httpMetrics.render(gauges) + servingMetrics.render());
   */
  render(gauges: { name: string; help: string; value: number }[] = []): string {
    const all = [...this.series.values()];
    const out: string[] = [];
    const family = (name: string, type: string, help: string, lines: (s: Series) => string[]): void => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const s of all) out.push(...lines(s));
    };
    family('trainyard_serving_requests_total', 'counter', 'Serving requests per model, version and endpoint.', (s) => [`trainyard_serving_requests_total{${s.labels}} ${s.requests}`]);
    family('trainyard_serving_errors_total', 'counter', 'Serving requests that failed, by error code.', (s) => [...s.errors].map(([code, n]) => `trainyard_serving_errors_total{${s.labels},code="${esc(code)}"} ${n}`));
    family('trainyard_serving_rows_total', 'counter', 'Rows predicted (predict) or users recommended for (recommend).', (s) => [`trainyard_serving_rows_total{${s.labels}} ${s.rows}`]);
    family('trainyard_serving_request_duration_seconds', 'histogram', 'Serving latency per model, from the request to the answer.', (s) => [
      ...BUCKETS.map((b, i) => `trainyard_serving_request_duration_seconds_bucket{${s.labels},le="${b}"} ${s.counts[i]}`),
      `trainyard_serving_request_duration_seconds_bucket{${s.labels},le="+Inf"} ${s.requests}`,
      `trainyard_serving_request_duration_seconds_sum{${s.labels}} ${s.sum}`,
      `trainyard_serving_request_duration_seconds_count{${s.labels}} ${s.requests}`,
    ]);
    for (const g of gauges) out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`, `${g.name} ${g.value}`);
    return `${out.join('\n')}\n`;
  }
}
