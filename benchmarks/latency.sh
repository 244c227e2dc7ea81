# benchmarks/run latency: how long a published article takes to reach its topic's Atom feed.
#
# Needs the packaged jars (./mvnw -B -q install -DskipTests). Starts Kafka and PostgreSQL through the local stack and
# content-service and feed-service from their jars as they ship, then publishes WARMUP (default 1000) articles that
# are not counted, to bring the services' JIT where a running service is, and ARTICLES (default 200) articles
# through content-service's API, one after the other, with the API keys of the 'local' profile (an admin creates the
# topic, an editor writes and publishes; ADMIN_KEY and EDITOR_KEY to override), timing each from the start of the publish request until a poll of the topic's Atom feed
# (every millisecond, conditional GET) shows it, and until a WebSub subscriber running inside Latency.java (on
# 127.0.0.1, allow-listed by the 'local' profile, subscribed to that Atom feed with a secret) receives a notification
# whose X-Hub-Signature verifies and that holds it. Last line: latency feed_p50_ms=... feed_p99_ms=...
# websub_p50_ms=... websub_p99_ms=...
set -euo pipefail
source benchmarks/lib/stack.sh

ARTICLES=${ARTICLES:-200}
WARMUP=${WARMUP:-1000}
ADMIN_KEY=${ADMIN_KEY:-local-admin-key}
EDITOR_KEY=${EDITOR_KEY:-local-editor-key}

require_tools curl java
start_infrastructure
# content-service first, as in the local stack: it provisions the event topics it writes to.
start_content_service
start_feed_service

log "publishing $WARMUP articles to warm up, then $ARTICLES measured ones"
java benchmarks/Latency.java "http://localhost:$CONTENT_PORT" "http://localhost:$FEED_PORT" "$ADMIN_KEY" "$EDITOR_KEY" \
  "$ARTICLES" "$WARMUP"
