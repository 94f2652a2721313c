#!/usr/bin/python3
"""Reference values for ModelWatch's model-quality maths (src/core/quality).

Run with Debian's python and scikit-learn (apt-get install python3-sklearn):

    /usr/bin/python3 tests/data/quality/make_fixtures.py

Writes, next to this script, one JSON file per data set with the inputs and
what scikit-learn computes from them, plus a labeled-prediction feed (JSON
lines and CSV) and sklearn's figures for the predictions that feed joins.
Deterministic: fixed seeds, so a re-run rewrites identical files.

JSON has no NaN or infinity: NaN is written as null, +inf as the string "inf".
"""

import json
import os
import warnings

import numpy as np
import scipy
import sklearn
from scipy.stats import binomtest
from sklearn.metrics import (accuracy_score, average_precision_score,
                             confusion_matrix, precision_recall_curve,
                             precision_recall_fscore_support, roc_auc_score,
                             roc_curve)
from sklearn.preprocessing import label_binarize

HERE = os.path.dirname(os.path.abspath(__file__))
BOUNDS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0, float("inf")]

warnings.simplefilter("ignore")  # the degenerate sets warn on purpose


def clean(x):
    """numpy -> JSON-able, NaN -> None, inf -> "inf"."""
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, np.ndarray)):
        return [clean(v) for v in x]
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if np.isnan(x):
            return None
        if np.isinf(x):
            return "inf" if x > 0 else "-inf"
        return x
    return x


def prf(y_true, y_pred, labels, binary):
    out = {}
    for zd_name, zd in (("zero_division_0", 0), ("zero_division_1", 1)):
        per = {}
        averages = [None, "macro", "micro", "weighted"] + (["binary"] if binary else [])
        for avg in averages:
            p, r, f, s = precision_recall_fscore_support(
                y_true, y_pred, labels=labels, average=avg, zero_division=zd,
                pos_label=1)
            entry = {"precision": p, "recall": r, "f1": f}
            if avg is None:
                entry["support"] = s
            per["none" if avg is None else avg] = entry
        out[zd_name] = per
    return out


def try_metric(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs), None
    except ValueError as e:
        return None, str(e)


def binary_expected(y_true, y_pred, y_score):
    keep = ~np.isnan(y_score)
    yt, ys = y_true[keep], y_score[keep]
    exp = {
        "confusion": confusion_matrix(y_true, y_pred, labels=[0, 1]).T,  # predicted x actual
        "prf": prf(y_true, y_pred, [0, 1], True),
        "accuracy": accuracy_score(y_true, y_pred),
        "nan_scores": int((~keep).sum()),
    }
    auc, why = try_metric(roc_auc_score, yt, ys)
    exp["roc_auc"] = auc
    exp["roc_auc_error"] = why
    exp["average_precision"] = average_precision_score(yt, ys)
    fpr, tpr, thr = roc_curve(yt, ys)
    exp["roc_curve"] = {"fpr": fpr, "tpr": tpr, "thresholds": thr}
    fpr, tpr, thr = roc_curve(yt, ys, drop_intermediate=False)
    exp["roc_curve_all"] = {"fpr": fpr, "tpr": tpr, "thresholds": thr}
    p, r, thr = precision_recall_curve(yt, ys)
    exp["pr_curve"] = {"precision": p, "recall": r, "thresholds": thr}
    # Buckets: cumulative counts (score <= bound) per class; sklearn on the
    # bucket index (scores rounded up to their bucket's bound keep that order).
    b = np.array(BOUNDS)
    idx = np.searchsorted(b, ys, side="left").astype(float)
    exp["buckets"] = {
        "bounds": BOUNDS,
        "positive_cumulative": [int(((ys <= x) & (yt == 1)).sum()) for x in BOUNDS],
        "negative_cumulative": [int(((ys <= x) & (yt == 0)).sum()) for x in BOUNDS],
        "roc_auc": try_metric(roc_auc_score, yt, idx)[0],
        "average_precision": average_precision_score(yt, idx),
    }
    return exp


def multiclass_expected(y_true, y_pred, proba, k):
    labels = list(range(k))
    exp = {
        "confusion": confusion_matrix(y_true, y_pred, labels=labels).T,
        "prf": prf(y_true, y_pred, labels, False),
        "accuracy": accuracy_score(y_true, y_pred),
    }
    onehot = label_binarize(y_true, classes=labels)
    present = all((y_true == c).any() for c in labels)
    ovr = {}
    for avg in ("macro", "weighted"):
        ovr["roc_auc_" + avg] = try_metric(roc_auc_score, y_true, proba, multi_class="ovr",
                                           average=avg, labels=labels)[0] if present else None
        ovr["average_precision_" + avg] = average_precision_score(onehot, proba, average=avg)
    ovr["roc_auc_per_class"] = [try_metric(roc_auc_score, onehot[:, c], proba[:, c])[0] for c in labels]
    ovr["average_precision_per_class"] = average_precision_score(onehot, proba, average=None)
    exp["ovr"] = ovr
    return exp


def write(name, data):
    path = os.path.join(HERE, name)
    with open(path, "w") as f:
        json.dump(clean(data), f, sort_keys=True, separators=(",", ":"), allow_nan=False)
        f.write("\n")


def binary_set(name, description, y_true, y_pred, y_score):
    y_true = np.asarray(y_true, dtype=int)
    y_pred = np.asarray(y_pred, dtype=int)
    y_score = np.asarray(y_score, dtype=float)
    write(name + ".json", {
        "name": name, "description": description, "kind": "binary", "classes": 2,
        "sklearn_version": sklearn.__version__,
        "y_true": y_true, "y_pred": y_pred, "y_score": y_score,
        "expected": binary_expected(y_true, y_pred, y_score),
    })


def multiclass_set(name, description, y_true, y_pred, proba, k):
    write(name + ".json", {
        "name": name, "description": description, "kind": "multiclass", "classes": k,
        "sklearn_version": sklearn.__version__,
        "y_true": y_true, "y_pred": y_pred, "y_proba": proba,
        "expected": multiclass_expected(np.asarray(y_true), np.asarray(y_pred), np.asarray(proba), k),
    })


def softmax_set(rng, n, k, skill):
    y = rng.randint(0, k, size=n)
    logits = rng.normal(size=(n, k))
    logits[np.arange(n), y] += skill
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    proba = e / e.sum(axis=1, keepdims=True)
    return y, proba


def feed(rng):
    """A feed: predictions, later labels (shuffled), some labels missing,
    some duplicated, some labels before their prediction; sklearn on the
    pairs that must join (join window 600 s)."""
    n = 300
    y = rng.randint(0, 2, size=n)
    score = np.clip(rng.normal(0.35 + 0.3 * y, 0.2), 0, 1).round(3)
    pred = (score >= 0.5).astype(int)
    t0 = 1764572400.0
    events = []  # (time, order, record)
    for i in range(n):
        t = t0 + i * 0.5
        events.append((t, 0, {"id": "p%04d" % i, "time": t, "score": float(score[i]), "predicted": str(pred[i])}))
    missing = set(rng.choice(n, size=20, replace=False).tolist())
    late = set(rng.choice(sorted(set(range(n)) - missing), size=10, replace=False).tolist())
    joined = []
    for i in range(n):
        if i in missing:
            continue
        delay = 900.0 if i in late else float(rng.uniform(1, 300))
        events.append((t0 + i * 0.5 + delay, 1, {"id": "p%04d" % i, "time": t0 + i * 0.5 + delay, "actual": str(y[i])}))
        if i not in late:
            joined.append(i)
    dups = rng.choice(joined, size=5, replace=False).tolist()
    for i in dups:
        events.append((t0 + i * 0.5 + 320.0, 2, {"id": "p%04d" % i, "time": t0 + i * 0.5 + 320.0, "actual": str(1 - y[i])}))
    events.sort(key=lambda e: (e[0], e[1], e[2]["id"]))
    lines = [json.dumps(e[2], separators=(",", ":")) for e in events]
    with open(os.path.join(HERE, "feed_e2e.jsonl"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(HERE, "feed_e2e.csv"), "w") as f:
        f.write("id,time,score,predicted,actual\n")
        for e in events:
            r = e[2]
            f.write("%s,%r,%s,%s,%s\n" % (r["id"], r["time"], r.get("score", ""), r.get("predicted", ""), r.get("actual", "")))
    # Small seeds for the fuzz target (tests/fuzz/fuzz_quality_feed.cpp).
    os.makedirs(os.path.join(HERE, "fuzz"), exist_ok=True)
    with open(os.path.join(HERE, "fuzz", "e2e_head.jsonl"), "w") as f:
        f.write("\n".join(lines[:40]) + "\n")
    with open(os.path.join(HERE, "feed_e2e.csv")) as src, open(os.path.join(HERE, "fuzz", "e2e_head.csv"), "w") as f:
        f.writelines(src.readlines()[:40])
    j = np.array(sorted(joined))
    exp = binary_expected(y[j], pred[j], score[j])
    # The late labels arrive after their prediction expired: they are orphans.
    write("feed_e2e.json", {
        "name": "feed_e2e", "kind": "feed", "sklearn_version": sklearn.__version__,
        "join_window_s": 600, "records": len(lines),
        "joined": len(joined), "expired_predictions": len(missing) + len(late),
        "orphan_labels": len(late), "duplicate_labels": len(dups),
        "expected": exp,
    })


def wilson():
    """Wilson score intervals from SciPy (an implementation independent of ours)."""
    cases = []
    for k, n, conf in ((0, 1, 0.95), (1, 1, 0.95), (0, 10, 0.95), (3, 10, 0.95), (5, 10, 0.95),
                       (10, 10, 0.95), (81, 263, 0.95), (1, 5, 0.90), (999, 1000, 0.99),
                       (12345, 54321, 0.95), (7, 30, 0.80)):
        ci = binomtest(k, n).proportion_ci(confidence_level=conf, method="wilson")
        z = float(scipy.stats.norm.ppf(0.5 + conf / 2))
        cases.append({"successes": k, "trials": n, "confidence": conf, "z": z,
                      "lower": float(ci.low), "upper": float(ci.high)})
    write("wilson.json", {"scipy_version": scipy.__version__, "cases": cases})


def main():
    wilson()
    rng = np.random.RandomState(20261201)
    n = 500
    y = rng.randint(0, 2, size=n)
    s = np.clip(rng.normal(0.4 + 0.25 * y, 0.2), 0, 1)
    binary_set("random_binary", "continuous scores, no ties", y, (s >= 0.5).astype(int), s)

    y = rng.randint(0, 2, size=400)
    s = np.clip(np.round(rng.normal(0.4 + 0.2 * y, 0.25) * 10) / 10, 0, 1)
    binary_set("ties_binary", "scores on a 0.1 grid: many ties across classes", y, (s >= 0.5).astype(int), s)

    y = rng.randint(0, 2, size=20000)
    s = np.clip(rng.beta(2 + 2 * y, 4 - 2 * y), 0, 1).round(3)
    binary_set("large_ties_binary", "20000 samples, scores rounded to 0.001", y, (s >= 0.5).astype(int), s)

    y = np.ones(50, dtype=int)
    s = rng.uniform(size=50)
    binary_set("one_class", "only positives: ROC-AUC undefined", y, (s >= 0.5).astype(int), s)

    y = np.zeros(60, dtype=int)
    s = rng.uniform(size=60)
    binary_set("no_positives", "only negatives: recall and AP undefined", y, (s >= 0.5).astype(int), s)

    y = rng.randint(0, 2, size=80)
    s = rng.uniform(0, 0.49, size=80)
    binary_set("all_predicted_negative", "no predicted positive: precision undefined", y, np.zeros(80, dtype=int), s)

    y = rng.randint(0, 2, size=300)
    s = np.clip(rng.normal(0.4 + 0.2 * y, 0.2), 0, 1)
    s[rng.choice(300, size=17, replace=False)] = np.nan
    pred = np.where(np.isnan(s), 0, s >= 0.5).astype(int)
    binary_set("nan_scores", "17 NaN scores (excluded and counted; sklearn on the rest)", y, pred, s)

    y, p = softmax_set(rng, 600, 3, 1.5)
    multiclass_set("multiclass_3", "3 classes, softmax scores, argmax predictions", y, p.argmax(axis=1), p, 3)

    y, p = softmax_set(rng, 500, 4, 1.0)
    pred = p.argmax(axis=1)
    pred[pred == 3] = 2  # class 3 is never predicted: its precision is undefined
    multiclass_set("multiclass_4", "4 classes, class 3 never predicted", y, pred, p, 4)

    y, p = softmax_set(rng, 200, 4, 2.0)
    y[y == 2] = 0  # class 2 never occurs: recall and its ROC-AUC undefined
    multiclass_set("multiclass_4_absent", "4 classes, class 2 absent from y_true", y, p.argmax(axis=1), p, 4)

    feed(rng)


if __name__ == "__main__":
    main()
