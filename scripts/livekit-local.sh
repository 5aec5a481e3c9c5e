#!/usr/bin/env bash
# A local LiveKit server (the open-source SFU) built from source at a pinned tag, for `npm start` and the tests.
#
#   bash scripts/livekit-local.sh build                 go install the pinned tag into the cache (once per tag)
#   bash scripts/livekit-local.sh path                  print the binary's path (builds it first when missing)
#   bash scripts/livekit-local.sh start [API_PORT]      start on loopback, print the LIVEKIT_* variables for `npm start`
#   bash scripts/livekit-local.sh stop                  stop the server started by `start`
#   bash scripts/livekit-local.sh config API_PORT PORT TCP_PORT UDP_START UDP_END   print the config `start` uses
#
# The config is docker/livekit.yaml (the production one) with only the loopback differences applied, so the tests
# and `npm start` run the server the way docker-compose does: same room settings, same webhook path, same key scheme.
#
# Environment: LIVEKIT_PORT (7880), LIVEKIT_RTC_TCP_PORT (PORT+1), LIVEKIT_UDP_START / LIVEKIT_UDP_END (50000-50100),
# API_PORT or PORT (3000: where the API listens, for the webhook), LIVEKIT_STATE_DIR (/tmp/dienhong-livekit-<port>),
# DIENHONG_CACHE (~/.cache/dienhong: kept between CI runs on one machine, outside any clone).
set -euo pipefail
cd "$(dirname "$0")/.."

# Newest release whose go.mod has no `replace` directives: `go install pkg@version` refuses modules that have them
# (v1.13.6 and later replace pion/webrtc, dtls and ice with LiveKit's forks).
LIVEKIT_VERSION=v1.13.5
CACHE_ROOT=${DIENHONG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dienhong}
BIN_DIR="$CACHE_ROOT/livekit-server/$LIVEKIT_VERSION"
BIN="$BIN_DIR/server"

build() {
  if [ -x "$BIN" ]; then return 0; fi
  command -v go >/dev/null 2>&1 || { echo "livekit-local: the Go toolchain (go) is needed to build livekit-server $LIVEKIT_VERSION" >&2; exit 1; }
  mkdir -p "$BIN_DIR"
  echo "livekit-local: building livekit-server $LIVEKIT_VERSION into $BIN_DIR (several minutes, once per version)" >&2
  # into a temporary GOBIN first: an interrupted build never leaves a half-written binary at the cached path
  local tmp
  tmp=$(mktemp -d "$BIN_DIR.tmp.XXXXXX")
  if ! GOBIN="$tmp" GOFLAGS=-buildvcs=false go install "github.com/livekit/livekit-server/cmd/server@$LIVEKIT_VERSION" >&2; then
    rm -rf "$tmp"
    echo "livekit-local: go install github.com/livekit/livekit-server/cmd/server@$LIVEKIT_VERSION failed (see above)" >&2
    exit 1
  fi
  mv "$tmp/server" "$BIN"
  rm -rf "$tmp"
}

# docker/livekit.yaml with the loopback differences: ports, no Redis (one node), the local webhook URL, the key name,
# no external IP discovery (the node IP is given on the command line).
config() {
  local api_port=$1 port=$2 tcp_port=$3 udp_start=$4 udp_end=$5 key=$6
  sed -e "s|^port: 7880|port: $port|" \
    -e "s|^  tcp_port: 7881|  tcp_port: $tcp_port|" \
    -e "s|^  port_range_start: 50000|  port_range_start: $udp_start|" \
    -e "s|^  port_range_end: 50100|  port_range_end: $udp_end|" \
    -e "s|^  use_external_ip: true|  use_external_ip: false|" \
    -e "s|http://proxy:80/api/livekit/webhook|http://127.0.0.1:$api_port/api/livekit/webhook|" \
    -e "s|__LIVEKIT_API_KEY__|$key|" \
    -e '/^redis:/,/^$/d' \
    -e '/^bind_addresses:/,/^$/d' \
    docker/livekit.yaml
}

cmd=${1:-start}
case "$cmd" in
  build)
    build
    echo "$BIN"
    ;;
  path)
    build
    echo "$BIN"
    ;;
  version)
    echo "$LIVEKIT_VERSION"
    ;;
  config)
    [ $# -ge 6 ] || { echo "usage: $0 config API_PORT PORT TCP_PORT UDP_START UDP_END [KEY]" >&2; exit 2; }
    config "$2" "$3" "$4" "$5" "$6" "${7:-__LIVEKIT_API_KEY__}"
    ;;
  start)
    build
    api_port=${2:-${API_PORT:-${PORT:-3000}}}
    port=${LIVEKIT_PORT:-7880}
    tcp_port=${LIVEKIT_RTC_TCP_PORT:-$((port + 1))}
    udp_start=${LIVEKIT_UDP_START:-50000}
    udp_end=${LIVEKIT_UDP_END:-50100}
    state=${LIVEKIT_STATE_DIR:-/tmp/dienhong-livekit-$port}
    mkdir -p "$state"
    chmod 700 "$state"
    if [ -f "$state/pid" ] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then
      echo "livekit-local: already running (pid $(cat "$state/pid")); its variables:" >&2
      cat "$state/env"
      exit 0
    fi
    # a fresh key pair per start: nothing to leak into the repository or the shell history
    key="API$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    secret=$(head -c 33 /dev/urandom | base64 | tr -d '/+=\n')
    config "$api_port" "$port" "$tcp_port" "$udp_start" "$udp_end" "$key" >"$state/livekit.yaml"
    # dev mode: debug logging to the log file and /debug/pprof, on loopback only
    LIVEKIT_KEYS="$key: $secret" nohup "$BIN" --dev --config "$state/livekit.yaml" --bind 127.0.0.1 --node-ip 127.0.0.1 \
      >"$state/livekit.log" 2>&1 &
    echo $! >"$state/pid"
    for _ in $(seq 1 100); do
      if curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1; then break; fi
      if ! kill -0 "$(cat "$state/pid")" 2>/dev/null; then
        echo "livekit-local: livekit-server exited; its log:" >&2
        tail -30 "$state/livekit.log" >&2
        exit 1
      fi
      sleep 0.1
    done
    {
      echo "export LIVEKIT_URL=ws://127.0.0.1:$port"
      echo "export LIVEKIT_API_KEY=$key"
      echo "export LIVEKIT_API_SECRET=$secret"
    } >"$state/env"
    chmod 600 "$state/env"
    echo "livekit-local: livekit-server $LIVEKIT_VERSION on ws://127.0.0.1:$port (pid $(cat "$state/pid"), log $state/livekit.log)," >&2
    echo "  webhooks to http://127.0.0.1:$api_port/api/livekit/webhook. For the API, run:  eval \"\$(cat $state/env)\" && PORT=$api_port npm start" >&2
    cat "$state/env"
    ;;
  stop)
    port=${LIVEKIT_PORT:-7880}
    state=${LIVEKIT_STATE_DIR:-/tmp/dienhong-livekit-$port}
    if [ -f "$state/pid" ]; then
      pid=$(cat "$state/pid")
      if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        echo "livekit-local: stopped (pid $pid)" >&2
      fi
      rm -f "$state/pid" "$state/env"
    else
      echo "livekit-local: not running" >&2
    fi
    ;;
  *)
    echo "usage: $0 build|path|version|start [API_PORT]|stop|config ..." >&2
    exit 2
    ;;
esac
