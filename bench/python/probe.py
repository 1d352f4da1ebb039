"""Prints the versions of the reference libraries as JSON (null for a missing one).

Used by `npm run bench` (src/bench/python-env.ts) to decide which references it can run.
"""
import json
import platform


def version(module):
    try:
        return __import__(module).__version__
    except Exception:  # a missing or broken library is simply unavailable
        return None


print(json.dumps({
    'python': platform.python_version(),
    'numpy': version('numpy'),
    'pandas': version('pandas'),
    'sklearn': version('sklearn'),
    'xgboost': version('xgboost'),
}))
