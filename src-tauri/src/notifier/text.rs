//! What a desktop notification says, in the console's language. Pure, so it is tested here.

use fw_alerts::{Alert, AlertKind};

/// The console's language, as the UI last set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

impl Lang {
    pub fn parse(tag: &str) -> Option<Lang> {
        match tag {
            "en" => Some(Lang::En),
            "zh-CN" => Some(Lang::ZhCn),
            _ => None,
        }
    }
}

/// A notification's title and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteText {
    pub summary: String,
    pub body: String,
}

/// How many alerts raised together are each announced; more than this become one summary, so
/// a bad minute (a site going dark) is one notification, not twenty.
pub const MAX_SEPARATE: usize = 3;

fn number(value: f64) -> String {
    if value.fract().abs() < 0.05 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// Seconds as `4m 05s` / `4分05秒`.
fn duration(secs: f64, lang: Lang) -> String {
    let secs = secs.max(0.0).round() as u64;
    let (m, s) = (secs / 60, secs % 60);
    match (lang, m) {
        (Lang::En, 0) => format!("{s}s"),
        (Lang::En, _) => format!("{m}m {s:02}s"),
        (Lang::ZhCn, 0) => format!("{s}秒"),
        (Lang::ZhCn, _) => format!("{m}分{s:02}秒"),
    }
}

/// One alert's notification: the rule and the queue (or agent) in the title, the figure and
/// its limit in the body.
pub fn alert_text(alert: &Alert, site: Option<&str>, lang: Lang) -> NoteText {
    let subject = match site {
        Some(site) if !alert.subject_name.is_empty() => format!("{} ({site})", alert.subject_name),
        _ => alert.subject_name.clone(),
    };
    let (v, t) = (alert.raised_value, alert.threshold);
    let (title, body) = match (alert.key.kind, lang) {
        (AlertKind::ServiceLevelLow, Lang::En) => (
            "Service level below target",
            format!("{}% against a {}% alert level", number(v), number(t)),
        ),
        (AlertKind::ServiceLevelLow, Lang::ZhCn) => (
            "服务水平低于目标",
            format!("当前 {}%，告警线 {}%", number(v), number(t)),
        ),
        (AlertKind::LongestWaitHigh, Lang::En) => (
            "Caller waiting too long",
            format!(
                "Longest wait {} (limit {})",
                duration(v, lang),
                duration(t, lang)
            ),
        ),
        (AlertKind::LongestWaitHigh, Lang::ZhCn) => (
            "来电等待过久",
            format!(
                "最长等待 {}（上限 {}）",
                duration(v, lang),
                duration(t, lang)
            ),
        ),
        (AlertKind::AbandonRateHigh, Lang::En) => (
            "Abandon rate high",
            format!("{}% of callers hung up (limit {}%)", number(v), number(t)),
        ),
        (AlertKind::AbandonRateHigh, Lang::ZhCn) => (
            "放弃率过高",
            format!("{}% 的来电者挂断（上限 {}%）", number(v), number(t)),
        ),
        (AlertKind::NoAgentAvailable, Lang::En) => (
            "Calls waiting, no agent available",
            format!("{} waiting and nobody free to answer", number(v)),
        ),
        (AlertKind::NoAgentAvailable, Lang::ZhCn) => (
            "有来电等待但无空闲坐席",
            format!("{} 通来电等待，无人可接", number(v)),
        ),
        (AlertKind::AgentStateTooLong, Lang::En) => (
            "Agent in one state too long",
            format!(
                "{} in the same state (limit {})",
                duration(v, lang),
                duration(t, lang)
            ),
        ),
        (AlertKind::AgentStateTooLong, Lang::ZhCn) => (
            "坐席同一状态过久",
            format!(
                "同一状态已 {}（上限 {}）",
                duration(v, lang),
                duration(t, lang)
            ),
        ),
        (AlertKind::LinkLost, Lang::En) => (
            "Link to the platform lost",
            format!(
                "No data for {}: figures on screen are stale, not zero",
                duration(v, lang)
            ),
        ),
        (AlertKind::LinkLost, Lang::ZhCn) => (
            "与平台的连接中断",
            format!(
                "已 {} 无数据：屏幕上的数字已过时，并非为零",
                duration(v, lang)
            ),
        ),
    };
    let summary = if subject.is_empty() {
        title.to_string()
    } else {
        format!("{title}: {subject}")
    };
    NoteText { summary, body }
}

/// The one notification for many alerts raised together.
pub fn summary_text(alerts: &[&Alert], lang: Lang) -> NoteText {
    let names: Vec<&str> = alerts
        .iter()
        .map(|a| a.subject_name.as_str())
        .filter(|n| !n.is_empty())
        .take(4)
        .collect();
    let more = alerts.len().saturating_sub(names.len());
    match lang {
        Lang::En => NoteText {
            summary: format!("{} new alerts", alerts.len()),
            body: if more > 0 {
                format!(
                    "{} and {more} more. Open the alert centre.",
                    names.join(", ")
                )
            } else {
                format!("{}. Open the alert centre.", names.join(", "))
            },
        },
        Lang::ZhCn => NoteText {
            summary: format!("{} 条新告警", alerts.len()),
            body: if more > 0 {
                format!("{} 等 {more} 项。请打开告警中心。", names.join("、"))
            } else {
                format!("{}。请打开告警中心。", names.join("、"))
            },
        },
    }
}

/// The label of the notification's "open" action.
pub fn open_label(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Open",
        Lang::ZhCn => "打开",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fw_alerts::{AlertId, AlertKey, Subject};
    use fw_domain::{QueueId, Timestamp};

    fn alert(kind: AlertKind, name: &str, value: f64, threshold: f64) -> Alert {
        Alert {
            id: AlertId(1),
            key: AlertKey {
                kind,
                subject: Subject::Queue(QueueId(0)),
            },
            subject_name: name.into(),
            site: None,
            raised_at: Timestamp(0),
            raised_value: value,
            value,
            threshold,
            cleared_at: None,
            acknowledged: None,
        }
    }

    #[test]
    fn an_alert_names_its_rule_queue_and_site_with_the_figure_and_limit() {
        let sl = alert(AlertKind::ServiceLevelLow, "north.phones", 62.54, 80.0);
        assert_eq!(
            alert_text(&sl, Some("North"), Lang::En),
            NoteText {
                summary: "Service level below target: north.phones (North)".into(),
                body: "62.5% against a 80% alert level".into()
            }
        );
        let wait = alert(AlertKind::LongestWaitHigh, "east.orders", 245.0, 120.0);
        assert_eq!(
            alert_text(&wait, None, Lang::ZhCn).body,
            "最长等待 4分05秒（上限 2分00秒）"
        );
        let link = alert(AlertKind::LinkLost, "", 16.0, 15.0);
        assert_eq!(
            alert_text(&link, None, Lang::En).summary,
            "Link to the platform lost"
        );
    }

    #[test]
    fn many_alerts_become_one_summary() {
        let alerts: Vec<Alert> = (0..7)
            .map(|i| alert(AlertKind::ServiceLevelLow, &format!("q{i}"), 50.0, 80.0))
            .collect();
        let refs: Vec<&Alert> = alerts.iter().collect();
        let text = summary_text(&refs, Lang::En);
        assert_eq!(text.summary, "7 new alerts");
        assert_eq!(
            text.body,
            "q0, q1, q2, q3 and 3 more. Open the alert centre."
        );
        assert_eq!(
            summary_text(&refs[..2], Lang::ZhCn).body,
            "q0、q1。请打开告警中心。"
        );
    }
}
