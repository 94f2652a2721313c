#!/usr/bin/env bash
# Installs every Debian 12 package ModelWatch needs to build, test, fuzz and
# benchmark. Idempotent: installs only what is missing, and runs apt-get update
# only when something is.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config python3 gzip
  qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev libqt6websockets6-dev
  prometheus-cpp-dev qtkeychain-qt6-dev
  prometheus prometheus-alertmanager
  nlohmann-json3-dev libfast-float-dev zlib1g-dev libre2-dev libyaml-cpp-dev openssl apache2-utils
  libbenchmark-dev libqt6charts6-dev libqt6opengl6-dev
  xvfb xauth dunst dbus dbus-x11 libqt6sql6-sqlite libqt6svg6 ccache
  desktop-file-utils appstream libxml2-utils shared-mime-info
  clang-14 libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
