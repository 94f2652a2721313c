#!/usr/bin/env bash
# Sets everything up and starts ModelWatch on its embedded demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh default
exec build/default/app/gui/modelwatch --demo "$@"
