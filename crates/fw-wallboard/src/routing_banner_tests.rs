//! The banner's text: what it says, in both languages, and when it says nothing.

use std::sync::Arc;

use fw_app::{LinkState, LinkStatus, LiveFrame, RoutingState};
use fw_domain::{
    QueueConfig, QueueId, RoutingMode, RoutingScope, Site, SiteId, SupervisorId, Timestamp,
    Topology,
};
use fw_engine::{Engine, EngineConfig};
use fw_routing::{ActiveMode, Actor, ModeId, Reason};

use super::*;
use crate::i18n::Language;

/// 2026-11-22 10:00 in Shanghai.
const NOW: Timestamp = Timestamp(1_795_312_800_000);
const MINUTE: i64 = 60_000;

fn topology() -> Topology {
    Topology {
        sites: vec![
            Site {
                id: SiteId(0),
                name: "north".into(),
            },
            Site {
                id: SiteId(1),
                name: "east".into(),
            },
        ],
        queues: vec![QueueConfig::with_defaults(
            QueueId(0),
            "east.phones",
            "phones",
            SiteId(1),
        )],
        agents: Vec::new(),
    }
}

fn live(routing: RoutingState) -> LiveFrame {
    let engine = Engine::new(topology(), EngineConfig::default()).unwrap();
    LiveFrame {
        frame: Some(engine.frame(NOW)),
        topology: Arc::new(engine.topology().clone()),
        routing: Arc::new(routing),
        ..LiveFrame::empty(
            LinkStatus {
                platform: "test".into(),
                state: LinkState::Connected,
                last_event_at: Some(NOW),
                detail: None,
                events_received: 0,
            },
            Arc::new(fw_engine::ShiftCalendar::china_three_shifts()),
        )
    }
}

fn active(id: u64, mode: RoutingMode, reason: &str, revert_in_min: Option<i64>) -> ActiveMode {
    ActiveMode {
        id: ModeId(id),
        mode,
        reason: Reason::new(reason).unwrap(),
        activated_by: Actor::new(SupervisorId(1), "赵敏"),
        activated_at: NOW.plus_ms(-10 * MINUTE),
        revert_at: revert_in_min.map(|m| NOW.plus_ms(m * MINUTE)),
        approved_by: None,
    }
}

fn known(modes: Vec<ActiveMode>) -> RoutingState {
    RoutingState {
        known: true,
        version: 3,
        active: modes,
        ..RoutingState::default()
    }
}

fn banner(live: &LiveFrame, lang: Language, expected: bool) -> Option<RoutingBanner> {
    let config = WallboardConfig {
        routing_expected: expected,
        ..WallboardConfig::default()
    };
    let names = Names {
        topology: &live.topology,
        config: &config,
        lang,
    };
    routing_banner(live, &names, &config)
}

#[test]
fn a_failover_reads_as_the_console_words_it_in_both_languages() {
    let mut failover = active(
        1,
        RoutingMode::SiteFailover { site: SiteId(1) },
        "typhoon: east site flooded",
        Some(88),
    );
    failover.approved_by = Some(Actor::new(SupervisorId(2), "admin"));
    let frame = live(known(vec![failover]));
    let en = banner(&frame, Language::En, true).unwrap();
    assert_eq!(en.tone, BannerTone::Active);
    assert_eq!(en.title, "DISASTER MODE · 1 in force");
    assert_eq!(
        en.modes,
        [ModeLine {
            what: "Site failover · site East — typhoon: east site flooded".into(),
            when: "since 09:50, by 赵敏 · approved by admin · reverts at 11:28 (in 1 h 28 min)"
                .into(),
        }]
    );
    assert_eq!(en.problem, None);
    let zh = banner(&frame, Language::ZhCn, true).unwrap();
    assert_eq!(zh.title, "灾备路由 · 1 项生效中");
    assert_eq!(
        zh.modes[0].what,
        "站点切换 · 站点 华东 — typhoon: east site flooded"
    );
    assert_eq!(
        zh.modes[0].when,
        "赵敏 于 09:50 开启 · admin 批准 · 11:28 自动恢复（还有 1 小时 28 分）"
    );
}

#[test]
fn scopes_regions_and_open_ended_modes() {
    let frame = live(known(vec![
        active(
            1,
            RoutingMode::EmergencyClosure {
                scope: RoutingScope::Queue(QueueId(0)),
            },
            "bomb threat in the building",
            None,
        ),
        active(
            2,
            RoutingMode::RegionalPriority {
                regions: vec!["0898".into(), "Hainan".into()],
                waive_fees: true,
            },
            "typhoon landfall",
            Some(30),
        ),
        active(
            3,
            RoutingMode::NightMode {
                scope: RoutingScope::Centre,
            },
            "early night plan",
            Some(24 * 60),
        ),
    ]));
    let en = banner(&frame, Language::En, false).unwrap();
    let what: Vec<&str> = en.modes.iter().map(|m| m.what.as_str()).collect();
    assert_eq!(
        what,
        [
            "Emergency closure · queue East · Phones — bomb threat in the building",
            "Regional priority · 0898, Hainan · fees waived — typhoon landfall",
            "Night mode · the whole centre — early night plan",
        ]
    );
    assert!(en.modes[0].when.ends_with("no automatic revert"), "{en:?}");
    // Tomorrow's revert carries its date: a bare time would read as today's.
    assert!(
        en.modes[2]
            .when
            .ends_with("reverts at 11-23 10:00 (in 24 h 00 min)"),
        "{en:?}"
    );
    let zh = banner(&frame, Language::ZhCn, false).unwrap();
    assert!(
        zh.modes[1].what.contains("0898、Hainan · 免收费用"),
        "{zh:?}"
    );
}

#[test]
fn more_modes_than_fit_are_counted_and_expired_ones_left_out() {
    let modes = (1..=5)
        .map(|id| {
            let revert = if id == 5 { Some(-1) } else { None };
            active(
                id,
                RoutingMode::NightMode {
                    scope: RoutingScope::Site(SiteId(0)),
                },
                "storm over the north",
                revert,
            )
        })
        .collect();
    let en = banner(&live(known(modes)), Language::En, true).unwrap();
    assert_eq!(en.title, "DISASTER MODE · 4 in force · +1 more");
    assert_eq!(en.modes.len(), MAX_LISTED_MODES);
}

#[test]
fn nothing_in_force_shows_nothing_and_an_unread_plan_is_never_normal() {
    assert_eq!(banner(&live(known(Vec::new())), Language::En, true), None);
    // A board fed frames without a store was never meant to show the plan.
    assert_eq!(
        banner(&live(RoutingState::default()), Language::En, false),
        None
    );
    let unknown = banner(&live(RoutingState::default()), Language::En, true).unwrap();
    assert_eq!(unknown.tone, BannerTone::Unknown);
    assert_eq!(unknown.title, "ROUTING STATE UNKNOWN");
    assert_eq!(
        unknown.problem.as_deref(),
        Some("The routing plan has not been read: a disaster mode may be in force.")
    );
    let stale = RoutingState {
        store_problem: Some("database is locked".into()),
        ..known(Vec::new())
    };
    let zh = banner(&live(stale), Language::ZhCn, true).unwrap();
    assert_eq!(zh.title, "路由状态未知");
    assert_eq!(
        zh.problem.as_deref(),
        Some("最近无法读取路由方案，显示内容可能过时：database is locked")
    );
}

#[test]
fn phone_numbers_in_free_text_are_masked() {
    let mut mode = active(
        1,
        RoutingMode::RegionalPriority {
            regions: vec!["13800138000".into()],
            waive_fees: false,
        },
        "caller 138 0013 8000 reported a flood",
        None,
    );
    mode.activated_by = Actor::new(SupervisorId(1), "lead 13900139000");
    let platform = RoutingState {
        platform_problem: Some("AstDB write failed for 13800138000".into()),
        ..known(vec![mode])
    };
    let en = banner(&live(platform), Language::En, true).unwrap();
    let all = format!("{en:?}");
    assert!(!all.contains("138") && !all.contains("139"), "{all}");
    assert_eq!(
        en.problem.as_deref(),
        Some("The platform is not applying these modes: AstDB write failed for •••")
    );
}
