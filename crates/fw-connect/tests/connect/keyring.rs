//! The AMI secret in a real OS keyring (Secret Service over D-Bus). Skipped, with the
//! reason printed, when no Secret Service answers on the session bus (CI starts
//! gnome-keyring-daemon inside its dbus-run-session for this).

use fw_connect::ami::{AmiSecret, KeyringEntry, resolve_secret};

/// The keyring entry for a throwaway account, or why the test cannot run here.
fn entry(account: &str) -> Result<KeyringEntry, String> {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return Err("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset)".into());
    }
    let entry = KeyringEntry::new(account).map_err(|e| e.to_string())?;
    // A read tells whether a Secret Service is there at all; D-Bus may also start one
    // on demand that stays locked (no one to type its password): that is no keyring either.
    entry
        .get()
        .map_err(|e| format!("no usable Secret Service: {e}"))?;
    entry
        .set(&AmiSecret::new("probe"))
        .map_err(|e| format!("the Secret Service refuses writes (locked?): {e}"))?;
    entry
        .delete()
        .map_err(|e| format!("the Secret Service refuses deletes: {e}"))?;
    Ok(entry)
}

#[test]
fn the_secret_round_trips_through_the_os_keyring() {
    let account = format!("fw-test-{}@127.0.0.1:5038", std::process::id());
    let entry = match entry(&account) {
        Ok(entry) => entry,
        Err(reason) => {
            println!("SKIPPED the_secret_round_trips_through_the_os_keyring: {reason}");
            return;
        }
    };
    assert_eq!(entry.get().unwrap(), None, "a fresh account has no secret");
    let error = resolve_secret(None, &account).unwrap_err();
    assert!(
        error.to_string().contains("floorwalker-credentials set"),
        "{error}"
    );

    entry.set(&AmiSecret::new("s3cr3t-pass")).unwrap();
    let secret = resolve_secret(None, &account).unwrap();
    assert_eq!(secret.expose(), "s3cr3t-pass");
    assert_eq!(format!("{secret:?}"), "***");
    assert_eq!(
        resolve_secret(Some("from-env"), &account).unwrap().expose(),
        "from-env",
        "the environment wins"
    );
    assert!(entry.delete().unwrap());
    assert!(
        !entry.delete().unwrap(),
        "deleting twice says there was nothing"
    );
    assert_eq!(entry.get().unwrap(), None);
}
