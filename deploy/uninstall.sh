#!/usr/bin/env bash
# Removes the gateway service and program (/opt/sensor-recovery, the unit). Keeps the config
# (/etc/sensor-recovery) and the data (/var/lib/sensor-recovery: journals, checkpoints) unless
# --purge, which also removes the system user. Debian's JRE stays: other programs may use it
# (apt-get remove openjdk-17-jre-headless if not).
#
#   sudo deploy/uninstall.sh [--purge] [--root DIR]
set -euo pipefail

purge=false
root=
while [[ $# -gt 0 ]]; do
  case $1 in
    --purge) purge=true; shift ;;
    --root) root=$(realpath -m "$2"); shift 2 ;;
    *) echo "usage: $0 [--purge] [--root DIR]" >&2; exit 2 ;;
  esac
done
[[ $root == / ]] && root=
[[ $(id -u) -eq 0 ]] || { echo "error: run as root (sudo $0)" >&2; exit 1; }

unit=/etc/systemd/system/sensor-recovery.service
if [[ -z $root && -d /run/systemd/system ]] && systemctl list-unit-files sensor-recovery.service >/dev/null 2>&1; then
  # Stop first: the shutdown checkpoints the workers, so the kept data resumes where it stopped.
  systemctl disable --now --quiet sensor-recovery.service || true
fi
rm -f "$root$unit"
rm -rf "$root/opt/sensor-recovery"
# The command line's link, if it is still ours.
[[ $(readlink "$root/usr/local/bin/sensor-recovery" 2>/dev/null) == /opt/sensor-recovery/bin/sensor-recovery ]] \
  && rm -f "$root/usr/local/bin/sensor-recovery"
[[ -z $root && -d /run/systemd/system ]] && systemctl daemon-reload
if $purge; then
  rm -rf "$root/etc/sensor-recovery" "$root/var/lib/sensor-recovery"
  if grep -q '^sensor-recovery:' "$root/etc/passwd" 2>/dev/null; then
    userdel ${root:+--root "$root"} sensor-recovery
  fi
  echo "sensor-recovery: removed, with its config, data and user"
else
  echo "sensor-recovery: removed; kept /etc/sensor-recovery and /var/lib/sensor-recovery (--purge removes them)"
fi
