# Shared by the benchmarks (sourced from the repository root): starts Kafka and PostgreSQL through the local stack,
# the services from their packaged jars as they ship (normal JIT, the Dockerfile's JVM options), and stops every
# process it started when the benchmark exits. Ports default to a range the local stack does not use; override with
# BENCH_PORT_BASE. Jars are copied first, so a rebuild during a run cannot break it.

BENCH_PORT_BASE=${BENCH_PORT_BASE:-28000}
KAFKA_PORT=$((BENCH_PORT_BASE + 92))
POSTGRES_PORT=$((BENCH_PORT_BASE + 432))
SMTP_PORT=$((BENCH_PORT_BASE + 25))
MAIL_PAGE_PORT=$((BENCH_PORT_BASE + 26))
CONTENT_PORT=$((BENCH_PORT_BASE + 81))
FEED_PORT=$((BENCH_PORT_BASE + 82))
NGINX_PORT=$((BENCH_PORT_BASE + 80))
SERVICE_JVM_OPTIONS=(-XX:MaxRAMPercentage=75)

BENCH_WORK=$(mktemp -d /tmp/tidings-bench.XXXXXX)
chmod 755 "$BENCH_WORK"
BENCH_PIDS=()

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

stop_started() {
  local pid
  for ((i = ${#BENCH_PIDS[@]} - 1; i >= 0; i--)); do
    pid=${BENCH_PIDS[i]}
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  [[ -n ${BENCH_KEEP_WORK:-} ]] || rm -rf "$BENCH_WORK"
}
trap stop_started EXIT
trap 'exit 130' INT TERM

# require_tools tool... : stops with the Debian install line when one is missing.
require_tools() {
  local missing=()
  for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  if ((${#missing[@]})); then
    echo "missing: ${missing[*]}. On Debian/Ubuntu: sudo apt-get install -y wrk nginx-light" >&2
    exit 1
  fi
}

# require_jar module: the module's packaged jar, copied into the work directory; prints the copy's path.
require_jar() {
  local jar=$1/target/$1.jar
  if [[ ! -f $jar ]]; then
    echo "missing $jar: build it first with ./mvnw -B -q install -DskipTests" >&2
    exit 1
  fi
  cp "$jar" "$BENCH_WORK/" && echo "$BENCH_WORK/$1.jar"
}

# wait_for url seconds: until the URL answers 2xx.
wait_for() {
  local url=$1 deadline=$((SECONDS + $2))
  until curl -sf -o /dev/null "$url"; do
    if ((SECONDS > deadline)); then echo "timed out waiting for $url" >&2; exit 1; fi
    sleep 0.5
  done
}

start_infrastructure() {
  local jar
  jar=$(require_jar local-stack)
  log "starting Kafka (localhost:$KAFKA_PORT) and PostgreSQL (localhost:$POSTGRES_PORT) through the local stack"
  java -jar "$jar" --tidings.local-stack.start-services=false --tidings.local-stack.load-demo=false \
    --tidings.local-stack.kafka-port="$KAFKA_PORT" --tidings.local-stack.postgres-port="$POSTGRES_PORT" \
    --tidings.local-stack.smtp-port="$SMTP_PORT" --server.port="$MAIL_PAGE_PORT" \
    --tidings.local-stack.work-directory="$BENCH_WORK/stack" >"$BENCH_WORK/stack.log" 2>&1 &
  BENCH_PIDS+=($!)
  local deadline=$((SECONDS + 180))
  until grep -q "local stack is up" "$BENCH_WORK/stack.log"; do
    if ((SECONDS > deadline)) || ! kill -0 "${BENCH_PIDS[-1]}" 2>/dev/null; then
      tail -30 "$BENCH_WORK/stack.log" >&2; echo "the infrastructure did not start" >&2; exit 1
    fi
    sleep 0.5
  done
}

# start_service module port database [extra arguments...]
start_service() {
  local module=$1 port=$2 database=$3 jar
  shift 3
  jar=$(require_jar "$module")
  log "starting $module on localhost:$port"
  # The 'local' profile holds the development secrets (API keys) that the services refuse to start without.
  java "${SERVICE_JVM_OPTIONS[@]}" -jar "$jar" --server.port="$port" --spring.profiles.active=local \
    --spring.datasource.url="jdbc:postgresql://localhost:$POSTGRES_PORT/$database" \
    --spring.datasource.username=postgres --spring.datasource.password=postgres \
    --spring.cloud.stream.kafka.binder.brokers="localhost:$KAFKA_PORT" \
    --spring.kafka.bootstrap-servers="localhost:$KAFKA_PORT" "$@" >"$BENCH_WORK/$module.log" 2>&1 &
  BENCH_PIDS+=($!)
  wait_for "http://localhost:$port/actuator/health/readiness" 300
}

start_feed_service() {
  start_service feed-service "$FEED_PORT" feed --tidings.feed.public-url="http://localhost:$FEED_PORT"
}

start_content_service() {
  start_service content-service "$CONTENT_PORT" content
}

# A classpath with the Kafka client the feed-service jar carries, for the Java helpers in benchmarks/.
kafka_classpath() {
  mkdir -p "$BENCH_WORK/lib"
  (cd "$BENCH_WORK/lib" && unzip -qjo "$BENCH_WORK/feed-service.jar" 'BOOT-INF/lib/kafka-clients-*.jar' \
    'BOOT-INF/lib/slf4j-api-*.jar')
  echo "$BENCH_WORK/lib/*"
}
