# benchmarks/run fanout: notifier-service mails one article to N confirmed subscribers through Postfix's smtp-sink,
# then smtp-source sends as many messages of the same size into the same sink over as many sessions.
#
# Needs Postfix's smtp-sink and smtp-source, psql and kcat (Debian: echo "postfix postfix/main_mailer_type select No
# configuration" | debconf-set-selections; apt-get install -y postfix postgresql-client kcat) and the packaged jars
# (./mvnw -B -q install -DskipTests). Starts Kafka and PostgreSQL through the local stack and notifier-service from its
# jar as it ships (normal JIT, the Dockerfile's JVM options) with SESSIONS sender threads, seeds the subscribers
# straight into the notifier's database, and publishes the article event with kcat. A warm-up article to WARMUP other
# subscribers comes first (its emails are dumped, to learn their size); the measured time runs from publishing the
# article until the ledger records every email as accepted by the sink. Last line:
# fanout emails_per_s=<n> ratio=<notifier/smtp-source> sessions=<n> rss_mb=<notifier's peak RSS>
# DKIM=on signs every email with a fresh 2048-bit RSA key (openssl), as tidings.notifier.dkim.* would in production.
# The log also says how much CPU the notifier, PostgreSQL and smtp-sink used during the measured fan-out (comparable
# across runs on a busy machine, unlike wall time); PROFILE=<file.jfr> records a Flight Recorder profile of that part
# (jfr print --events jdk.ExecutionSample <file.jfr>), NOTIFIER_JVM_OPTIONS adds options to the notifier's JVM.
set -euo pipefail
# Ports of their own, so that the feed benchmark can run at the same time.
BENCH_PORT_BASE=${BENCH_PORT_BASE:-29000}
source benchmarks/lib/stack.sh

SUBSCRIBERS=${SUBSCRIBERS:-10000}
WARMUP=${WARMUP:-2000}
SESSIONS=${SESSIONS:-4}
DKIM=${DKIM:-off}
SINK_PORT=$((BENCH_PORT_BASE + 27))
NOTIFIER_PORT=$((BENCH_PORT_BASE + 83))

# The JVM options notifier-service ships with: those of its Dockerfile.
mapfile -t SERVICE_JVM_OPTIONS < <(grep '^ENTRYPOINT' notifier-service/Dockerfile | grep -o '"-X[^"]*"' | tr -d '"')
# More options for the notifier's JVM (NOTIFIER_JVM_OPTIONS, split at spaces).
read -ra extra_jvm_options <<<"${NOTIFIER_JVM_OPTIONS:-}"
SERVICE_JVM_OPTIONS+=("${extra_jvm_options[@]}")
# PROFILE=<file.jfr>: a Flight Recorder CPU profile of the notifier during the measured fan-out only.
PROFILE=${PROFILE:-}
require_tools smtp-sink smtp-source psql kcat java curl
as_nobody=()
[[ $(id -u) -ne 0 ]] || as_nobody=(-u nobody)

sql() { PGPASSWORD=postgres psql -h localhost -p "$POSTGRES_PORT" -U postgres -d notifier -v ON_ERROR_STOP=1 -qtAc "$1"; }

# start_sink [smtp-sink options...]: a fresh sink on SINK_PORT; SINK_PID is its process.
start_sink() {
  [[ -z ${SINK_PID:-} ]] || { kill "$SINK_PID"; wait "$SINK_PID" 2>/dev/null || true; }
  smtp-sink "${as_nobody[@]}" "$@" "127.0.0.1:$SINK_PORT" 1000 &
  SINK_PID=$!
  BENCH_PIDS+=("$SINK_PID")
  local deadline=$((SECONDS + 10))
  until (exec 3<>"/dev/tcp/127.0.0.1/$SINK_PORT") 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "smtp-sink did not start" >&2; exit 1; }
    sleep 0.1
  done
}

# seed topic count: a topic and `count` confirmed subscribers of it, addresses <topic>-<n>@example.com.
seed() {
  sql "INSERT INTO topics (slug, version, title, description) VALUES ('$1', 1, 'Bench $1', 'Benchmark topic.')"
  sql "INSERT INTO subscribers (id, email, created_at, confirmed_at)
       SELECT CAST(md5('$1-' || n) AS uuid), '$1-' || n || '@example.com', now(), now() FROM generate_series(1, $2) n"
  sql "INSERT INTO subscriptions (subscriber_id, topic_slug, requested_at, confirmed_at)
       SELECT id, '$1', now(), now() FROM subscribers WHERE email LIKE '$1-%'"
}

# publish topic: one article.published event on the topic; prints the article id.
publish() {
  local id now body
  id=$(cat /proc/sys/kernel/random/uuid)
  now=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
  body='<p>Emollients <strong>restore the skin barrier</strong> and reduce flares, according to a <a href=\"https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD012119.pub2/full\">Cochrane review</a> of 77 trials.</p>'
  body+='<p>Apply them twice a day, and after bathing, when the skin is still damp. Ointments hold water best; creams and lotions are easier to spread on large areas.</p>'
  body+='<ul><li>use enough: an adult needs about 250 g a week</li><li>smooth it on in the direction of hair growth</li><li>keep using it when the skin looks clear</li></ul>'
  body+='<p>The <a href=\"https://www.nice.org.uk/guidance/cg57\">NICE guideline</a> on atopic eczema in children says the same, and adds that emollients should be prescribed in large quantities.</p>'
  body+='<p>What does not help: bath additives, which a large trial found no better than leave-on emollients alone.</p>'
  printf '{"id":"%s","version":1,"slug":"emollients-%s","title":"Moisturisers and the skin barrier","summary":"Why emollients remain the first step in eczema care.","bodyHtml":"%s","canonicalUrl":"https://health.example/articles/emollients","author":"Dr. Mara Lind","topics":["%s"],"tags":["emollients"],"publishedAt":"%s","updatedAt":"%s"}\n' \
    "$id" "${id:0:8}" "$body" "$1" "$now" "$now" \
    | kcat -P -b "localhost:$KAFKA_PORT" -t content.articles.v1 -k "$id" -H ce_specversion=1.0 \
      -H "ce_id=$(cat /proc/sys/kernel/random/uuid)" -H ce_source=https://health.example/content-service \
      -H ce_type=article.published -H "ce_time=$now" -H "ce_subject=$id" -H content-type=application/json
  echo "$id"
}

# await_sent article count seconds: until the ledger has `count` SENT rows of the article.
await_sent() {
  local deadline=$((SECONDS + $3)) sent
  while :; do
    sent=$(sql "SELECT count(*) FROM deliveries WHERE article_id = '$1' AND status = 'SENT'")
    ((sent < $2)) || return 0
    if ((SECONDS > deadline)); then
      echo "only $sent of $2 emails sent; statuses: $(sql "SELECT status || '=' || count(*) FROM deliveries
        WHERE article_id = '$1' GROUP BY status")" >&2
      tail -20 "$BENCH_WORK/notifier-service.log" >&2
      exit 1
    fi
    sleep 0.05
  done
}

# cpu_ms pid...: the user and system CPU time the processes have used so far, in milliseconds.
cpu_ms() {
  local pid ticks=0
  for pid in "$@"; do
    [[ ! -r /proc/$pid/stat ]] || ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

# postgres_pids: the PostgreSQL server and its backends.
postgres_pids() {
  local server
  server=$(pgrep -f "postgres .*-p $POSTGRES_PORT" | head -1)
  echo "$server" $(pgrep -P "$server")
}

dkim_options=()
if [[ $DKIM == on ]]; then
  require_tools openssl
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$BENCH_WORK/dkim.pem" 2>/dev/null
  dkim_options=(--tidings.notifier.dkim.enabled=true --tidings.notifier.dkim.selector=bench
    --tidings.notifier.dkim.domain=health.example --tidings.notifier.dkim.private-key-file="$BENCH_WORK/dkim.pem")
fi

start_infrastructure
mkdir -p "$BENCH_WORK/dump" && chmod 777 "$BENCH_WORK/dump"
start_sink -d "$BENCH_WORK/dump/%M."
start_service notifier-service "$NOTIFIER_PORT" notifier --spring.mail.host=127.0.0.1 --spring.mail.port="$SINK_PORT" \
  --tidings.notifier.public-url="http://localhost:$NOTIFIER_PORT" --tidings.notifier.send-threads="$SESSIONS" \
  "${dkim_options[@]}"
NOTIFIER_PID=${BENCH_PIDS[-1]}

log "seeding $WARMUP warm-up and $SUBSCRIBERS measured subscribers"
seed warmup "$WARMUP"
seed fanout "$SUBSCRIBERS"

log "warm-up: one article to $WARMUP subscribers, emails dumped to learn their size"
warmup=$(publish warmup)
await_sent "$warmup" "$WARMUP" 300
size=$(find "$BENCH_WORK/dump" -type f -printf '%s\n' | awk '{ sum += $1 } END { printf "%d", sum / NR }')
log "an email is about $size bytes (mean of the $WARMUP dumped)"
start_sink

log "measured: one article to $SUBSCRIBERS subscribers over $SESSIONS sessions, DKIM signing $DKIM"
[[ -z $PROFILE ]] || jcmd "$NOTIFIER_PID" JFR.start name=fanout settings=profile >/dev/null
read -ra pg_pids <<<"$(postgres_pids)"
cpu_before=("$(cpu_ms "$NOTIFIER_PID")" "$(cpu_ms "${pg_pids[@]}")" "$(cpu_ms "$SINK_PID")")
start=$(date +%s%N)
article=$(publish fanout)
await_sent "$article" "$SUBSCRIBERS" 900
end=$(date +%s%N)
cpu_after=("$(cpu_ms "$NOTIFIER_PID")" "$(cpu_ms "${pg_pids[@]}")" "$(cpu_ms "$SINK_PID")")
[[ -z $PROFILE ]] || jcmd "$NOTIFIER_PID" JFR.stop name=fanout filename="$(realpath -m "$PROFILE")" >/dev/null
# CPU time, unlike wall time, says what an email costs whatever else the machine is running.
log "CPU used during the fan-out: notifier $((cpu_after[0] - cpu_before[0])) ms \
($(((cpu_after[0] - cpu_before[0]) * 1000 / SUBSCRIBERS)) µs per email), PostgreSQL $((cpu_after[1] - cpu_before[1])) ms, \
smtp-sink $((cpu_after[2] - cpu_before[2])) ms; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Where the time went: the ledger's own clock, in milliseconds after publishing.
log "after publishing: rows queued at $(sql "SELECT round(extract(epoch FROM min(created_at)) * 1000 - ${start::-6})
  FROM deliveries WHERE article_id = '$article'") ms, first email recorded at $(sql "SELECT round(extract(epoch FROM
  min(sent_at)) * 1000 - ${start::-6}) FROM deliveries WHERE article_id = '$article'") ms, last at $(sql "SELECT
  round(extract(epoch FROM max(sent_at)) * 1000 - ${start::-6}) FROM deliveries WHERE article_id = '$article'") ms"
notifier_rate=$(awk -v n="$SUBSCRIBERS" -v ns=$((end - start)) 'BEGIN { printf "%.0f", n / (ns / 1e9) }')
rss_mb=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$NOTIFIER_PID/status")
log "notifier-service: $SUBSCRIBERS emails in $(((end - start) / 1000000)) ms, $notifier_rate emails/s, peak RSS $rss_mb MB"

# smtp-source's payload excludes its own few header lines (From, To, Date, Message-Id, Subject: about 200 bytes).
payload=$((size > 400 ? size - 200 : size))
# source_rate [smtp-source options...]: messages per second of SUBSCRIBERS messages over SESSIONS sessions.
source_rate() {
  local start end
  start=$(date +%s%N)
  smtp-source "$@" -s "$SESSIONS" -m "$SUBSCRIBERS" -l "$payload" -f newsletter@health.example -t reader@example.com \
    "127.0.0.1:$SINK_PORT"
  end=$(date +%s%N)
  awk -v n="$SUBSCRIBERS" -v ns=$((end - start)) 'BEGIN { printf "%.0f", n / (ns / 1e9) }'
}
# The ratio compares with smtp-source as issue 6 measured it: a connection per message. With -d it keeps each
# session's connection open, as the notifier does, but does nothing else: no database, no MIME, no links.
source_rate=$(source_rate)
reused_rate=$(source_rate -d)
log "smtp-source: $SUBSCRIBERS messages of $payload payload bytes: $source_rate/s (a connection per message), \
$reused_rate/s (-d, connections kept)"

ratio=$(awk -v a="$notifier_rate" -v b="$source_rate" 'BEGIN { printf "%.2f", a / b }')
echo "fanout emails_per_s=$notifier_rate ratio=$ratio sessions=$SESSIONS rss_mb=$rss_mb"
