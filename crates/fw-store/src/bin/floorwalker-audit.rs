//! `floorwalker-audit`: check and read the audit trail from a terminal.
//!
//! ```text
//! floorwalker-audit verify [--db URL]
//! floorwalker-audit list   [--db URL] [--limit N] [--before ID]
//! ```
//!
//! The store is `--db URL`, else `$FLOORWALKER_DB_URL`, else the default SQLite file in the
//! OS data directory. Exit codes: 0 success (for `verify`: the chain is intact), 1 the chain
//! is tampered, 2 anything else (bad arguments, unreachable store).

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use fw_store::{AuditRecord, AuditVerification, Store};

const USAGE: &str = "usage:
  floorwalker-audit verify [--db URL]
  floorwalker-audit list   [--db URL] [--limit N] [--before ID]

The store is --db URL, else $FLOORWALKER_DB_URL, else the default SQLite file.
URL: sqlite:///abs/path.db or postgres://user:password@host:port/database";

const DB_URL_VAR: &str = "FLOORWALKER_DB_URL";

#[derive(Debug)]
enum Command {
    Verify,
    List { limit: u32, before: Option<i64> },
}

#[derive(Debug)]
struct Args {
    command: Command,
    db: Option<String>,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = match parse(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e:#}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(args)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The parsed arguments, or `None` when help was asked for.
fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Args>> {
    let command = args.next().context("no command given")?;
    if matches!(command.as_str(), "-h" | "--help" | "help") {
        return Ok(None);
    }
    let mut db = None;
    let mut limit = 50;
    let mut before = None;
    while let Some(flag) = args.next() {
        let mut value = || args.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--db" => db = Some(value()?),
            "--limit" if command == "list" => {
                limit = value()?.parse().context("--limit takes a whole number")?;
            }
            "--before" if command == "list" => {
                before = Some(value()?.parse().context("--before takes a record id")?);
            }
            "-h" | "--help" => return Ok(None),
            other => bail!("unknown argument {other:?} for {command}"),
        }
    }
    let command = match command.as_str() {
        "verify" => Command::Verify,
        "list" => Command::List { limit, before },
        other => bail!("unknown command {other:?}"),
    };
    Ok(Some(Args { command, db }))
}

async fn open(db: Option<String>) -> Result<Store> {
    let url = db.or_else(|| std::env::var(DB_URL_VAR).ok().filter(|v| !v.is_empty()));
    let store = match url {
        Some(url) => Store::open(&url).await?,
        None => Store::open_default().await?,
    };
    Ok(store)
}

async fn run(args: Args) -> Result<ExitCode> {
    let store = open(args.db).await?;
    let code = match args.command {
        Command::Verify => match store.verify_audit().await? {
            AuditVerification::Intact { records } => {
                let head = store.audit_page(None, 1).await?;
                match head.first() {
                    Some(newest) => println!(
                        "intact: {records} records (newest #{} {})",
                        newest.id, newest.hash
                    ),
                    None => println!("intact: {records} records"),
                }
                ExitCode::SUCCESS
            }
            AuditVerification::Tampered { id, reason } => {
                println!("TAMPERED: record {id}: {reason}");
                ExitCode::from(1)
            }
        },
        Command::List { limit, before } => {
            for record in store.audit_page(before, limit).await? {
                println!("{}", line(&record));
            }
            ExitCode::SUCCESS
        }
    };
    store.close().await;
    Ok(code)
}

/// One record on one line: id, UTC time, who, what, outcome, then whatever is set. (Writing
/// to a `String` cannot fail, hence the ignored results.)
fn line(r: &AuditRecord) -> String {
    let e = &r.entry;
    let at = chrono::DateTime::from_timestamp_millis(e.at_ms).map_or_else(
        || format!("{}ms", e.at_ms),
        |t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
    );
    let mut out = format!(
        "#{} {at} {} ({}) {} {}",
        r.id, e.user, e.role, e.action, e.outcome
    );
    if let Some(call) = e.call {
        let _ = write!(out, " call={call}");
    }
    if let Some(agent) = e.agent {
        let _ = write!(out, " agent={agent}");
    }
    if let Some(queue) = e.queue {
        let _ = write!(out, " queue={queue}");
    }
    if let Some(mode) = &e.mode {
        let _ = write!(out, " mode={mode}");
    }
    if !e.detail.is_empty() {
        let _ = write!(out, " detail={:?}", e.detail);
    }
    out
}
