/**
 * Online-shoppers benchmark: trainyard's first three models against scikit-learn on exactly the same
 * rows (the benchmark writes its train/test row numbers; the reference reads them), same preprocessing.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitCandidate, predictDataset, scorePredictions } from '../experiment/fit-candidate.js';
import { prepareData } from '../experiment/prepare-data.js';
import { loadSpec } from '../experiment/spec.js';
import { repoRoot } from '../testing/paths.js';

export interface ModelBenchRow {
  model: string;
  trainyard: { fitSeconds: number; accuracy: number; f1: number; rocAuc: number };
  reference: { fitSeconds: number; accuracy: number; f1: number; rocAuc: number } | null;
  fitRatio: number | null;
}

const MODELS: { name: string; params: Record<string, unknown>; sklearn: string }[] = [
  { name: 'logistic_regression', params: { C: 1 }, sklearn: 'LogisticRegression(C=1.0, max_iter=1000)' },
  { name: 'linear_svm', params: { C: 1 }, sklearn: 'LinearSVC(C=1.0, dual=True, max_iter=1000, random_state=0)' },
  {
    name: 'mlp',
    params: { hidden: [64, 32], optimizer: 'adam', learningRate: 0.001, earlyStopping: true },
    sklearn: 'MLPClassifier(hidden_layer_sizes=(64, 32), early_stopping=True, random_state=0)',
  },
];

const PYTHON = String.raw`
import json, sys, time, numpy as np, pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import make_pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC
from sklearn.neural_network import MLPClassifier
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
cfg = json.load(open(sys.argv[1]))
df = pd.read_csv(cfg['csv'], sep=';')
y = df['Revenue'].astype(int).values
X = df.drop(columns=['Revenue'])
cat = ['Month', 'VisitorType', 'Weekend', 'OperatingSystems', 'Browser', 'Region', 'TrafficType']
num = [c for c in X.columns if c not in cat]
tr, te = np.array(cfg['train']), np.array(cfg['test'])
out = []
for name, ctor in cfg['models']:
    pre = ColumnTransformer([('num', make_pipeline(SimpleImputer(strategy='median'), StandardScaler()), num),
                             ('cat', make_pipeline(SimpleImputer(strategy='most_frequent'), OneHotEncoder(handle_unknown='ignore')), cat)])
    Xtr = pre.fit_transform(X.iloc[tr]); Xte = pre.transform(X.iloc[te])
    Xtr = Xtr.toarray() if hasattr(Xtr, 'toarray') else Xtr; Xte = Xte.toarray() if hasattr(Xte, 'toarray') else Xte
    m = eval(ctor)
    t = time.perf_counter(); m.fit(Xtr, y[tr]); fit = time.perf_counter() - t
    s = m.predict_proba(Xte)[:, 1] if hasattr(m, 'predict_proba') else m.decision_function(Xte)
    p = m.predict(Xte)
    out.append({'model': name, 'fitSeconds': fit, 'accuracy': accuracy_score(y[te], p), 'f1': f1_score(y[te], p), 'rocAuc': roc_auc_score(y[te], s)})
print(json.dumps(out))
`;

export async function benchShoppers(workDir: string): Promise<ModelBenchRow[]> {
  const loaded = loadSpec(join(repoRoot, 'examples/online-shoppers/spec.yaml'));
  const prepared = await prepareData(loaded);
  const rows: ModelBenchRow[] = [];
  for (const m of MODELS) {
    const t = performance.now();
    const fitted = fitCandidate(prepared.train, loaded.spec.preprocess, m.name, m.params);
    const fitSeconds = (performance.now() - t) / 1000;
    const s = scorePredictions(prepared.test, predictDataset(fitted, prepared.test));
    rows.push({ model: m.name, trainyard: { fitSeconds, accuracy: s.accuracy as number, f1: s.f1 as number, rocAuc: s.rocAuc as number }, reference: null, fitRatio: null });
  }
  const reference = runReference(workDir, prepared.split, prepared.kept);
  for (const r of rows) {
    r.reference = reference?.find((x) => x.model === r.model) ?? null;
    r.fitRatio = r.reference ? r.trainyard.fitSeconds / r.reference.fitSeconds : null;
  }
  return rows;
}

function runReference(workDir: string, split: { train: Int32Array; test: Int32Array }, kept: Int32Array): (ModelBenchRow['trainyard'] & { model: string })[] | null {
  const script = join(workDir, 'shoppers_reference.py');
  const cfg = join(workDir, 'shoppers_reference.json');
  writeFileSync(script, PYTHON);
  writeFileSync(
    cfg,
    JSON.stringify({
      csv: join(repoRoot, 'examples/online-shoppers/online_shoppers_intention.csv'),
      train: Array.from(split.train, (i) => kept[i]),
      test: Array.from(split.test, (i) => kept[i]),
      models: MODELS.map((m) => [m.name, m.sklearn]),
    }),
  );
  const r = spawnSync('/usr/bin/python3', [script, cfg], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`scikit-learn reference unavailable: ${r.error?.message ?? r.stderr.split('\n').slice(-2).join(' ')}\n`);
    return null;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}
