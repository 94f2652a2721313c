#!/usr/bin/env python3
"""Deterministic OpenMetrics data set with timestamps for the differential test:
the same file is backfilled into a real Prometheus (promtool tsdb
create-blocks-from openmetrics) and loaded into ModelWatch's store.

Counters with resets, gauges (negative values too), histograms with a reset,
jittered sample times, a series that starts late and one that stops early.

Usage: gen_dataset.py [--seed S] [--start UNIX_SECONDS] [--minutes M] > data.om
"""
import argparse
import random

MODELS = ["alpha", "beta", "gamma"]
BUCKETS = [0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0]


def fmt(v):
    r = repr(float(v))
    return r


def times(rng, start, minutes, begin_min=0, end_min=None):
    end_min = minutes if end_min is None else end_min
    out = []
    t = start + begin_min * 60
    end = start + end_min * 60
    while t < end:
        # 15 s interval with up to +-2 s of jitter, millisecond precision.
        out.append(t + rng.randint(-2000, 2000) / 1000.0)
        t += 15
    return out


def ts(t):
    return "%.3f" % t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--start", type=int, default=1700000000)
    ap.add_argument("--minutes", type=int, default=120)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    lines = []

    lines.append("# TYPE demo_requests counter")
    lines.append("# HELP demo_requests Requests served.")
    for model in MODELS:
        for status in ["200", "500"]:
            v = rng.randint(0, 1000)
            begin = 30 if (model, status) == ("gamma", "500") else 0
            end = 90 if (model, status) == ("beta", "500") else None
            for i, t in enumerate(times(rng, a.start, a.minutes, begin, end)):
                if i in (100, 333) and status == "200":
                    v = rng.randint(0, 20)  # a restart: counter reset
                else:
                    v += rng.randint(0, 50) if status == "200" else rng.randint(0, 3)
                lines.append('demo_requests_total{model="%s",status="%s"} %d %s' % (model, status, v, ts(t)))

    lines.append("# TYPE demo_queue_size gauge")
    for model in MODELS:
        v = 0.0
        for t in times(rng, a.start, a.minutes):
            v = round(v + rng.uniform(-3, 3), 3)
            lines.append('demo_queue_size{model="%s"} %s %s' % (model, fmt(v), ts(t)))

    lines.append("# TYPE demo_temperature gauge")
    lines.append("# HELP demo_temperature GPU temperature.")
    for model in MODELS:
        for gpu in ["0", "1"]:
            for t in times(rng, a.start, a.minutes):
                lines.append('demo_temperature{gpu="%s",model="%s"} %s %s'
                             % (gpu, model, fmt(round(rng.uniform(40, 90), 2)), ts(t)))

    lines.append("# TYPE demo_latency_seconds histogram")
    for model in MODELS:
        counts = [0] * (len(BUCKETS) + 1)
        total_sum = 0.0
        for i, t in enumerate(times(rng, a.start, a.minutes)):
            if model == "beta" and i == 200:
                counts = [0] * (len(BUCKETS) + 1)  # a restart
                total_sum = 0.0
            for _ in range(rng.randint(0, 40)):
                obs = rng.lognormvariate(-1.5, 1.0)
                total_sum += obs
                for b, bound in enumerate(BUCKETS):
                    if obs <= bound:
                        counts[b] += 1
                counts[-1] += 1
            for b, bound in enumerate(BUCKETS):
                lines.append('demo_latency_seconds_bucket{model="%s",le="%s"} %d %s'
                             % (model, fmt(bound), counts[b], ts(t)))
            lines.append('demo_latency_seconds_bucket{model="%s",le="+Inf"} %d %s' % (model, counts[-1], ts(t)))
            lines.append('demo_latency_seconds_count{model="%s"} %d %s' % (model, counts[-1], ts(t)))
            lines.append('demo_latency_seconds_sum{model="%s"} %s %s' % (model, fmt(round(total_sum, 6)), ts(t)))

    lines.append("# EOF")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
