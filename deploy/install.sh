#!/usr/bin/env bash
# Installs, or upgrades in place, the gateway on Debian 12 / Raspberry Pi OS (arm64 or amd64):
#   Java       Debian's openjdk-17-jre-headless (apt), or a bundled runtime image (--runtime, from
#              deploy/jlink-image.sh); /opt/sensor-recovery/jre points at the one in use
#   BLAS       Debian's OpenBLAS, libopenblas0-pthread (apt, with either Java): the solver's native
#              kernel (libblas.so.3); without it the solver runs on its pure-Java kernel, 2-10x slower
#   program    /opt/sensor-recovery/sensor-recovery.jar, and its class-data-sharing archive
#              sensor-recovery.jsa (deploy/cds-archive.sh, built here for this jar and Java; not with --root);
#              the command line /opt/sensor-recovery/bin/sensor-recovery, linked from /usr/local/bin
#   config     /etc/sensor-recovery/gateway.yaml, jvm.options (kept on upgrade; a changed default is
#              written beside them as *.dist)
#   data       /var/lib/sensor-recovery (journals, checkpoints; kept on upgrade and uninstall)
#   service    /etc/systemd/system/sensor-recovery.service, run as the system user sensor-recovery
#
#   sudo deploy/install.sh [--jar FILE] [--runtime IMAGE.tar.gz|DIR] [--config FILE] [--start]
#                          [--root DIR] [--arch ARCH]
#
# --root installs into a scratch root (no apt, no systemctl; the user goes into DIR/etc/passwd):
# for checks and image builds. --arch overrides the detected Debian architecture (with --root).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/lib/arch.sh
source "$here/lib/arch.sh"

jar=$here/../target/sensor-recovery.jar
[[ -f $here/sensor-recovery.jar ]] && jar=$here/sensor-recovery.jar
runtime=
config=$here/gateway.yaml
start=false
root=
arch=
usage() { echo "usage: $0 [--jar FILE] [--runtime IMAGE.tar.gz|DIR] [--config FILE] [--start] [--root DIR] [--arch ARCH]" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --jar) jar=$2; shift 2 ;;
    --runtime) runtime=$2; shift 2 ;;
    --config) config=$2; shift 2 ;;
    --start) start=true; shift ;;
    --root) root=$(realpath -m "$2"); shift 2 ;;
    --arch) arch=$2; shift 2 ;;
    *) usage ;;
  esac
done
[[ $root == / ]] && root=
[[ -z $arch || -n $root ]] || { echo "error: --arch is only for --root installs" >&2; exit 2; }

user=sensor-recovery
opt=/opt/sensor-recovery
etc=/etc/sensor-recovery
data=/var/lib/sensor-recovery
unit=/etc/systemd/system/sensor-recovery.service

[[ $(id -u) -eq 0 ]] || { echo "error: run as root (sudo $0): it creates a system user and writes /opt, /etc and /var/lib" >&2; exit 1; }
# The userland's architecture, not the kernel's: a 64-bit kernel with a 32-bit Raspberry Pi OS is still armhf.
if [[ -z $arch ]]; then
  arch=$(dpkg --print-architecture 2>/dev/null || uname -m)
fi
debarch=$(debian_arch_of "$arch")
machine=$(machine_of_debian "$debarch")
[[ -f $jar ]] || { echo "error: jar $jar not found: build it (mvn -q -B -ntp package -DskipTests) or pass --jar" >&2; exit 1; }
[[ -f $config ]] || { echo "error: config $config not found" >&2; exit 1; }
if [[ -n $root && ! -d $root ]]; then echo "error: --root $root is not a directory" >&2; exit 1; fi

upgrade=false
[[ -f $root$opt/sensor-recovery.jar ]] && upgrade=true
echo "sensor-recovery: $($upgrade && echo upgrading || echo installing) into ${root:-/} ($debarch)"

# 1. Java, and the native BLAS (the jlink image brings no native library: it uses the system's libblas.so.3).
if [[ -z $root ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends libopenblas0-pthread >/dev/null
fi
if [[ -n $runtime ]]; then
  [[ -e $runtime ]] || { echo "error: runtime image $runtime not found: build it with deploy/jlink-image.sh $machine" >&2; exit 1; }
  mkdir -p "$root$opt"
  rm -rf "$root$opt/runtime.new"
  if [[ -d $runtime ]]; then
    cp -a "$runtime" "$root$opt/runtime.new"
  else
    mkdir "$root$opt/runtime.new"
    tar -xzf "$runtime" -C "$root$opt/runtime.new" --strip-components=1
  fi
  image_arch=$(elf_arch "$root$opt/runtime.new/bin/java")
  if [[ $image_arch != "$machine" ]]; then
    rm -rf "$root$opt/runtime.new"
    echo "error: runtime image $runtime is for $image_arch, this machine is $machine: use target/sensor-recovery-runtime-linux-$machine.tar.gz" >&2
    exit 1
  fi
  rm -rf "$root$opt/runtime"
  mv "$root$opt/runtime.new" "$root$opt/runtime"
  ln -sfn runtime "$root$opt/jre"
else
  jre=/usr/lib/jvm/java-17-openjdk-$debarch
  if [[ -z $root ]]; then
    # Install or bring up to date (an old 17.0.x lacks flags of jvm.options).
    apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
  fi
  [[ -x $root$jre/bin/java ]] || { echo "error: $root$jre/bin/java not found: install openjdk-17-jre-headless in the root, or pass --runtime" >&2; exit 1; }
  mkdir -p "$root$opt"
  ln -sfn "$jre" "$root$opt/jre"
  rm -rf "$root$opt/runtime"
fi

# 2. The system user (no login, no home of its own but the data directory).
if ! grep -q "^$user:" "$root/etc/passwd" 2>/dev/null; then
  useradd ${root:+--root "$root"} --system --user-group --home-dir "$data" --no-create-home \
    --shell /usr/sbin/nologin --comment "sensor-recovery gateway" "$user"
fi

# 3. Program: a new jar takes the old one's name in one rename (a running JVM keeps the old inode).
install -m 0644 "$jar" "$root$opt/sensor-recovery.jar.new"
mv "$root$opt/sensor-recovery.jar.new" "$root$opt/sensor-recovery.jar"
install -D -m 0755 "$here/sensor-recovery" "$root$opt/bin/sensor-recovery"
mkdir -p "$root/usr/local/bin"
ln -sfn "$opt/bin/sensor-recovery" "$root/usr/local/bin/sensor-recovery"

# 4. Config: the operator's files win; a default that changed since the last install goes beside
# them as *.dist (the shipped defaults are kept in /opt/sensor-recovery/defaults to tell).
install -d -m 0755 "$root$etc" "$root$opt/defaults"
gid_of() { awk -F: -v u="$1" '$1 == u { print $4 }' "$root/etc/passwd"; }
uid_of() { awk -F: -v u="$1" '$1 == u { print $3 }' "$root/etc/passwd"; }
install_config() {
  local source=$1 target=$2 shipped
  shipped=$root$opt/defaults/$(basename "$target")
  if [[ ! -f $target ]]; then
    install -m 0640 "$source" "$target"
    chown "root:$(gid_of "$user")" "$target"
  elif ! cmp -s "$source" "$target" && ! cmp -s "$source" "$shipped"; then
    install -m 0640 "$source" "$target.dist"
    echo "sensor-recovery: kept $target (yours); the new default is $target.dist"
  fi
  install -m 0644 "$source" "$shipped"
}
install_config "$config" "$root$etc/gateway.yaml"
install_config "$here/jvm.options" "$root$etc/jvm.options"

# 5. Data: owned by the service user, private to it.
install -d -m 0750 -o "$(uid_of "$user")" -g "$(gid_of "$user")" "$root$data"

# 6. The unit.
install -D -m 0644 "$here/sensor-recovery.service" "$root$unit"

# 7. Does this Java take these flags? (An old 17.0.x update refuses -XX:TrimNativeHeapInterval.)
if [[ $(uname -m) == "$machine" ]]; then
  java=$root$opt/jre/bin/java
  [[ -n $runtime ]] || java=$root$jre/bin/java
  if ! out=$("$java" @"$root$etc/jvm.options" -version 2>&1); then
    echo "$out" >&2
    echo "error: $java does not accept $etc/jvm.options: update openjdk-17-jre-headless (apt-get install openjdk-17-jre-headless) or edit the file" >&2
    exit 1
  fi
fi

# 8. The class-data-sharing archive of this jar for this Java (jvm.options names it): a faster start.
# It records the jar's path, so it is built only where the jar runs (not into a --root).
if [[ -z $root ]]; then
  if ! "$here/cds-archive.sh" --java "$opt/jre/bin/java" "$opt/sensor-recovery.jar" "$opt/sensor-recovery.jsa"; then
    rm -f "$opt/sensor-recovery.jsa"
    echo "sensor-recovery: warning: no class-data-sharing archive; the service starts without it (slower)" >&2
  fi
fi

if [[ -z $root && -d /run/systemd/system ]]; then
  systemctl daemon-reload
  systemctl enable --quiet sensor-recovery.service
  if $upgrade; then
    systemctl try-restart sensor-recovery.service
  elif $start; then
    systemctl start sensor-recovery.service
  fi
fi
echo "sensor-recovery: done. Java $(readlink "$root$opt/jre"), config $etc/gateway.yaml, data $data."
$upgrade || echo "sensor-recovery: next: deploy/mosquitto/broker-setup.sh (broker users, TLS), then systemctl start sensor-recovery"
