#!/usr/bin/env bash
# The AMI connector's load test (issue 8): the simulator's 10,000-agent centre at its morning
# peak, rendered as the AMI frames Asterisk would send, written by a fake Asterisk on
# 127.0.0.1 through the real codec and AmiConnector into the metrics engine. Runs it paced at
# about 200 domain events a second for a minute, then flat out to find the ceiling, and
# prints rates, write-to-event latency, CPU, memory and whether the figures equal the
# simulator's own (the example exits non-zero when they do not).
#   scripts/bench-ami-load.sh [seconds] [speed] [flat-out events]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
seconds=${1:-60}
speed=${2:-2.15}
events=${3:-100000}
cargo build --release -q -p fw-connect --example ami_load
target_dir=${CARGO_TARGET_DIR:-$here/target}
load="$target_dir/release/examples/ami_load"
echo "== paced: simulator speed $speed for $seconds s"
"$load" --speed "$speed" --seconds "$seconds"
echo
echo "== flat out: $events domain events"
"$load" --flat-out --events "$events"
