#!/usr/bin/env bash
# Start-up to first served request of the installation (distribution/target/anyclaude), with and without the
# class-data-sharing archive bin/anyclaude keeps in ~/.anyclaude/cache. Each run: `anyclaude serve --port 0`, then
# GET /health until it answers 200; the time is from process start to that answer (wall clock, ms).
# Usage: bench/run-startup.sh [runs]   (build first: ./mvnw -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
installation=distribution/target/anyclaude
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

one_run() {
  local cds=$1 out="$scratch/out.txt" start end url
  : > "$out"
  start=$(date +%s%N)
  (cd "$scratch" && HOME="$scratch" ANYCLAUDE_CDS=$cds exec "$OLDPWD/$installation/bin/anyclaude" serve --port 0 >"$out" 2>/dev/null) &
  local pid=$!
  until grep -q 'listening on' "$out" 2>/dev/null; do sleep 0.01; done
  url=$(sed -n 's/^anyclaude listening on //p' "$out")
  until curl -fs -o /dev/null "$url/health"; do sleep 0.005; done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

report() {
  local label=$1; shift
  printf '%-28s %s   median %s ms\n' "$label" "$*" "$(printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}

off=(); for _ in $(seq "$runs"); do off+=("$(one_run off)"); done
report "no CDS archive" "${off[@]}"
first=$(one_run on)
report "first run (writes archive)" "$first"
on=(); for _ in $(seq "$runs"); do on+=("$(one_run on)"); done
report "with CDS archive" "${on[@]}"
ls -l "$scratch/.anyclaude/cache" | tail -n +2
