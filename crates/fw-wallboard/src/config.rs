//! The wallboard's set-up, read once from a TOML file so a site configures its screens once.
//!
//! Every field has a default, so an empty file (or none) gives a working board: the centre,
//! each site, and the centre's trends, rotating every 20 seconds.

use std::path::Path;

use fw_engine::Window;
use serde::Deserialize;

use crate::i18n::Language;
use crate::page::{PageSpec, TileKind};
use crate::thresholds::Thresholds;

/// Why a wallboard file was refused.
#[derive(Debug, thiserror::Error)]
pub enum WallboardConfigError {
    #[error("cannot read the wallboard file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the wallboard file {path} is not valid: {message}")]
    Parse { path: String, message: String },
    #[error("the wallboard file {path}: {message}")]
    Invalid { path: String, message: String },
}

/// Light or dark; wallboards are usually dark so the floor lighting does not glare.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Dark,
    Light,
}

/// The window every page's cumulative figures cover.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowChoice {
    #[default]
    Rolling15,
    Rolling30,
    Rolling60,
    Shift,
    Day,
}

impl From<WindowChoice> for Window {
    fn from(choice: WindowChoice) -> Window {
        match choice {
            WindowChoice::Rolling15 => Window::Rolling15,
            WindowChoice::Rolling30 => Window::Rolling30,
            WindowChoice::Rolling60 => Window::Rolling60,
            WindowChoice::Shift => Window::Shift,
            WindowChoice::Day => Window::Day,
        }
    }
}

/// Everything the wallboard file can say.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WallboardConfig {
    pub language: Language,
    pub theme: Theme,
    /// Seconds each page stays up before the next one (a page may override it).
    pub rotate_seconds: u32,
    pub window: WindowChoice,
    /// A CJK font file to use instead of searching the system's fonts.
    pub cjk_font: Option<String>,
    /// Which face in a font collection (.ttc) to use with `cjk_font`.
    pub cjk_font_index: u32,
    pub thresholds: Thresholds,
    #[serde(rename = "page")]
    pub pages: Vec<PageSpec>,
    /// Display names for sites and queues per language, overriding the built-in ones:
    /// `[labels.zh-CN] "north.phones" = "北区手机"`.
    pub labels: Labels,
    /// The centre's time zone for chart labels; set from the application's configuration.
    #[serde(skip)]
    pub time_zone: chrono_tz::Tz,
    /// Whether this board was meant to read the team's routing plan (the binary always is):
    /// then a plan it could not read is shown as unknown, never as normal routing. Off for a
    /// board fed frames without a store (tests, demos), where the plan is simply not shown.
    #[serde(skip)]
    pub routing_expected: bool,
}

/// Display-name overrides per language.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Labels {
    pub en: std::collections::BTreeMap<String, String>,
    #[serde(rename = "zh-CN")]
    pub zh_cn: std::collections::BTreeMap<String, String>,
}

impl Default for WallboardConfig {
    fn default() -> Self {
        WallboardConfig {
            language: Language::default(),
            theme: Theme::default(),
            rotate_seconds: 20,
            window: WindowChoice::default(),
            cjk_font: None,
            cjk_font_index: 0,
            thresholds: Thresholds::default(),
            pages: vec![
                PageSpec::Centre {
                    title: None,
                    tiles: TileKind::CENTRE.to_vec(),
                    seconds: None,
                },
                PageSpec::EachSite {
                    tiles: TileKind::SITE.to_vec(),
                    seconds: None,
                },
                PageSpec::Trends {
                    title: None,
                    scope: None,
                    metrics: crate::page::ChartKind::ALL.to_vec(),
                    seconds: None,
                },
            ],
            labels: Labels::default(),
            time_zone: chrono_tz::Asia::Shanghai,
            routing_expected: false,
        }
    }
}

/// The shortest page dwell: shorter than this nobody on the floor can read a page.
const MIN_ROTATE_SECONDS: u32 = 3;

impl WallboardConfig {
    /// Reads and checks a wallboard file.
    pub fn load(path: &Path) -> Result<WallboardConfig, WallboardConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| WallboardConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        WallboardConfig::parse(&text, &path.display().to_string())
    }

    /// Parses and checks wallboard TOML; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<WallboardConfig, WallboardConfigError> {
        let config: WallboardConfig =
            toml::from_str(text).map_err(|error| WallboardConfigError::Parse {
                path: origin.to_string(),
                message: error.to_string(),
            })?;
        config
            .check()
            .map_err(|message| WallboardConfigError::Invalid {
                path: origin.to_string(),
                message,
            })?;
        Ok(config)
    }

    fn check(&self) -> Result<(), String> {
        if self.rotate_seconds < MIN_ROTATE_SECONDS {
            return Err(format!(
                "rotate_seconds is {}; at least {MIN_ROTATE_SECONDS} so a page can be read",
                self.rotate_seconds
            ));
        }
        if self.pages.is_empty() {
            return Err("no [[page]] is configured".into());
        }
        for (i, page) in self.pages.iter().enumerate() {
            page.check()
                .map_err(|message| format!("page {}: {message}", i + 1))?;
        }
        self.thresholds.check()
    }

    /// A configured display name override for `key` (a site or queue name).
    pub fn label(&self, language: Language, key: &str) -> Option<&str> {
        let map = match language {
            Language::En => &self.labels.en,
            Language::ZhCn => &self.labels.zh_cn,
        };
        map.get(key).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_gives_a_working_board() {
        let config = WallboardConfig::parse("", "empty").unwrap();
        assert_eq!(config, WallboardConfig::default());
        assert_eq!(config.pages.len(), 3);
    }

    #[test]
    fn a_full_file_is_read() {
        let text = r#"
            language = "zh-CN"
            theme = "light"
            rotate_seconds = 15
            window = "shift"

            [thresholds]
            longest_wait_warn_secs = 45

            [[page]]
            kind = "centre"
            tiles = ["waiting", "service_level"]

            [[page]]
            kind = "queues"
            title = "投诉与理赔"
            queues = ["north.complaints", "east.claims"]
            seconds = 30

            [[page]]
            kind = "trends"
            scope = "north"
            metrics = ["service_level"]

            [labels.zh-CN]
            "north.complaints" = "北区投诉"
        "#;
        let config = WallboardConfig::parse(text, "site.toml").unwrap();
        assert_eq!(config.language, Language::ZhCn);
        assert_eq!(config.window, WindowChoice::Shift);
        assert_eq!(config.thresholds.longest_wait_warn_secs, 45);
        assert_eq!(config.pages.len(), 3);
        assert_eq!(
            config.label(Language::ZhCn, "north.complaints"),
            Some("北区投诉")
        );
        assert_eq!(config.label(Language::En, "north.complaints"), None);
    }

    #[test]
    fn the_example_file_in_the_repository_is_valid() {
        let text = include_str!("../../../wallboard.example.toml");
        let config = WallboardConfig::parse(text, "wallboard.example.toml").unwrap();
        assert_eq!(config.pages.len(), 4);
    }

    #[test]
    fn mistakes_are_refused_with_the_place_and_the_reason() {
        let unknown_tile = "[[page]]\nkind = \"centre\"\ntiles = [\"caller_number\"]\n";
        let error = WallboardConfig::parse(unknown_tile, "a.toml")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("a.toml") && error.contains("caller_number"),
            "{error}"
        );

        let too_fast = "rotate_seconds = 1\n";
        let error = WallboardConfig::parse(too_fast, "b.toml")
            .unwrap_err()
            .to_string();
        assert!(error.contains("rotate_seconds is 1"), "{error}");

        let no_queues = "[[page]]\nkind = \"queues\"\nqueues = []\n";
        let error = WallboardConfig::parse(no_queues, "c.toml")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("page 1") && error.contains("queue"),
            "{error}"
        );

        let typo = "rotate_secs = 10\n";
        let error = WallboardConfig::parse(typo, "d.toml")
            .unwrap_err()
            .to_string();
        assert!(error.contains("rotate_secs"), "{error}");
    }
}
