//! `floorwalker-credentials`: stores, checks or removes the Asterisk AMI secret, or the survey
//! service's bearer token, in the OS keyring (Secret Service on Linux, Keychain on macOS,
//! Credential Manager on Windows).
//!
//! ```text
//! floorwalker-credentials set|check|delete [--user NAME] [--host HOST] [--port PORT]
//! floorwalker-credentials set|check|delete --survey URL
//! ```
//!
//! With `--survey` the token is kept for that survey service URL, exactly as
//! `FLOORWALKER_SURVEY_URL` gives it to the console.
//!
//! The account defaults to `FLOORWALKER_AMI_USER` at the host and port of
//! `FLOORWALKER_AMI_URL`, else `FLOORWALKER_AMI_HOST` (127.0.0.1) and `FLOORWALKER_AMI_PORT`
//! (5038, or 5039 with `FLOORWALKER_AMI_TLS=on`), the same the console uses. `set` reads the secret from
//! standard input (one line), never from the command line, where other users could read
//! it in the process list; nothing prints it.

use std::io::BufRead;
use std::process::ExitCode;

use fw_app::SURVEY_KEYRING_SERVICE;
use fw_connect::ami::{AmiSecret, KeyringEntry, keyring_account};

const USAGE: &str = "usage: floorwalker-credentials set|check|delete [--user NAME] [--host HOST] [--port PORT]\n\
       floorwalker-credentials set|check|delete --survey URL\n\
  set     reads the AMI secret (or with --survey the survey service's token) from standard\n\
          input and stores it in the OS keyring\n\
  check   says whether one is stored (never prints it)\n\
  delete  removes the stored one";

struct Args {
    command: String,
    /// The survey service's URL: the token of that service, not an AMI secret.
    survey: Option<String>,
    user: String,
    host: String,
    port: u16,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let command = args.next().ok_or_else(|| USAGE.to_owned())?;
    // The account the console would use: the same variables, rules and checks.
    let settings =
        fw_app::asterisk_settings_from_vars(std::env::vars()).map_err(|e| e.to_string())?;
    let mut parsed = Args {
        command,
        survey: None,
        user: settings.username,
        host: settings.host,
        port: settings.port,
    };
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--user" => parsed.user = value,
            "--survey" => parsed.survey = Some(value.trim().to_owned()),
            "--host" => parsed.host = value,
            "--port" => {
                parsed.port = value
                    .parse()
                    .map_err(|_| format!("--port must be a port number, got {value:?}"))?;
            }
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    if parsed.survey.is_some() {
        return Ok(parsed);
    }
    if parsed.user.is_empty() {
        return Err(format!(
            "no AMI user: pass --user or set FLOORWALKER_AMI_USER\n{USAGE}"
        ));
    }
    Ok(parsed)
}

fn run() -> Result<String, String> {
    let args = parse_args()?;
    let (entry, what) = match &args.survey {
        Some(url) => (
            KeyringEntry::in_service(SURVEY_KEYRING_SERVICE, url),
            "survey service token",
        ),
        None => (
            KeyringEntry::new(&keyring_account(&args.user, &args.host, args.port)),
            "AMI secret",
        ),
    };
    let entry = entry.map_err(|e| e.to_string())?;
    let account = entry.account().to_owned();
    match args.command.as_str() {
        "set" => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| format!("cannot read the {what} from standard input: {e}"))?;
            let secret = AmiSecret::new(line.trim_end_matches(['\r', '\n']));
            if secret.is_empty() {
                return Err(format!(
                    "the {what} on standard input is empty; nothing stored"
                ));
            }
            entry.set(&secret).map_err(|e| e.to_string())?;
            Ok(format!("stored the {what} for {account}"))
        }
        "check" => match entry.get().map_err(|e| e.to_string())? {
            Some(_) => Ok(format!("a {what} is stored for {account}")),
            None => Err(format!("no {what} stored for {account}")),
        },
        "delete" => {
            if entry.delete().map_err(|e| e.to_string())? {
                Ok(format!("removed the {what} for {account}"))
            } else {
                Ok(format!("no {what} was stored for {account}"))
            }
        }
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("floorwalker-credentials: {message}");
            ExitCode::FAILURE
        }
    }
}
