#!/bin/sh
# Runs a test program with a real notification server: dunst on a private
# D-Bus session bus under Xvfb, killed afterwards.
#
#     run_with_dunst.sh DUNSTRC TEST_BINARY [ARGS...]
#
# Without xvfb-run, dbus-run-session or dunst the test still runs, told why
# through MW_DUNST_SKIP so it QSKIPs with the reason, and the script exits 77
# (CTest's SKIP_RETURN_CODE: "Skipped", not "Passed")
# (Debian: apt-get install dunst dbus dbus-x11 xvfb xauth).
set -u
dunstrc=$1
shift
for tool in xvfb-run dbus-run-session dbus-send dunst; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    MW_DUNST_SKIP="$tool is not installed (Debian packages: dunst dbus dbus-x11 xvfb xauth)"
    export MW_DUNST_SKIP
    "$@"
    rc=$?
    [ "$rc" -eq 0 ] && exit 77
    exit "$rc"
  fi
done

exec xvfb-run -a -s "-screen 0 1024x768x24 -nolisten tcp" dbus-run-session -- sh -c '
  dunstrc=$1; shift
  dunst -config "$dunstrc" &
  dunst_pid=$!
  stop_dunst() { kill "$dunst_pid" 2>/dev/null; wait "$dunst_pid" 2>/dev/null; }
  tries=0
  # Bounded: 100 x 0.1 s for dunst to own org.freedesktop.Notifications.
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null | grep -q "boolean true"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! kill -0 "$dunst_pid" 2>/dev/null; then
      echo "run_with_dunst.sh: dunst did not take org.freedesktop.Notifications" >&2
      stop_dunst
      exit 1
    fi
    sleep 0.1
  done
  "$@"
  rc=$?
  stop_dunst
  exit "$rc"
' run_with_dunst "$dunstrc" "$@"
