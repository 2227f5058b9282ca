#!/usr/bin/env bash
# Runs the sample firmware (host/samples/mqtt_sample.c, linked with libmvhost) against a mosquitto of
# its own on a free loopback port, and checks what it printed: every step of the scenario, in order.
# Usage: run_sample.sh SAMPLE_BINARY 3|5
set -euo pipefail
sample="$1"
version="$2"
mosquitto_bin="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
[ -x "$mosquitto_bin" ] || { echo "sample: mosquitto is not installed" >&2; exit 1; }

work="$(mktemp -d)"
broker_pid=""
cleanup() {
  if [ -n "$broker_pid" ]; then kill "$broker_pid" 2>/dev/null || true; wait "$broker_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
cat > "$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
log_dest stderr
log_type all
CONF
"$mosquitto_bin" -c "$work/mosquitto.conf" > "$work/broker.log" 2>&1 &
broker_pid=$!
# Ready when it says it opened the listener; tail ends with the broker.
if ! timeout 20 grep -q -m1 "Opening ipv4 listen socket on port $port" <(tail -n +1 -f --pid="$broker_pid" "$work/broker.log"); then
  echo "sample: mosquitto did not start on port $port" >&2; cat "$work/broker.log" >&2; exit 1
fi

prefix="mvhost/sample/$$"
set +e
timeout 180 "$sample" 127.0.0.1 "$port" "$version" "$prefix" > "$work/out.txt" 2> "$work/err.txt"
rc=$?
set -e
cat "$work/out.txt"
if [ "$rc" -ne 0 ]; then
  echo "sample: exited $rc" >&2
  cat "$work/err.txt" >&2
  tail -30 "$work/broker.log" >&2
  exit 1
fi

# Each line below must appear, in this order.
expected=(
  "^network: connected$"
  "^connect: state=0 reason=0$"
  "^subscribe: state=0 codes=2 "
  "^received: topic=$prefix/in payload=hello qos=1 retain=0$"
  "^ack: correlation="
  "^lost: topic=$prefix/big reason=0 length="
  "^connection lost: closure reason="
  "^takeover: disconnect state=0$"
  "^reconnecting$"
  "^connect: state=0 reason=0$"
  "^subscribe: state=0 codes=2 "
  "^received: topic=$prefix/in payload=again qos=1 retain=0$"
  "^disconnect: state=0 "
  "^sample: done "
)
line=0
passed=0
failed=0
for pattern in "${expected[@]}"; do
  found="$(tail -n +"$((line + 1))" "$work/out.txt" | grep -n -m1 -E -- "$pattern" | cut -d: -f1 || true)"
  if [ -n "$found" ]; then
    line=$((line + found)); passed=$((passed + 1))
  else
    echo "sample: missing (after line $line): $pattern" >&2; failed=$((failed + 1))
  fi
done
publishes="$(grep -c '^publish: .* state=0 ' "$work/out.txt" || true)"
if [ "$publishes" -eq 3 ]; then passed=$((passed + 1)); else echo "sample: $publishes successful publish responses, expected 3" >&2; failed=$((failed + 1)); fi
if grep -q '^takeover: connect state=0 reason=0$' "$work/out.txt"; then passed=$((passed + 1)); else echo "sample: the second client did not connect" >&2; failed=$((failed + 1)); fi
# Broker side: the session takeover and the sample's own graceful disconnect.
if grep -q "mvhost-sample-.* already connected, closing old connection\|Client mvhost-sample-.* already connected" "$work/broker.log"; then
  passed=$((passed + 1)); else echo "sample: the broker log shows no session takeover" >&2; failed=$((failed + 1)); fi
echo "sample (MQTT $version): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
