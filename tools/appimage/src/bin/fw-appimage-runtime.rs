//! The AppImage type 2 runtime (see `fw_appimage::runtime`). Packed at the front of every
//! AppImage; it mounts or extracts the image appended to itself and runs its AppRun.

fn main() {
    std::process::exit(fw_appimage::runtime::main());
}
