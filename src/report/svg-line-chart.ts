/**
 * Inline SVG line charts (ROC, precision–recall, learning curves) with no script and no external
 * resources, so the report renders offline and prints crisply. Tick placement follows the classic
 * "nice numbers" rule (Heckbert, "Nice Numbers for Graph Labels", Graphics Gems, 1990).
 */
import { escapeHtml } from './html-escape.js';

/** One polyline. Every finite (x, y) pair becomes one path point; non-finite pairs break the line. */
export interface ChartSeries {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  /** Draw as a step function (precision–recall curves are step functions, as sklearn plots them). */
  step?: boolean;
}

/** What to draw; domains default to the data range rounded out to nice ticks. */
export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Dashed y = x reference line (the chance level of a ROC curve). */
  diagonal?: { label: string };
  /** Dashed horizontal reference line (e.g. the positive rate, the chance level of a PR curve). */
  hLine?: { y: number; label: string };
  /** Vertical marker (e.g. the best epoch). */
  vLine?: { x: number; label: string };
  /** Use whole-number x ticks (epochs). */
  integerX?: boolean;
}

const W = 480;
const H = 330;
const M = { left: 58, right: 18, top: 40, bottom: 48 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;
const REF = '#9ca3af';

/** Nice tick values covering [min, max] with roughly `count` intervals (Heckbert 1990). */
export function niceTicks(min: number, max: number, count = 5, integer = false): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  let step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
  if (integer) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function extent(values: ArrayLike<number>[], integer: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const arr of values) for (let i = 0; i < arr.length; i++) if (Number.isFinite(arr[i])) { lo = Math.min(lo, arr[i]); hi = Math.max(hi, arr[i]); }
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) { const pad = Math.abs(lo) * 0.1 || 1; lo -= pad; hi += pad; }
  const t = niceTicks(lo, hi, 5, integer);
  const step = t.length > 1 ? t[1] - t[0] : 1;
  // Round the domain out to whole ticks so the data never touches the frame.
  return [Math.min(lo, Math.floor(lo / step) * step), Math.max(hi, Math.ceil(hi / step) * step)];
}

const num = (v: number): string => String(Math.round(v * 100) / 100);

function tickText(v: number, ticks: number[]): string {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  const decimals = Math.max(0, Math.min(4, -Math.floor(Math.log10(step) + 1e-9)));
  return v.toFixed(decimals);
}

/** Path `d` with one M/L command per finite point, in input order. */
function linePath(s: ChartSeries, sx: (v: number) => number, sy: (v: number) => number): string {
  const n = Math.min(s.x.length, s.y.length);
  let d = '';
  let open = false;
  for (let i = 0; i < n; i++) {
    const x = s.x[i];
    const y = s.y[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) { open = false; continue; }
    const px = num(sx(x));
    const py = num(sy(y));
    // A step chart holds the previous y until the new x (H), then jumps (V is folded into the L point).
    d += open ? (s.step ? `H${px}L${px},${py}` : `L${px},${py}`) : `M${px},${py}`;
    open = true;
  }
  return d;
}

/**
 * Renders a titled line chart as a `<figure>` holding inline SVG: axes with ticks and labels, a
 * legend above the plot, optional reference lines, and one `<path class="series">` per series.
 *
 * @example renderLineChart({ title: 'ROC — AUC 0.91', xLabel: 'FPR', yLabel: 'TPR', series: [{ label: 'model', x: [0, 1], y: [0, 1], color: '#2563eb' }] })
 */
export function renderLineChart(o: LineChartOptions): string {
  const [x0, x1] = o.xDomain ?? extent(o.series.map((s) => s.x), o.integerX ?? false);
  const [y0, y1] = o.yDomain ?? extent([...o.series.map((s) => s.y), ...(o.hLine ? [[o.hLine.y]] : [])], false);
  const sx = (v: number): number => M.left + ((v - x0) / (x1 - x0 || 1)) * PW;
  const sy = (v: number): number => M.top + PH - ((v - y0) / (y1 - y0 || 1)) * PH;
  const xt = niceTicks(x0, x1, 5, o.integerX ?? false);
  const yt = niceTicks(y0, y1, 5);
  const parts: string[] = [];

  for (const v of yt) parts.push(`<line class="grid" x1="${M.left}" x2="${M.left + PW}" y1="${num(sy(v))}" y2="${num(sy(v))}"/><text class="tick" x="${M.left - 8}" y="${num(sy(v) + 4)}" text-anchor="end">${tickText(v, yt)}</text>`);
  for (const v of xt) parts.push(`<line class="grid" y1="${M.top}" y2="${M.top + PH}" x1="${num(sx(v))}" x2="${num(sx(v))}"/><text class="tick" x="${num(sx(v))}" y="${M.top + PH + 18}" text-anchor="middle">${tickText(v, xt)}</text>`);
  parts.push(`<rect class="frame" x="${M.left}" y="${M.top}" width="${PW}" height="${PH}"/>`);
  parts.push(`<text class="axis-label" x="${M.left + PW / 2}" y="${H - 8}" text-anchor="middle">${escapeHtml(o.xLabel)}</text>`);
  parts.push(`<text class="axis-label" transform="translate(15 ${M.top + PH / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(o.yLabel)}</text>`);

  const legend: { label: string; color: string; dashed: boolean }[] = [];
  if (o.diagonal) {
    parts.push(`<line class="ref" x1="${num(sx(Math.max(x0, y0)))}" y1="${num(sy(Math.max(x0, y0)))}" x2="${num(sx(Math.min(x1, y1)))}" y2="${num(sy(Math.min(x1, y1)))}"/>`);
    legend.push({ label: o.diagonal.label, color: REF, dashed: true });
  }
  if (o.hLine) {
    parts.push(`<line class="ref" x1="${M.left}" x2="${M.left + PW}" y1="${num(sy(o.hLine.y))}" y2="${num(sy(o.hLine.y))}"/>`);
    legend.push({ label: o.hLine.label, color: REF, dashed: true });
  }
  for (const s of o.series) {
    parts.push(`<path class="series" fill="none" stroke="${s.color}" d="${linePath(s, sx, sy)}"/>`);
    legend.unshift({ label: s.label, color: s.color, dashed: false });
  }
  if (o.vLine) {
    const x = num(sx(o.vLine.x));
    parts.push(`<line class="marker" x1="${x}" x2="${x}" y1="${M.top}" y2="${M.top + PH}"/>`);
    const right = sx(o.vLine.x) > M.left + PW * 0.7;
    parts.push(`<text class="marker-label" x="${num(sx(o.vLine.x) + (right ? -5 : 5))}" y="${M.top + 14}" text-anchor="${right ? 'end' : 'start'}">${escapeHtml(o.vLine.label)}</text>`);
  }

  // Legend sits above the plot area so it can never hide a curve.
  let lx = M.left;
  for (const item of legend) {
    parts.push(`<line x1="${lx}" x2="${lx + 18}" y1="18" y2="18" stroke="${item.color}" stroke-width="2.5"${item.dashed ? ' stroke-dasharray="5 4"' : ''}/><text class="legend" x="${lx + 24}" y="22">${escapeHtml(item.label)}</text>`);
    lx += 34 + item.label.length * 6.6;
  }

  return `<figure class="chart"><figcaption>${escapeHtml(o.title)}</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(o.title)}">${parts.join('')}</svg></figure>`;
}
