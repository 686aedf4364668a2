#!/usr/bin/env bash
# Soak: 200 concurrent streaming clients for 10 minutes against mock upstreams that inject random faults; reports
# complete / well-formed error / lost / garbled streams and the heap after GC every 10 s (see SoakBench's Javadoc).
# Not part of `verify`. Usage: bench/run-soak.sh [--minutes 10] [--clients 200]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl bench -am package -DskipTests
exec "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -Xms256m -Xmx512m -XX:+UseG1GC \
  -Danyclaude.log.level=ERROR -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" \
  dev.anyclaude.bench.SoakBench --plugins bench/target/plugins "$@"
