#!/usr/bin/env bash
# Checks deploy/install.sh and deploy/uninstall.sh against scratch roots: the files, modes, owners
# and user they lay out, `systemd-analyze verify` on the installed unit, an upgrade that keeps
# data and config (switching to the bundled runtime image), uninstall and purge, and the refusal
# of 32-bit ARM. Runs as root (useradd --root); touches nothing outside its scratch roots.
#
#   deploy/check-install.sh [--runtime IMAGE.tar.gz]   (default: target/sensor-recovery-runtime-linux-$(uname -m).tar.gz,
#                                                       built with deploy/jlink-image.sh when missing)
set -euo pipefail
cd "$(dirname "$0")/.."

runtime=target/sensor-recovery-runtime-linux-$(uname -m).tar.gz
[[ ${1:-} == --runtime ]] && runtime=$2
[[ $(id -u) -eq 0 ]] || { echo "error: run as root: useradd --root and chown need it" >&2; exit 1; }
command -v systemd-analyze >/dev/null || { echo "error: systemd-analyze not found: apt-get install systemd" >&2; exit 1; }
[[ -f target/sensor-recovery.jar ]] || { echo "error: target/sensor-recovery.jar not found: build it first" >&2; exit 1; }
[[ -f $runtime ]] || deploy/jlink-image.sh "$(uname -m)"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"
# A minimal Debian root: accounts for useradd --root, the host's systemd units for verify, and the
# host's JDK hard-linked where Debian's openjdk-17-jre-headless would put it.
make_root() {
  local r=$1 jdk
  mkdir -p "$r/etc" "$r/usr/sbin" "$r/usr/lib/systemd" "$r/usr/lib/jvm"
  cp /etc/passwd /etc/group /etc/shadow /etc/gshadow /etc/login.defs "$r/etc/"
  cp /usr/sbin/nologin "$r/usr/sbin/"
  cp -a /usr/lib/systemd/system "$r/usr/lib/systemd/"
  jdk=/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)
  cp -al "$jdk" "$r/usr/lib/jvm/" 2>/dev/null || cp -a "$jdk" "$r/usr/lib/jvm/"
}
mode_owner() { stat -c '%a %U:%G' "$1"; }
expect() { [[ $1 == "$2" ]] || { echo "expected '$2', got '$1'"; return 1; }; }

root=$scratch/root
make_root "$root"
# The user's name resolves only inside the root: compare with its passwd.
owner() { awk -F: -v u="$2" '$1 == u { print $3 ":" $4 }' "$1/etc/passwd"; }

check "install with Debian's JRE lays out jar, config, data, unit" deploy/install.sh --root "$root"
check "system user sensor-recovery: no login, home is the data dir" \
  grep -qx 'sensor-recovery:x:[0-9]*:[0-9]*:sensor-recovery gateway:/var/lib/sensor-recovery:/usr/sbin/nologin' "$root/etc/passwd"
check "jar 0644 root:root" expect "$(mode_owner "$root/opt/sensor-recovery/sensor-recovery.jar")" "644 root:root"
check "config 0640 root:sensor-recovery (it holds the broker password)" \
  expect "$(stat -c '%a %u:%g' "$root/etc/sensor-recovery/gateway.yaml")" "640 0:$(owner "$root" sensor-recovery | cut -d: -f2)"
check "data dir 0750 owned by sensor-recovery" \
  expect "$(stat -c '%a %u:%g' "$root/var/lib/sensor-recovery")" "750 $(owner "$root" sensor-recovery)"
check "jre -> Debian's openjdk-17" expect "$(readlink "$root/opt/sensor-recovery/jre")" "/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)"
check "unit installed" cmp deploy/sensor-recovery.service "$root/etc/systemd/system/sensor-recovery.service"
check "command line installed and linked from /usr/local/bin" \
  expect "$(mode_owner "$root/opt/sensor-recovery/bin/sensor-recovery") $(readlink "$root/usr/local/bin/sensor-recovery")" \
  "755 root:root /opt/sensor-recovery/bin/sensor-recovery"
verify_unit() {
  local out
  out=$(systemd-analyze verify --root="$1" /etc/systemd/system/sensor-recovery.service 2>&1) || { echo "$out"; return 1; }
  # verify exits 0 on directives it ignores: any message is a failure.
  [[ -z $out ]] || { echo "$out"; return 1; }
}
check "systemd-analyze verify: the unit is clean (ExecStart resolved in the root)" verify_unit "$root"
check "the installed java takes jvm.options and runs the jar" \
  "$root/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)/bin/java" @"$root/etc/sensor-recovery/jvm.options" \
  -jar "$root/opt/sensor-recovery/sensor-recovery.jar" --version

# Upgrade: the operator's config and the data stay; a changed default goes to *.dist.
mkdir -p "$root/var/lib/sensor-recovery/cov32/journal"
echo journal >"$root/var/lib/sensor-recovery/cov32/journal/20260101-00.cq4"
echo "# operator's edit" >>"$root/etc/sensor-recovery/gateway.yaml"
check "upgrade to the bundled runtime image" deploy/install.sh --root "$root" --runtime "$runtime"
check "upgrade kept the data" grep -qx journal "$root/var/lib/sensor-recovery/cov32/journal/20260101-00.cq4"
check "upgrade kept the operator's config" grep -qx "# operator's edit" "$root/etc/sensor-recovery/gateway.yaml"
check "an unchanged default is not offered again" test ! -e "$root/etc/sensor-recovery/gateway.yaml.dist"
new_default=$scratch/gateway.yaml
{ cat deploy/gateway.yaml; echo "# a new default"; } >"$new_default"
check "upgrade with a changed default" deploy/install.sh --root "$root" --runtime "$runtime" --config "$new_default"
check "the changed default is written beside the operator's config" cmp "$new_default" "$root/etc/sensor-recovery/gateway.yaml.dist"
check "the operator's config still wins" grep -qx "# operator's edit" "$root/etc/sensor-recovery/gateway.yaml"
check "jre -> the bundled runtime" expect "$(readlink "$root/opt/sensor-recovery/jre")" runtime
check "systemd-analyze verify after the upgrade" verify_unit "$root"
check "the bundled runtime takes jvm.options and runs the jar" \
  "$root/opt/sensor-recovery/jre/bin/java" @"$root/etc/sensor-recovery/jvm.options" -jar "$root/opt/sensor-recovery/sensor-recovery.jar" --version
check "one system user after the upgrade" expect "$(grep -c '^sensor-recovery:' "$root/etc/passwd")" 1

check "uninstall removes program and unit" deploy/uninstall.sh --root "$root"
check "uninstall removed the command line's link" test ! -L "$root/usr/local/bin/sensor-recovery"
check "uninstall kept config and data" test -f "$root/etc/sensor-recovery/gateway.yaml" -a -f "$root/var/lib/sensor-recovery/cov32/journal/20260101-00.cq4" \
  -a ! -e "$root/opt/sensor-recovery" -a ! -e "$root/etc/systemd/system/sensor-recovery.service"
check "uninstall --purge removes config, data and user" deploy/uninstall.sh --root "$root" --purge
check "nothing left after purge" test ! -e "$root/etc/sensor-recovery" -a ! -e "$root/var/lib/sensor-recovery"
check "user removed" bash -c "! grep -q '^sensor-recovery:' '$root/etc/passwd'"

refuses_32bit_arm() {
  local out
  mkdir -p "$scratch/armhf"
  if out=$(deploy/install.sh --root "$scratch/armhf" --arch armhf 2>&1); then echo "install succeeded on armhf"; return 1; fi
  grep -q '32-bit ARM (armhf) is not supported: Chronicle Queue' <<<"$out" || { echo "$out"; return 1; }
  [[ -z $(ls -A "$scratch/armhf") ]] || { echo "it wrote into the root"; return 1; }
}
check "32-bit ARM refused with a clear message, nothing written" refuses_32bit_arm
refuses_wrong_image() {
  local out
  mkdir -p "$scratch/arm64"
  cp -a "$root/etc" "$scratch/arm64/"
  if out=$(deploy/install.sh --root "$scratch/arm64" --arch arm64 --runtime "$runtime" 2>&1); then echo "installed an x86_64 image on arm64"; return 1; fi
  grep -q "is for $(uname -m), this machine is aarch64" <<<"$out" || { echo "$out"; return 1; }
}
[[ $(uname -m) == x86_64 ]] && check "a runtime image of the wrong architecture is refused" refuses_wrong_image

echo "check-install: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
