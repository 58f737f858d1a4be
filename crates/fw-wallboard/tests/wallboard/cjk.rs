//! Chinese must render: egui's own fonts have no CJK glyphs, so the board loads one. The
//! harness panics on any glyph no font can draw, so every Chinese page rendered in these
//! tests is itself proof; these tests make the rule explicit.

use std::sync::Arc;

use egui::FontId;
use egui_kittest::Harness;
use fw_app::LinkState;
use fw_wallboard::{Language, ManualClock, WallboardApp, WallboardConfig};
use tokio::sync::watch;

use crate::support::{Board, Centre};

#[test]
fn a_chinese_queue_name_renders_with_the_loaded_cjk_font() {
    let config = WallboardConfig::parse(
        "[[page]]\nkind = \"queues\"\nqueues = [\"north.complaints\"]\n[labels.zh-CN]\n\"north.complaints\" = \"华北投诉热线\"\n",
        "cjk.toml",
    )
    .unwrap();
    let centre = Centre::new(100);
    let board = Board::new(config, centre.live(LinkState::Connected));
    assert!(board.has_text("华北投诉热线"));
    let drawable = board
        .harness
        .ctx
        .fonts_mut(|fonts| fonts.has_glyphs(&FontId::proportional(48.0), "华北投诉热线呼叫中心"));
    assert!(drawable, "the CJK font covers the board's Chinese");
}

#[test]
fn without_the_cjk_font_chinese_cannot_be_drawn_so_the_board_stays_in_english() {
    let centre = Centre::new(100);
    let (_feed, frames) = watch::channel(centre.live(LinkState::Connected));
    // No font installed, as on a machine without one: the app is told why.
    let mut harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .build_eframe(move |_cc| {
            WallboardApp::new(
                WallboardConfig::default(),
                frames,
                Arc::new(ManualClock::default()),
                Some("no CJK font found".into()),
            )
        });
    harness.run_steps(2);
    assert_eq!(harness.state().language(), Language::En);
    harness.key_press(egui::Key::L);
    harness.run_steps(2);
    assert_eq!(
        harness.state().language(),
        Language::En,
        "L cannot switch to boxes"
    );
    let can_draw = harness
        .ctx
        .fonts_mut(|fonts| fonts.has_glyphs(&FontId::proportional(48.0), "华北"));
    assert!(
        !can_draw,
        "egui's own fonts have no CJK glyphs: the font loading is what makes Chinese work"
    );
}
