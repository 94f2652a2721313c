#!/usr/bin/env bash
# Runs each libFuzzer target on a corpus seeded from the test data, for a fixed
# number of inputs from a fixed seed (FUZZ_RUNS, default 100000; FUZZ_SEED,
# default 1) so that a run is repeatable: the same code and corpus explore the
# same inputs on every machine, and CI does not fail on a finding that a
# developer's run could not reproduce. SECONDS caps each target's time.
# Usage: scripts/fuzz.sh [SECONDS]   (needs: scripts/build.sh fuzz)
# For open-ended fuzzing: FUZZ_RUNS=-1 FUZZ_SEED=0 scripts/fuzz.sh 3600
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
runs="${FUZZ_RUNS:-100000}"
seed="${FUZZ_SEED:-1}"
bin=build/fuzz/tests/fuzz
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/exposition" "$work/gzip" "$work/promql" "$work/rulefile" "$work/quality_feed" "$work/dashboard"
cp tests/data/samples/* "$work/exposition/"
if [ -d tests/data/conformance ]; then
  find tests/data/conformance -type f -name '*.txt' -exec cp -t "$work/exposition/" {} + 2>/dev/null || true
fi
for f in tests/data/samples/*; do gzip -c "$f" > "$work/gzip/$(basename "$f").gz"; done
cp tests/data/promql/*.promql "$work/promql/"
cp tests/data/alerting/*.yml "$work/rulefile/"
cp tests/data/quality/fuzz/* "$work/quality_feed/"
cp resources/dashboards/*.json tests/data/dashboards/*.json tests/data/grafana/*.json "$work/dashboard/"

status=0
for target in exposition gzip promql rulefile quality_feed dashboard; do
  echo "fuzz_$target: $runs inputs from seed $seed, at most ${seconds}s"
  if ! "$bin/fuzz_$target" -max_total_time="$seconds" -runs="$runs" -seed="$seed" -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$work/crash-$target-" "$work/$target" \
      > "$work/$target.log" 2>&1; then
    status=1
    tail -n 60 "$work/$target.log"
    for crash in "$work"/crash-"$target"-*; do
      [ -e "$crash" ] || continue
      mkdir -p build/fuzz/crashes && cp "$crash" build/fuzz/crashes/
      echo "crash input saved to build/fuzz/crashes/$(basename "$crash")"
    done
  else
    grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$work/$target.log" | sed "s/^/  /"
  fi
done
[ "$status" -eq 0 ] && echo "fuzz: no crashes"
exit "$status"
