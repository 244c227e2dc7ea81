# benchmarks/run rebuild [events] [partitions]: feed-service's rebuild of its read model from the log.
#
# Needs the packaged jars (./mvnw -B -q install -DskipTests). Starts Kafka and PostgreSQL through the local stack,
# loads <events> article events (default 100,000: every article published, every third corrected, every tenth
# retracted, about 2 KB each) and 20 topics on <partitions> partitions (default 6) with benchmarks/LoadEvents.java,
# then runs the rebuild command as documented (feed-service's jar, profile rebuild) into a fresh database.
# Last line: rebuild events_per_s=<n> events=<n> (the rebuild's own count and time, from its first poll to its last
# commit; JVM start and Flyway are not in it).
set -euo pipefail
source benchmarks/lib/stack.sh

events=${1:-100000}
partitions=${2:-6}
require_tools java unzip
start_infrastructure
jar=$(require_jar feed-service)

mkdir -p "$BENCH_WORK/load"
(cd "$BENCH_WORK/load" && unzip -qjo "$jar" 'BOOT-INF/lib/kafka-clients-*.jar' 'BOOT-INF/lib/slf4j-api-*.jar' \
  'BOOT-INF/lib/lz4-java-*.jar' 'BOOT-INF/lib/postgresql-*.jar')
log "loading $events article events on $partitions partitions"
java -cp "$BENCH_WORK/load/*" benchmarks/LoadEvents.java "localhost:$KAFKA_PORT" "$events" "$partitions" \
  "jdbc:postgresql://localhost:$POSTGRES_PORT/feed_rebuilt" >&2

log "rebuilding feed-service's read model into the fresh database feed_rebuilt"
java "${SERVICE_JVM_OPTIONS[@]}" -jar "$jar" --spring.profiles.active=local,rebuild \
  --spring.datasource.url="jdbc:postgresql://localhost:$POSTGRES_PORT/feed_rebuilt" \
  --spring.datasource.username=postgres --spring.datasource.password=postgres \
  --spring.cloud.stream.kafka.binder.brokers="localhost:$KAFKA_PORT" \
  --spring.kafka.bootstrap-servers="localhost:$KAFKA_PORT" >"$BENCH_WORK/rebuild.log" 2>&1 \
  || { tail -40 "$BENCH_WORK/rebuild.log" >&2; exit 1; }
result=$(grep '^rebuild events_per_s=' "$BENCH_WORK/rebuild.log" | tail -1)
log "$result"
echo "${result% skipped=*}"
