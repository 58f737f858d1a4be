#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: installs what is missing, builds the UI once,
# runs the UI's unit tests and its browser tests (Chromium, IPC mocked), checks formatting,
# lints, the pure crates' dependency rule and the generated IPC bindings, builds and checks
# the .deb and the AppImage (which is also started once, headless), then runs every test,
# including the end-to-end test of the real console under Xvfb.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
step() { printf '\n==> %s\n' "$*"; }

step "install what is missing"
scripts/install-deps.sh

step "build the UI (type-checked)"
npm --prefix ui run build --silent

step "UI unit tests (vitest)"
npm --prefix ui test --silent

step "UI in a real browser (Chromium, IPC mocked)"
npm --prefix ui run test:browser --silent

step "cargo fmt --check"
cargo fmt --all -- --check

step "pure crates stay pure"
scripts/check-pure.sh

step "cargo clippy --workspace --all-targets -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "generated TypeScript bindings are up to date"
cargo test --quiet -p floorwalker --lib export_bindings >/dev/null
if ! git diff --exit-code --stat -- ui/src/ipc/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/ipc/bindings)" ]; then
  echo "ui/src/ipc/bindings changed: run 'cargo test -p floorwalker export_bindings' and commit them" >&2
  exit 1
fi

step "the .deb and AppImage bundles (Tauri CLI from the root tauri.conf.json; debug profile, reusing this build)"
scripts/bundle.sh --debug deb appimage

step "a private PostgreSQL on 127.0.0.1 for the store's tests"
pg_url=$(scripts/pg-test.sh start)
trap 'scripts/pg-test.sh stop >/dev/null 2>&1 || true' EXIT
export FLOORWALKER_TEST_PG_URL="$pg_url"

step "tests (unit, property, integration, end-to-end in a real WebView)"
runtime_dir=$(mktemp -d)
chmod 700 "$runtime_dir"
export XDG_RUNTIME_DIR="$runtime_dir" NO_AT_BRIDGE=1 FLOORWALKER_E2E=1
log="$here/target/test-output.log"
mkdir -p "$here/target"
set +e
# A Secret Service (gnome-keyring, unlocked with a throwaway password) on the session bus, so
# the credential tests use a real keyring.
dbus-run-session -- sh -c 'eval "$(printf test | gnome-keyring-daemon --unlock --components=secrets)"; exec xvfb-run -a -s "-screen 0 1600x1000x24" cargo test --workspace --no-fail-fast' 2>&1 \
  | grep --line-buffered -vE '^dbus-daemon|SpiRegistry' | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole run, summed over every test binary.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i } }
     END { printf "\ntests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
