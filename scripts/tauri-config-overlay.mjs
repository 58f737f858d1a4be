// The Tauri CLI looks for tauri.conf.json beside the app crate (src-tauri/), but the design
// card keeps the one source of truth at the workspace root. This writes
// src-tauri/tauri.conf.json as a copy of the root config with every relative path rebased
// onto src-tauri/, so the CLI (bundling) and `cargo build` (build.rs reads the root file)
// see the same configuration. The copy is generated, ignored by git, and never edited.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const appDir = join(root, "src-tauri");
const source = join(root, "tauri.conf.json");
const target = join(appDir, "tauri.conf.json");

const isUrl = (value) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
// A path relative to the root config, rewritten relative to src-tauri/.
const rebase = (value) =>
  typeof value !== "string" || value === "" || isUrl(value) || isAbsolute(value)
    ? value
    : relative(appDir, resolve(root, value)) || ".";
const rebaseList = (list) => (Array.isArray(list) ? list.map(rebase) : list);
// Maps of install path → source path (bundle.resources as a map, deb/rpm `files`).
const rebaseSources = (value) => {
  if (Array.isArray(value)) return rebaseList(value);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([to, from]) => [to, rebase(from)]));
  }
  return value;
};

let config;
try {
  config = JSON.parse(readFileSync(source, "utf8"));
} catch (error) {
  console.error(`tauri-config-overlay: cannot read ${source}: ${error.message}`);
  process.exit(1);
}

const build = config.build ?? {};
if (build.frontendDist !== undefined) build.frontendDist = rebase(build.frontendDist);

const bundle = config.bundle ?? {};
bundle.icon = rebaseList(bundle.icon);
bundle.resources = rebaseSources(bundle.resources);
for (const key of ["licenseFile"]) {
  if (bundle[key] !== undefined) bundle[key] = rebase(bundle[key]);
}
const linux = bundle.linux ?? {};
for (const format of ["deb", "rpm", "appimage"]) {
  const settings = linux[format];
  if (!settings) continue;
  if (settings.files !== undefined) settings.files = rebaseSources(settings.files);
  if (settings.desktopTemplate !== undefined) settings.desktopTemplate = rebase(settings.desktopTemplate);
}
const windows = bundle.windows ?? {};
for (const installer of ["wix", "nsis"]) {
  const settings = windows[installer];
  if (!settings) continue;
  for (const [key, value] of Object.entries(settings)) {
    if (typeof value === "string" && /(Path|Image|Icon|template|License)$/i.test(key)) {
      settings[key] = rebase(value);
    }
  }
}
const macOS = bundle.macOS ?? {};
if (macOS.files !== undefined) macOS.files = rebaseSources(macOS.files);
if (macOS.dmg?.background !== undefined) macOS.dmg.background = rebase(macOS.dmg.background);

const text = `${JSON.stringify(config, null, 2)}\n`;
let previous = "";
try {
  previous = readFileSync(target, "utf8");
} catch {
  // first run
}
if (previous !== text) writeFileSync(target, text);
console.log(`tauri-config-overlay: ${relative(root, target)} generated from tauri.conf.json`);
