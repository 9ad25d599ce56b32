# shellcheck shell=bash
# Architecture helpers shared by the deploy scripts.

# The architecture of an ELF file (aarch64, x86_64, arm, ...), from its e_machine field.
elf_arch() {
  case $(od -An -tu2 -j18 -N2 "$1" | tr -d ' ') in
    183) echo aarch64 ;;
    62) echo x86_64 ;;
    40) echo arm ;;
    3) echo i386 ;;
    *) echo unknown ;;
  esac
}

# Debian architecture name (arm64, amd64) of a supported machine architecture, or an error that
# says why not. 32-bit ARM: Chronicle Queue needs a 64-bit JVM (its off-heap code assumes 64-bit
# addresses), so armhf/armel are refused, also on a 64-bit kernel with a 32-bit userland.
debian_arch_of() {
  case $1 in
    arm64 | aarch64) echo arm64 ;;
    amd64 | x86_64) echo amd64 ;;
    armhf | armel | arm | armv6l | armv7l)
      echo "error: 32-bit ARM ($1) is not supported: Chronicle Queue, the runtime's journal, needs a 64-bit JVM." \
        "Install a 64-bit OS (Raspberry Pi OS (64-bit) or Debian 12 arm64) on a Raspberry Pi 3, 4 or 5." >&2
      return 1 ;;
    *) echo "error: unsupported architecture '$1': arm64 (aarch64) and amd64 (x86_64) only" >&2; return 1 ;;
  esac
}

# The machine architecture (aarch64, x86_64) of a Debian architecture (arm64, amd64).
machine_of_debian() {
  case $1 in
    arm64) echo aarch64 ;;
    amd64) echo x86_64 ;;
  esac
}
