//! What a routing notification says, in the console's language. Pure, so it is tested here.

use fw_domain::{RoutingMode, RoutingScope, Topology};
use fw_routing::ActiveMode;

use super::text::{Lang, NoteText};

fn scope_words(scope: &RoutingScope, topology: &Topology, lang: Lang) -> String {
    match (scope, lang) {
        (RoutingScope::Centre, Lang::En) => "the whole centre".to_owned(),
        (RoutingScope::Centre, Lang::ZhCn) => "全中心".to_owned(),
        (RoutingScope::Site(site), _) => {
            let name = topology.site(*site).map_or("?", |s| s.name.as_str());
            match lang {
                Lang::En => format!("site {name}"),
                Lang::ZhCn => format!("站点 {name}"),
            }
        }
        (RoutingScope::Queue(queue), _) => {
            let name = topology.queue(*queue).map_or("?", |q| q.name.as_str());
            match lang {
                Lang::En => format!("queue {name}"),
                Lang::ZhCn => format!("队列 {name}"),
            }
        }
    }
}

/// "Site failover: site east", "站点切换：站点 east".
pub fn mode_words(mode: &RoutingMode, topology: &Topology, lang: Lang) -> String {
    match (mode, lang) {
        (RoutingMode::SiteFailover { site }, Lang::En) => format!(
            "Site failover: {}",
            scope_words(&RoutingScope::Site(*site), topology, lang)
        ),
        (RoutingMode::SiteFailover { site }, Lang::ZhCn) => format!(
            "站点切换：{}",
            scope_words(&RoutingScope::Site(*site), topology, lang)
        ),
        (RoutingMode::EmergencyClosure { scope }, Lang::En) => {
            format!("Emergency closure: {}", scope_words(scope, topology, lang))
        }
        (RoutingMode::EmergencyClosure { scope }, Lang::ZhCn) => {
            format!("紧急关闭：{}", scope_words(scope, topology, lang))
        }
        (RoutingMode::NightMode { scope }, Lang::En) => {
            format!("Night mode: {}", scope_words(scope, topology, lang))
        }
        (RoutingMode::NightMode { scope }, Lang::ZhCn) => {
            format!("夜间模式：{}", scope_words(scope, topology, lang))
        }
        (
            RoutingMode::RegionalPriority {
                regions,
                waive_fees,
            },
            Lang::En,
        ) => format!(
            "Regional priority: {}{}",
            regions.join(", "),
            if *waive_fees { " (fees waived)" } else { "" }
        ),
        (
            RoutingMode::RegionalPriority {
                regions,
                waive_fees,
            },
            Lang::ZhCn,
        ) => format!(
            "地区优先：{}{}",
            regions.join("、"),
            if *waive_fees { "（免费用）" } else { "" }
        ),
    }
}

/// A mode turned on (at any console).
pub fn turned_on_text(mode: &ActiveMode, topology: &Topology, lang: Lang) -> NoteText {
    let what = mode_words(&mode.mode, topology, lang);
    match lang {
        Lang::En => NoteText {
            summary: format!("Disaster mode ON — {what}"),
            body: format!("{} (by {})", mode.reason, mode.activated_by.name),
        },
        Lang::ZhCn => NoteText {
            summary: format!("应急模式已开启 — {what}"),
            body: format!("{}（{} 开启）", mode.reason, mode.activated_by.name),
        },
    }
}

/// A mode turned off, reverted or replaced (at any console).
pub fn turned_off_text(mode: &ActiveMode, topology: &Topology, lang: Lang) -> NoteText {
    let what = mode_words(&mode.mode, topology, lang);
    match lang {
        Lang::En => NoteText {
            summary: format!("Disaster mode OFF — {what}"),
            body: "Calls route normally again where this mode applied.".to_owned(),
        },
        Lang::ZhCn => NoteText {
            summary: format!("应急模式已关闭 — {what}"),
            body: "该模式涉及的呼叫已恢复正常路由。".to_owned(),
        },
    }
}

/// A mode waiting for a second supervisor (asked at any console).
pub fn requested_text(mode: &ActiveMode, topology: &Topology, lang: Lang) -> NoteText {
    let what = mode_words(&mode.mode, topology, lang);
    match lang {
        Lang::En => NoteText {
            summary: format!("Approval needed — {what}"),
            body: format!(
                "{} asks: {}. Another supervisor approves or refuses it in Routing.",
                mode.activated_by.name, mode.reason
            ),
        },
        Lang::ZhCn => NoteText {
            summary: format!("需要审批 — {what}"),
            body: format!(
                "{} 申请：{}。请另一位主管在“路由”中批准或拒绝。",
                mode.activated_by.name, mode.reason
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use fw_domain::{Site, SiteId, SupervisorId, Timestamp};
    use fw_routing::{Actor, ModeId, Reason};

    use super::*;

    #[test]
    fn notifications_name_the_mode_its_reason_and_who_in_both_languages() {
        let east = SiteId(0);
        let topology = Topology {
            sites: vec![Site {
                id: east,
                name: "east".into(),
            }],
            queues: Vec::new(),
            agents: Vec::new(),
        };
        let mode = ActiveMode {
            id: ModeId(1),
            mode: RoutingMode::SiteFailover { site: east },
            reason: Reason::new("typhoon at east").unwrap(),
            activated_by: Actor::new(SupervisorId(0), "赵敏"),
            activated_at: Timestamp(0),
            revert_at: None,
            approved_by: None,
        };
        let en = turned_on_text(&mode, &topology, Lang::En);
        assert_eq!(en.summary, "Disaster mode ON — Site failover: site east");
        assert_eq!(en.body, "typhoon at east (by 赵敏)");
        let zh = turned_on_text(&mode, &topology, Lang::ZhCn);
        assert_eq!(zh.summary, "应急模式已开启 — 站点切换：站点 east");
        assert!(
            turned_off_text(&mode, &topology, Lang::ZhCn)
                .summary
                .contains("已关闭")
        );
        let asked = requested_text(&mode, &topology, Lang::En);
        assert_eq!(asked.summary, "Approval needed — Site failover: site east");
        assert!(asked.body.starts_with("赵敏 asks: typhoon at east."));
        assert!(
            requested_text(&mode, &topology, Lang::ZhCn)
                .summary
                .starts_with("需要审批")
        );
        let priority = RoutingMode::RegionalPriority {
            regions: vec!["0898".into(), "Hainan".into()],
            waive_fees: true,
        };
        assert_eq!(
            mode_words(&priority, &topology, Lang::ZhCn),
            "地区优先：0898、Hainan（免费用）"
        );
    }
}
