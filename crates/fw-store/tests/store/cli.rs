//! The `floorwalker-audit` binary: exit codes and output.

use std::process::{Command, Output};

use crate::support::{PG_VAR, TestDb, fill, on_both_backends};

on_both_backends!(cli_verifies_and_lists);

fn audit_cli(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_floorwalker-audit"));
    cmd.args(args)
        .env_remove("FLOORWALKER_DB_URL")
        .env_remove(PG_VAR)
        .env("RUST_LOG", "off");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn cli_verifies_and_lists(db: &TestDb) {
    let store = db.open().await;
    let records = fill(&store, 5).await;

    let out = tokio::task::block_in_place(|| audit_cli(&["verify", "--db", &db.url], &[]));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        stdout(&out).starts_with("intact: 5 records"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains(&records[4].hash),
        "the newest hash is shown, to note down"
    );

    // The URL may come from the environment instead.
    let out = tokio::task::block_in_place(|| {
        audit_cli(
            &["list", "--limit", "2"],
            &[("FLOORWALKER_DB_URL", &db.url)],
        )
    });
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("#5 2026-01-01T00:00:05.000Z"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("#4 "), "{}", lines[1]);

    let out =
        tokio::task::block_in_place(|| audit_cli(&["list", "--db", &db.url, "--before", "2"], &[]));
    assert_eq!(stdout(&out).lines().count(), 1);

    db.drop_append_only_triggers().await;
    db.raw("UPDATE audit_log SET action = 'monitor.stop' WHERE id = 3")
        .await
        .unwrap();
    let out = tokio::task::block_in_place(|| audit_cli(&["verify", "--db", &db.url], &[]));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        stdout(&out).trim(),
        "TAMPERED: record 3: hash does not match its contents"
    );
    store.close().await;
}

#[test]
fn cli_usage_errors_exit_2() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["verify", "--limit", "3"],
        &["list", "--limit", "many"],
        &["verify", "--db"],
    ] {
        let out = audit_cli(args, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("usage:"),
            "{args:?}"
        );
    }
    let out = audit_cli(&["--help"], &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("floorwalker-audit verify"));
}

#[test]
fn cli_store_errors_exit_2_without_the_password() {
    let out = audit_cli(
        &["verify", "--db", "postgres://fw:hunter2@127.0.0.1:1/fw"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot open the PostgreSQL store"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2"), "{stderr}");
}

#[test]
fn cli_default_store_is_created_in_the_data_directory() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let env = [
        ("HOME", home.path().to_str().unwrap()),
        ("XDG_DATA_HOME", data.to_str().unwrap()),
    ];
    let out = audit_cli(&["verify"], &env);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(stdout(&out).trim(), "intact: 0 records");
    assert!(data.join("floorwalker").join("floorwalker.db").is_file());
}
