"""The serving anchor of issue 16 (../shared/design/anchors.md "Serving"): a FastAPI app on uvicorn,
one process, serving a scikit-learn Pipeline (median impute + standard scale + one-hot on the seven
categorical columns + LogisticRegression C=1, max_iter 1000) fitted on the whole online-shoppers file.
POST /predict {"rows": [{column: value}, ...]} -> {"predictions": [...], "probabilities": [[...], ...]};
the rows become a pandas DataFrame per request, as a user would write it.

usage: python3 serve_anchor.py CSV PORT
"""
import sys
from typing import Any, Dict, List

import pandas as pd
import uvicorn
from fastapi import FastAPI, Request
from pydantic import BaseModel
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

CATEGORICAL = ["Month", "VisitorType", "Weekend", "OperatingSystems", "Browser", "Region", "TrafficType"]

csv, port = sys.argv[1], int(sys.argv[2])
data = pd.read_csv(csv, sep=None, engine="python")
y = data.pop("Revenue")
numeric = [c for c in data.columns if c not in CATEGORICAL]
model = Pipeline([
    ("prep", ColumnTransformer([
        ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
        ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
    ])),
    ("model", LogisticRegression(C=1.0, max_iter=1000)),
]).fit(data, y)

app = FastAPI()


class Rows(BaseModel):
    rows: List[Dict[str, Any]]


@app.post("/predict")
def predict(body: Rows):
    X = pd.DataFrame(body.rows, columns=data.columns)
    return {"predictions": [bool(v) for v in model.predict(X)], "probabilities": model.predict_proba(X).tolist()}


@app.post("/predict-async")
async def predict_async(request: Request):
    # The same answer without pydantic's validation or the thread pool: the anchor's best case.
    X = pd.DataFrame((await request.json())["rows"], columns=data.columns)
    return {"predictions": [bool(v) for v in model.predict(X)], "probabilities": model.predict_proba(X).tolist()}


@app.get("/health")
def health():
    return {"status": "ok"}


uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
