#!/usr/bin/env bash
# The benchmark of issue 10 in one command: builds what it needs, installs wrk (Debian) and the peers (npm, into a
# cache folder outside the repository), runs the JMH hot paths and every lane against zero-delay mocks on 127.0.0.1,
# and writes the results section of docs/benchmarks.md and docs/benchmarks.svg. See docs/benchmarks.md.
#
# Usage: bench/run.sh [--quick] [--skip lanes,peers,throughput,deployed,cache,memory,startup,jmh] [--docs DIR|none]
#                     [--lanes passthrough-json,...] [--requests N] [--warmup N] [--c1-placement one-core|free|both]
#                     [--profile DIR]   (a CPU profile while wrk measures anyclaude; such a run writes no docs)
# --quick takes a few minutes and is for development; the full run 15 to 20 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java="$JAVA_HOME/bin/java"
peers=${ANYCLAUDE_BENCH_PEERS:-$HOME/.cache/anyclaude-bench/peers}
quick=false
skip=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --quick) quick=true ;;
    --skip) skip="${args[$((i + 1))]:-}" ;;
  esac
done
skips() { [[ ",$skip," == *",$1,"* ]]; }

# 1. Build: the bench module and the distribution (memory and start-up run the real launcher). Never mvn install.
./mvnw -B -q -pl bench,distribution -am package -DskipTests

# 2. From Debian: wrk, taskset, and HAProxy (the reference: what one plain HTTP hop costs on this machine).
debian=()
if ! skips throughput && ! command -v wrk >/dev/null; then debian+=(wrk); fi
if ! skips peers && ! command -v haproxy >/dev/null; then debian+=(haproxy); fi
if ! command -v taskset >/dev/null; then debian+=(util-linux); fi # places the c=1 lanes on one core
if [ ${#debian[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${debian[@]}"
fi

# 3. Peers from npm, outside the repository. Portkey 1.15.2's streams fail on Node 20 with "TypeError: immutable"
#    (updateHeaders appends to the headers of a fetch Response, which are immutable there); the call is made
#    best-effort in the installed copy, which only drops Portkey's own x-portkey-* response headers.
install_peer() { # dir package@version
  if [ ! -d "$peers/$1/node_modules" ]; then
    mkdir -p "$peers/$1"
    (cd "$peers/$1" && npm init -y >/dev/null && npm install --ignore-scripts --no-audit --no-fund --loglevel=error "$2")
  fi
}
if ! skips peers && command -v npm >/dev/null; then
  install_peer ccr @musistudio/claude-code-router@2.0.0
  install_peer portkey @portkey-ai/gateway@1.15.2
  portkey_js="$peers/portkey/node_modules/@portkey-ai/gateway/build/start-server.js"
  if ! grep -q anyclaudeBench "$portkey_js"; then
    sed -i 's/this\.updateHeaders(i,n\.cacheStatus,o),/(()=>{try{this.updateHeaders(i,n.cacheStatus,o)}catch(anyclaudeBench){}})(),/' "$portkey_js"
    grep -q anyclaudeBench "$portkey_js" || echo "bench: could not patch Portkey's updateHeaders; its streams will fail" >&2
  fi
fi

cp="bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)"
# anyclaude runs in the harness at the log level users get (INFO: a line per request in its log file), logging here.
rm -rf bench/target/logs
jvm=(-Danyclaude.logs="$PWD/bench/target/logs")
if [ "$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')" -ge 23 ]; then
  jvm+=(--sun-misc-unsafe-memory-access=allow)
fi

# 4. JMH: hot paths with the gc profiler (the openai and anthropic plugins' classes on the class path here only).
jmh_json=bench/target/jmh.json
rm -f "$jmh_json"
if ! skips jmh; then
  if $quick; then jmh_opts=(-f 1 -wi 1 -w 1s -i 2 -r 1s); else jmh_opts=(-f 1 -wi 3 -w 2s -i 5 -r 2s); fi
  "$java" "${jvm[@]}" -cp "$cp:$(ls bench/target/plugins/openai-*.jar):$(ls bench/target/plugins/anthropic-*.jar):$(ls bench/target/plugins/cache-*.jar)" org.openjdk.jmh.Main HotPaths -prof gc \
    "${jmh_opts[@]}" -rf json -rff "$jmh_json"
fi

# 5. Lanes, peers, memory, start-up; writes docs/.
exec "$java" -Xms512m -Xmx512m -XX:+UseParallelGC "${jvm[@]}" -cp "$cp" dev.anyclaude.bench.Suite \
  --jmh-results "$jmh_json" --peers "$peers" "$@"
