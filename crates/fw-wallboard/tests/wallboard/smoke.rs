//! The real binary under Xvfb (the test suite runs inside xvfb-run): it starts on the
//! simulator, paints live figures, writes a screenshot and exits cleanly.

use std::process::Command;

#[test]
fn the_real_binary_shows_live_figures_under_xvfb() {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!("SKIPPED: no display (scripts/test.sh runs the suite under xvfb-run)");
        return;
    }
    let out = std::env::temp_dir().join(format!(
        "floorwalker-wallboard-smoke-{}.png",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&out);
    // The board reads the routing plan from the team's store: a store of its own here, so the
    // test never creates or migrates the default one in the user's data folder.
    let db = out.with_extension("db");
    let _ = std::fs::remove_file(&db);
    let status = Command::new(env!("CARGO_BIN_EXE_floorwalker-wallboard"))
        .args([
            "--windowed",
            "--size",
            "1280x720",
            "--exit-after-screenshot",
            "--screenshot",
        ])
        .arg(&out)
        .env("FLOORWALKER_SIM_AGENTS", "200")
        .env("FLOORWALKER_SIM_WARMUP_HOURS", "1")
        .env("FLOORWALKER_DB_URL", format!("sqlite://{}", db.display()))
        .env("NO_AT_BRIDGE", "1")
        .status()
        .expect("the wallboard binary starts");
    assert!(status.success(), "exit status {status}");
    let bytes = std::fs::read(&out).expect("the screenshot was written");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (1280, 720));
    // Not a blank window: the background and bright figures both appear.
    let distinct: std::collections::BTreeSet<&[u8]> = pixels.chunks(4).collect();
    assert!(distinct.len() > 50, "{} distinct colours", distinct.len());
    let _ = std::fs::remove_file(&out);
    let _ = std::fs::remove_file(&db);
}
