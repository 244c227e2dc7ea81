#!/usr/bin/env bash
# benchmarks/run stack [runs]: starts the local stack as a newcomer does (java -jar local-stack/target/local-stack.jar,
# demo content loaded) on free ports, and measures
#   start_s  seconds from the command to the printed "local stack is up" (its own figure), the best of the runs
#            after the first: the first start of a build extracts the service jars and records their class data
#            sharing archives, which later starts use
#   rss_mb   the resident memory of everything it runs (the stack's JVM with Kafka and SMTP, the PostgreSQL
#            processes, the three service JVMs) once it is up, summed over the process tree
# Needs: a JDK 17 and the build (./mvnw -B -q install -DskipTests). Prints last: stack start_s=<s> rss_mb=<total>
set -euo pipefail
runs=${1:-3}
jar=${LOCAL_STACK_JAR:-local-stack/target/local-stack.jar}  # another build of the stack, to compare
[[ -f $jar ]] || { echo "build first: ./mvnw -B -q install -DskipTests" >&2; exit 1; }
work=$(mktemp -d /tmp/tidings-stack-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

tree_rss_kb() { # the summed RSS of a process and all its descendants
  local pids=$1 all=$1
  while [[ -n $pids ]]; do
    pids=$(for p in $pids; do cat /proc/"$p"/task/*/children 2>/dev/null; done | tr '\n' ' ')
    all="$all $pids"
  done
  for p in $all; do awk '/^VmRSS/ {print $2}' /proc/"$p"/status 2>/dev/null; done | awk '{s+=$1} END {print s+0}'
}

best=""; rss_at_best=0
for run in $(seq 1 "$runs"); do
  log="$work/run-$run.log"
  # Ports of their own, so a stack a developer runs is not disturbed; the same work directory for every run.
  java -jar "$jar" --server.port=18025 --tidings.local-stack.kafka-port=19092 \
    --tidings.local-stack.postgres-port=15432 --tidings.local-stack.smtp-port=13025 \
    --tidings.local-stack.content-port=18081 --tidings.local-stack.feed-port=18082 \
    --tidings.local-stack.notifier-port=18083 --tidings.local-stack.work-directory="$work/stack" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    grep -q "local stack is up" "$log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 1
  done
  start_s=$(grep -o 'local stack is up ([0-9.]* s)' "$log" | grep -o '[0-9.]*' | head -1)
  [[ -n $start_s ]] || { echo "the stack did not come up" >&2; tail -40 "$log" >&2; kill "$pid"; exit 1; }
  sleep 2
  rss_mb=$(( $(tree_rss_kb "$pid") / 1024 ))
  echo "run $run: up in ${start_s} s, ${rss_mb} MB resident"
  kill -TERM "$pid"; wait "$pid" || true  # not INT: a background job of a script ignores it
  if [[ $run -gt 1 || $runs -eq 1 ]] && { [[ -z $best ]] || awk "BEGIN {exit !($start_s < $best)}"; }; then
    best=$start_s; rss_at_best=$rss_mb
  fi
done
echo "stack start_s=$best rss_mb=$rss_at_best"
