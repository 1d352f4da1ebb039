import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderReportHtml } from './render-html.js';
import type { ReportData } from './report-data.js';

// Realistic runs (Telco churn, Palmer penguins, King County houses). Curves follow the binormal ROC
// model (Φ(d − Φ⁻¹(1 − fpr))) so their shape is what a real classifier produces.
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(z) / Math.SQRT2);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t) * Math.exp(-z * z / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
function binormalCurves(d: number, prevalence: number, points: number): ReportData['curves'] {
  const fpr: number[] = [];
  const tpr: number[] = [];
  for (let i = 0; i < points; i++) {
    const threshold = 4 - (8 * i) / (points - 1);
    fpr.push(i === points - 1 ? 1 : 1 - normalCdf(threshold));
    tpr.push(i === points - 1 ? 1 : 1 - normalCdf(threshold - d));
  }
  fpr[0] = 0; tpr[0] = 0;
  const precision = tpr.map((t, i) => (t * prevalence + fpr[i] * (1 - prevalence) > 0 ? (t * prevalence) / (t * prevalence + fpr[i] * (1 - prevalence)) : 1));
  return {
    roc: { x: fpr, y: tpr, area: normalCdf(d / Math.SQRT2) },
    pr: { x: [...tpr].reverse(), y: [...precision].reverse(), area: 0.6512 },
  };
}
function learning(epochs: number): NonNullable<ReportData['curves']['learning']> {
  const loss = Array.from({ length: epochs }, (_, i) => 0.36 + 0.32 * Math.exp(-i / 6) + 0.006 * Math.sin(i * 1.7));
  const validationScore = Array.from({ length: epochs }, (_, i) => 0.805 - 0.06 * Math.exp(-i / 4) - 0.0004 * Math.max(0, i - 14) ** 1.5 + 0.003 * Math.sin(i * 2.3));
  return { loss, validationScore, bestEpoch: validationScore.indexOf(Math.max(...validationScore)) };
}

export function binaryReport(): ReportData {
  return {
    runId: '01HZX3K7Q9A2', name: 'telco-churn', createdAt: '2024-05-14T09:41:07.512Z', trainyardVersion: '0.1.0', task: 'binary',
    data: {
      source: 'data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv', rows: 7043, trainRows: 5634, testRows: 1409,
      target: 'Churn', classes: ['No', 'Yes'], features: 45,
      cleaning: ["column 'TotalCharges': 11 blank values coerced to NaN, imputed with the median", "column 'customerID' dropped: identifier (7,043 unique values)"],
    },
    selection: {
      metric: 'f1', cv: 5,
      leaderboard: [
        { rank: 1, model: 'mlp', params: { hiddenLayerSizes: [64, 32], alpha: 0.001, earlyStopping: true }, foldScores: [0.612, 0.598, 0.631, 0.604, 0.620], mean: 0.613, std: 0.0118, fitSeconds: 8.42 },
        { rank: 2, model: 'logistic-regression', params: { C: 1, penalty: 'l2' }, foldScores: [0.601, 0.589, 0.622, 0.597, 0.611], mean: 0.604, std: 0.0115, fitSeconds: 0.31 },
        { rank: 3, model: 'gradient-boosting', params: { nEstimators: 200, learningRate: 0.05, maxDepth: 3 }, foldScores: [0.590, 0.575, 0.615, 0.588, 0.603], mean: 0.5942, std: 0.0137, fitSeconds: 12.9 },
        { rank: 4, model: 'random-forest', params: { nEstimators: 300, maxDepth: 8 }, foldScores: [0.571, 0.562, 0.588, 0.566, 0.580], mean: 0.5734, std: 0.0094, fitSeconds: 6.05 },
        { rank: 5, model: 'logistic-regression', params: { C: 0.01, penalty: 'l2' }, foldScores: [0.552, 0.540, 0.571, 0.548, 0.560], mean: 0.5542, std: 0.0107, fitSeconds: 0.22 },
        { rank: 6, model: 'decision-tree', params: { maxDepth: 5 }, foldScores: [0.561, 0.512, 0.579, 0.534, 0.548], mean: 0.5468, std: 0.0233, fitSeconds: 0.09 },
      ],
    },
    best: { model: 'mlp', params: { hiddenLayerSizes: [64, 32], alpha: 0.001, earlyStopping: true }, cvScore: 0.613 },
    test: {
      accuracy: 0.80482, balancedAccuracy: 0.72541, precision: 0.6578, recall: 0.5535, f1: 0.60116, rocAuc: 0.8437, averagePrecision: 0.6512,
      logLoss: 0.4213, mcc: 0.4762, brier: 0.1368, confusionMatrix: [[927, 108], [167, 207]],
    },
    curves: { ...binormalCurves(1.43, 374 / 1409, 60), learning: learning(32) },
    durations: { load: 0.412, cv: 41.7, refit: 9.83, evaluate: 0.087, save: 0.021, total: 52.08 },
    modelPath: 'runs/telco-churn-01HZX3K7Q9A2/model.trainyard',
  };
}

function multiclassReport(): ReportData {
  return {
    runId: '01HZX4B2M1C0', name: 'penguins-species', createdAt: '2024-05-14T10:02:55Z', trainyardVersion: '0.1.0', task: 'multiclass',
    data: { source: 'penguins_size.csv', rows: 342, trainRows: 273, testRows: 69, target: 'species', classes: ['Adelie', 'Chinstrap', 'Gentoo'], features: 9, cleaning: ['dropped 2 rows with a missing target', "column 'sex': 1 value '.' treated as missing"] },
    selection: { metric: 'accuracy', cv: 5, leaderboard: [
      { rank: 1, model: 'random-forest', params: { nEstimators: 200 }, foldScores: [0.982, 1, 0.963, 0.982, 0.981], mean: 0.9816, std: 0.0117, fitSeconds: 1.2 },
      { rank: 2, model: 'logistic-regression', params: { C: 1 }, foldScores: [0.964, 1, 0.963, 0.982, 0.963], mean: 0.9744, std: 0.0147, fitSeconds: 0.05 },
    ] },
    best: { model: 'random-forest', params: { nEstimators: 200 }, cvScore: 0.9816 },
    test: { accuracy: 0.98551, balancedAccuracy: 0.97619, f1Macro: 0.98102, f1Weighted: 0.98547, logLoss: 0.0712, rocAuc: null, confusionMatrix: [[30, 0, 0], [1, 13, 0], [0, 0, 25]] },
    curves: {},
    durations: { load: 0.02, cv: 6.1, refit: 1.3, evaluate: 0.01, save: 0.004, total: 7.44 },
    modelPath: 'runs/penguins-species-01HZX4B2M1C0/model.trainyard',
  };
}

function regressionReport(): ReportData {
  return {
    runId: '01HZX5R8T4D6', name: 'kc-house-price', createdAt: '2024-05-14T11:15:00Z', trainyardVersion: '0.1.0', task: 'regression',
    data: { source: 'kc_house_data.csv', rows: 21613, trainRows: 17290, testRows: 4323, target: 'price', features: 19, cleaning: [] },
    selection: { metric: 'rmse', cv: 3, leaderboard: [
      { rank: 1, model: 'gradient-boosting', params: { nEstimators: 400 }, foldScores: [131022.4, 127877.1, 135410.9], mean: 131436.8, std: 3091.2, fitSeconds: 33.1 },
      { rank: 2, model: 'ridge', params: { alpha: 1 }, foldScores: [201334.2, 198877.9, 207002.5], mean: 202404.9, std: 3404.6, fitSeconds: 0.4 },
    ] },
    best: { model: 'gradient-boosting', params: { nEstimators: 400 }, cvScore: 131436.8 },
    test: { rmse: 127431.24, mae: 71390.5, r2: 0.88127, mse: 16238724000 },
    curves: {},
    durations: { load: 0.9, cv: 101.3, refit: 45.2, evaluate: 0.2, save: 0.05, total: 147.65 },
    modelPath: 'runs/kc-house-price-01HZX5R8T4D6/model.trainyard',
  };
}

const sections = (html: string): string[] => [...html.matchAll(/<h2>([^<]+)/g)].map((m) => m[1]);
const pathPoints = (html: string): number[] =>
  [...html.matchAll(/<path class="series"[^>]* d="([^"]*)"/g)].map((m) => (m[1].match(/[ML]/g) ?? []).length);

function assertSelfContained(html: string): void {
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<(link|img|iframe|object|embed)\b/i);
  assert.doesNotMatch(html, /url\(/i);
  const refs = html.match(/https?:\/\/[^\s"')]*/g) ?? [];
  assert.ok(refs.length > 0 && refs.every((r) => r === 'http://www.w3.org/2000/svg'), `unexpected references: ${refs.join(', ')}`);
}

test('binary report has every section, both curves with all points, and formatted numbers', () => {
  const data = binaryReport();
  const html = renderReportHtml(data);
  assertSelfContained(html);
  assert.deepEqual(sections(html), ['Leaderboard', 'Test metrics', 'Confusion matrix', 'Test-set curves', 'Learning curve', 'Data', 'Durations']);
  assert.match(html, /class="model-name">mlp</);
  // Headline: accuracy, F1, ROC AUC, AP with 3 decimals.
  const kpis = [...html.matchAll(/class="value">([^<]+)/g)].map((m) => m[1]);
  assert.deepEqual(kpis, ['0.805', '0.601', '0.844', '0.651']);
  assert.deepEqual(pathPoints(html), [60, 60, 32, 32]);
  assert.match(html, /ROC curve — AUC 0\.844/);
  assert.match(html, /Precision–recall curve — AP 0\.651/);
  assert.match(html, /best epoch \d+/);
  assert.match(html, /Chance \(26\.5% positive\)/);
  // Every test metric key has a row; CV score with ± std; counts grouped; durations human-readable.
  for (const label of ['Accuracy', 'Balanced accuracy', 'Precision', 'Recall', 'F1', 'ROC AUC', 'Average precision', 'Log loss', 'MCC', 'Brier score', 'Confusion matrix']) {
    assert.match(html, new RegExp(`<td>${label}</td>`));
  }
  assert.match(html, /0\.613 ± 0\.012/);
  assert.match(html, /7,043/);
  assert.match(html, /41\.7 s/);
  assert.match(html, /87 ms/);
  assert.match(html, /<td class="num">52\.1 s<\/td>/);
  assert.equal((html.match(/<tr class="best">/g) ?? []).length, 1);
  assert.equal((html.match(/<svg class="folds"/g) ?? []).length, 6);
  // 2 × 2 confusion matrix with row-normalised shares: 927 / 1035 = 89.6%.
  assert.match(html, /<span class="count">927<\/span><span class="share">89\.6%<\/span>/);
  assert.match(html, /<span class="count">207<\/span><span class="share">55\.3%<\/span>/);
});

test('multiclass report shows a k × k matrix, nulls as a dash, and no ROC/PR curves', () => {
  const html = renderReportHtml(multiclassReport());
  assertSelfContained(html);
  assert.ok(!sections(html).includes('Test-set curves'));
  assert.ok(!sections(html).includes('Learning curve'));
  assert.equal(pathPoints(html).length, 0);
  const matrix = /<table class="confusion">.*?<\/table>/s.exec(html)?.[0] ?? '';
  assert.equal((matrix.match(/<span class="count">/g) ?? []).length, 9);
  assert.match(matrix, /<th scope="col">Chinstrap<\/th>/);
  assert.match(matrix, /<span class="count">13<\/span><span class="share">92\.9%<\/span>/);
  assert.match(html, /<td>ROC AUC<\/td><td class="num">—<\/td>/);
  assert.match(html, /multiclass · 3 classes/);
  assert.deepEqual([...html.matchAll(/class="value">([^<]+)/g)].map((m) => m[1]), ['0.986', '0.981', '0.976', '0.071']);
});

test('regression report headlines rmse/mae/r2 and has no classification sections', () => {
  const html = renderReportHtml(regressionReport());
  assertSelfContained(html);
  assert.deepEqual(sections(html), ['Leaderboard', 'Test metrics', 'Data', 'Durations']);
  assert.doesNotMatch(html, /class="confusion"/);
  const kpis = [...html.matchAll(/<div class="label">([^<]+)<\/div><div class="value[^"]*">([^<]+)/g)].map((m) => `${m[1]}=${m[2]}`);
  assert.deepEqual(kpis, ['RMSE=127,431.2', 'MAE=71,390.5', 'R²=0.881']);
  assert.match(html, /<td>MSE<\/td><td class="num">16,238,724,000\.0<\/td>/);
  assert.match(html, /↓ lower is better/);
  assert.match(html, /2 min 28 s/);
  assert.match(html, /No cleaning was needed/);
});

test('every user-provided string is escaped', () => {
  const evil = '<script>alert(1)</script>';
  const data = binaryReport();
  data.name = evil;
  data.data.target = evil;
  data.data.source = `"${evil}`;
  data.data.classes = ['No', evil];
  data.data.cleaning = [`column '${evil}' dropped`];
  data.best = { model: evil, params: { [evil]: evil }, cvScore: 0.5 };
  data.selection.leaderboard[0].model = evil;
  data.selection.leaderboard[0].params = { note: evil };
  data.modelPath = evil;
  data.durations[evil] = 1;
  data.test[evil] = 0.5;
  const html = renderReportHtml(data);
  assertSelfContained(html);
  assert.doesNotMatch(html, /<script>/);
  assert.ok((html.match(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/g) ?? []).length >= 12);
  assert.match(html, /&quot;&lt;script&gt;/);
});

test('a nested-CV estimate appears under the leaderboard', () => {
  const data = binaryReport();
  data.selection.nested = { folds: 3, scores: [0.61, 0.58, 0.6], mean: 0.5967, std: 0.0125, bestPerFold: [] };
  const html = renderReportHtml(data);
  assert.match(html, /Nested CV \(3 outer folds/);
  assert.match(html, /0\.597 ± 0\.013/);
});
