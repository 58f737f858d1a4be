#!/usr/bin/env bash
# Installs whatever is missing, builds the UI and the console, and starts the console on the
# embedded simulated contact centre. Pass FLOORWALKER_* variables to change the simulator
# (see README.md). Without a display (a server or container), it starts a virtual one and
# saves a screenshot every 10 seconds to target/console.png so you can see it working.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
scripts/install-deps.sh
echo "run: building the UI and the console (first build takes a few minutes)"
npm --prefix ui run build --silent
cargo build --release -p floorwalker
app="$here/target/release/floorwalker"

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$app"
fi

echo "run: no display found; starting the console on a virtual display (Xvfb)."
echo "run: a screenshot is written to target/console.png every 10 s; stop with Ctrl-C."
runtime_dir=$(mktemp -d)
chmod 700 "$runtime_dir"
export XDG_RUNTIME_DIR="$runtime_dir" NO_AT_BRIDGE=1
exec dbus-run-session -- xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  "$1" & app_pid=$!
  trap "kill -TERM $app_pid 2>/dev/null" INT TERM EXIT
  while kill -0 "$app_pid" 2>/dev/null; do
    sleep 10
    import -window root "$2/target/console.png" 2>/dev/null && echo "run: screenshot updated: $2/target/console.png"
  done
  wait "$app_pid"
' _ "$app" "$here"
