/**
 * uPlot in a Preact component: sized to its container (ResizeObserver), themed from the CSS
 * variables (so the dark theme applies to axes and grid), rebuilt when its data or options change.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export const PALETTE = ['#2563eb', '#ea580c', '#0d9488', '#7c3aed', '#db2777', '#65a30d', '#ca8a04', '#0891b2', '#dc2626', '#4b5563'];
export const colour = (i: number): string => PALETTE[i % PALETTE.length];

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** Axis styling from the theme. */
export function themedAxis(label: string, extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  const ink = cssVar('--muted', '#6b7280');
  const grid = cssVar('--grid', '#eef0f3');
  return {
    label,
    stroke: ink,
    labelFont: '600 12px system-ui, sans-serif',
    font: '11px system-ui, sans-serif',
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid, width: 1 },
    ...extra,
  };
}

export interface ChartProps {
  /** Options without width/height (set from the container). */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height?: number;
  /** A test hook and an accessible name. */
  label: string;
}

export function Chart({ options, data, height = 260, label }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const dataRef = useRef(data);
  dataRef.current = data;
  // New data for the same options (a live curve growing) is set on the existing plot; new options
  // rebuild it.
  useEffect(() => {
    if (plotRef.current && plotRef.current.data !== data) plotRef.current.setData(data);
  }, [data]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = Math.max(240, el.clientWidth);
    const plot = new uPlot({ ...options, width, height } as uPlot.Options, dataRef.current, el);
    plotRef.current = plot;
    const ro = new ResizeObserver(() => {
      const w = Math.max(240, el.clientWidth);
      if (Math.abs(w - plot.width) > 2) plot.setSize({ width: w, height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [options, height]);
  return <div class="chart" ref={box} role="img" aria-label={label} data-chart={label} />;
}

export interface LineSeries {
  label: string;
  y: (number | null)[];
  colour?: string;
  dash?: number[];
  /** Step after each point (precision–recall). */
  step?: boolean;
  points?: boolean;
}

/**
 * A curve's points in ascending x (uPlot's aligned data needs non-decreasing x): a descending curve
 * (recall from 1 to 0) is reversed, anything else sorted stably, so vertical segments keep their order.
 */
export function ascending(x: number[], y: number[]): [number[], number[]] {
  let asc = true;
  let desc = true;
  for (let i = 1; i < x.length; i++) {
    if (x[i] < x[i - 1]) asc = false;
    if (x[i] > x[i - 1]) desc = false;
  }
  if (asc) return [x, y];
  if (desc) return [[...x].reverse(), [...y].reverse()];
  const idx = x.map((_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  return [idx.map((i) => x[i]), idx.map((i) => y[i])];
}

/** A dashed vertical marker with a label (the learning curve's best epoch), drawn after the series. */
function markerLine(x: number, label: string): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u: uPlot) => {
          const px = u.valToPos(x, 'x', true);
          const { top, height } = u.bbox;
          const ctx = u.ctx;
          const dpr = devicePixelRatio || 1;
          ctx.save();
          ctx.strokeStyle = '#b45309';
          ctx.lineWidth = 1.5 * dpr;
          ctx.setLineDash([3 * dpr, 3 * dpr]);
          ctx.beginPath();
          ctx.moveTo(px, top);
          ctx.lineTo(px, top + height);
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.fillStyle = '#b45309';
          ctx.font = `600 ${11 * dpr}px system-ui, sans-serif`;
          ctx.textAlign = 'left';
          ctx.textBaseline = 'alphabetic';
          const w = ctx.measureText(label).width;
          ctx.fillText(label, Math.min(px + 4 * dpr, u.bbox.left + u.bbox.width - w), top + 12 * dpr);
          ctx.restore();
        },
      ],
    },
  };
}

/** uPlot options + aligned data for line series over one x (a curve and its reference lines). */
export function lineChart(x: number[], series: LineSeries[], opts: { xLabel: string; yLabel: string; xRange?: [number, number]; yRange?: [number, number]; integerX?: boolean; vLine?: { x: number; label: string } }): { options: ChartProps['options']; data: uPlot.AlignedData } {
  const xr = opts.xRange;
  const yr = opts.yRange;
  return {
    options: {
      ...(opts.vLine ? { plugins: [markerLine(opts.vLine.x, opts.vLine.label)] } : {}),
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: {
        x: { time: false, ...(xr ? { range: xr } : {}) },
        y: yr ? { range: yr } : {},
      },
      axes: [themedAxis(opts.xLabel, opts.integerX ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500] } : {}), themedAxis(opts.yLabel, { size: 56 })],
      series: [
        { label: opts.xLabel },
        ...series.map((s, i) => ({
          label: s.label,
          stroke: s.colour ?? colour(i),
          width: s.dash ? 1.5 : 2.2,
          dash: s.dash,
          spanGaps: true,
          points: { show: s.points ?? false, size: 5 },
          paths: s.step ? uPlot.paths.stepped!({ align: 1 }) : undefined,
        })),
      ],
    },
    data: [x, ...series.map((s) => s.y)] as uPlot.AlignedData,
  };
}

export interface OverlayCurve {
  label: string;
  x: number[];
  y: number[];
  colour?: string;
  dash?: number[];
}

/**
 * Curves with different x values on one chart (the ROC curves of several runs): every point of every
 * curve goes on one ascending x axis and each curve has values only at its own points (nulls between,
 * bridged by spanGaps), so vertical segments — several points at one x — keep their order and shape.
 */
export function overlayChart(curves: OverlayCurve[], opts: { xLabel: string; yLabel: string; xRange?: [number, number]; yRange?: [number, number] }): { options: ChartProps['options']; data: uPlot.AlignedData } {
  const points: { x: number; y: number; s: number; i: number }[] = [];
  curves.forEach((c, s) => {
    const [x, y] = ascending(c.x, c.y);
    x.forEach((xv, i) => points.push({ x: xv, y: y[i], s, i }));
  });
  points.sort((a, b) => a.x - b.x || a.s - b.s || a.i - b.i);
  const ys = curves.map((_, s) => points.map((p) => (p.s === s ? p.y : null)));
  const base = lineChart(points.map((p) => p.x), curves.map((c, s) => ({ label: c.label, y: ys[s], colour: c.colour, dash: c.dash })), opts);
  return base;
}
