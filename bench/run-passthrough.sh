#!/usr/bin/env bash
# Passthrough latency, proxy vs direct to the same mock on 127.0.0.1 (see PassthroughLatency's Javadoc).
# Usage: bench/run-passthrough.sh [--requests N] [--warmup N] [--clients undertow,jdk] [--lanes json,sse]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl bench -am package -DskipTests
exec "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -Xms512m -Xmx512m -XX:+UseParallelGC \
  -Danyclaude.log.level=WARN -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" \
  dev.anyclaude.bench.PassthroughLatency --plugins bench/target/plugins "$@"
