# benchmarks/run feed: feed-service against nginx serving the same bytes, for a plain 200, a gzip 200 and a 304.
#
# Needs wrk and nginx (Debian: apt-get install -y wrk nginx-light) and the packaged jars (./mvnw -B -q install
# -DskipTests). Starts Kafka and PostgreSQL through the local stack and feed-service from its jar as it ships, loads
# a realistic feed through Kafka (ARTICLES articles, about 36 KB of Atom), writes the bytes feed-service serves (and
# its gzip bytes, for nginx's gzip_static) to an nginx root, then runs `wrk -t2 -c50` against both, one after the
# other, for each case. Last line: feed plain=<ratio> gzip=<ratio> not_modified=<ratio> (feed-service req/s divided
# by nginx req/s).
set -euo pipefail
source benchmarks/lib/stack.sh

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
ARTICLES=${ARTICLES:-16}
TOPIC=eczema-bench

require_tools wrk nginx curl java unzip
start_infrastructure
start_feed_service

log "loading $ARTICLES articles through Kafka"
java -cp "$(kafka_classpath)" benchmarks/LoadFeed.java "localhost:$KAFKA_PORT" "$TOPIC" "$ARTICLES" \
  >"$BENCH_WORK/load.log" 2>&1 || { cat "$BENCH_WORK/load.log" >&2; exit 1; }
FEED=http://localhost:$FEED_PORT/feeds/all.atom
deadline=$((SECONDS + 60))
until [[ $(curl -s "$FEED" | grep -c '<entry>') -ge $ARTICLES ]]; do
  ((SECONDS < deadline)) || { echo "the feed never got $ARTICLES entries" >&2; exit 1; }
  sleep 0.5
done

mkdir -p "$BENCH_WORK/www/feeds"
curl -s -o "$BENCH_WORK/www/feeds/all.atom" "$FEED"
curl -s -H 'Accept-Encoding: gzip' -o "$BENCH_WORK/www/feeds/all.atom.gz" "$FEED"
chmod -R a+rX "$BENCH_WORK/www"
identity_bytes=$(stat -c %s "$BENCH_WORK/www/feeds/all.atom")
gzip_bytes=$(stat -c %s "$BENCH_WORK/www/feeds/all.atom.gz")
log "the feed: $identity_bytes bytes, $gzip_bytes gzipped"

cat >"$BENCH_WORK/nginx.conf" <<NGINX
worker_processes auto;
pid $BENCH_WORK/nginx.pid;
error_log $BENCH_WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  types { application/atom+xml atom; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $BENCH_WORK/www;
    location /feeds/ {
      gzip_static on;
      gzip_vary on;
      add_header Cache-Control "public, max-age=60";
    }
  }
}
NGINX
nginx -c "$BENCH_WORK/nginx.conf" -g 'daemon off;' &
BENCH_PIDS+=($!)
NGINX_FEED=http://127.0.0.1:$NGINX_PORT/feeds/all.atom
wait_for "$NGINX_FEED" 10

etag_of() { curl -sI "$1" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p'; }
FEED_ETAG=$(etag_of "$FEED")
NGINX_ETAG=$(etag_of "$NGINX_FEED")
cmp -s <(curl -s "$FEED") <(curl -s "$NGINX_FEED") || { echo "nginx does not serve the same bytes" >&2; exit 1; }
cmp -s <(curl -s -H 'Accept-Encoding: gzip' "$FEED") <(curl -s -H 'Accept-Encoding: gzip' "$NGINX_FEED") \
  || { echo "nginx does not serve the same gzip bytes" >&2; exit 1; }
for target in "$FEED $FEED_ETAG" "$NGINX_FEED $NGINX_ETAG"; do
  read -r url etag <<<"$target"
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$url")
  [[ $status == 304 ]] || { echo "$url answered $status to If-None-Match: $etag" >&2; exit 1; }
done

# requests_per_second url [header]: wrk's Requests/sec; a run with non-2xx/3xx answers or socket errors fails.
requests_per_second() {
  local url=$1 header=${2:-} out
  if [[ -n $header ]]; then
    out=$(wrk -t2 -c50 -d"$DURATION" -H "$header" "$url")
  else
    out=$(wrk -t2 -c50 -d"$DURATION" "$url")
  fi
  echo "$out" >>"$BENCH_WORK/wrk.log"
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then echo "$out" >&2; echo "wrk saw errors against $url" >&2; exit 1; fi
  awk '/^Requests\/sec:/ { print $2 }' <<<"$out"
}

log "warming up feed-service's JIT ($WARMUP per case)"
for header in "" "Accept-Encoding: gzip" "If-None-Match: $FEED_ETAG"; do
  wrk -t2 -c50 -d"$WARMUP" ${header:+-H "$header"} "$FEED" >/dev/null
done
wrk -t2 -c50 -d2s "$NGINX_FEED" >/dev/null

ratios=()
for case in plain gzip not_modified; do
  case $case in
    plain) feed_header=""; nginx_header="" ;;
    gzip) feed_header="Accept-Encoding: gzip"; nginx_header="Accept-Encoding: gzip" ;;
    not_modified) feed_header="If-None-Match: $FEED_ETAG"; nginx_header="If-None-Match: $NGINX_ETAG" ;;
  esac
  nginx_rps=$(requests_per_second "$NGINX_FEED" "$nginx_header")
  feed_rps=$(requests_per_second "$FEED" "$feed_header")
  ratio=$(awk -v f="$feed_rps" -v n="$nginx_rps" 'BEGIN { printf "%.2f", f / n }')
  printf '%-13s nginx %10.0f req/s   feed-service %10.0f req/s   ratio %s\n' "$case" "$nginx_rps" "$feed_rps" "$ratio"
  ratios+=("$case=$ratio")
done
echo "feed ${ratios[*]}"
