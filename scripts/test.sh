#!/usr/bin/env bash
# Sets everything up and runs the whole test suite:
#   1. the optimised build and every CTest test (unit, integration, CLI);
#   2. the .deb: built, validated (desktop-file-validate, appstreamcli), and on
#      CI installed and run;
#   3. the same tests under AddressSanitizer + UndefinedBehaviorSanitizer;
#   4. the libFuzzer targets, each for FUZZ_RUNS inputs from a fixed seed
#      (scripts/fuzz.sh; at most FUZZ_SECONDS, default 60, each).
# Prints CTest's summary for each stage; exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh

fuzz_seconds="${FUZZ_SECONDS:-60}"
status=0

echo "== build (default) =="
scripts/build.sh default
echo "== tests (default) =="
ctest --preset default -j "$(nproc)" || status=1

echo "== package (.deb) =="
scripts/package.sh || status=1

echo "== build (asan + ubsan) =="
scripts/build.sh asan
echo "== tests (asan + ubsan) =="
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --preset asan -j "$(nproc)" || status=1

if [ "$fuzz_seconds" -gt 0 ]; then
  echo "== fuzz (repeatable runs, at most ${fuzz_seconds}s per target) =="
  scripts/build.sh fuzz
  scripts/fuzz.sh "$fuzz_seconds" || status=1
fi

if [ "$status" -ne 0 ]; then
  echo "test.sh: FAILED"
else
  echo "test.sh: all stages passed"
fi
exit "$status"
