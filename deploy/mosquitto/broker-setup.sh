#!/usr/bin/env bash
# Sets up the gateway's Mosquitto for sensor-recovery and manages its users.
#
#   sudo deploy/mosquitto/broker-setup.sh init [--name HOST]...
#       TLS (a local CA and a broker certificate for localhost, 127.0.0.1, this host's name and
#       NAME.local, and each --name), the listener config, the ACL, the runtime's broker user with a
#       random password written into /etc/sensor-recovery/gateway.yaml, and the runtime's trust
#       store /etc/sensor-recovery/broker-ca.p12; restarts mosquitto. Existing keys are kept.
#   sudo deploy/mosquitto/broker-setup.sh add-device ARRAY USER [PASSWORD]
#       a device that may publish to sensors/ARRAY/m and nothing else
#   sudo deploy/mosquitto/broker-setup.sh add-subscriber USER [PASSWORD]
#       a client that may read sensors/+/estimate and nothing else
#   sudo deploy/mosquitto/broker-setup.sh remove USER
#
# A generated password is printed once. Devices connect with TLS to port 8883 and trust
# /etc/mosquitto/certs/sensor-recovery-ca.crt (mosquitto_pub --cafile ...).
# Options before the command, for tests and other layouts: --mosquitto-dir DIR (/etc/mosquitto),
# --etc DIR (/etc/sensor-recovery), --keytool PATH, --no-reload.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

mosquitto_dir=/etc/mosquitto
etc=/etc/sensor-recovery
keytool=
reload=true
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --mosquitto-dir) mosquitto_dir=$2; shift 2 ;;
    --etc) etc=$2; shift 2 ;;
    --keytool) keytool=$2; shift 2 ;;
    --no-reload) reload=false; shift ;;
    *) echo "error: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ $# -gt 0 ]] || { sed -n '2,17s/^# \{0,1\}//p' "$0" >&2; exit 2; }
command=$1
shift
[[ $(id -u) -eq 0 ]] || { echo "error: run as root: it writes $mosquitto_dir and $etc" >&2; exit 1; }
command -v mosquitto_passwd >/dev/null || { echo "error: mosquitto_passwd not found: apt-get install mosquitto mosquitto-clients" >&2; exit 1; }

certs=$mosquitto_dir/certs
passwd=$mosquitto_dir/sensor-recovery.passwd
acl=$mosquitto_dir/sensor-recovery.acl
# Mosquitto drops root for its own user: its files are root:mosquitto 0640.
group=$(getent group mosquitto >/dev/null && echo mosquitto || echo root)
id_re='^[A-Za-z0-9_-]{1,64}$'

new_password() { openssl rand -hex 16; }

broker_signal() {
  $reload || return 0
  if [[ -d /run/systemd/system ]]; then
    systemctl "$1" mosquitto.service
  else
    echo "sensor-recovery: $1 mosquitto to apply the change"
  fi
}

set_password() {
  local user=$1 password=$2
  [[ -f $passwd ]] || install -m 0640 -g "$group" /dev/null "$passwd"
  mosquitto_passwd -b "$passwd" "$user" "$password"
}

# Replaces USER's block in the ACL (from its `user` line to the next blank line) with LINES.
set_acl() {
  local user=$1 lines=$2
  remove_acl "$user"
  printf '\nuser %s\n%s\n' "$user" "$lines" >>"$acl"
}

remove_acl() {
  awk -v u="$1" '$1 == "user" { skip = ($2 == u) } /^$/ { if (skip) { skip = 0; next } } !skip' "$acl" >"$acl.new"
  cat "$acl.new" >"$acl"
  rm -f "$acl.new"
}

init() {
  local names=(localhost "$(hostname)" "$(hostname).local") san
  while [[ $# -gt 0 ]]; do
    case $1 in
      --name) names+=("$2"); shift 2 ;;
      *) echo "error: init takes --name HOST, got $1" >&2; exit 2 ;;
    esac
  done
  command -v openssl >/dev/null || { echo "error: openssl not found: apt-get install openssl" >&2; exit 1; }
  if [[ -z $keytool ]]; then
    keytool=/opt/sensor-recovery/jre/bin/keytool
    [[ -x $keytool ]] || keytool=$(command -v keytool || true)
  fi
  [[ -x $keytool ]] || { echo "error: keytool not found: run deploy/install.sh first (it installs the Java), or pass --keytool" >&2; exit 1; }
  [[ -f $etc/gateway.yaml ]] || { echo "error: $etc/gateway.yaml not found: run deploy/install.sh first" >&2; exit 1; }

  install -d -m 0755 "$certs" "$mosquitto_dir/conf.d"
  # P-256 keys: small and fast on a Pi; Java needs jdk.crypto.ec for them (in the jlink image).
  if [[ ! -f $certs/sensor-recovery-ca.crt ]]; then
    (umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
      -subj "/CN=sensor-recovery gateway CA" -keyout "$certs/sensor-recovery-ca.key" -out "$certs/sensor-recovery-ca.crt" 2>/dev/null)
    chmod 0644 "$certs/sensor-recovery-ca.crt"
  fi
  if [[ ! -f $certs/sensor-recovery-broker.crt ]]; then
    san=$(printf 'DNS:%s,' "${names[@]}")IP:127.0.0.1
    (umask 027 && openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=${names[1]}" \
      -keyout "$certs/sensor-recovery-broker.key" -out "$certs/broker.csr" 2>/dev/null)
    openssl x509 -req -in "$certs/broker.csr" -CA "$certs/sensor-recovery-ca.crt" -CAkey "$certs/sensor-recovery-ca.key" \
      -CAcreateserial -days 825 -out "$certs/sensor-recovery-broker.crt" 2>/dev/null \
      -extfile <(printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$san")
    rm -f "$certs/broker.csr"
    chgrp "$group" "$certs/sensor-recovery-broker.key"
    chmod 0640 "$certs/sensor-recovery-broker.key"
    echo "sensor-recovery: broker certificate for $san"
  fi
  sed "s|/etc/mosquitto/|$mosquitto_dir/|g" "$here/sensor-recovery.conf" >"$mosquitto_dir/conf.d/sensor-recovery.conf"
  chmod 0644 "$mosquitto_dir/conf.d/sensor-recovery.conf"
  [[ -f $acl ]] || install -m 0640 -g "$group" "$here/sensor-recovery.acl" "$acl"

  # The runtime's user, its password in gateway.yaml, the CA in its trust store.
  local password
  password=$(new_password)
  set_password sensor-recovery "$password"
  sed -i -e "s|^\(  password:\).*|\1 $password   # written by broker-setup.sh|" \
    -e "s|^\(    trustStore:\).*|\1 $etc/broker-ca.p12|" "$etc/gateway.yaml"
  local store_password
  store_password=$(sed -n 's/^    trustStorePassword: *\([^ #]*\).*/\1/p' "$etc/gateway.yaml")
  [[ -n $store_password ]] || { echo "error: $etc/gateway.yaml has no broker.tls.trustStorePassword" >&2; exit 1; }
  rm -f "$etc/broker-ca.p12"
  "$keytool" -importcert -noprompt -alias sensor-recovery-ca -file "$certs/sensor-recovery-ca.crt" \
    -keystore "$etc/broker-ca.p12" -storetype PKCS12 -storepass "$store_password" >/dev/null
  chmod 0644 "$etc/broker-ca.p12"
  # A new listener needs a restart, not a reload.
  broker_signal restart
  echo "sensor-recovery: broker ready on port 8883 (TLS); the runtime's password is in $etc/gateway.yaml"
}

add_user() {
  local user=$1 password=${2:-} lines=$3
  [[ $user =~ $id_re ]] || { echo "error: user '$user' must match [A-Za-z0-9_-]{1,64}" >&2; exit 2; }
  [[ $user != sensor-recovery ]] || { echo "error: sensor-recovery is the runtime's user" >&2; exit 2; }
  [[ -f $acl ]] || { echo "error: $acl not found: run init first" >&2; exit 1; }
  if [[ -z $password ]]; then
    password=$(new_password)
    echo "sensor-recovery: password of $user: $password"
  fi
  set_password "$user" "$password"
  set_acl "$user" "$lines"
  broker_signal reload
}

case $command in
  init) init "$@" ;;
  add-device)
    [[ $# -ge 2 ]] || { echo "usage: $0 add-device ARRAY USER [PASSWORD]" >&2; exit 2; }
    [[ $1 =~ $id_re ]] || { echo "error: array id '$1' must match [A-Za-z0-9_-]{1,64}" >&2; exit 2; }
    add_user "$2" "${3:-}" "topic write sensors/$1/m" ;;
  add-subscriber)
    [[ $# -ge 1 ]] || { echo "usage: $0 add-subscriber USER [PASSWORD]" >&2; exit 2; }
    add_user "$1" "${2:-}" "topic read sensors/+/estimate" ;;
  remove)
    [[ $# -eq 1 ]] || { echo "usage: $0 remove USER" >&2; exit 2; }
    mosquitto_passwd -D "$passwd" "$1"
    remove_acl "$1"
    broker_signal reload ;;
  *) echo "error: unknown command '$command' (init, add-device, add-subscriber, remove)" >&2; exit 2 ;;
esac
