"""One reference fit for `npm run bench`: scikit-learn / XGBoost on the rows trainyard uses.

    reference.py JOB_JSON

The job (src/bench/task-types.ts, ChildJob) names the data and a constructor expression such as
"LogisticRegression(max_iter=1000)". Tabular data comes as the columns trainyard loaded (same rows,
same train/test split, same column roles); preprocessing mirrors trainyard's spec with scikit-learn's
own SimpleImputer / StandardScaler / OneHotEncoder. Only `fit` is timed as fit time, and only the
model's predict (+ predict_proba or decision_function) as predict time. Peak memory is this
process's maxRSS. The result JSON goes to job['resultFile'].
"""
import json
import resource
import sys
import time
import traceback
import warnings

import numpy as np


def rss_mb():
    """Current resident set size in MB (Linux /proc; None elsewhere)."""
    try:
        with open('/proc/self/statm') as f:
            return int(f.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return None


BASELINE_MB = None
REPEAT_BELOW_SECONDS = 1.0
MAX_FIT_RUNS = 3


def peak_mb():
    # Linux reports ru_maxrss in kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def constructors():
    from sklearn.ensemble import (ExtraTreesClassifier, ExtraTreesRegressor, HistGradientBoostingClassifier,
                                  HistGradientBoostingRegressor, RandomForestClassifier, RandomForestRegressor)
    from sklearn.linear_model import (ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge, SGDClassifier,
                                      SGDRegressor)
    from sklearn.naive_bayes import GaussianNB, MultinomialNB
    from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
    from sklearn.neural_network import MLPClassifier, MLPRegressor
    from sklearn.svm import SVC, SVR, LinearSVC, LinearSVR
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
    scope = dict(locals())
    try:
        from xgboost import XGBClassifier, XGBRegressor
        scope.update(XGBClassifier=XGBClassifier, XGBRegressor=XGBRegressor)
    except ImportError:
        pass
    return scope


def tabular(job):
    import pandas as pd
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, RobustScaler, StandardScaler

    with open(job['data']['json']) as f:
        table = json.load(f)
    numeric, categorical = table['numeric'], table['categorical']

    def frame(part):
        cols = {}
        for name in numeric:
            cols[name] = np.array([np.nan if v is None else v for v in part['columns'][name]], dtype=np.float64)
        for name in categorical:
            # SimpleImputer looks for np.nan, not None, in object columns.
            cols[name] = np.array([np.nan if v is None else v for v in part['columns'][name]], dtype=object)
        return pd.DataFrame(cols), np.array(part['y'], dtype=np.float64)

    Xtr, ytr = frame(table['train'])
    Xte, yte = frame(table['test'])
    pre = table['preprocess']
    branches = []
    if numeric:
        steps = []
        if pre['numericImpute'] != 'none':
            steps.append(SimpleImputer(strategy=pre['numericImpute']))
        scaler = {'standard': StandardScaler, 'minmax': MinMaxScaler, 'robust': RobustScaler}.get(pre['scale'])
        if scaler:
            steps.append(scaler())
        branches.append(('num', make_pipeline(*steps) if steps else 'passthrough', numeric))
    if categorical:
        steps = []
        if pre['categoricalImpute'] != 'none':
            steps.append(SimpleImputer(strategy=pre['categoricalImpute']))
        steps.append(OneHotEncoder(handle_unknown='ignore', sparse_output=False) if _sklearn_at_least(1, 2)
                     else OneHotEncoder(handle_unknown='ignore', sparse=False))
        branches.append(('cat', make_pipeline(*steps), categorical))
    transformer = ColumnTransformer(branches, sparse_threshold=0)
    Xtr = transformer.fit_transform(Xtr)
    Xte = transformer.transform(Xte)
    if job['taskKind'] != 'regression':
        ytr, yte = ytr.astype(np.int64), yte.astype(np.int64)
    return Xtr, ytr, lambda: (Xte, yte)


def _sklearn_at_least(major, minor):
    import sklearn
    parts = sklearn.__version__.split('.')
    return (int(parts[0]), int(parts[1])) >= (major, minor)


def synthetic(job):
    d = job['data']
    rows, cols, train_rows = d['rows'], d['cols'], d['trainRows']
    X = np.fromfile(d['xFile'], dtype='<f4', count=train_rows * cols).reshape(train_rows, cols)
    y = np.fromfile(d['yFile'], dtype=np.uint8, count=train_rows).astype(np.int64)

    def test_part():
        n = rows - train_rows
        Xte = np.fromfile(d['xFile'], dtype='<f4', count=n * cols, offset=train_rows * cols * 4).reshape(n, cols)
        yte = np.fromfile(d['yFile'], dtype=np.uint8, count=n, offset=train_rows).astype(np.int64)
        return Xte, yte

    return X, y, test_part


def scores_of(model, X):
    """Probabilities when the model has them, else decision scores (trainyard's rule)."""
    if hasattr(model, 'predict_proba'):
        return model.predict_proba(X), True
    if hasattr(model, 'decision_function'):
        return model.decision_function(X), False
    return None, False


def metrics(task_kind, n_classes, y, pred, scores, probabilities):
    from sklearn.metrics import (accuracy_score, f1_score, mean_absolute_error, mean_squared_error, precision_score,
                                 r2_score, recall_score, roc_auc_score)
    if task_kind == 'regression':
        return {'rmse': float(np.sqrt(mean_squared_error(y, pred))), 'r2': float(r2_score(y, pred)),
                'mae': float(mean_absolute_error(y, pred))}
    pred = np.asarray(pred).astype(np.int64)
    out = {'accuracy': float(accuracy_score(y, pred))}
    if task_kind == 'binary':
        out.update(precision=float(precision_score(y, pred, zero_division=0)),
                   recall=float(recall_score(y, pred, zero_division=0)), f1=float(f1_score(y, pred)))
        if scores is not None:
            positive = scores[:, -1] if scores.ndim == 2 else scores
            out['rocAuc'] = float(roc_auc_score(y, positive))
        else:
            out['rocAuc'] = None
    else:
        out['f1'] = float(f1_score(y, pred, average='weighted'))
        # As trainyard: a multiclass AUC needs probabilities (one-vs-rest, macro).
        labels = list(range(n_classes))
        out['rocAuc'] = (float(roc_auc_score(y, scores, multi_class='ovr', labels=labels))
                         if scores is not None and probabilities else None)
    return out


def main():
    global BASELINE_MB
    warnings.filterwarnings('ignore')
    with open(sys.argv[1]) as f:
        job = json.load(f)
    result = {}
    try:
        scope = constructors()
        BASELINE_MB = rss_mb()
        X, y, test_part = tabular(job) if job['data']['kind'] == 'tabular' else synthetic(job)
        # Short fits are repeated on a fresh model and the fastest kept (same rule as trainyard-child.ts).
        times = []
        while len(times) < MAX_FIT_RUNS and sum(times) < REPEAT_BELOW_SECONDS:
            model = eval(job['reference'], {'__builtins__': {}}, scope)
            t = time.perf_counter()
            model.fit(X, y)
            times.append(time.perf_counter() - t)
        n_train, n_features = X.shape
        del X, y  # free the training rows before the test rows arrive, as the trainyard child does
        Xte, yte = test_part()
        t = time.perf_counter()
        pred = model.predict(Xte)
        scores, probabilities = (None, False) if job['taskKind'] == 'regression' else scores_of(model, Xte)
        predict_seconds = time.perf_counter() - t
        result = {
            'status': 'ok', 'fitSeconds': min(times), 'coldFitSeconds': times[0], 'fitRuns': len(times), 'predictSeconds': predict_seconds,
            'nTrain': int(n_train), 'nTest': int(len(yte)), 'nFeatures': int(n_features),
            'metrics': metrics(job['taskKind'], job['nClasses'], yte, pred, scores, probabilities),
        }
    except Exception as e:  # reported in the table, not fatal to the benchmark
        result = {'status': 'error', 'message': f'{type(e).__name__}: {e}',
                  'trace': traceback.format_exc(limit=3)}
    result['peakMb'] = peak_mb()
    if BASELINE_MB is not None:
        result['baselineMb'] = BASELINE_MB
    with open(job['resultFile'], 'w') as f:
        json.dump(result, f)


if __name__ == '__main__':
    main()
