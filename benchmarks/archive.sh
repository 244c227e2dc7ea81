# benchmarks/run archive: what a render costs over an archive of 1,000 and of 1,000,000 articles.
#
# Needs the packaged jars (./mvnw -B -q install -DskipTests). Starts Kafka and PostgreSQL through the local stack and
# feed-service from its jar as it ships, fills its read model in bulk (benchmarks/ArchiveSize.java, about a minute for
# the million), and has the all-topics, a topic and a tag feed rendered 20 times each at both sizes. Last line:
# archive render_1k_ms=... render_1m_ms=... ratio=... (feed-service's own render timer; serving an unchanged feed
# reads no database at all).
set -euo pipefail
source benchmarks/lib/stack.sh

require_tools curl java unzip
start_infrastructure
start_feed_service

mkdir -p "$BENCH_WORK/pg"
(cd "$BENCH_WORK/pg" && unzip -qjo "$BENCH_WORK/feed-service.jar" 'BOOT-INF/lib/postgresql-*.jar')
java -cp "$BENCH_WORK/pg/*" benchmarks/ArchiveSize.java "jdbc:postgresql://localhost:$POSTGRES_PORT/feed" \
  "http://localhost:$FEED_PORT" "${ADMIN_KEY:-local-admin-key}"
