#!/usr/bin/env bash
# Checks the gateway broker set-up end to end on this machine: broker-setup.sh init / add-device /
# add-subscriber into a scratch layout, a real Mosquitto with deploy/mosquitto/sensor-recovery.conf
# (its LAN listener moved to a free loopback port), and the runtime jar with deploy/gateway.yaml
# connecting over TLS with its generated password. Then: a device's measurements reach the
# runtime and its estimate reaches a subscriber; everything the ACL does not grant is refused.
#
#   deploy/check-broker.sh       (root; needs mosquitto, mosquitto-clients, openssl, a JDK's keytool)
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/sensor-recovery.jar
[[ -f $jar ]] || { echo "error: $jar not found: build it first" >&2; exit 1; }
for tool in mosquitto mosquitto_pub mosquitto_sub mosquitto_passwd openssl keytool java; do
  command -v $tool >/dev/null || { echo "error: $tool not found (apt-get install mosquitto mosquitto-clients openssl)" >&2; exit 1; }
done

scratch=$(mktemp -d)
broker_pid=
runtime_pid=
cleanup() {
  local p
  for p in $runtime_pid $broker_pid; do
    if kill -0 "$p" 2>/dev/null; then kill "$p"; wait "$p" 2>/dev/null || true; fi
  done
  rm -rf "$scratch"
}
trap cleanup EXIT
# Mosquitto drops root for its own user: it must be able to read the scratch layout.
chmod 0755 "$scratch"
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"

port=$(free_port)

mq=$scratch/mosquitto
etc=$scratch/etc
mkdir -p "$mq" "$etc"
install -m 0640 deploy/gateway.yaml "$etc/gateway.yaml"
setup() { deploy/mosquitto/broker-setup.sh --mosquitto-dir "$mq" --etc "$etc" --no-reload "$@"; }
check "broker-setup init: certificates, listener config, ACL, runtime user, trust store" setup init
check "the runtime's password was written into gateway.yaml" bash -c "! grep -q change-me '$etc/gateway.yaml'"
check "add-device cov32 node-7" setup add-device cov32 node-7 device-secret
check "add-device corr64 pair-3-9" setup add-device corr64 pair-3-9 other-secret
check "add-subscriber dashboard" setup add-subscriber dashboard viewer-secret

# The real config, with its all-interfaces listener moved to loopback (tests stay on this machine).
sed "s|^listener 8883$|listener $port 127.0.0.1|" "$mq/conf.d/sensor-recovery.conf" >"$mq/test.conf"
grep -q "^listener $port 127.0.0.1$" "$mq/test.conf" || { echo "error: no 'listener 8883' line in sensor-recovery.conf" >&2; exit 1; }
# Mosquitto writes its log as its own user.
install -m 0666 /dev/null "$scratch/mosquitto.log"
printf 'persistence false\nlog_dest file %s\nlog_type all\n' "$scratch/mosquitto.log" >>"$mq/test.conf"
mosquitto -c "$mq/test.conf" >>"$scratch/mosquitto.log" 2>&1 &
broker_pid=$!
for _ in $(seq 100); do port_open "$port" && break; sleep 0.05; done
port_open "$port" || { cat "$scratch/mosquitto.log" >&2; echo "error: mosquitto did not start" >&2; exit 1; }

java -jar "$jar" run --config "$etc/gateway.yaml" --broker "ssl://localhost:$port" --data-dir "$scratch/data" \
  >"$scratch/runtime.log" 2>&1 &
runtime_pid=$!
for _ in $(seq 300); do grep -q '^sensor-recovery running' "$scratch/runtime.log" && break; sleep 0.05; done
tls=(-h localhost -p "$port" --cafile "$mq/certs/sensor-recovery-ca.crt" -V 5)
runtime_connected() {
  for _ in $(seq 100); do
    grep -q "as gateway-runtime .*u'sensor-recovery'" "$scratch/mosquitto.log" && return 0
    sleep 0.1
  done
  cat "$scratch/runtime.log" "$scratch/mosquitto.log"
  return 1
}
check "the runtime logs in over TLS with its generated password" runtime_connected

# 400 rank-one measurements of a d=32 rank-2 matrix, as device node-7 would send them.
awk 'BEGIN { srand(3); d = 32
  for (s = 0; s < 2; s++) for (i = 0; i < d; i++) u[s, i] = rand() - 0.5
  for (k = 0; k < 400; k++) { line = "{\"device\":\"node-7\",\"seq\":" k ",\"a\":["; p0 = 0; p1 = 0
    for (i = 0; i < d; i++) { a = sprintf("%.4f", rand() * 2 - 1) + 0; line = line (i ? "," : "") a; p0 += u[0, i] * a; p1 += u[1, i] * a }
    printf "%s],\"y\":%.12g}\n", line, p0 * p0 + p1 * p1 } }' >"$scratch/stream.ndjson"
check "device node-7 publishes to sensors/cov32/m" \
  mosquitto_pub "${tls[@]}" -u node-7 -P device-secret -i node-7 -q 1 -t sensors/cov32/m -l <"$scratch/stream.ndjson"
estimate_of_all() {
  for _ in $(seq 30); do
    mosquitto_sub "${tls[@]}" -u dashboard -P viewer-secret -i dashboard -t sensors/cov32/estimate -C 1 -W 10 >"$scratch/estimate.json"
    grep -q '"measurements":400,' "$scratch/estimate.json" && grep -q '"rank":2,' "$scratch/estimate.json" && return 0
    sleep 1
  done
  head -c 300 "$scratch/estimate.json"
  return 1
}
check "subscriber dashboard reads the estimate of all 400 (rank 2)" estimate_of_all

denied_publish() {
  local out
  out=$(mosquitto_pub "${tls[@]}" "$@" -q 1 -m '{"seq":1,"i":0,"j":0,"y":1}' 2>&1) || true
  grep -q "Not authorized" <<<"$out" || { echo "publish was not refused: $out"; return 1; }
}
check "device node-7 may not publish to another array (sensors/corr64/m)" denied_publish -u node-7 -P device-secret -t sensors/corr64/m
check "device node-7 may not publish estimates" denied_publish -u node-7 -P device-secret -t sensors/cov32/estimate
check "subscriber dashboard may not publish measurements" denied_publish -u dashboard -P viewer-secret -t sensors/cov32/m
reads_nothing() {
  local status=0
  mosquitto_sub "${tls[@]}" "$@" -C 1 -W 2 >"$scratch/read.out" 2>&1 || status=$?
  # 27: timed out with nothing delivered.
  [[ $status -eq 27 ]] || { echo "exit $status: $(cat "$scratch/read.out")"; return 1; }
}
check "device node-7 reads no estimates" reads_nothing -u node-7 -P device-secret -t sensors/cov32/estimate
read_measurements_while_published() {
  (sleep 1; mosquitto_pub "${tls[@]}" -u node-7 -P device-secret -q 1 -t sensors/cov32/m \
    -m '{"device":"node-7","seq":1000,"a":['"$(seq -s, 32 | sed 's/[0-9]*/0/g')"'],"y":0}') &
  local publisher=$!
  reads_nothing "$@"
  wait "$publisher"
}
check "subscriber dashboard reads no measurements" read_measurements_while_published -u dashboard -P viewer-secret -t sensors/cov32/m
refused_login() {
  local out
  if out=$(mosquitto_sub "${tls[@]}" "$@" -t sensors/cov32/estimate -C 1 -W 3 2>&1); then echo "connected: $out"; return 1; fi
  grep -qi "not authori[sz]ed" <<<"$out" || { echo "$out"; return 1; }
}
check "anonymous clients are refused" refused_login
check "a wrong password is refused" refused_login -u node-7 -P wrong
plain_refused() {
  if mosquitto_sub -h 127.0.0.1 -p "$port" -u dashboard -P viewer-secret -t sensors/cov32/estimate -C 1 -W 3 >/dev/null 2>&1; then
    echo "a plain TCP client got an estimate"
    return 1
  fi
}
check "plain TCP (no TLS) gets nothing" plain_refused
check "remove pair-3-9" setup remove pair-3-9
check "pair-3-9 is gone from the ACL and the password file" \
  bash -c "! grep -q pair-3-9 '$mq/sensor-recovery.acl' && ! grep -q '^pair-3-9:' '$mq/sensor-recovery.passwd' && grep -q '^user node-7' '$mq/sensor-recovery.acl'"

echo "check-broker: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
