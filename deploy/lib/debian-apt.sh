# shellcheck shell=bash
# Sourced by the deploy scripts: a private apt for another Debian architecture, so that packages of
# that architecture can be resolved, downloaded and unpacked without touching the host's dpkg
# (never `dpkg --add-architecture`: the host's package state stays as it was).
#
#   debian_apt_init ROOT ARCH     private config, state, status and cache under ROOT; host's Debian sources, ARCH only
#   debian_apt ROOT ARGS...       apt-get with that config
#   debian_closure ROOT PKG...    "name version arch" of PKG and its dependency closure (no recommends)
#   debian_deb_file ROOT N V A    path of the downloaded .deb of one closure line
#   debian_unpack ROOT DIR PKG... downloads PKG and its closure and unpacks it into DIR (dpkg -x); reuses DIR
#                                 when the closure is unchanged
#   debian_fetch ROOT PKG         downloads PKG (and its closure, into the cache) and prints the path of PKG's .deb

debian_apt_init() {
  local root=$1 arch=$2
  mkdir -p "$root/state/lists/partial" "$root/cache/archives/partial" "$root/sources.list.d" \
    "$root/preferences.d" "$root/apt.conf.d"
  : >"$root/sources.list"
  [[ -f $root/state/status ]] || : >"$root/state/status"
  cat >"$root/apt.conf" <<CONF
APT::Architecture "$arch";
APT::Architectures { "$arch"; };
Dir::State "$root/state";
Dir::State::status "$root/state/status";
Dir::Cache "$root/cache";
Dir::Etc::SourceList "$root/sources.list";
Dir::Etc::SourceParts "$root/sources.list.d";
Dir::Etc::Preferences "$root/preferences";
Dir::Etc::PreferencesParts "$root/preferences.d";
Acquire::Languages "none";
APT::Install-Recommends "false";
APT::Get::AutomaticRemove "false";
// The host's hooks (appstream, packagekit) refresh the host's caches: not ours.
#clear APT::Update::Post-Invoke-Success;
#clear APT::Update::Post-Invoke;
#clear Acquire::IndexTargets::deb::DEP-11;
#clear Acquire::IndexTargets::deb::DEP-11-icons;
#clear Acquire::IndexTargets::deb::DEP-11-icons-hidpi;
#clear Acquire::IndexTargets::deb::CNF;
#clear Acquire::IndexTargets::deb::Contents-deb;
CONF
  debian_host_sources "$arch" >"$root/sources.list.d/debian.sources"
  if ! grep -q '^URIs:' "$root/sources.list.d/debian.sources"; then
    echo "error: no Debian source found in /etc/apt/sources.list or /etc/apt/sources.list.d/ (need deb.debian.org or a Debian mirror)" >&2
    return 1
  fi
}

# The host's enabled Debian sources (deb822 and one-line format) as deb822 stanzas restricted to ARCH.
debian_host_sources() {
  local arch=$1 f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    # Keep stanzas of type deb whose URIs name a Debian archive; replace any Architectures line.
    awk -v arch="$arch" '
      function flush() { if (keep && types ~ /(^| )deb( |$)/) { printf "%s", body; print "Architectures: " arch; print "" } body = ""; keep = 0; types = "" }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^Types:/ { types = $0; sub(/^Types:[ \t]*/, "", types); body = body "Types: deb\n"; next }
      /^Architectures:/ { next }
      /^Enabled:[ \t]*no/ { keep = -1000 }
      /^URIs:/ && /debian/ { keep++ }
      { body = body $0 "\n" }
      END { flush() }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    # One-line format: "deb [options] uri suite components..."
    awk -v arch="$arch" '
      $1 != "deb" { next }
      { i = 2; opts = ""; if ($2 ~ /^\[/) { while ($i !~ /\]$/) { opts = opts " " $i; i++ } opts = opts " " $i; i++ } }
      $i !~ /debian/ { next }
      { signed = ""; if (match(opts, /signed-by=[^ \]]+/)) signed = substr(opts, RSTART + 10, RLENGTH - 10)
        printf "Types: deb\nURIs: %s\nSuites: %s\nComponents:", $i, $(i + 1)
        for (j = i + 2; j <= NF; j++) printf " %s", $j
        printf "\n"; if (signed != "") printf "Signed-By: %s\n", signed
        printf "Architectures: %s\n\n", arch }' "$f"
  done
}

debian_apt() {
  local root=$1
  shift
  apt-get -c "$root/apt.conf" -q "$@"
}

debian_closure() {
  local root=$1
  shift
  # An empty status file: the simulation lists every package of the closure, as on an empty system.
  debian_apt "$root" -s install "$@" | awk '$1 == "Inst" && match($0, /\[[^]]+\]\)/) { v = $3; sub(/^\(/, "", v); print $2, v, substr($0, RSTART + 1, RLENGTH - 3) }' | sort
}

debian_deb_file() {
  local root=$1 name=$2 version=$3 arch=$4
  echo "$root/cache/archives/${name}_${version//:/%3a}_${arch}.deb"
}

debian_unpack() {
  local root=$1 dir=$2
  shift 2
  local closure name version arch deb
  closure=$(debian_closure "$root" "$@")
  if [[ -z $closure ]]; then
    echo "error: apt resolved nothing for '$*' (is the package in the $(sed -n 's/^Suites: //p' "$root/sources.list.d/debian.sources" | head -1) archive?)" >&2
    return 1
  fi
  if [[ -f $dir/.closure ]] && [[ $(cat "$dir/.closure") == "$closure" ]]; then
    return 0
  fi
  debian_apt "$root" install -y -qq --download-only "$@" >/dev/null
  rm -rf "$dir"
  mkdir -p "$dir"
  while read -r name version arch; do
    deb=$(debian_deb_file "$root" "$name" "$version" "$arch")
    [[ -f $deb ]] || { echo "error: apt did not download $deb" >&2; return 1; }
    dpkg -x "$deb" "$dir"
  done <<<"$closure"
  debian_relink "$dir"
  echo "$closure" >"$dir/.closure"
}

debian_fetch() {
  local root=$1 pkg=$2 line
  line=$(debian_closure "$root" "$pkg" | awk -v p="$pkg" '$1 == p')
  [[ -n $line ]] || { echo "error: apt found no package $pkg" >&2; return 1; }
  debian_apt "$root" install -y -qq --download-only "$pkg" >/dev/null
  # shellcheck disable=SC2086
  debian_deb_file "$root" $line
}

# Absolute symlinks (the JRE's lib/security/* -> /etc/java-17-openjdk/...) would resolve on the host:
# point them into DIR instead.
debian_relink() {
  local dir=$1 link target
  while IFS= read -r -d '' link; do
    target=$(readlink "$link")
    if [[ $target == /* ]]; then
      ln -sfn "$dir$target" "$link"
    fi
  done < <(find "$dir" -type l -print0)
}
