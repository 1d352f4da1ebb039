/**
 * Side-by-side benchmark of the tree models against scikit-learn on the same rows, in one run (the
 * machine is shared and noisy, so only same-run ratios mean anything): online-shoppers (decision
 * tree, random forest and Extra-Trees with N trees) and the full kc-house set (regressors, N/2 trees).
 *
 * Run after a build: `node dist/bench/forest-bench.js [N=200]`. Needs `/usr/bin/python3` with
 * scikit-learn for the reference columns; without it only trainyard's figures are printed.
 */
import { execFileSync } from 'node:child_process';
import { unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Matrix } from '../core/matrix.js';
import { rocAuc } from '../testing/reference/linear-reference-fixtures.js';
import { fixturePath } from '../testing/paths.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from '../models/tree/decision-tree.js';
import { ExtraTreesClassifier, ExtraTreesRegressor } from '../models/tree/extra-trees.js';
import { RandomForestClassifier, RandomForestRegressor } from '../models/tree/random-forest.js';
import { kcHouseData, shoppersData, type TreeSplitData } from '../testing/reference/tree-reference-data.js';

type Figures = { fitSeconds: number; fitCpuSeconds: number; predictSeconds: number; accuracy?: number; rocAuc?: number; r2?: number };
interface Model {
  fit(X: Matrix, y: ArrayLike<number>): unknown;
  predict(X: Matrix): Float64Array;
  predictProba?(X: Matrix): Matrix;
}

function splitEntry(d: TreeSplitData): Record<string, unknown> {
  return { rows: d.rows ? Array.from(d.rows) : null, test: Array.from(d.test), numeric: d.numeric, categorical: d.categorical, nFeatures: d.featureNames.length };
}

function measure(m: Model, d: TreeSplitData): Figures {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  m.fit(d.Xtrain, d.ytrain);
  const t1 = performance.now();
  const c = process.cpuUsage(c0);
  const fitCpuSeconds = (c.user + c.system) / 1e6;
  if (m.predictProba) {
    const p = m.predictProba(d.Xtest);
    const t2 = performance.now();
    const pred = m.predict(d.Xtest);
    let hit = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === d.ytest[i]) hit++;
    const p1 = Float64Array.from({ length: p.rows }, (_, i) => p.data[2 * i + 1]);
    return { fitSeconds: (t1 - t0) / 1000, fitCpuSeconds, predictSeconds: (t2 - t1) / 1000, accuracy: hit / pred.length, rocAuc: rocAuc(d.ytest, p1, 1) };
  }
  const pred = m.predict(d.Xtest);
  const t2 = performance.now();
  let mean = 0, res = 0, tot = 0;
  for (const v of d.ytest) mean += v / d.ytest.length;
  for (let i = 0; i < pred.length; i++) {
    res += (d.ytest[i] - pred[i]) ** 2;
    tot += (d.ytest[i] - mean) ** 2;
  }
  return { fitSeconds: (t1 - t0) / 1000, fitCpuSeconds, predictSeconds: (t2 - t1) / 1000, r2: 1 - res / tot };
}

async function main(): Promise<void> {
  const trees = Number(process.argv[2] ?? 200);
  const shoppers = await shoppersData();
  const kc = await kcHouseData();
  const file = join(tmpdir(), `trainyard-tree-bench-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ trees, shoppers: splitEntry(shoppers), kcHouse: splitEntry(kc) }));
  let ref: Record<string, Record<string, Figures>> | null = null;
  try {
    ref = JSON.parse(execFileSync('/usr/bin/python3', [fixturePath('tree', 'bench_sklearn.py'), file], { encoding: 'utf8', maxBuffer: 1 << 24 }));
  } catch (e) {
    console.log(`(no scikit-learn reference: ${(e as Error).message.split('\n')[0]})`);
  } finally {
    unlinkSync(file);
  }
  const runs: [string, string, Model, TreeSplitData][] = [
    ['shoppers', 'decision_tree', new DecisionTreeClassifier(), shoppers],
    ['shoppers', 'random_forest', new RandomForestClassifier({ nEstimators: trees }), shoppers],
    ['shoppers', 'extra_trees', new ExtraTreesClassifier({ nEstimators: trees }), shoppers],
    ['kcHouse', 'decision_tree_regressor', new DecisionTreeRegressor(), kc],
    ['kcHouse', 'random_forest_regressor', new RandomForestRegressor({ nEstimators: trees / 2 }), kc],
    ['kcHouse', 'extra_trees_regressor', new ExtraTreesRegressor({ nEstimators: trees / 2 }), kc],
  ];
  const f3 = (v: number | undefined): string => (v === undefined ? '-' : v.toFixed(4));
  // CPU seconds are the fairer comparison on a shared machine (both sides are single-threaded here).
  console.log('data      model                     fit s   sklearn  ratio  | fit cpu s sklearn ratio | predict s sklearn | acc/R²   sklearn  | AUC      sklearn');
  const results: Record<string, unknown> = {};
  for (const [ds, name, model, data] of runs) {
    const ours = measure(model, data);
    const r = ref?.[ds]?.[name];
    results[`${ds}/${name}`] = { trainyard: ours, sklearn: r ?? null };
    const q = ours.accuracy ?? ours.r2, rq = r ? r.accuracy ?? r.r2 : undefined;
    console.log(
      `${ds.padEnd(9)} ${name.padEnd(24)} ${ours.fitSeconds.toFixed(3).padStart(6)}  ${r ? r.fitSeconds.toFixed(3).padStart(6) : '     -'}  ${r ? (ours.fitSeconds / r.fitSeconds).toFixed(2).padStart(5) : '    -'}  | ` +
        `${ours.fitCpuSeconds.toFixed(3).padStart(6)}  ${r ? r.fitCpuSeconds.toFixed(3).padStart(6) : '     -'}  ${r ? (ours.fitCpuSeconds / r.fitCpuSeconds).toFixed(2) : '-'} | ` +
        `${ours.predictSeconds.toFixed(3)}   ${r ? r.predictSeconds.toFixed(3) : '-'}   | ${f3(q)}   ${f3(rq)}   | ${f3(ours.rocAuc)}   ${f3(r?.rocAuc)}`,
    );
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(results));
}

if (process.argv[1]?.endsWith('forest-bench.js')) await main();
