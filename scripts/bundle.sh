#!/usr/bin/env bash
# Builds Floorwalker's installable bundles with the Tauri CLI (installed by install-deps.sh).
#
#   scripts/bundle.sh                 release .deb and AppImage (the Linux targets)
#   scripts/bundle.sh deb             release .deb only
#   scripts/bundle.sh --debug deb     a debug-profile .deb (what CI builds: it reuses the test build)
#
# The root tauri.conf.json stays the one source of truth: the CLI wants its config beside the
# app crate, so scripts/tauri-config-overlay.mjs regenerates src-tauri/tauri.conf.json from
# it (paths rebased) before every run. Bundles land in <target>/<profile>/bundle/<format>/.
# The AppImage step downloads linuxdeploy and its plugins from GitHub; on a machine that
# cannot reach GitHub it fails with the CLI's download error, and the .deb is unaffected.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

profile=(); bundles=()
for arg in "$@"; do
  case "$arg" in
    --debug) profile=(--debug) ;;
    deb|appimage|rpm) bundles+=("$arg") ;;
    *) echo "bundle: unknown argument '$arg' (expected --debug, deb, appimage or rpm)" >&2; exit 2 ;;
  esac
done
((${#bundles[@]})) || bundles=(deb appimage)

scripts/install-deps.sh
node scripts/tauri-config-overlay.mjs

# The CLI's app crate is src-tauri/ (where the generated config sits); its frontend directory
# is ui/, where the config's beforeBuildCommand runs.
export TAURI_APP_PATH="$here/src-tauri" TAURI_FRONTEND_PATH="$here/ui"
joined=$(IFS=,; echo "${bundles[*]}")
target/tools/tauri-cli/node_modules/.bin/tauri build "${profile[@]}" --bundles "$joined" --ci

# Check the .deb's contents: the binary, the desktop entry, the icons and the package's
# dependencies, so a broken bundle fails here rather than on a supervisor's machine.
if [[ " ${bundles[*]} " == *" deb "* ]]; then
  profile_dir=release; ((${#profile[@]})) && profile_dir=debug
  deb_dir="${CARGO_TARGET_DIR:-$here/target}/$profile_dir/bundle/deb"
  version=$(node -p 'require("./tauri.conf.json").version')
  deb="$deb_dir/Floorwalker_${version}_$(dpkg --print-architecture).deb"
  [ -f "$deb" ] || { echo "bundle: expected $deb" >&2; exit 1; }
  contents=$(dpkg-deb --fsys-tarfile "$deb" | tar -t | sed 's#^\./##')
  for path in usr/bin/floorwalker usr/share/applications/Floorwalker.desktop \
    usr/share/icons/hicolor/32x32/apps/floorwalker.png usr/share/icons/hicolor/128x128/apps/floorwalker.png; do
    grep -qxF "$path" <<<"$contents" || { echo "bundle: $deb lacks $path" >&2; exit 1; }
  done
  depends=$(dpkg-deb --field "$deb" Depends)
  [[ "$depends" == *libwebkit2gtk-4.1-0* ]] || { echo "bundle: $deb does not depend on WebKitGTK ($depends)" >&2; exit 1; }
  desktop=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO usr/share/applications/Floorwalker.desktop 2>/dev/null || true)
  grep -qx 'Exec=floorwalker' <<<"$desktop" || { echo "bundle: the desktop entry does not start floorwalker" >&2; exit 1; }
  # Every shared library the packaged binary needs resolves on this machine.
  unpacked=$(mktemp -d)
  dpkg-deb --extract "$deb" "$unpacked"
  missing=$(ldd "$unpacked/usr/bin/floorwalker" | grep 'not found' || true)
  rm -rf "$unpacked"
  [ -z "$missing" ] || { echo "bundle: the packaged binary lacks libraries: $missing" >&2; exit 1; }
  echo "bundle: $deb ($(du -h "$deb" | cut -f1)): binary, desktop entry, icons, Depends: $depends"
fi
