#!/usr/bin/env bash
# Measures the egui wallboard as it runs on a floor screen: full screen at 1920x1080 under
# Xvfb (software GL, so the figure includes rendering), the embedded simulator at 1,000
# agents, for a minute after start-up. Prints the wallboard process's average CPU (percent
# of one core, all its threads), its resident memory, and how often it painted.
#   scripts/bench-wallboard.sh [seconds] [agents]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-60}
agents=${2:-1000}
cargo build --release -q -p fw-wallboard
work=$(mktemp -d)
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
cleanup() { kill "${board:-}" "$xvfb" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
sleep 1
mkdir -p "$work/run" && chmod 700 "$work/run"
DISPLAY=$display XDG_RUNTIME_DIR="$work/run" NO_AT_BRIDGE=1 FLOORWALKER_SIM_AGENTS=$agents \
  FLOORWALKER_LOG=info target/release/floorwalker-wallboard >"$work/board.log" 2>&1 &
board=$!
sleep 10 # start-up and the simulator's warm-up are not the steady state being measured
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
start_cpu=$(cpu "$board"); start_xvfb=$(cpu "$xvfb"); start_ns=$(date +%s%N)
rss_sum=0; rss_max=0; samples=0
for _ in $(seq "$seconds"); do
  sleep 1
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$board/status")
  rss_sum=$((rss_sum + rss)); samples=$((samples + 1))
  ((rss > rss_max)) && rss_max=$rss
done
end_cpu=$(cpu "$board"); end_xvfb=$(cpu "$xvfb"); end_ns=$(date +%s%N)
awk -v c="$((end_cpu - start_cpu))" -v x="$((end_xvfb - start_xvfb))" -v t="$ticks" \
    -v ns="$((end_ns - start_ns))" -v rs="$rss_sum" -v n="$samples" -v rm="$rss_max" -v a="$agents" 'BEGIN {
  wall = ns / 1e9
  printf "wallboard at 1920x1080, %d agents, %.0f s: cpu %.2f %% of one core (Xvfb server %.2f %%), rss mean %.1f MiB, max %.1f MiB\n",
    a, wall, 100 * c / t / wall, 100 * x / t / wall, rs / n / 1024, rm / 1024
}'
grep -h "paints in the last minute" "$work/board.log" | sed 's/\x1b\[[0-9;]*m//g' | tail -n 2 || true
