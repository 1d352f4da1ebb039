"""Writes the 1M x 40 synthetic binary task of anchors.md as raw float32 / uint8 files.

    make_synthetic.py ROWS COLS TRAIN_ROWS X_OUT Y_OUT

X is row-major little-endian float32, standard-scaled with the statistics of the first TRAIN_ROWS
rows (the training part), so trainyard and the references read identical, already-scaled values.
"""
import sys

import numpy as np
from sklearn.datasets import make_classification

rows, cols, train_rows = (int(v) for v in sys.argv[1:4])
x_out, y_out = sys.argv[4], sys.argv[5]

X, y = make_classification(n_samples=rows, n_features=cols, n_informative=20, n_redundant=10,
                           n_clusters_per_class=4, flip_y=0.02, class_sep=0.8, random_state=7)
mean = X[:train_rows].mean(axis=0)
std = X[:train_rows].std(axis=0)
std[std == 0] = 1.0  # as StandardScaler: a constant column stays centred, not divided by zero
X -= mean
X /= std
X.astype('<f4').tofile(x_out)
y.astype(np.uint8).tofile(y_out)
