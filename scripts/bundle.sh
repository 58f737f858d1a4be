#!/usr/bin/env bash
# Builds Floorwalker's installable bundles with the Tauri CLI (installed by install-deps.sh).
#
#   scripts/bundle.sh                       release .deb and AppImage (the Linux targets)
#   scripts/bundle.sh deb                   release .deb only
#   scripts/bundle.sh --debug deb appimage  debug-profile bundles (what CI builds: it reuses
#                                           the test build)
#
# The root tauri.conf.json stays the one source of truth: the CLI wants its config beside the
# app crate, so scripts/tauri-config-overlay.mjs regenerates src-tauri/tauri.conf.json from
# it (paths rebased) before every run. Bundles land in <target>/<profile>/bundle/<format>/.
#
# The AppImage: the CLI runs linuxdeploy (with its GTK plugin, a script the CLI writes
# itself), which runs linuxdeploy's AppImage plugin, which packs the AppDir with the AppImage
# runtime; the CLI also copies an AppRun into the AppDir. It downloads all of these from
# GitHub unless they are already in its tools directory, and GitHub cannot be reached from
# our machines. So this script builds our own stand-ins from tools/appimage (crate
# fw-appimage, made of crates.io crates) and puts them in the tools directory first, which
# the CLI then uses as they are: <target>/.tauri, chosen with bundle.useLocalToolsDir so that
# nothing lands in ~/.cache/tauri for other projects to pick up. Packing needs mksquashfs.
#
# After building, each bundle is checked: the .deb's contents and dependencies, and the
# AppImage's format, its contents, that its libraries resolve inside it (or are left to the
# system on purpose), and that it starts: mounted with FUSE under Xvfb, until WebKit's web
# process runs from the mounted image.
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

target_dir=$(realpath -m "${CARGO_TARGET_DIR:-$here/target}")
profile_dir=release; ((${#profile[@]})) && profile_dir=debug
bundle_dir="$target_dir/$profile_dir/bundle"
version=$(node -p 'require("./tauri.conf.json").version')
arch=$(uname -m)
# The CLI's tools directory with bundle.useLocalToolsDir: <cargo target dir>/.tauri.
tools_dir="$target_dir/.tauri"
# The Tauri CLI pinned in install-deps.sh (2.12.5) looks for linuxdeploy under a name with
# the linuxdeploy build it was released with; a CLI upgrade may change it (the CLI then
# tries to download it, and this script says so).
linuxdeploy_tag=07333c6
linuxdeploy="$tools_dir/linuxdeploy-$linuxdeploy_tag-$arch.AppImage"
appimage_log="$tools_dir/linuxdeploy.log"
wants() { [[ " ${bundles[*]} " == *" $1 "* ]]; }

if wants appimage; then
  # Our linuxdeploy, its AppImage plugin, the AppRun and the runtime, under the names the CLI
  # (and linuxdeploy, for its plugin) look for. Built in the bundle's profile: CI's debug
  # build of the crate is the one its tests use anyway. Stripped, since the runtime and the
  # AppRun travel inside every AppImage. Copied on every run, so a changed tool is used.
  tools_profile=(--release); ((${#profile[@]})) && tools_profile=()
  cargo build --quiet "${tools_profile[@]}" -p fw-appimage --bins
  mkdir -p "$tools_dir"
  for pair in "fw-linuxdeploy:${linuxdeploy##*/}" \
    "fw-linuxdeploy-plugin-appimage:linuxdeploy-plugin-appimage.AppImage" \
    "fw-apprun:AppRun-$arch" "fw-appimage-runtime:runtime-$arch"; do
    strip -o "$tools_dir/${pair#*:}" "$target_dir/$profile_dir/${pair%%:*}"
    chmod 755 "$tools_dir/${pair#*:}"
  done
  # The CLI shows nothing of linuxdeploy's output, even when it fails: it goes here.
  : >"$appimage_log"
  export FW_LINUXDEPLOY_LOG="$appimage_log"
fi

# The CLI's app crate is src-tauri/ (where the generated config sits); its frontend directory
# is ui/, where the config's beforeBuildCommand runs.
export TAURI_APP_PATH="$here/src-tauri" TAURI_FRONTEND_PATH="$here/ui"
joined=$(IFS=,; echo "${bundles[*]}")
tauri_log=$(mktemp)
trap 'rm -f "$tauri_log"' EXIT
if ! target/tools/tauri-cli/node_modules/.bin/tauri build "${profile[@]}" --bundles "$joined" --ci \
  --config '{"bundle":{"useLocalToolsDir":true}}' 2>&1 | tee "$tauri_log"; then
  if grep -q 'Downloading https://github.com/' "$tauri_log"; then
    echo "bundle: the Tauri CLI wants a tool that is not in $tools_dir (above: what it tried to" \
      "download); if it is linuxdeploy under another name, update linuxdeploy_tag here" >&2
  fi
  if wants appimage && [ -s "$appimage_log" ]; then
    echo "bundle: the end of linuxdeploy's log ($appimage_log):" >&2
    tail -n 30 "$appimage_log" >&2
  fi
  exit 1
fi

# Check the .deb's contents: the binary, the desktop entry, the icons and the package's
# dependencies, so a broken bundle fails here rather than on a supervisor's machine.
if wants deb; then
  deb="$bundle_dir/deb/Floorwalker_${version}_$(dpkg --print-architecture).deb"
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

# Check the AppImage: the type 2 format, the AppDir inside it (AppRun and its hooks, the
# root desktop file and icon, the app, WebKit's helper processes), that every library the
# app and those helpers load resolves inside it or is left to the system on purpose (the
# excludelist), and that it starts: mounted with FUSE on a virtual display, until WebKit's
# web process runs from the mounted image with the app's bundled libwebkit2gtk loaded.
if wants appimage; then
  appimage="$bundle_dir/appimage/Floorwalker_${version}_$(dpkg --print-architecture).AppImage"
  fail() { echo "bundle: $appimage: $*" >&2; exit 1; }
  [ -f "$appimage" ] || fail "missing"
  [ "$(head -c 4 "$appimage" | tail -c 3)" = ELF ] || fail "not an ELF file"
  [ "$(od -An -tx1 -j8 -N3 "$appimage" | tr -d ' \n')" = 414902 ] || fail "no AppImage type 2 magic"
  scratch=$(mktemp -d)
  trap 'rm -f "$tauri_log"; rm -rf "$scratch"' EXIT
  (cd "$scratch" && "$appimage" --appimage-extract >/dev/null 2>&1) || fail "--appimage-extract failed"
  root="$scratch/squashfs-root"
  webkit_dir="usr/lib/$(gcc -print-multiarch)/webkit2gtk-4.1"
  for path in AppRun AppRun.wrapped apprun-hooks/linuxdeploy-plugin-gtk.sh Floorwalker.desktop \
    floorwalker.png .DirIcon usr/bin/floorwalker usr/lib/libwebkit2gtk-4.1.so.0 usr/lib/libgtk-3.so.0 \
    "$webkit_dir/WebKitWebProcess" "$webkit_dir/WebKitNetworkProcess" \
    "$webkit_dir/injected-bundle/libwebkit2gtkinjectedbundle.so"; do
    [ -e "$root/$path" ] || fail "lacks $path (or it is a dangling link)"
  done
  [ -x "$root/AppRun" ] || fail "AppRun is not executable"
  grep -qx 'Exec=floorwalker' "$root/Floorwalker.desktop" || fail "the desktop entry does not start floorwalker"
  excluded=$("$linuxdeploy" --print-excludelist)
  outside=()
  for elf in usr/bin/floorwalker "$webkit_dir/WebKitWebProcess" "$webkit_dir/WebKitNetworkProcess"; do
    deps=$(LD_LIBRARY_PATH="$root/usr/lib" ldd "$root/$elf")
    ! grep -q 'not found' <<<"$deps" || fail "$elf lacks libraries: $(grep 'not found' <<<"$deps" | tr -s ' \t' ' ')"
    # "<tab>name => /path/to/lib (0x...)": split on " => " and strip the load address, so a
    # path with spaces (the AppImage's own, under a scratch directory) stays whole.
    while IFS= read -r line; do
      name=${line%% => *} path=${line#* => }
      name=${name#"${name%%[![:space:]]*}"} path=${path% (0x*)}
      [[ "$path" == "$root"/* ]] || grep -qxF "$name" <<<"$excluded" || outside+=("$name ($path)")
    done < <(grep ' => ' <<<"$deps")
  done
  ((${#outside[@]} == 0)) || fail "libraries come from the system that the excludelist does not allow: ${outside[*]}"
  bundled=$(find "$root/usr/lib" -maxdepth 1 -name '*.so*' | wc -l)

  # The start: a private HOME, runtime and temporary directory (the mount point goes there),
  # so that what is found running there is ours. Bounded waits, no timing assertions.
  launch=$(mktemp -d)
  trap 'rm -f "$tauri_log"; rm -rf "$scratch" "$launch"' EXIT
  mkdir -p "$launch/home" "$launch/run" "$launch/tmp"
  chmod 700 "$launch/run"
  if ! HOME="$launch/home" XDG_RUNTIME_DIR="$launch/run" NO_AT_BRIDGE=1 \
    dbus-run-session -- xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
      appimage=$1 launch=$2 webkit_dir=$3
      ours() { find "$launch/tmp" -mindepth 1 -maxdepth 1 \( -name ".mount_*" -o -name "appimage_extracted_*" \); }
      started=$(date +%s%N)
      TMPDIR="$launch/tmp" "$appimage" >"$launch/app.log" 2>&1 & pid=$!
      web=""
      for _ in $(seq 240); do
        kill -0 "$pid" 2>/dev/null || { echo "the app exited" >"$launch/result"; exit 1; }
        for exe in /proc/[0-9]*/exe; do
          target=$(readlink "$exe" 2>/dev/null) || continue
          [[ "$target" == "$launch/tmp/"*"/$webkit_dir/WebKitWebProcess" ]] && { web=$target; break; }
        done
        [ -n "$web" ] && break
        sleep 0.5
      done
      if [ -z "$web" ]; then
        echo "no web process from the image within 120 s" >"$launch/result"
      elif ! grep -q "$launch/tmp/.*/usr/lib/libwebkit2gtk-4.1.so.0" "/proc/$pid/maps"; then
        echo "the app did not load the bundled libwebkit2gtk" >"$launch/result"
      else
        echo "started from ${web#"$launch/tmp/"}" | sed "s#/usr/lib/.*##" >"$launch/result"
        echo "in $(( ($(date +%s%N) - started) / 1000000 )) ms" >>"$launch/result"
      fi
      kill -TERM "$pid"; wait "$pid"
      # The mount (or extracted tree) goes away once the app and its helpers have exited.
      for _ in $(seq 60); do
        [ -z "$(ours)" ] && break
        sleep 0.5
      done
      [ -z "$(ours)" ] || { echo "left behind: $(ours)" >>"$launch/result"; exit 1; }
      grep -q "^started" "$launch/result"
    ' _ "$appimage" "$launch" "$webkit_dir" 2>"$launch/session.log"; then
    echo "bundle: $appimage did not start: $(cat "$launch/result" 2>/dev/null)" >&2
    tail -n 20 "$launch/app.log" >&2 2>/dev/null || true
    exit 1
  fi
  echo "bundle: $appimage ($(du -h "$appimage" | cut -f1)): type 2, AppDir complete," \
    "$bundled libraries bundled and the rest excluded on purpose; $(tr '\n' ' ' <"$launch/result")"
fi
