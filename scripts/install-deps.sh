#!/usr/bin/env bash
# Installs everything Floorwalker needs on Debian 12 that is not already there:
# the Debian packages for building and running the Tauri console (WebKitGTK) and its
# headless tests (Xvfb, WebKitWebDriver, D-Bus, Chromium for the UI's browser tests),
# tauri-driver, and the UI's npm packages.
# Idempotent: each step checks first, so a second run does nothing and takes seconds.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

debian_packages=(
  # build the Tauri app
  build-essential pkg-config file libssl-dev libwebkit2gtk-4.1-dev libxdo-dev
  libayatana-appindicator3-dev librsvg2-dev
  # run and test it headless
  xvfb xauth webkit2gtk-driver libgl1-mesa-dri libegl1 libgl1 libxkbcommon-x11-0 dbus
  dbus-x11 imagemagick fonts-noto-cjk
  # the egui wallboard's snapshot tests render with wgpu on lavapipe (software Vulkan)
  mesa-vulkan-drivers
  # the AMI secret's keyring tests talk to a real Secret Service on the session bus
  gnome-keyring
  # fw-store's tests run against PostgreSQL 15 too (scripts/pg-test.sh starts a private cluster)
  postgresql
  # the UI's browser tests (ui/browser) drive Debian's Chromium headless through playwright-core
  chromium
  # the AppImage (scripts/bundle.sh, tools/appimage): mksquashfs packs it; fusermount3 lets a
  # user who is not root mount one (root mounts through /dev/fuse directly)
  squashfs-tools fuse3
)

missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "install-deps: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
fi

for tool in cargo node npm; do
  command -v "$tool" >/dev/null || { echo "install-deps: '$tool' is required but not on PATH" >&2; exit 1; }
done

# tauri-driver bridges WebDriver to WebKitWebDriver for the end-to-end tests.
tools_dir="$here/target/tools"
if [ ! -x "$tools_dir/bin/tauri-driver" ]; then
  echo "install-deps: installing tauri-driver into $tools_dir"
  cargo install tauri-driver --version '^2' --locked --root "$tools_dir" --quiet
fi

# The Tauri CLI, for bundling (scripts/bundle.sh), pinned to one version. It is an npm package
# whose native binary comes as one optional package per platform; kept out of the UI's lock,
# where npm ci would insist on every platform's binary being resolvable.
tauri_cli_version=2.12.5
if [ "$("$tools_dir/tauri-cli/node_modules/.bin/tauri" --version 2>/dev/null)" != "tauri-cli $tauri_cli_version" ]; then
  echo "install-deps: installing the Tauri CLI $tauri_cli_version into $tools_dir/tauri-cli"
  mkdir -p "$tools_dir/tauri-cli"
  npm install --prefix "$tools_dir/tauri-cli" --no-save --no-package-lock --no-audit --no-fund \
    --loglevel=error "@tauri-apps/cli@$tauri_cli_version"
fi

# UI packages: npm ci is exact and reproducible; skip it when node_modules matches the lock.
if [ ! -f ui/node_modules/.package-lock.json ] || ! cmp -s ui/package-lock.json ui/node_modules/.floorwalker-lock; then
  echo "install-deps: installing UI packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.floorwalker-lock)
fi
