//! Pages, rotation, pinning, keys, language, and the wallboard file's problems.

use std::time::Duration;

use egui::Key;
use fw_app::LinkState;
use fw_wallboard::{Language, WallboardConfig};

use crate::support::{Board, Centre};

#[test]
fn pages_rotate_on_their_timer_and_pinning_holds_one() {
    let centre = Centre::new(200);
    let mut board = Board::new(
        WallboardConfig::default(),
        centre.live(LinkState::Connected),
    );
    // Default pages: the centre, each of the three sites, the centre's trends.
    assert_eq!(board.harness.state().position(), (0, 5));
    assert_eq!(board.title(), "呼叫中心");

    board.advance(Duration::from_secs(19));
    assert_eq!(board.title(), "呼叫中心", "20 s per page: not yet");
    board.advance(Duration::from_secs(1));
    assert_eq!(board.title(), "华北");
    board.advance(Duration::from_secs(20));
    assert_eq!(board.title(), "华东");

    board.press(Key::Space);
    assert!(board.harness.state().pinned());
    board.advance(Duration::from_secs(300));
    assert_eq!(board.title(), "华东", "a pinned page stays");

    board.press(Key::ArrowRight);
    assert_eq!(board.title(), "华南");
    board.press(Key::ArrowRight);
    assert_eq!(board.title(), "呼叫中心 · 今日趋势");
    board.press(Key::ArrowRight);
    assert_eq!(board.title(), "呼叫中心", "turning wraps round");
    board.press(Key::ArrowLeft);
    assert_eq!(board.title(), "呼叫中心 · 今日趋势");
    board.press(Key::Num2);
    assert_eq!(board.title(), "华北");

    board.press(Key::Space);
    assert!(!board.harness.state().pinned());
    board.advance(Duration::from_secs(20));
    assert_eq!(board.title(), "华东", "unpinned, it turns again");
}

#[test]
fn l_switches_every_string_between_chinese_and_english() {
    let centre = Centre::new(200);
    let mut board = Board::new(
        WallboardConfig::default(),
        centre.live(LinkState::Connected),
    );
    assert!(board.tile("呼叫中心 · 服务水平").contains("%"));
    board.press(Key::L);
    assert_eq!(board.harness.state().language(), Language::En);
    assert_eq!(board.title(), "Contact centre");
    let sl = board.tile("Contact centre · Service level");
    assert!(sl.contains('%'), "{sl}");
    assert!(board.tile("North · Calls waiting").contains("North"));
    let chinese: Vec<String> = board
        .texts()
        .into_iter()
        .filter(|t| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        .filter(|t| !t.contains("中文"))
        .collect();
    assert!(chinese.is_empty(), "untranslated in English: {chinese:?}");
    board.press(Key::L);
    assert_eq!(board.title(), "呼叫中心");
}

#[test]
fn a_page_of_chosen_queues_shows_one_row_each_with_the_configured_tiles() {
    let config = WallboardConfig::parse(
        r#"
        [[page]]
        kind = "queues"
        title = "投诉与理赔"
        queues = ["north.complaints", "east.claims", "nowhere.phones"]
        tiles = ["waiting", "service_level", "staffing"]
        "#,
        "test.toml",
    )
    .unwrap();
    let centre = Centre::new(200);
    let board = Board::new(config, centre.live(LinkState::Connected));
    assert_eq!(board.title(), "投诉与理赔");
    let sl = board.tile("华北 · 投诉 · 服务水平");
    assert!(sl.contains('%') || sl.contains('—'), "{sl}");
    let staffing = board.tile("华东 · 理赔 · 在岗 / 需要");
    assert!(staffing.contains(" / "), "{staffing}");
    assert!(
        board
            .texts()
            .iter()
            .all(|t| !t.starts_with("华北 · 投诉 · 放弃率")),
        "only the configured tiles"
    );
    // The unknown queue is reported on the board itself, not silently dropped.
    assert_eq!(
        board.harness.state().problems(),
        ["page 1: no queue named \"nowhere.phones\""]
    );
    assert!(board.texts().iter().any(|t| t.contains("nowhere.phones")));
}

#[test]
fn thresholds_show_their_level_in_words_and_shape_not_colour_alone() {
    // A tiny centre with a surge: calls wait with nobody free, which is a breach.
    let mut config = WallboardConfig::default();
    config.thresholds.waiting_warn = 0;
    let mut centre = Centre::new(20);
    centre.advance(Duration::from_secs(60));
    let board = Board::new(config, centre.live(LinkState::Connected));
    let waiting = board.tile("呼叫中心 · 排队来电");
    let level = ["达标", "预警", "超标"];
    assert!(level.iter().any(|l| waiting.contains(l)), "{waiting}");
}
