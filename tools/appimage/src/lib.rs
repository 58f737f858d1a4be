//! Floorwalker's AppImage tooling, built from crates.io crates because the official tools
//! are published on GitHub only, which the build machines cannot reach.
//!
//! The Tauri CLI bundles an AppImage by running linuxdeploy (with its GTK plugin) on an
//! AppDir it prepares, after copying an "AppRun" into it; linuxdeploy's AppImage output
//! plugin packs the result with the AppImage runtime. This crate provides each of those:
//!
//! | Tauri expects (in its tools directory)   | binary here                       |
//! |------------------------------------------|-----------------------------------|
//! | `linuxdeploy-x86_64.AppImage`            | `fw-linuxdeploy`                  |
//! | `linuxdeploy-plugin-appimage.AppImage`   | `fw-linuxdeploy-plugin-appimage`  |
//! | `AppRun-x86_64`                          | `fw-apprun`                       |
//! | (the runtime inside the output plugin)   | `fw-appimage-runtime`             |
//!
//! `scripts/bundle.sh` builds them and puts them where the Tauri CLI looks; the GTK plugin
//! script is Tauri's own (the CLI writes it). The library holds the logic, the binaries
//! are thin.

pub mod apprun;
pub mod args;
pub mod deploy;
pub mod desktop;
pub mod elf;
pub mod error;
pub mod excludelist;
pub mod extract;
pub mod fusefs;
pub mod hooks;
pub mod image;
pub mod ldd;
pub mod log;
pub mod pack;
pub mod pattern;
pub mod plugins;
pub mod rootfiles;
pub mod runtime;
pub mod tempdir;
pub mod treewriter;

pub use error::{Error, Result};
