#!/usr/bin/env bash
# A single-node Apache Kafka 4.4 (KRaft, broker and controller in one JVM) from Maven Central's jars
# alone, for trying the cluster on one machine (README, "The cluster in five minutes").
# Usage: deploy/kafka-local.sh [DIR] [PORT]    (defaults: ./kafka-local, 9092; the controller uses PORT+1)
# Stops with Ctrl-C; DIR keeps the log between runs (delete it to start afresh).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(mkdir -p "${1:-./kafka-local}" && cd "${1:-./kafka-local}" && pwd)"
port="${2:-9092}"
controller=$((port + 1))
cp="$dir/classpath.txt"
if [ ! -s "$cp" ]; then
  # The test scope holds kafka_2.13, kafka-tools and slf4j-simple: the same jars the tests run Kafka from.
  (cd "$here" && mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp")
fi
cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/log
num.partitions=12
offsets.topic.replication.factor=1
offsets.topic.num.partitions=12
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
log.segment.bytes=67108864
PROPS
java_cmd=(java -Xmx512m -cp "$(cat "$cp")")
if [ ! -f "$dir/log/meta.properties" ]; then
  "${java_cmd[@]}" kafka.tools.StorageTool format -t "$("${java_cmd[@]}" kafka.tools.StorageTool random-uuid)" \
      -c "$dir/server.properties"
fi
echo "kafka on 127.0.0.1:$port (log in $dir/log)"
exec "${java_cmd[@]}" kafka.Kafka "$dir/server.properties"
