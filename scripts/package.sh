#!/usr/bin/env bash
# Builds the .deb from the default build, validates its desktop entry, AppStream
# metainfo and MIME package, and checks what it installs. With CI=true (or
# MW_INSTALL_DEB=1) it also installs the package with apt and runs the
# installed binaries. Usage: scripts/package.sh   (after scripts/build.sh default)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${MW_BUILD_DIR:-build/default}"
id=org.modelwatch.ModelWatch

desktop-file-validate "packaging/$id.desktop"
appstreamcli validate --no-net --explain "packaging/$id.metainfo.xml"
xmllint --noout "packaging/$id.mime.xml"
echo "package: desktop entry, metainfo and MIME package are valid"

rm -f "$build"/modelwatch_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/modelwatch_*.deb)
echo "package: built $deb"
dpkg-deb --field "$deb" Package Version Depends
contents=$(dpkg-deb --contents "$deb")
for f in /usr/bin/modelwatch /usr/bin/modelwatch-cli /usr/bin/modelwatch-demo-server \
         "/usr/share/applications/$id.desktop" "/usr/share/metainfo/$id.metainfo.xml" \
         "/usr/share/mime/packages/$id.xml" "/usr/share/icons/hicolor/scalable/apps/$id.svg"; do
  if ! grep -q " \.$f\$" <<<"$contents"; then
    echo "package: $f is missing from $deb" >&2
    exit 1
  fi
done
dpkg-deb --field "$deb" Depends | grep -q "libqt6sql6-sqlite" \
  || { echo "package: Depends lacks the QtSql SQLite plugin" >&2; exit 1; }

if [ "${CI:-}" = "true" ] || [ "${MW_INSTALL_DEB:-}" = "1" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "./$deb" >/dev/null
  /usr/bin/modelwatch --version
  /usr/bin/modelwatch-cli parse --quiet tests/data/samples/01_tfserving_monitoring_prometheus_metrics.txt
  # The installed demo server starts, prints its URL and serves metrics.
  out=$(mktemp)
  /usr/bin/modelwatch-demo-server --port 0 --rate 5 >"$out" 2>/dev/null &
  pid=$!
  url=""
  for _ in $(seq 1 100); do
    url=$(head -n 1 "$out")
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || { kill "$pid"; echo "package: the installed demo server printed no URL" >&2; exit 1; }
  /usr/bin/modelwatch-cli detect "$url/monitoring/prometheus/metrics" | head -n 1
  kill "$pid"; wait "$pid" || true
  # The installed window opens the demo dashboard (offscreen: no display here).
  QT_QPA_PLATFORM=offscreen /usr/bin/modelwatch --demo >"$out" 2>/dev/null &
  pid=$!
  shown=""
  for _ in $(seq 1 200); do
    shown=$(grep -m1 '^modelwatch: showing' "$out" || true)
    [ -n "$shown" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill "$pid" 2>/dev/null; wait "$pid" || true
  [ -n "$shown" ] || { echo "package: the installed modelwatch --demo did not show its dashboard" >&2; cat "$out" >&2; exit 1; }
  echo "package: $shown"
  rm -f "$out"
  grep -q "application/vnd.modelwatch.dashboard+json=$id.desktop" /usr/share/applications/mimeinfo.cache \
    || { echo "package: the dashboard MIME type is not bound to $id.desktop" >&2; exit 1; }
  echo "package: dashboard files open with ModelWatch (mimeinfo.cache)"
  echo "package: installed and ran the installed binaries"
fi
