#!/usr/bin/env bash
# Builds a trimmed Java runtime image (jlink) for the gateway, for linux-aarch64 and/or linux-x86_64:
# the modules jdeps finds in the jar plus those it cannot see (Chronicle generates and compiles code
# at run time: jdk.compiler, and reads jars through jdk.zipfs; TLS to the broker needs jdk.crypto.ec;
# the pure-Java kernel's Vector API: jdk.incubator.vector, added by jvm.options).
# The image holds no native BLAS: the solver's native kernel is the system's libblas.so.3 (Debian's
# libopenblas0-pthread, which deploy/install.sh installs with either Java).
#
#   deploy/jlink-image.sh [aarch64|x86_64 ...]        (default: both)
#
# Output: target/runtime/linux-<arch>/ and target/sensor-recovery-runtime-linux-<arch>.tar.gz
# (unpacks to runtime/; deploy/install.sh --runtime takes it). The host's jlink links the target's
# jmods: the host JDK's own for its architecture, else those of Debian's openjdk-17-jdk-headless for
# the target, fetched with a private apt (deploy/lib/debian-apt.sh) into $SENSOR_RECOVERY_CACHE.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/lib/debian-apt.sh
source deploy/lib/arch.sh

jar=target/sensor-recovery.jar
cache=${SENSOR_RECOVERY_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/sensor-recovery}
extra_modules=jdk.compiler,jdk.zipfs,jdk.crypto.ec,jdk.incubator.vector
archs=("$@")
[[ ${#archs[@]} -gt 0 ]] || archs=(aarch64 x86_64)

[[ -f $jar ]] || { echo "error: $jar not found: build it first (mvn -q -B -ntp package -DskipTests)" >&2; exit 1; }
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v jlink || echo /nonexistent/bin/jlink)")")")}
[[ -x $java_home/bin/jlink && -x $java_home/bin/jdeps ]] \
  || { echo "error: no jlink/jdeps in $java_home: install a JDK 17 (openjdk-17-jdk-headless) or set JAVA_HOME" >&2; exit 1; }

# jmods directory of Debian's JDK 17 for one architecture.
jmods_for() {
  local arch=$1 debarch deb dir
  case $arch in
    aarch64) debarch=arm64 ;;
    x86_64) debarch=amd64 ;;
    *) echo "error: unsupported architecture '$arch' (aarch64 or x86_64; 32-bit ARM has no Chronicle Queue support)" >&2; return 1 ;;
  esac
  if [[ $(uname -m) == "$arch" && -f $java_home/jmods/java.base.jmod ]]; then
    echo "$java_home/jmods"
    return
  fi
  debian_apt_init "$cache/apt-$debarch" "$debarch"
  debian_apt "$cache/apt-$debarch" update -qq >/dev/null
  deb=$(debian_fetch "$cache/apt-$debarch" openjdk-17-jdk-headless)
  dir=$cache/jdk-$debarch/$(basename "$deb" .deb)
  if [[ ! -f $dir/usr/lib/jvm/java-17-openjdk-$debarch/jmods/java.base.jmod ]]; then
    rm -rf "$cache/jdk-$debarch"
    mkdir -p "$dir"
    dpkg -x "$deb" "$dir"
  fi
  echo "$dir/usr/lib/jvm/java-17-openjdk-$debarch/jmods"
}

modules=$("$java_home/bin/jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps "$jar")
modules=$(tr ',' '\n' <<<"$modules" | grep -vx jdk.incubator.vector | paste -sd,),$extra_modules
echo "jlink-image: modules $modules"
for arch in "${archs[@]}"; do
  jmods=$(jmods_for "$arch")
  out=target/runtime/linux-$arch
  rm -rf "$out"
  mkdir -p target/runtime
  # No Java debug attributes, headers or man pages; compressed class resources (zip): smaller on an
  # SD card. Not --strip-debug: it also runs the host's objcopy on the target's (already stripped)
  # native libraries, which fails for another architecture.
  "$java_home/bin/jlink" --module-path "$jmods" --add-modules "$modules" --output "$out" \
    --strip-java-debug-attributes --no-header-files --no-man-pages --compress=2
  target=$(elf_arch "$out/bin/java")
  [[ $target == "$arch" ]] || { echo "error: jlink built a '$target' image for $arch (jmods from $jmods)" >&2; exit 1; }
  tarball=target/sensor-recovery-runtime-linux-$arch.tar.gz
  tar -C target/runtime --transform "s,^linux-$arch,runtime," -czf "$tarball" "linux-$arch"
  echo "jlink-image: $out ($(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$out/release"), $(du -sh "$out" | cut -f1) on disk, $(du -h "$tarball" | cut -f1) as $tarball)"
done
