/** The README's library example, verbatim apart from imports: it must keep working. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadFrame } from './data/index.js';
import { buildPreprocessor, toMatrix, LogisticRegression, evaluatePredictions, trainTestSplit } from './index.js';
import { repoRoot } from './testing/paths.js';

test('README library example runs and scores like the anchors', async () => {
  const { frame } = await loadFrame({ source: join(repoRoot, 'examples/online-shoppers/online_shoppers_intention.csv') });
  const y = Float64Array.from((frame.column('Revenue') as { values: Float64Array }).values); // boolean → 0/1
  const features = frame.drop(['Revenue']);
  const { train, test } = trainTestSplit(frame.nRows, { testFraction: 0.2, stratify: y, seed: 0 });

  const prep = buildPreprocessor(
    { numeric: { impute: 'median', scale: 'standard' }, categorical: { encode: 'onehot', columns: ['Month', 'VisitorType'] } },
    features,
  );
  prep.fit(features.take(train)); // fitted on training rows only
  const Xtrain = toMatrix(prep.transform(features.take(train))).X;
  const Xtest = toMatrix(prep.transform(features.take(test))).X;
  const pick = (idx: Int32Array) => Float64Array.from(idx, (i) => y[i]);

  const model = new LogisticRegression({ C: 1 }).fit(Xtrain, pick(train));
  const metrics = evaluatePredictions({
    task: 'binary',
    yTrue: pick(test),
    yPred: model.predict(Xtest),
    scores: model.predictProba(Xtest),
    scoresAreProbabilities: true,
  });
  assert.ok((metrics.accuracy as number) > 0.87, `accuracy ${metrics.accuracy}`);
  assert.ok((metrics.rocAuc as number) > 0.88, `AUC ${metrics.rocAuc}`);
});
