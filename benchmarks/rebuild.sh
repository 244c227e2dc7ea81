# benchmarks/run rebuild [events] [partitions]: feed-service's rebuild of its read model from the log, and
# notifier-service's rebuild of its article states.
#
# Needs the packaged jars (./mvnw -B -q install -DskipTests). Starts Kafka and PostgreSQL through the local stack,
# loads <events> article events (default 100,000: every article published, every third corrected, every tenth
# retracted, about 2 KB each) and 20 topics on <partitions> partitions (default 6) with benchmarks/LoadEvents.java,
# then runs the rebuild commands as documented (each service's jar, profile rebuild) into fresh databases, one after
# the other: notifier-service first (line notifier_rebuild events_per_s=<n> events=<n>), then feed-service.
# Last line: rebuild events_per_s=<n> events=<n> (feed-service's own count and time, from its first poll to its last
# commit; JVM start and Flyway are not in it). The log has each rebuild's writing time and CPU seconds, and those of
# Kafka and PostgreSQL.
set -euo pipefail
source benchmarks/lib/stack.sh

events=${1:-100000}
partitions=${2:-6}
require_tools java unzip
start_infrastructure
jar=$(require_jar feed-service)
require_jar notifier-service >/dev/null

mkdir -p "$BENCH_WORK/load"
(cd "$BENCH_WORK/load" && unzip -qjo "$jar" 'BOOT-INF/lib/kafka-clients-*.jar' 'BOOT-INF/lib/slf4j-api-*.jar' \
  'BOOT-INF/lib/lz4-java-*.jar' 'BOOT-INF/lib/postgresql-*.jar')
log "loading $events article events on $partitions partitions"
java -cp "$BENCH_WORK/load/*" benchmarks/LoadEvents.java "localhost:$KAFKA_PORT" "$events" "$partitions" \
  "jdbc:postgresql://localhost:$POSTGRES_PORT/feed_rebuilt" "jdbc:postgresql://localhost:$POSTGRES_PORT/notifier_rebuilt" >&2

# CPU seconds used by processes and their descendants (exited ones included once their parent reaped them): here
# Kafka (in the local stack's process) and PostgreSQL (its postmaster, which pg_ctl detached), to show what a rebuild
# costs besides its own JVM.
postmaster=$(ss -ltnpH "sport = :$POSTGRES_PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
tree_cpu_seconds() {
  local pids=("$@") all=() ticks=0 pid
  while ((${#pids[@]})); do
    all+=("${pids[@]}")
    mapfile -t pids < <(for pid in "${pids[@]}"; do pgrep -P "$pid"; done)
  done
  for pid in "${all[@]}"; do
    [[ -r /proc/$pid/stat ]] || continue
    ticks=$((ticks + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13 + $14 + $15}')))
  done
  echo "scale=1; $ticks / $(getconf CLK_TCK)" | bc
}
# rebuild <module> <database>: runs the documented command; prints its figures line.
rebuild() {
  local module=$1 database=$2 before result
  before=$(tree_cpu_seconds "${BENCH_PIDS[0]}" "$postmaster")
  log "rebuilding $module's read model into the fresh database $database (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  # REBUILD_JAVA_OPTIONS adds JVM options, e.g. -XX:StartFlightRecording=filename=/tmp/rebuild.jfr to profile it.
  java "${SERVICE_JVM_OPTIONS[@]}" ${REBUILD_JAVA_OPTIONS:-} -jar "$BENCH_WORK/$module.jar" \
    --spring.profiles.active=local,rebuild \
    --spring.datasource.url="jdbc:postgresql://localhost:$POSTGRES_PORT/$database" \
    --spring.datasource.username=postgres --spring.datasource.password=postgres \
    --spring.cloud.stream.kafka.binder.brokers="localhost:$KAFKA_PORT" \
    --spring.kafka.bootstrap-servers="localhost:$KAFKA_PORT" >"$BENCH_WORK/$module-rebuild.log" 2>&1 \
    || { tail -40 "$BENCH_WORK/$module-rebuild.log" >&2; exit 1; }
  result=$(grep '^rebuild events_per_s=' "$BENCH_WORK/$module-rebuild.log" | tail -1)
  log "$module: $result"
  log "Kafka and PostgreSQL used $(echo "$(tree_cpu_seconds "${BENCH_PIDS[0]}" "$postmaster") - $before" | bc)" \
    "CPU seconds while $module's JVM ran (its start and Flyway included); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "${result% skipped=*}"
}

notifier_result=$(rebuild notifier-service notifier_rebuilt)
echo "notifier_$notifier_result"
rebuild feed-service feed_rebuilt
