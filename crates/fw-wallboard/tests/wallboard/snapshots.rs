//! PNG snapshots of every page, rendered with wgpu (lavapipe under CI). Thresholds are in
//! the workspace's kittest.toml; refresh with UPDATE_SNAPSHOTS=1 after a deliberate change.

use egui::Key;
use fw_app::LinkState;
use fw_wallboard::WallboardConfig;

use crate::support::{Board, Centre};

#[test]
fn every_page_matches_its_snapshot() {
    let centre = Centre::new(400);
    let config = WallboardConfig::parse(
        r#"
        [[page]]
        kind = "centre"
        [[page]]
        kind = "site"
        site = "north"
        [[page]]
        kind = "queues"
        title = "投诉与理赔"
        queues = ["north.complaints", "east.complaints", "south.complaints", "north.claims", "east.claims", "south.claims"]
        [[page]]
        kind = "trends"
        "#,
        "snapshots.toml",
    )
    .unwrap();
    let mut board = Board::new(config, centre.live(LinkState::Connected));
    board.press(Key::Space); // pinned: only the keys turn pages
    for name in ["centre", "site_north", "queues", "trends"] {
        board.harness.snapshot(name);
        board.press(Key::ArrowRight);
    }
    board.press(Key::L);
    board.harness.snapshot("centre_en");
    board.show(centre.live(LinkState::Reconnecting));
    board.harness.snapshot("centre_stale");
}
