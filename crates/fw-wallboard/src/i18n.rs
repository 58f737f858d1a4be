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
        assert_eq!(Language::En.skill_name("unknown_skill"), "unknown_skill");
    }
}
