#!/usr/bin/env bash
# Added latency, in-process time and allocation per request of the proxy's lanes, proxy vs direct to the same
# mock on 127.0.0.1 (see LatencyBench's Javadoc).
# Usage: bench/run-latency.sh [--requests N] [--warmup N] [--clients undertow,jdk]
#                             [--lanes passthrough-json,passthrough-sse,openai-json,openai-sse]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl bench -am package -DskipTests
exec "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -Xms512m -Xmx512m -XX:+UseParallelGC \
  -Danyclaude.log.level=WARN -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" \
  dev.anyclaude.bench.LatencyBench --plugins bench/target/plugins "$@"
