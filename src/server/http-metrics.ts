/**
 * Prometheus counters of the HTTP API, in the text exposition format (version 0.0.4) without a client
 * library: requests by method, route pattern and status, and a latency histogram by route. Labels are
 * route patterns (`/api/v1/runs/:id`), never raw URLs, so a client cannot grow the label set.
 */
import type { FastifyInstance } from 'fastify';

/** Histogram buckets of request durations, in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/** A gauge line set, e.g. `trainyard_runs{status="finished"} 3`. */
export interface Gauge {
  name: string;
  help: string;
  values: { labels: Record<string, string>; value: number }[];
}

/** Escapes a label value (backslash, quote, newline) as the text format requires. */
function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(l: Record<string, string>): string {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${esc(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

/** Request counts and latencies. */
export class HttpMetrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();

  /** Counts requests and their durations on `app` (an `onResponse` hook). */
  install(app: FastifyInstance): void {
    app.addHook('onResponse', async (req, reply) => {
      const route = req.routeOptions.url ?? 'unmatched';
      this.observe(req.method, route, reply.statusCode, reply.elapsedTime / 1000);
    });
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = JSON.stringify([method, route, String(status)]);
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hkey = JSON.stringify([method, route]);
    let h = this.durations.get(hkey);
    if (!h) this.durations.set(hkey, (h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) h.counts[i]++;
    });
    h.sum += seconds;
    h.count++;
  }

  /** The exposition text: these counters, then `gauges`. */
  render(gauges: Gauge[]): string {
    const out: string[] = ['# HELP http_requests_total HTTP requests by method, route and status.', '# TYPE http_requests_total counter'];
    for (const [key, n] of this.requests) {
      const [method, route, status] = JSON.parse(key) as string[];
      out.push(`http_requests_total${labels({ method, route, status })} ${n}`);
    }
    out.push('# HELP http_request_duration_seconds HTTP request latency by method and route.', '# TYPE http_request_duration_seconds histogram');
    for (const [key, h] of this.durations) {
      const [method, route] = JSON.parse(key) as string[];
      BUCKETS.forEach((b, i) => out.push(`http_request_duration_seconds_bucket${labels({ method, route, le: String(b) })} ${h.counts[i]}`));
      out.push(`http_request_duration_seconds_bucket${labels({ method, route, le: '+Inf' })} ${h.count}`);
      out.push(`http_request_duration_seconds_sum${labels({ method, route })} ${h.sum}`);
      out.push(`http_request_duration_seconds_count${labels({ method, route })} ${h.count}`);
    }
    for (const g of gauges) {
      out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
      for (const v of g.values) out.push(`${g.name}${labels(v.labels)} ${v.value}`);
    }
    return `${out.join('\n')}\n`;
  }
}
