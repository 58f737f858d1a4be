#!/usr/bin/env bash
# The console's scale scenario (issue 3): the release console on the embedded simulator at
# 10,000 agents and 504 queues at its morning peak, in a real WebKitGTK window under Xvfb (1600x1000), driven by
# the end-to-end harness (tauri-driver). Prints the event rate, the cold start to the first
# live tile, CPU and resident memory of the console and its WebKit processes over a minute,
# and the event-to-screen delay read from the page's own stamps.
#   scripts/bench-console.sh [speed]     (the simulator's clock; events/s scale with it)
# Environment: FLOORWALKER_SIM_AGENTS, FLOORWALKER_SIM_QUEUES, BENCH_SETTLE_SECS,
# BENCH_MEASURE_SECS override the scenario's defaults; BENCH_LOCAL_TIME (HH:MM, default 10:30)
# moves the simulated clock, and FLOORWALKER_SIM_WARMUP_HOURS (up to 24) the history behind
# it: `BENCH_LOCAL_TIME=22:30 FLOORWALKER_SIM_WARMUP_HOURS=24` is the end of a full day.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
scripts/install-deps.sh >/dev/null
npm --prefix ui run build --silent >/dev/null
cargo build --release -q -p floorwalker
target_dir=${CARGO_TARGET_DIR:-$here/target}
runtime_dir=$(mktemp -d)
chmod 700 "$runtime_dir"
trap 'rm -rf "$runtime_dir"' EXIT
export XDG_RUNTIME_DIR="$runtime_dir" NO_AT_BRIDGE=1 FLOORWALKER_E2E=1
export FLOORWALKER_CONSOLE_BIN="$target_dir/release/floorwalker"
export FLOORWALKER_SIM_SPEED="${1:-${FLOORWALKER_SIM_SPEED:-1.7}}"
# The simulated centre's clock is set to 10:30 local time whatever the hour here, so every run
# measures the morning peak (about 117 events/s at 10,000 agents at real-time speed; the
# default speed of 1.7 brings that to about 200).
local_time=${BENCH_LOCAL_TIME:-10:30}
[[ "$local_time" =~ ^([01][0-9]|2[0-3]):[0-5][0-9]$ ]] || { echo "BENCH_LOCAL_TIME must be HH:MM, got '$local_time'" >&2; exit 2; }
local_minute=$(( 10#${local_time%:*} * 60 + 10#${local_time#*:} ))
utc_minute=$(( 10#$(date -u +%H) * 60 + 10#$(date -u +%M) ))
offset=$(( local_minute - utc_minute ))
(( offset < -720 )) && offset=$(( offset + 1440 ))
(( offset > 840 )) && offset=$(( offset - 1440 ))
export FLOORWALKER_SIM_UTC_OFFSET_MINUTES="$offset"
dbus-run-session -- xvfb-run -a -s "-screen 0 1600x1000x24" \
  cargo test -q -p floorwalker --test console scale -- --ignored --nocapture --test-threads 1 2>&1 \
  | grep -vE '^dbus-daemon|SpiRegistry'
