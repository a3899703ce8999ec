#!/usr/bin/env bash
# How RedisRoomBroker subscribes: a channel per room, or one pattern for all rooms?
# 1,000 rooms published to at random (redis-benchmark, 200,000 PUBLISHes of 40 bytes), two
# subscribers standing for two servers, each with members in 100 rooms (50 in common):
# "channels" subscribes each to its 100 rooms' channels, "pattern" each to bocata:room:*.
# Prints the publish rate, Redis' CPU and how many messages each subscriber received.
# Needs redis-server, redis-cli and redis-benchmark (Debian: redis-server, redis-tools). ~30 s.
set -u
PORT=${1:-16390}
DIR=$(mktemp -d)
redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --pidfile "$DIR/redis.pid" > /dev/null
sleep 0.5
PID=$(cat "$DIR/redis.pid")
trap 'kill "$PID" 2>/dev/null; rm -rf "$DIR"' EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
rooms() { for i in $(seq "$1" "$2"); do printf "bocata:room:%012d " "$i"; done; }
for mode in channels pattern; do
  if [ "$mode" = channels ]; then
    timeout 60 redis-cli -p "$PORT" SUBSCRIBE $(rooms 0 99) > "$DIR/s1" & S1=$!
    timeout 60 redis-cli -p "$PORT" SUBSCRIBE $(rooms 50 149) > "$DIR/s2" & S2=$!
  else
    timeout 60 redis-cli -p "$PORT" PSUBSCRIBE 'bocata:room:*' > "$DIR/s1" & S1=$!
    timeout 60 redis-cli -p "$PORT" PSUBSCRIBE 'bocata:room:*' > "$DIR/s2" & S2=$!
  fi
  sleep 1
  c0=$(cpu_ticks); t0=$(date +%s%N)
  rate=$(redis-benchmark -p "$PORT" -q -n 200000 -c 20 -r 1000 PUBLISH bocata:room:__rand_int__ \
      0123456789012345678901234567890123456789 | tr '\r' '\n' | grep -o '[0-9.]* requests per second' | tail -1)
  c1=$(cpu_ticks); t1=$(date +%s%N)
  sleep 1
  kill "$S1" "$S2"; wait "$S1" "$S2" 2>/dev/null
  # a message is 3 lines (message, channel, payload) or 4 (pmessage, pattern, channel, payload)
  per=3; [ "$mode" = pattern ] && per=4
  m1=$(( ($(grep -c '' "$DIR/s1") - 3 * $( [ "$mode" = channels ] && echo 100 || echo 1 )) / per ))
  m2=$(( ($(grep -c '' "$DIR/s2") - 3 * $( [ "$mode" = channels ] && echo 100 || echo 1 )) / per ))
  echo "$mode: $rate; Redis CPU $(( (c1 - c0) * 10 )) ms in $(( (t1 - t0) / 1000000 )) ms; received: $m1 and $m2 of 200000"
done
