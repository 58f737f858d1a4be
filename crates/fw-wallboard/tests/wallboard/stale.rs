//! When the platform link drops, or frames stop, the figures go visibly stale: kept, dimmed
//! and marked with their age, never replaced by zeros.

use std::time::Duration;

use fw_app::LinkState;
use fw_wallboard::WallboardConfig;

use crate::support::{Board, Centre};

#[test]
fn a_lost_link_marks_every_tile_stale_and_keeps_the_last_figures() {
    let centre = Centre::new(200);
    let mut board = Board::new(
        WallboardConfig::default(),
        centre.live(LinkState::Connected),
    );
    let before = board.tile("呼叫中心 · 呼入量");
    assert!(!before.contains("数据过期"), "{before}");
    let offered = before
        .split(": ")
        .nth(1)
        .unwrap()
        .split(" · ")
        .next()
        .unwrap()
        .to_string();
    assert_ne!(offered, "0");

    board.show(centre.live(LinkState::Reconnecting));
    let after = board.tile("呼叫中心 · 呼入量");
    assert!(after.contains("数据过期"), "{after}");
    assert!(
        after.contains(&format!(": {offered} ·")),
        "the last figure stays: {after}"
    );
    assert!(board.has_text("与平台的连接已断开：显示的是最后已知数据"));

    board.show(centre.live(LinkState::Connected));
    assert!(!board.tile("呼叫中心 · 呼入量").contains("数据过期"));
}

#[test]
fn frames_that_stop_arriving_turn_the_board_stale_and_ages_grow() {
    let centre = Centre::new(200);
    let mut board = Board::new(
        WallboardConfig::default(),
        centre.live(LinkState::Connected),
    );
    board.press(egui::Key::Space); // pin, so the page stays while time passes
    board.advance(Duration::from_secs(14));
    assert!(!board.tile("呼叫中心 · 服务水平").contains("数据过期"));
    board.advance(Duration::from_secs(2));
    let tile = board.tile("呼叫中心 · 服务水平");
    assert!(tile.contains("数据过期"), "{tile}");
    board.advance(Duration::from_secs(180));
    let tile = board.tile("呼叫中心 · 服务水平");
    assert!(tile.contains("3 分钟"), "the age keeps counting: {tile}");
}

#[test]
fn before_the_first_snapshot_the_board_says_it_is_connecting_and_shows_no_numbers() {
    let centre = Centre::new(20);
    let mut waiting = (*centre.live(LinkState::Connecting)).clone();
    waiting.frame = None;
    waiting.trends = None;
    let board = Board::new(WallboardConfig::default(), std::sync::Arc::new(waiting));
    assert!(board.has_text("正在连接平台…"));
    assert!(
        board.texts().iter().all(|t| !t.contains(" · 服务水平: ")),
        "no tiles yet"
    );
}
