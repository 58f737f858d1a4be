//! The console's configuration: which platform to talk to and how the centre keeps time.

use fw_domain::Timestamp;
use fw_engine::{CalendarError, ShiftCalendar};

use crate::platform_vars::PlatformVars;

/// Which platform the console connects to.
#[derive(Clone, Debug, PartialEq)]
pub enum PlatformChoice {
    /// The embedded simulated contact centre (the default: runs out of the box).
    Simulator(SimSettings),
    /// A real Asterisk through its manager interface (`FLOORWALKER_PLATFORM=asterisk`).
    Asterisk(AsteriskSettings),
}

/// Where the Asterisk manager port is and who logs in. The secret is not here: it comes
/// from the OS keyring or `FLOORWALKER_AMI_SECRET` when the connector starts, never from
/// a configuration file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AsteriskSettings {
    /// `FLOORWALKER_AMI_HOST`, default 127.0.0.1.
    pub host: String,
    /// `FLOORWALKER_AMI_PORT`, default 5038.
    pub port: u16,
    /// `FLOORWALKER_AMI_USER` (required).
    pub username: String,
    /// TLS to the manager port: `FLOORWALKER_AMI_TLS=on` (the port then defaults to 5039)
    /// or a `tls://` `FLOORWALKER_AMI_URL`.
    pub tls: bool,
    /// `FLOORWALKER_AMI_CA`: a PEM file of the site's own CA certificates, trusted besides
    /// the system's roots (TLS only).
    pub ca_file: Option<std::path::PathBuf>,
}

/// The survey service whose JSON API the console pulls post-call surveys from
/// (`FLOORWALKER_SURVEY_URL`). Its bearer token is not here: it comes from the OS keyring
/// (`floorwalker-credentials set --survey URL`) or `FLOORWALKER_SURVEY_TOKEN`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyServiceSettings {
    /// The collection URL, e.g. `https://surveys.example.cn/api/v1/responses`.
    pub url: String,
    /// How often to pull (`FLOORWALKER_SURVEY_PULL_MINUTES`, 1–1440, default 5).
    pub every_minutes: u32,
}

/// Minutes between survey pulls unless `FLOORWALKER_SURVEY_PULL_MINUTES` says otherwise.
pub const DEFAULT_SURVEY_PULL_MINUTES: u32 = 5;

/// Knobs of the embedded simulator.
#[derive(Clone, Debug, PartialEq)]
pub struct SimSettings {
    pub seed: u64,
    pub agents: u32,
    pub speed: f64,
    /// How many hours of history to simulate before the present, so the console opens
    /// with the day's numbers behind it.
    pub warm_up_hours: u32,
    /// A surge of calls across the centre starting at the present, for an hour: the arrival
    /// rate times this factor (training and tests: watch the alerts fire).
    pub surge_factor: Option<f64>,
    /// Product lines of the simulated centre: each is a full set of its queues (3 sites × 7
    /// skills, [`fw_sim::QUEUES_PER_LINE`]), set as a queue count by `FLOORWALKER_SIM_QUEUES`.
    pub lines: u16,
    /// The simulated centre's offset from UTC in minutes (its daily call pattern follows its
    /// local time); China time (480) unless set. The scale benchmark uses it to run at the
    /// morning peak whatever the hour.
    pub utc_offset_minutes: i32,
}

impl Default for SimSettings {
    fn default() -> Self {
        SimSettings {
            seed: 2026,
            agents: 400,
            speed: 1.0,
            warm_up_hours: 3,
            surge_factor: None,
            lines: 1,
            utc_offset_minutes: 480,
        }
    }
}

/// Why the configuration cannot be used.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ConfigError {
    #[error("{key} must be {expected}, got {value:?}")]
    Invalid {
        key: &'static str,
        expected: &'static str,
        value: String,
    },
    #[error("{key} must be set when {because}")]
    Missing {
        key: &'static str,
        because: &'static str,
    },
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// The console's configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct AppConfig {
    pub platform: PlatformChoice,
    pub calendar: ShiftCalendar,
    /// The team file (users, roles, phones, monitoring rules): `FLOORWALKER_TEAM_FILE`.
    /// Without one nobody may monitor calls.
    pub team_file: Option<std::path::PathBuf>,
    /// The store: `FLOORWALKER_DB_URL` (`postgres://…` for a shared team, `sqlite://…`);
    /// without one, SQLite in the OS data directory.
    pub db_url: Option<String>,
    /// Where post-call surveys are pulled from over HTTP, if anywhere.
    pub survey_service: Option<SurveyServiceSettings>,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            platform: PlatformChoice::Simulator(SimSettings::default()),
            calendar: ShiftCalendar::china_three_shifts(),
            team_file: None,
            db_url: None,
            survey_service: None,
        }
    }
}

impl AppConfig {
    /// Reads overrides from `FLOORWALKER_*` variables (given as pairs so it stays testable):
    /// `FLOORWALKER_SIM_AGENTS`, `_SIM_SEED`, `_SIM_SPEED`, `_SIM_WARMUP_HOURS`, `_SIM_SURGE`,
    /// `_SIM_QUEUES`, `_SIM_UTC_OFFSET_MINUTES`,
    /// `FLOORWALKER_TIME_ZONE`, `FLOORWALKER_SHIFT_STARTS` (e.g. `06:00,14:00,22:00`);
    /// `FLOORWALKER_PLATFORM` (`simulator` or `asterisk`) with `FLOORWALKER_AMI_URL` (or
    /// `_AMI_HOST`, `_AMI_PORT` and `_AMI_TLS`), `_AMI_USER` and `_AMI_CA`; `FLOORWALKER_SURVEY_URL` and
    /// `FLOORWALKER_SURVEY_PULL_MINUTES`.
    pub fn from_vars<'a>(
        vars: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<AppConfig, ConfigError> {
        let mut sim = SimSettings::default();
        let mut time_zone = "Asia/Shanghai".to_owned();
        let mut shifts = "06:00,14:00,22:00".to_owned();
        let mut team_file = None;
        let mut db_url = None;
        let mut platform = PlatformVars::default();
        let mut survey_url: Option<String> = None;
        let mut survey_minutes = DEFAULT_SURVEY_PULL_MINUTES;
        for (key, value) in vars {
            if platform.read(key, value)? || read_sim_var(key, value, &mut sim)? {
                continue;
            }
            match key {
                "FLOORWALKER_TIME_ZONE" => value.clone_into(&mut time_zone),
                "FLOORWALKER_SHIFT_STARTS" => value.clone_into(&mut shifts),
                "FLOORWALKER_TEAM_FILE" if !value.trim().is_empty() => {
                    team_file = Some(std::path::PathBuf::from(value));
                }
                "FLOORWALKER_DB_URL" if !value.trim().is_empty() => {
                    db_url = Some(value.to_owned());
                }
                "FLOORWALKER_SURVEY_URL" if !value.trim().is_empty() => {
                    survey_url = Some(survey_service_url(value)?);
                }
                "FLOORWALKER_SURVEY_PULL_MINUTES" => {
                    survey_minutes =
                        parse(value)
                            .filter(|m| (1..=1440).contains(m))
                            .ok_or_else(|| {
                                invalid(
                                    "FLOORWALKER_SURVEY_PULL_MINUTES",
                                    "whole minutes from 1 to 1440",
                                    value,
                                )
                            })?;
                }
                _ => {}
            }
        }
        let starts: Vec<&str> = shifts
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let (asterisk, ami) = platform.finish();
        let platform = if asterisk {
            if ami.username.is_empty() {
                return Err(ConfigError::Missing {
                    key: "FLOORWALKER_AMI_USER",
                    because: "FLOORWALKER_PLATFORM=asterisk",
                });
            }
            PlatformChoice::Asterisk(ami)
        } else {
            PlatformChoice::Simulator(sim)
        };
        Ok(AppConfig {
            platform,
            calendar: ShiftCalendar::new(&time_zone, &starts)?,
            team_file,
            db_url,
            survey_service: survey_url.map(|url| SurveyServiceSettings {
                url,
                every_minutes: survey_minutes,
            }),
        })
    }

    /// Where the simulation starts for a console opening at `present`.
    pub fn sim_start(settings: &SimSettings, present: Timestamp) -> Timestamp {
        present.plus_ms(-i64::from(settings.warm_up_hours) * 3_600_000)
    }
}

/// Reads one of the simulator's variables (`FLOORWALKER_SIM_*`); false when `key` is not one
/// of them.
fn read_sim_var(key: &str, value: &str, sim: &mut SimSettings) -> Result<bool, ConfigError> {
    match key {
        "FLOORWALKER_SIM_AGENTS" => {
            sim.agents = parse(value)
                .filter(|n| (20..=10_000).contains(n))
                .ok_or_else(|| {
                    invalid(
                        "FLOORWALKER_SIM_AGENTS",
                        "a whole number from 20 to 10000",
                        value,
                    )
                })?;
        }
        "FLOORWALKER_SIM_SEED" => {
            sim.seed = parse(value)
                .ok_or_else(|| invalid("FLOORWALKER_SIM_SEED", "a whole number", value))?;
        }
        "FLOORWALKER_SIM_SPEED" => {
            sim.speed = parse::<f64>(value)
                .filter(|s| *s > 0.0 && *s <= 1000.0)
                .ok_or_else(|| {
                    invalid(
                        "FLOORWALKER_SIM_SPEED",
                        "a number above 0 and at most 1000",
                        value,
                    )
                })?;
        }
        "FLOORWALKER_SIM_WARMUP_HOURS" => {
            sim.warm_up_hours = parse(value).filter(|h| *h <= 24).ok_or_else(|| {
                invalid(
                    "FLOORWALKER_SIM_WARMUP_HOURS",
                    "a whole number of hours from 0 to 24",
                    value,
                )
            })?;
        }
        "FLOORWALKER_SIM_SURGE" if !value.trim().is_empty() => {
            sim.surge_factor = Some(
                parse::<f64>(value)
                    .filter(|f| (1.0..=20.0).contains(f))
                    .ok_or_else(|| {
                        invalid(
                            "FLOORWALKER_SIM_SURGE",
                            "a factor from 1 to 20 (e.g. 4 for four times the calls)",
                            value,
                        )
                    })?,
            );
        }
        "FLOORWALKER_SIM_QUEUES" => {
            sim.lines = parse::<usize>(value)
                .filter(|n| n % fw_sim::QUEUES_PER_LINE == 0)
                .and_then(|n| u16::try_from(n / fw_sim::QUEUES_PER_LINE).ok())
                .filter(|lines| (1..=fw_sim::MAX_LINES).contains(lines))
                .ok_or_else(|| {
                    invalid(
                        "FLOORWALKER_SIM_QUEUES",
                        "a multiple of 21 (3 sites × 7 skills) from 21 to 1008, e.g. 504",
                        value,
                    )
                })?;
        }
        "FLOORWALKER_SIM_UTC_OFFSET_MINUTES" => {
            sim.utc_offset_minutes = parse::<i32>(value)
                .filter(|m| (-720..=840).contains(m))
                .ok_or_else(|| {
                    invalid(
                        "FLOORWALKER_SIM_UTC_OFFSET_MINUTES",
                        "whole minutes from -720 to 840 (480 is China time)",
                        value,
                    )
                })?;
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// The survey service's URL: http or https with a host written out (`http:///x` is not
/// one, whatever a URL parser makes of it), and acceptable to the pull (no credentials,
/// fragment, `limit` or `cursor`). Anything else would only fail at the first pull, minutes
/// after start-up, where nobody is looking.
fn survey_service_url(value: &str) -> Result<String, ConfigError> {
    let url = value.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let written_out = rest.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && !url.contains(char::is_whitespace);
    if written_out && fw_survey_pull::check_base_url(url).is_ok() {
        return Ok(url.to_owned());
    }
    Err(invalid(
        "FLOORWALKER_SURVEY_URL",
        "an http:// or https:// URL of the survey service's collection, without a user name, password, #fragment, limit or cursor",
        value,
    ))
}

pub(crate) fn parse<T: std::str::FromStr>(value: &str) -> Option<T> {
    value.trim().parse().ok()
}

pub(crate) fn invalid(key: &'static str, expected: &'static str, value: &str) -> ConfigError {
    ConfigError::Invalid {
        key,
        expected,
        value: value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_run_the_simulator_in_shanghai_time() {
        let config = AppConfig::from_vars([]).unwrap();
        assert_eq!(config, AppConfig::default());
        assert_eq!(config.calendar.time_zone(), "Asia/Shanghai");
    }

    #[test]
    fn overrides_are_read_and_bad_values_are_named() {
        let config = AppConfig::from_vars([
            ("FLOORWALKER_SIM_AGENTS", "1000"),
            ("FLOORWALKER_SIM_SPEED", "20"),
        ])
        .unwrap();
        let PlatformChoice::Simulator(sim) = config.platform else {
            panic!("the simulator is the default");
        };
        assert_eq!((sim.agents, sim.speed), (1000, 20.0));
        assert!(AppConfig::from_vars([("FLOORWALKER_SIM_SURGE", "0.5")]).is_err());
        let scale = AppConfig::from_vars([("FLOORWALKER_SIM_QUEUES", "504")]).unwrap();
        assert!(matches!(
            scale.platform,
            PlatformChoice::Simulator(SimSettings { lines: 24, .. })
        ));
        assert!(AppConfig::from_vars([("FLOORWALKER_SIM_UTC_OFFSET_MINUTES", "-900")]).is_err());
        for bad in ["500", "0", "1029", "many"] {
            let error = AppConfig::from_vars([("FLOORWALKER_SIM_QUEUES", bad)]).unwrap_err();
            assert!(error.to_string().contains("multiple of 21"), "{error}");
        }
        let surged = AppConfig::from_vars([("FLOORWALKER_SIM_SURGE", "4")]).unwrap();
        assert!(
            matches!(surged.platform, PlatformChoice::Simulator(SimSettings { surge_factor: Some(f), .. }) if (f - 4.0).abs() < 1e-9)
        );
        let error = AppConfig::from_vars([("FLOORWALKER_SIM_AGENTS", "5")]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "FLOORWALKER_SIM_AGENTS must be a whole number from 20 to 10000, got \"5\""
        );
        assert!(matches!(
            AppConfig::from_vars([("FLOORWALKER_TIME_ZONE", "Nowhere/Land")]),
            Err(ConfigError::Calendar(_))
        ));
        assert!(AppConfig::from_vars([("FLOORWALKER_SIM_SPEED", "-1")]).is_err());
    }

    #[test]
    fn asterisk_is_chosen_by_variable_with_defaults_and_named_errors() {
        let config = AppConfig::from_vars([
            ("FLOORWALKER_PLATFORM", "asterisk"),
            ("FLOORWALKER_AMI_USER", "floorwalker"),
        ])
        .unwrap();
        assert_eq!(
            config.platform,
            PlatformChoice::Asterisk(AsteriskSettings {
                host: "127.0.0.1".into(),
                port: 5038,
                username: "floorwalker".into(),
                tls: false,
                ca_file: None,
            })
        );
        let error = |vars: &[(&'static str, &'static str)]| {
            AppConfig::from_vars(vars.iter().copied())
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            error(&[("FLOORWALKER_PLATFORM", "asterisk")]),
            "FLOORWALKER_AMI_USER must be set when FLOORWALKER_PLATFORM=asterisk"
        );
        assert!(
            error(&[("FLOORWALKER_PLATFORM", "freeswitch")])
                .starts_with("FLOORWALKER_PLATFORM must be")
        );
        assert!(
            error(&[("FLOORWALKER_AMI_PORT", "70000")]).starts_with("FLOORWALKER_AMI_PORT must be")
        );
        assert!(
            error(&[("FLOORWALKER_AMI_HOST", "a b")]).starts_with("FLOORWALKER_AMI_HOST must be")
        );
        assert!(
            error(&[("FLOORWALKER_AMI_TLS", "maybe")]).starts_with("FLOORWALKER_AMI_TLS must be")
        );
        let simulator = AppConfig::from_vars([("FLOORWALKER_AMI_USER", "x")]).unwrap();
        assert!(
            matches!(simulator.platform, PlatformChoice::Simulator(_)),
            "the simulator stays the default"
        );
    }

    #[test]
    fn the_survey_service_is_optional_and_checked() {
        assert_eq!(AppConfig::default().survey_service, None);
        let config = AppConfig::from_vars([
            (
                "FLOORWALKER_SURVEY_URL",
                " https://surveys.example.cn/api/v1/responses ",
            ),
            ("FLOORWALKER_SURVEY_PULL_MINUTES", "15"),
        ])
        .unwrap();
        assert_eq!(
            config.survey_service,
            Some(SurveyServiceSettings {
                url: "https://surveys.example.cn/api/v1/responses".into(),
                every_minutes: 15,
            })
        );
        let minutes = AppConfig::from_vars([("FLOORWALKER_SURVEY_URL", "http://127.0.0.1:9/s")])
            .unwrap()
            .survey_service
            .unwrap()
            .every_minutes;
        assert_eq!(minutes, DEFAULT_SURVEY_PULL_MINUTES);
        for bad in [
            "ftp://x/y",
            "surveys.example.cn",
            "https://",
            "http:///x",
            "https://user:pw@surveys.example.cn/r",
            "https://surveys.example.cn/r?limit=5",
        ] {
            let error = AppConfig::from_vars([("FLOORWALKER_SURVEY_URL", bad)]).unwrap_err();
            assert!(
                error
                    .to_string()
                    .starts_with("FLOORWALKER_SURVEY_URL must be"),
                "{bad}"
            );
        }
        for bad in ["0", "1441", "often"] {
            let error =
                AppConfig::from_vars([("FLOORWALKER_SURVEY_PULL_MINUTES", bad)]).unwrap_err();
            assert!(
                error
                    .to_string()
                    .starts_with("FLOORWALKER_SURVEY_PULL_MINUTES must be")
            );
        }
    }
}
