//! The wallboard never shows a caller's number or name, whatever its configuration says.

use egui::Key;
use fw_app::LinkState;
use fw_wallboard::WallboardConfig;

use crate::support::{Board, Centre};

/// Digits only, so "138-0013-8000" and "13800138000" compare equal.
fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

#[test]
fn no_page_in_either_language_shows_a_callers_number_even_when_the_file_asks_for_one() {
    let centre = Centre::new(400);
    let callers: Vec<String> = centre
        .engine
        .live_calls()
        .into_iter()
        .map(|call| call.caller.number)
        .filter(|number| !number.is_empty())
        .collect();
    assert!(callers.len() > 5, "a busy morning has calls in progress");
    let planted = &callers[0];
    // A hostile file: a caller's number as a page title and as a queue's display name.
    let config = WallboardConfig::parse(
        &format!(
            r#"
            [[page]]
            kind = "centre"
            [[page]]
            kind = "each_site"
            [[page]]
            kind = "queues"
            title = "VIP {planted}"
            queues = ["north.phones", "east.orders"]
            [[page]]
            kind = "trends"
            scope = "north.phones"
            [labels.zh-CN]
            "north.phones" = "回拨 {planted}"
            [labels.en]
            "north.phones" = "Call back +86 {planted}"
            "#
        ),
        "hostile.toml",
    )
    .unwrap();
    let mut board = Board::new(config, centre.live(LinkState::Connected));
    let pages = board.harness.state().position().1;
    assert_eq!(pages, 6);
    let mut seen = Vec::new();
    for _language in 0..2 {
        for _page in 0..pages {
            seen.extend(board.texts());
            board.press(Key::ArrowRight);
        }
        board.press(Key::L);
    }
    assert!(
        seen.iter().any(|t| t.contains("VIP •••")),
        "the planted title is masked, not dropped"
    );
    for text in &seen {
        let text_digits = digits(text);
        for number in &callers {
            assert!(
                !text_digits.contains(&digits(number)),
                "caller number {number} shown in {text:?}"
            );
        }
    }
}
