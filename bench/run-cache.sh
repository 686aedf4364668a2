#!/usr/bin/env bash
# Response cache latency for a 20 kB answer: heap hit, disk hit and miss through the proxy beside the zero-delay
# mock asked directly (see CacheBench's Javadoc).
# Usage: bench/run-cache.sh [--requests N] [--warmup N]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl bench -am package -DskipTests
exec "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -Xms512m -Xmx512m -XX:+UseParallelGC \
  -Danyclaude.log.level=WARN -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" \
  dev.anyclaude.bench.CacheBench --plugins bench/target/plugins "$@"
