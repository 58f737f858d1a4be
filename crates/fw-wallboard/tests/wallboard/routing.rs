//! The disaster-mode banner on the board: on every page while a mode is in force, in both
//! languages, gone when routing is normal, and "unknown" (never normal) when the plan could
//! not be read by a board that was meant to read it.

use std::sync::Arc;

use egui::Key;
use fw_app::{LinkState, LiveFrame, RoutingState};
use fw_domain::{MINUTE_MS, RoutingMode, SupervisorId};
use fw_routing::{ActiveMode, Actor, ModeId, Reason};
use fw_wallboard::WallboardConfig;

use crate::support::{Board, Centre};

/// Two modes a typhoon night might bring: east fails over, callers from Hainan jump the queue.
fn typhoon(centre: &Centre) -> RoutingState {
    let topology = centre.engine.topology();
    let east = topology.sites.iter().find(|s| s.name == "east").unwrap().id;
    let lead = Actor::new(SupervisorId(1), "赵敏");
    RoutingState {
        known: true,
        version: 4,
        active: vec![
            ActiveMode {
                id: ModeId(3),
                mode: RoutingMode::SiteFailover { site: east },
                reason: Reason::new("typhoon: east site flooded").unwrap(),
                activated_by: lead.clone(),
                activated_at: centre.now.plus_ms(-40 * MINUTE_MS),
                revert_at: Some(centre.now.plus_ms(150 * MINUTE_MS)),
                approved_by: None,
            },
            ActiveMode {
                id: ModeId(4),
                mode: RoutingMode::RegionalPriority {
                    regions: vec!["0898".into(), "海南".into()],
                    waive_fees: true,
                },
                reason: Reason::new("台风登陆海南，优先接听").unwrap(),
                activated_by: lead,
                activated_at: centre.now.plus_ms(-25 * MINUTE_MS),
                revert_at: None,
                approved_by: Some(Actor::new(SupervisorId(2), "admin")),
            },
        ],
        ..RoutingState::default()
    }
}

fn with_routing(live: &Arc<LiveFrame>, routing: RoutingState) -> Arc<LiveFrame> {
    Arc::new(LiveFrame {
        routing: Arc::new(routing),
        ..(**live).clone()
    })
}

fn expecting_routing() -> WallboardConfig {
    WallboardConfig {
        routing_expected: true,
        ..WallboardConfig::default()
    }
}

#[test]
fn the_banner_shows_on_every_page_in_both_languages_and_matches_its_snapshots() {
    let centre = Centre::new(400);
    let live = with_routing(&centre.live(LinkState::Connected), typhoon(&centre));
    let mut board = Board::new(expecting_routing(), live.clone());
    board.press(Key::Space); // pinned: only the keys turn pages
    assert!(
        board.has_text("灾备路由 · 2 项生效中"),
        "{:?}",
        board.texts()
    );
    assert!(
        board.has_text("赵敏 于 09:20 开启 · 12:30 自动恢复（还有 2 小时 30 分）"),
        "{:?}",
        board.texts()
    );
    board.harness.snapshot("routing_banner_zh");
    board.press(Key::L);
    assert!(board.has_text("DISASTER MODE · 2 in force"));
    assert!(board.has_text("Site failover · site East — typhoon: east site flooded"));
    assert!(board.has_text("since 09:35, by 赵敏 · approved by admin · no automatic revert"));
    board.harness.snapshot("routing_banner");
    // Every page carries it, charts too.
    for _ in 0..3 {
        board.press(Key::ArrowRight);
        assert!(
            board.has_text("DISASTER MODE · 2 in force"),
            "{:?}",
            board.texts()
        );
    }
    // Turned off everywhere: the banner goes.
    board.show(with_routing(
        &live,
        RoutingState {
            known: true,
            version: 6,
            ..RoutingState::default()
        },
    ));
    assert!(!board.texts().iter().any(|t| t.contains("DISASTER")));
}

#[test]
fn a_plan_that_could_not_be_read_is_unknown_never_normal() {
    let centre = Centre::new(100);
    let live = centre.live(LinkState::Connected);
    let mut board = Board::new(expecting_routing(), live.clone());
    board.press(Key::L);
    assert!(
        board.has_text("ROUTING STATE UNKNOWN"),
        "{:?}",
        board.texts()
    );
    // A board fed frames without a store (as every other test here) shows no banner.
    let board = Board::new(WallboardConfig::default(), live);
    assert!(!board.has_text("路由状态未知"));
}
