//! `docs/asterisk.md` against the fixture configuration and the recorded Asterisk: the
//! manager.conf user it recommends may do everything the connector does, the ChanSpy
//! context is the one the recordings exercised, and the names match the connector's.

use std::collections::BTreeSet;
use std::path::Path;

use fw_connect::ami::{
    AmiEndpoint, CA_FILE_ENV, EVENT_MASK, MAPPED_EVENTS, SPY_CHANNEL_VARIABLE, SpySettings,
    TLS_PORT,
};

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `key = value` in `[section]` of an ini-style text.
fn ini_value(text: &str, section: &str, key: &str) -> Option<String> {
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line.starts_with(&format!("[{section}]"));
        } else if inside
            && let Some((k, v)) = line.split_once('=')
            && k.trim() == key
        {
            return Some(v.trim().to_owned());
        }
    }
    None
}

fn classes(list: &str) -> BTreeSet<String> {
    list.split(',')
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty() && c != "all")
        .collect()
}

#[test]
fn the_manager_user_in_the_guide_may_do_what_the_connector_does() {
    let doc = read("docs/asterisk.md");
    let fixture = read("tests/fixtures/asterisk/etc/manager.conf");
    for key in ["timestampevents", "channelvars", "bindaddr"] {
        assert_eq!(
            ini_value(&doc, "general", key),
            ini_value(&fixture, "general", key),
            "{key}"
        );
    }
    let read_classes = classes(&ini_value(&doc, "floorwalker", "read").expect("read ="));
    let write_classes = classes(&ini_value(&doc, "floorwalker", "write").expect("write ="));
    assert!(
        !write_classes.contains("system"),
        "least privilege: no system class"
    );
    assert!(
        classes(EVENT_MASK).is_subset(&read_classes),
        "the login mask asks only what may be read"
    );

    // Every mapped event the recordings show carries a class the user may read.
    let mut seen = 0;
    for transcript in [
        "01-queue-flow.txt",
        "02-single-call-all-events.txt",
        "04-disaster-mode-astdb.txt",
        "05-chanspy-listen-whisper-barge.txt",
    ] {
        let text = read(&format!("tests/fixtures/asterisk/transcripts/{transcript}"));
        let mut event = None;
        for line in text.lines() {
            if let Some(name) = line.strip_prefix("Event: ") {
                event = Some(name.to_owned());
            } else if let (Some(name), Some(privilege)) = (&event, line.strip_prefix("Privilege: "))
                && MAPPED_EVENTS.contains(&name.as_str())
            {
                assert!(
                    !classes(privilege).is_disjoint(&read_classes),
                    "{name} ({privilege}) is not readable by the guide's user"
                );
                seen += 1;
            }
        }
    }
    assert!(seen > 50, "checked {seen} recorded events");

    // Every action the connector sends is allowed by the guide's write classes, per
    // Asterisk's own ListCommands in the recording.
    let commands = read("tests/fixtures/asterisk/transcripts/07-resync-snapshot.txt");
    let privilege_of = |action: &str| -> String {
        commands
            .lines()
            .filter_map(|line| line.strip_prefix(&format!("{action}: ")))
            .find_map(|rest| rest.rsplit_once("(Priv: "))
            .map_or_else(
                || panic!("{action} in ListCommands"),
                |(_, p)| p.trim_end_matches(')').to_owned(),
            )
    };
    for action in [
        "Login",
        "Events",
        "Ping",
        "QueueStatus",
        "QueueSummary",
        "Status",
        "Originate",
        "PlayDTMF",
        "Hangup",
        "QueuePause",
        "QueueRemove",
    ] {
        let needed = privilege_of(action);
        assert!(
            needed == "<none>" || !classes(&needed).is_disjoint(&write_classes),
            "{action} needs {needed}"
        );
    }
    assert_eq!(
        privilege_of("Filter"),
        "system,all",
        "as the guide says, Filter needs system"
    );
}

/// The `(Priv: …)` of `action` in the recorded `ListCommands`.
fn recorded_privilege(action: &str) -> String {
    read("tests/fixtures/asterisk/transcripts/07-resync-snapshot.txt")
        .lines()
        .filter_map(|line| line.strip_prefix(&format!("{action}: ")))
        .find_map(|rest| rest.rsplit_once("(Priv: "))
        .map_or_else(
            || panic!("{action} in ListCommands"),
            |(_, p)| p.trim_end_matches(')').to_owned(),
        )
}

#[test]
fn the_routing_user_in_the_guide_may_write_astdb_announce_and_still_read_everything() {
    let doc = read("docs/asterisk.md");
    let routing = "floorwalker-routing";
    let write_classes = classes(&ini_value(&doc, routing, "write").expect("write ="));
    assert_eq!(
        ini_value(&doc, routing, "read"),
        ini_value(&doc, "floorwalker", "read"),
        "it sees what every console sees"
    );
    let everyday = classes(&ini_value(&doc, "floorwalker", "write").expect("write ="));
    assert!(
        everyday.is_subset(&write_classes),
        "and may do what they do"
    );
    for action in [
        "DBGet",
        "DBPut",
        "DBDel",
        "UserEvent",
        "QueueChangePriorityCaller",
    ] {
        let needed = recorded_privilege(action);
        assert!(
            needed == "<none>" || !classes(&needed).is_disjoint(&write_classes),
            "{action} needs {needed}"
        );
    }
    assert!(
        !classes(&recorded_privilege("DBGet")).is_disjoint(&everyday),
        "the least-privilege user reads the keys back"
    );
    assert!(
        classes(&recorded_privilege("DBPut")).is_disjoint(&everyday),
        "but cannot write them"
    );
}

#[test]
fn the_chanspy_context_in_the_guide_is_the_one_the_recordings_exercised() {
    let doc = read("docs/asterisk.md");
    let extensions = read("tests/fixtures/asterisk/etc/extensions.conf");
    let defaults = SpySettings::default();
    assert!(
        doc.contains(&format!("[{}]", defaults.context)),
        "the context the connector dials"
    );
    assert!(
        doc.contains(&format!("exten => {},1,", defaults.exten)),
        "the extension it dials"
    );
    let options = |text: &str, marker: &str| -> String {
        let from = text.find(marker).unwrap_or_else(|| panic!("{marker}"));
        let call = text[from..]
            .split("ChanSpy(")
            .nth(1)
            .expect("a ChanSpy call");
        let args = call.split(')').next().expect("closing parenthesis");
        let (channel, options) = args.split_once(',').expect("channel and options");
        assert_eq!(channel, format!("${{{SPY_CHANNEL_VARIABLE}}}"));
        options.to_owned()
    };
    // The fixture's `coach` extension is where the recording switched modes by DTMF.
    assert_eq!(
        options(&doc, &format!("[{}]", defaults.context)),
        options(&extensions, "exten => coach,1,"),
        "the guide's ChanSpy options are the recorded DTMF-switching ones"
    );
    for option in ['q', 'E', 'u', 'd'] {
        assert!(
            options(&doc, "[floorwalker-spy]").contains(option),
            "option {option}"
        );
    }
}

#[test]
fn the_tls_set_up_in_the_guide_is_what_the_connector_accepts() {
    let doc = read("docs/asterisk.md");
    assert_eq!(
        ini_value(&doc, "general", "tlsenable").as_deref(),
        Some("yes")
    );
    let bind = ini_value(&doc, "general", "tlsbindaddr").expect("tlsbindaddr =");
    assert!(bind.ends_with(&format!(":{TLS_PORT}")), "{bind}");
    for key in ["tlscertfile", "tlsprivatekey"] {
        assert!(ini_value(&doc, "general", key).is_some(), "{key}");
    }
    let url = doc
        .split("FLOORWALKER_AMI_URL=")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .expect("an example FLOORWALKER_AMI_URL");
    let endpoint = AmiEndpoint::parse(url).unwrap_or_else(|e| panic!("{e}"));
    assert!(endpoint.tls && endpoint.port == TLS_PORT, "{endpoint}");
    assert!(
        doc.contains(&format!("`{CA_FILE_ENV}`")),
        "the CA setting is documented"
    );
}
