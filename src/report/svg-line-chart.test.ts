import { test } from 'node:test';
import assert from 'node:assert/strict';
import { niceTicks, renderLineChart } from './svg-line-chart.js';
import { formatMetric, formatSeconds, metricLabel } from './format.js';

test('niceTicks picks 1-2-5 steps covering the range', () => {
  assert.deepEqual(niceTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(0.31, 0.72), [0.4, 0.5, 0.6, 0.7]);
  assert.deepEqual(niceTicks(1, 7, 5, true), [1, 2, 3, 4, 5, 6, 7]);
});

test('a chart draws one path point per finite data point, a legend and the reference lines', () => {
  const svg = renderLineChart({
    title: 'ROC <AUC>', xLabel: 'FPR', yLabel: 'TPR', xDomain: [0, 1], yDomain: [0, 1], diagonal: { label: 'Chance' },
    vLine: { x: 0.5, label: 'mark' },
    series: [{ label: 'a&b', x: [0, 0.1, NaN, 0.5, 1], y: [0, 0.6, 0.7, 0.9, 1], color: '#000' }],
  });
  const d = /class="series"[^>]* d="([^"]*)"/.exec(svg)?.[1] ?? '';
  assert.equal(d.match(/[ML]/g)?.length, 4);
  assert.equal(d.match(/M/g)?.length, 2, 'a NaN breaks the line');
  assert.match(d, /^M58,282L98\.4,136\.8M260,/);
  assert.match(svg, /<figcaption>ROC &lt;AUC&gt;<\/figcaption>/);
  assert.match(svg, /class="legend"[^>]*>a&amp;b</);
  assert.match(svg, /class="legend"[^>]*>Chance</);
  assert.match(svg, /class="ref"/);
  assert.match(svg, /class="marker-label"[^>]*>mark</);
  assert.equal((svg.match(/class="tick"/g) ?? []).length, 12);
});

test('step series hold the previous value until the next x', () => {
  const svg = renderLineChart({ title: 't', xLabel: 'x', yLabel: 'y', xDomain: [0, 1], yDomain: [0, 1], series: [{ label: 's', x: [0, 1], y: [1, 0], color: '#000', step: true }] });
  assert.match(svg, /d="M58,40H462L462,282"/);
});

test('formatting is consistent and handles missing values', () => {
  assert.equal(formatMetric(0.87349), '0.873');
  assert.equal(formatMetric(-0.0001), '0.000');
  assert.equal(formatMetric(null), '—');
  assert.equal(formatMetric(NaN), '—');
  assert.equal(formatMetric(1234567.891), '1,234,567.9');
  assert.equal(formatSeconds(0.0874), '87 ms');
  assert.equal(formatSeconds(125.4), '2 min 05 s');
  assert.equal(metricLabel('rocAuc'), 'ROC AUC');
  assert.equal(metricLabel('meanPinballLoss'), 'Mean pinball loss');
});
