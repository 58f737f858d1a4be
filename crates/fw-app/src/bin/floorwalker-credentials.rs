//! `floorwalker-credentials`: stores, checks or removes the Asterisk AMI secret in the OS
//! keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows).
//!
//! ```text
//! floorwalker-credentials set|check|delete [--user NAME] [--host HOST] [--port PORT]
//! ```
//!
//! The account defaults to `FLOORWALKER_AMI_USER` at `FLOORWALKER_AMI_HOST` (127.0.0.1) and
//! `FLOORWALKER_AMI_PORT` (5038), the same the console uses. `set` reads the secret from
//! standard input (one line), never from the command line, where other users could read
//! it in the process list; nothing prints it.

use std::io::BufRead;
use std::process::ExitCode;

use fw_connect::ami::{AmiSecret, KeyringEntry, keyring_account};

const USAGE: &str = "usage: floorwalker-credentials set|check|delete [--user NAME] [--host HOST] [--port PORT]\n\
  set     reads the AMI secret from standard input and stores it in the OS keyring\n\
  check   says whether a secret is stored (never prints it)\n\
  delete  removes the stored secret";

struct Args {
    command: String,
    user: String,
    host: String,
    port: u16,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let command = args.next().ok_or_else(|| USAGE.to_owned())?;
    let mut parsed = Args {
        command,
        user: std::env::var("FLOORWALKER_AMI_USER").unwrap_or_default(),
        host: std::env::var("FLOORWALKER_AMI_HOST").unwrap_or_else(|_| "127.0.0.1".into()),
        port: 5038,
    };
    if let Ok(port) = std::env::var("FLOORWALKER_AMI_PORT") {
        parsed.port = port
            .trim()
            .parse()
            .map_err(|_| format!("FLOORWALKER_AMI_PORT must be a port number, got {port:?}"))?;
    }
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--user" => parsed.user = value,
            "--host" => parsed.host = value,
            "--port" => {
                parsed.port = value
                    .parse()
                    .map_err(|_| format!("--port must be a port number, got {value:?}"))?;
            }
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
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
    let account = keyring_account(&args.user, &args.host, args.port);
    let entry = KeyringEntry::new(&account).map_err(|e| e.to_string())?;
    match args.command.as_str() {
        "set" => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| format!("cannot read the secret from standard input: {e}"))?;
            let secret = AmiSecret::new(line.trim_end_matches(['\r', '\n']));
            if secret.is_empty() {
                return Err("the secret on standard input is empty; nothing stored".into());
            }
            entry.set(&secret).map_err(|e| e.to_string())?;
            Ok(format!("stored the AMI secret for {account}"))
        }
        "check" => match entry.get().map_err(|e| e.to_string())? {
            Some(_) => Ok(format!("an AMI secret is stored for {account}")),
            None => Err(format!("no AMI secret stored for {account}")),
        },
        "delete" => {
            if entry.delete().map_err(|e| e.to_string())? {
                Ok(format!("removed the AMI secret for {account}"))
            } else {
                Ok(format!("no AMI secret was stored for {account}"))
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
