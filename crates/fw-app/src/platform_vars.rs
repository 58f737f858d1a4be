//! The platform-choice variables: `FLOORWALKER_PLATFORM` and `FLOORWALKER_AMI_*`. The
//! manager port is a URL (`FLOORWALKER_AMI_URL=tls://pbx.example.cn:5039`) or its parts
//! (`_AMI_HOST`, `_AMI_PORT`, `_AMI_TLS`); the URL wins when both are given, whatever the
//! order the environment lists them in.

use std::path::PathBuf;

use fw_connect::ami::{AmiEndpoint, CA_FILE_ENV, PLAIN_PORT, TLS_PORT};

use crate::config::{AsteriskSettings, ConfigError, invalid, parse};

/// What the variables said so far.
#[derive(Debug, Default)]
pub(crate) struct PlatformVars {
    asterisk: bool,
    host: Option<String>,
    port: Option<u16>,
    tls: Option<bool>,
    url: Option<AmiEndpoint>,
    username: String,
    ca_file: Option<PathBuf>,
}

impl PlatformVars {
    /// Reads `key` if it is one of the platform variables; false when it is not.
    pub(crate) fn read(&mut self, key: &str, value: &str) -> Result<bool, ConfigError> {
        match key {
            "FLOORWALKER_PLATFORM" => {
                self.asterisk = match value.trim().to_ascii_lowercase().as_str() {
                    "" | "simulator" => false,
                    "asterisk" => true,
                    _ => {
                        return Err(invalid(
                            "FLOORWALKER_PLATFORM",
                            "`simulator` or `asterisk`",
                            value,
                        ));
                    }
                };
            }
            "FLOORWALKER_AMI_URL" if !value.trim().is_empty() => {
                let endpoint = AmiEndpoint::parse(value).map_err(|_| {
                    invalid(
                        "FLOORWALKER_AMI_URL",
                        "tcp://host:5038, tls://host:5039 or host:port",
                        value,
                    )
                })?;
                self.url = Some(endpoint);
            }
            "FLOORWALKER_AMI_HOST" => {
                let host = value.trim();
                if host.is_empty() || host.contains(char::is_whitespace) || host.contains('/') {
                    return Err(invalid(
                        "FLOORWALKER_AMI_HOST",
                        "a host name or IP address",
                        value,
                    ));
                }
                self.host = Some(host.to_owned());
            }
            "FLOORWALKER_AMI_PORT" => {
                self.port = Some(parse(value).filter(|p| *p > 0).ok_or_else(|| {
                    invalid(
                        "FLOORWALKER_AMI_PORT",
                        "a port number from 1 to 65535",
                        value,
                    )
                })?);
            }
            "FLOORWALKER_AMI_USER" => value.trim().clone_into(&mut self.username),
            "FLOORWALKER_AMI_TLS" => {
                self.tls = Some(match value.trim().to_ascii_lowercase().as_str() {
                    "" | "0" | "no" | "off" | "false" => false,
                    "1" | "yes" | "on" | "true" => true,
                    _ => return Err(invalid("FLOORWALKER_AMI_TLS", "on or off", value)),
                });
            }
            CA_FILE_ENV if !value.trim().is_empty() => {
                self.ca_file = Some(PathBuf::from(value.trim()));
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Whether Asterisk was chosen, and its settings.
    pub(crate) fn finish(self) -> (bool, AsteriskSettings) {
        let endpoint = self.url.unwrap_or_else(|| {
            let tls = self.tls.unwrap_or(false);
            AmiEndpoint {
                host: self.host.unwrap_or_else(|| "127.0.0.1".to_owned()),
                port: self.port.unwrap_or(if tls { TLS_PORT } else { PLAIN_PORT }),
                tls,
            }
        });
        let settings = AsteriskSettings {
            host: endpoint.host,
            port: endpoint.port,
            username: self.username,
            tls: endpoint.tls,
            ca_file: self.ca_file,
        };
        (self.asterisk, settings)
    }
}

/// The Asterisk settings the platform variables of `vars` give (whether or not Asterisk is
/// the chosen platform): what the console would connect to, for tools such as
/// `floorwalker-credentials`. The same rules and checks as the console's configuration.
pub fn asterisk_settings_from_vars<K, V>(
    vars: impl IntoIterator<Item = (K, V)>,
) -> Result<AsteriskSettings, ConfigError>
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut platform = PlatformVars::default();
    for (key, value) in vars {
        platform.read(key.as_ref(), value.as_ref())?;
    }
    Ok(platform.finish().1)
}

#[cfg(test)]
mod tests {
    use crate::config::{AppConfig, PlatformChoice};

    use super::*;

    fn asterisk(vars: &[(&'static str, &'static str)]) -> AsteriskSettings {
        let mut all = vec![
            ("FLOORWALKER_PLATFORM", "asterisk"),
            ("FLOORWALKER_AMI_USER", "floorwalker"),
        ];
        all.extend_from_slice(vars);
        match AppConfig::from_vars(all).expect("valid").platform {
            PlatformChoice::Asterisk(settings) => settings,
            PlatformChoice::Simulator(_) => panic!("asterisk was chosen"),
        }
    }

    #[test]
    fn the_manager_port_comes_from_a_url_or_its_parts() {
        let tls = asterisk(&[
            ("FLOORWALKER_AMI_HOST", "ignored"),
            ("FLOORWALKER_AMI_URL", "tls://pbx.example.cn"),
            ("FLOORWALKER_AMI_CA", "/etc/floorwalker/site-ca.pem"),
        ]);
        assert_eq!(
            (tls.host.as_str(), tls.port, tls.tls),
            ("pbx.example.cn", 5039, true)
        );
        assert_eq!(
            tls.ca_file.as_deref(),
            Some(std::path::Path::new("/etc/floorwalker/site-ca.pem"))
        );
        let parts = asterisk(&[
            ("FLOORWALKER_AMI_TLS", "on"),
            ("FLOORWALKER_AMI_HOST", "10.0.0.5"),
        ]);
        assert_eq!(
            (parts.host.as_str(), parts.port, parts.tls),
            ("10.0.0.5", 5039, true)
        );
        let plain = asterisk(&[("FLOORWALKER_AMI_URL", "tcp://10.0.0.5")]);
        assert_eq!((plain.port, plain.tls, plain.ca_file), (5038, false, None));
    }

    #[test]
    fn a_bad_manager_url_is_named() {
        let error = AppConfig::from_vars([("FLOORWALKER_AMI_URL", "https://pbx")])
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("FLOORWALKER_AMI_URL must be tcp://"),
            "{error}"
        );
    }
}
