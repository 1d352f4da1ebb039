/** The report's curves drawn with uPlot: ROC, precision–recall and the learning curve. */
import { useMemo } from 'preact/hooks';
import type { ReportData } from '../api-types';
import { formatMetric, formatPercent } from '../format';
import { ascending, Chart, lineChart } from './chart';
import { Card } from './ui';

const BLUE = '#2563eb';
const ORANGE = '#ea580c';
const GREY = '#9ca3af';

const isMatrix = (v: unknown): v is number[][] => Array.isArray(v) && v.every(Array.isArray);

export function CurveCharts({ report }: { report: ReportData }) {
  const { roc, pr } = report.curves ?? {};
  const rocChart = useMemo(() => {
    if (!roc) return null;
    const [x, y] = ascending(roc.x, roc.y);
    return lineChart(x, [
      { label: `${report.best.model} (AUC ${formatMetric(roc.area)})`, y, colour: BLUE },
      { label: 'Chance', y: x, colour: GREY, dash: [5, 4] },
    ], { xLabel: 'False positive rate', yLabel: 'True positive rate', xRange: [0, 1], yRange: [0, 1] });
  }, [roc]);
  const prChart = useMemo(() => {
    if (!pr) return null;
    const [x, y] = ascending(pr.x, pr.y);
    // Chance precision is the positive rate, read off the confusion matrix's second row.
    const cm = report.test.confusionMatrix;
    const total = isMatrix(cm) ? cm.flat().reduce((a, b) => a + b, 0) : 0;
    const positives = isMatrix(cm) && cm.length === 2 ? cm[1].reduce((a, b) => a + b, 0) : NaN;
    const base = total > 0 && Number.isFinite(positives) ? positives / total : null;
    return lineChart(x, [
      { label: `${report.best.model} (AP ${formatMetric(pr.area)})`, y, colour: ORANGE, step: true },
      ...(base !== null ? [{ label: `Chance (${formatPercent(base)} positive)`, y: x.map(() => base), colour: GREY, dash: [5, 4] }] : []),
    ], { xLabel: 'Recall', yLabel: 'Precision', xRange: [0, 1], yRange: [0, 1] });
  }, [pr]);
  if (!rocChart && !prChart) return null;
  return (
    <Card title="Test-set curves" hint="held-out rows" id="curves">
      <div class="charts">
        {rocChart && (
          <figure class="figure" data-curve="roc">
            <figcaption>ROC curve — AUC {formatMetric(roc!.area)}</figcaption>
            <Chart label="ROC curve" {...rocChart} />
          </figure>
        )}
        {prChart && (
          <figure class="figure" data-curve="pr">
            <figcaption>Precision–recall — AP {formatMetric(pr!.area)}</figcaption>
            <Chart label="Precision-recall curve" {...prChart} />
          </figure>
        )}
      </div>
    </Card>
  );
}

export function LearningCharts({ report }: { report: ReportData }) {
  const lc = report.curves?.learning;
  const charts = useMemo(() => {
    if (!lc || lc.loss.length === 0) return null;
    const epochs = lc.loss.map((_, i) => i + 1);
    const vLine = lc.bestEpoch !== undefined ? { x: lc.bestEpoch + 1, label: `best epoch ${lc.bestEpoch + 1}` } : undefined;
    const loss = lineChart(epochs, [{ label: 'Training loss', y: lc.loss, colour: BLUE }], { xLabel: 'Epoch', yLabel: 'Loss', integerX: true, vLine });
    const val = lc.validationScore?.length
      ? lineChart(lc.validationScore.map((_, i) => i + 1), [{ label: 'Validation score', y: lc.validationScore, colour: ORANGE }], { xLabel: 'Epoch', yLabel: 'Validation score', integerX: true, vLine })
      : null;
    return { loss, val };
  }, [lc]);
  if (!lc || !charts) return null;
  return (
    <Card title="Learning curve" hint={`${lc.loss.length} epochs, refit on the training set${lc.bestEpoch !== undefined ? ` · best epoch ${lc.bestEpoch + 1}` : ''}`}>
      <div class="charts">
        <figure class="figure">
          <figcaption>Training loss — final {formatMetric(lc.loss[lc.loss.length - 1])}</figcaption>
          <Chart label="Training loss" {...charts.loss} />
        </figure>
        {charts.val && (
          <figure class="figure">
            <figcaption>Validation score — best {formatMetric(lc.bestEpoch !== undefined ? lc.validationScore?.[lc.bestEpoch] : Math.max(...(lc.validationScore ?? [])))}</figcaption>
            <Chart label="Validation score" {...charts.val} />
          </figure>
        )}
      </div>
    </Card>
  );
}
