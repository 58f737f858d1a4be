//! Simplified Chinese and English: every string the wallboard shows.

use serde::Deserialize;

use crate::page::{ChartKind, TileKind};

/// The board's language, switchable at run time with the `L` key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub const fn other(self) -> Language {
        match self {
            Language::ZhCn => Language::En,
            Language::En => Language::ZhCn,
        }
    }

    const fn pick(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Language::En => en,
            Language::ZhCn => zh,
        }
    }

    pub const fn tile(self, kind: TileKind) -> &'static str {
        match kind {
            TileKind::Waiting => self.pick("Calls waiting", "排队来电"),
            TileKind::LongestWait => self.pick("Longest wait", "最长等待"),
            TileKind::ServiceLevel => self.pick("Service level", "服务水平"),
            TileKind::Asa => self.pick("Avg speed of answer", "平均应答速度"),
            TileKind::AbandonRate => self.pick("Abandoned", "放弃率"),
            TileKind::Offered => self.pick("Offered", "呼入量"),
            TileKind::Answered => self.pick("Answered", "已接听"),
            TileKind::AgentsAvailable => self.pick("Agents free", "空闲坐席"),
            TileKind::AgentsOnCall => self.pick("On calls", "通话中"),
            TileKind::Occupancy => self.pick("Occupancy", "占用率"),
            TileKind::Aht => self.pick("Avg handle time", "平均处理时长"),
            TileKind::Staffing => self.pick("Staffed / needed", "在岗 / 需要"),
        }
    }

    /// A column heading over a row of tiles, where width is short.
    pub const fn tile_short(self, kind: TileKind) -> &'static str {
        match kind {
            TileKind::Waiting => self.pick("Waiting", "排队"),
            TileKind::LongestWait => self.pick("Longest", "最长等待"),
            TileKind::ServiceLevel => self.pick("SL", "服务水平"),
            TileKind::Asa => self.pick("ASA", "应答速度"),
            TileKind::AbandonRate => self.pick("Aband.", "放弃率"),
            TileKind::Offered => self.pick("Offered", "呼入"),
            TileKind::Answered => self.pick("Answered", "接听"),
            TileKind::AgentsAvailable => self.pick("Free", "空闲"),
            TileKind::AgentsOnCall => self.pick("On calls", "通话中"),
            TileKind::Occupancy => self.pick("Occ.", "占用率"),
            TileKind::Aht => self.pick("AHT", "处理时长"),
            TileKind::Staffing => self.pick("Staff/need", "在岗/需要"),
        }
    }

    pub const fn chart(self, kind: ChartKind) -> &'static str {
        match kind {
            ChartKind::Offered => {
                self.pick("Offered and answered per 15 min", "每15分钟呼入与接听")
            }
            ChartKind::ServiceLevel => self.pick("Service level per 15 min", "每15分钟服务水平"),
            ChartKind::Asa => self.pick(
                "Avg speed of answer (s) per 15 min",
                "每15分钟平均应答速度（秒）",
            ),
            ChartKind::Abandoned => self.pick("Abandoned per 15 min", "每15分钟放弃来电"),
        }
    }

    /// A threshold level in words, for screen readers and tests.
    pub const fn level(self, level: crate::thresholds::Level) -> &'static str {
        match level {
            crate::thresholds::Level::Neutral => self.pick("info", "信息"),
            crate::thresholds::Level::Good => self.pick("on target", "达标"),
            crate::thresholds::Level::Warning => self.pick("warning", "预警"),
            crate::thresholds::Level::Breach => self.pick("breach", "超标"),
        }
    }

    pub const fn centre(self) -> &'static str {
        self.pick("Contact centre", "呼叫中心")
    }

    pub const fn trends(self) -> &'static str {
        self.pick("Today's trends", "今日趋势")
    }

    pub const fn stale(self) -> &'static str {
        self.pick("STALE", "数据过期")
    }

    pub const fn connecting(self) -> &'static str {
        self.pick("Connecting to the platform…", "正在连接平台…")
    }

    pub const fn link_down(self) -> &'static str {
        self.pick(
            "Link to the platform lost: figures are the last known",
            "与平台的连接已断开：显示的是最后已知数据",
        )
    }

    pub const fn pinned(self) -> &'static str {
        self.pick("pinned", "已固定")
    }

    pub const fn no_data(self) -> &'static str {
        self.pick("No calls yet today", "今日尚无来电")
    }

    pub const fn window(self, window: fw_engine::Window) -> &'static str {
        match window {
            fw_engine::Window::Rolling15 => self.pick("last 15 min", "最近15分钟"),
            fw_engine::Window::Rolling30 => self.pick("last 30 min", "最近30分钟"),
            fw_engine::Window::Rolling60 => self.pick("last 60 min", "最近60分钟"),
            fw_engine::Window::Shift => self.pick("this shift", "本班次"),
            fw_engine::Window::Day => self.pick("today", "今日"),
        }
    }

    /// The disaster-mode banner's heading: a word as well as a colour and an icon.
    pub fn routing_title(self, in_force: usize) -> String {
        match self {
            Language::En => format!("DISASTER MODE · {in_force} in force"),
            Language::ZhCn => format!("灾备路由 · {in_force} 项生效中"),
        }
    }

    /// The heading when the plan could not be read: never shown as "normal".
    pub const fn routing_unknown_title(self) -> &'static str {
        self.pick("ROUTING STATE UNKNOWN", "路由状态未知")
    }

    pub const fn routing_unknown(self) -> &'static str {
        self.pick(
            "The routing plan has not been read: a disaster mode may be in force.",
            "尚未读取路由方案：可能有应急模式生效。",
        )
    }

    /// "+2 more" after the modes that fit.
    pub fn routing_more(self, n: usize) -> String {
        match self {
            Language::En => format!("+{n} more"),
            Language::ZhCn => format!("另有 {n} 项"),
        }
    }

    /// A routing mode's kind, as the console words it.
    pub const fn routing_kind(self, mode: &fw_domain::RoutingMode) -> &'static str {
        use fw_domain::RoutingMode;
        match mode {
            RoutingMode::SiteFailover { .. } => self.pick("Site failover", "站点切换"),
            RoutingMode::EmergencyClosure { .. } => self.pick("Emergency closure", "紧急关闭"),
            RoutingMode::RegionalPriority { .. } => self.pick("Regional priority", "地区优先"),
            RoutingMode::NightMode { .. } => self.pick("Night mode", "夜间模式"),
        }
    }

    pub const fn routing_whole_centre(self) -> &'static str {
        self.pick("the whole centre", "全中心")
    }

    pub fn routing_site(self, name: &str) -> String {
        match self {
            Language::En => format!("site {name}"),
            Language::ZhCn => format!("站点 {name}"),
        }
    }

    pub fn routing_queue(self, name: &str) -> String {
        match self {
            Language::En => format!("queue {name}"),
            Language::ZhCn => format!("队列 {name}"),
        }
    }

    pub const fn list_separator(self) -> &'static str {
        self.pick(", ", "、")
    }

    pub const fn fees_waived(self) -> &'static str {
        self.pick("fees waived", "免收费用")
    }

    pub fn routing_since(self, time: &str, user: &str) -> String {
        match self {
            Language::En => format!("since {time}, by {user}"),
            Language::ZhCn => format!("{user} 于 {time} 开启"),
        }
    }

    pub fn routing_approved_by(self, user: &str) -> String {
        match self {
            Language::En => format!("approved by {user}"),
            Language::ZhCn => format!("{user} 批准"),
        }
    }

    pub fn routing_reverts(self, time: &str, left: &str) -> String {
        match self {
            Language::En => format!("reverts at {time} (in {left})"),
            Language::ZhCn => format!("{time} 自动恢复（还有 {left}）"),
        }
    }

    pub const fn routing_no_revert(self) -> &'static str {
        self.pick("no automatic revert", "不自动恢复")
    }

    /// A countdown: "1 h 05 min", "4 min", "<1 min".
    pub fn until(self, ms: i64) -> String {
        let minutes = ms.max(0) / 60_000;
        let (h, m) = (minutes / 60, minutes % 60);
        match (self, h, m) {
            (Language::En, 0, 0) => "<1 min".into(),
            (Language::ZhCn, 0, 0) => "不到 1 分钟".into(),
            (Language::En, 0, m) => format!("{m} min"),
            (Language::ZhCn, 0, m) => format!("{m} 分钟"),
            (Language::En, h, m) => format!("{h} h {m:02} min"),
            (Language::ZhCn, h, m) => format!("{h} 小时 {m:02} 分"),
        }
    }

    pub fn routing_platform_problem(self, message: &str) -> String {
        match self {
            Language::En => format!("The platform is not applying these modes: {message}"),
            Language::ZhCn => format!("平台未执行这些模式：{message}"),
        }
    }

    pub fn routing_store_problem(self, message: &str) -> String {
        match self {
            Language::En => format!(
                "The routing plan could not be read lately; what is shown may be old: {message}"
            ),
            Language::ZhCn => format!("最近无法读取路由方案，显示内容可能过时：{message}"),
        }
    }

    /// A data age: "now", "42 s", "3 min", "2 h".
    pub fn age(self, ms: u64) -> String {
        let secs = ms / 1000;
        match (self, secs) {
            (Language::En, 0..=4) => "now".into(),
            (Language::ZhCn, 0..=4) => "刚刚".into(),
            (Language::En, 5..=59) => format!("{secs} s"),
            (Language::ZhCn, 5..=59) => format!("{secs} 秒"),
            (Language::En, 60..=3599) => format!("{} min", secs / 60),
            (Language::ZhCn, 60..=3599) => format!("{} 分钟", secs / 60),
            (Language::En, _) => format!("{} h", secs / 3600),
            (Language::ZhCn, _) => format!("{} 小时", secs / 3600),
        }
    }

    /// A site's display name (built-in names for the simulator's sites).
    pub fn site_name(self, name: &str) -> String {
        let known = match name.to_ascii_lowercase().as_str() {
            "north" => Some(self.pick("North", "华北")),
            "east" => Some(self.pick("East", "华东")),
            "south" => Some(self.pick("South", "华南")),
            _ => None,
        };
        known.map_or_else(|| name.to_string(), str::to_string)
    }

    /// A skill's display name; unknown skills show as the platform names them.
    pub fn skill_name(self, skill: &str) -> String {
        let known = match skill {
            "phones" => Some(self.pick("Phones", "手机")),
            "smart_home" => Some(self.pick("Smart home", "智能家居")),
            "orders" => Some(self.pick("Orders", "订单")),
            "repairs" => Some(self.pick("Repairs", "维修")),
            "complaints" => Some(self.pick("Complaints", "投诉")),
            "claims" => Some(self.pick("Claims", "理赔")),
            "tier2" => Some(self.pick("Tier 2 experts", "二线专家")),
            _ => None,
        };
        known.map_or_else(|| skill.to_string(), str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_naturally_in_both_languages() {
        assert_eq!(Language::En.age(3_000), "now");
        assert_eq!(Language::ZhCn.age(42_000), "42 秒");
        assert_eq!(Language::En.age(180_000), "3 min");
        assert_eq!(Language::ZhCn.age(7_200_000), "2 小时");
    }

    #[test]
    fn every_tile_and_chart_has_both_languages() {
        for kind in TileKind::CENTRE.iter().chain(&TileKind::SITE) {
            assert_ne!(Language::En.tile(*kind), Language::ZhCn.tile(*kind));
        }
        for kind in ChartKind::ALL {
            assert_ne!(Language::En.chart(kind), Language::ZhCn.chart(kind));
        }
        assert_eq!(Language::ZhCn.site_name("north"), "华北");
    }

    #[test]
    fn every_routing_string_has_both_languages() {
        use fw_domain::{RoutingMode, RoutingScope, SiteId};
        let (en, zh) = (Language::En, Language::ZhCn);
        let modes = [
            RoutingMode::SiteFailover { site: SiteId(0) },
            RoutingMode::EmergencyClosure {
                scope: RoutingScope::Centre,
            },
            RoutingMode::RegionalPriority {
                regions: Vec::new(),
                waive_fees: false,
            },
            RoutingMode::NightMode {
                scope: RoutingScope::Centre,
            },
        ];
        for mode in &modes {
            assert_ne!(en.routing_kind(mode), zh.routing_kind(mode));
        }
        let pairs = [
            (en.routing_title(2), zh.routing_title(2)),
            (
                en.routing_unknown_title().into(),
                zh.routing_unknown_title().into(),
            ),
            (en.routing_unknown().into(), zh.routing_unknown().into()),
            (en.routing_more(1), zh.routing_more(1)),
            (
                en.routing_whole_centre().into(),
                zh.routing_whole_centre().into(),
            ),
            (en.routing_site("x"), zh.routing_site("x")),
            (en.routing_queue("x"), zh.routing_queue("x")),
            (en.list_separator().into(), zh.list_separator().into()),
            (en.fees_waived().into(), zh.fees_waived().into()),
            (en.routing_since("t", "u"), zh.routing_since("t", "u")),
            (en.routing_approved_by("u"), zh.routing_approved_by("u")),
            (en.routing_reverts("t", "l"), zh.routing_reverts("t", "l")),
            (en.routing_no_revert().into(), zh.routing_no_revert().into()),
            (
                en.routing_platform_problem("m"),
                zh.routing_platform_problem("m"),
            ),
            (en.routing_store_problem("m"), zh.routing_store_problem("m")),
        ];
        for (en_text, zh_text) in pairs {
            assert_ne!(en_text, zh_text);
        }
    }

    #[test]
    fn countdowns_read_naturally_in_both_languages() {
        assert_eq!(Language::En.until(30_000), "<1 min");
        assert_eq!(Language::En.until(-5_000), "<1 min");
        assert_eq!(Language::En.until(4 * 60_000 + 59_000), "4 min");
        assert_eq!(Language::En.until(65 * 60_000), "1 h 05 min");
        assert_eq!(Language::ZhCn.until(30_000), "不到 1 分钟");
        assert_eq!(Language::ZhCn.until(88 * 60_000), "1 小时 28 分");
        assert_eq!(Language::En.skill_name("unknown_skill"), "unknown_skill");
    }
}
