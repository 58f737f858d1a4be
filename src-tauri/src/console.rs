//! Who the console runs as and on what: set once at start, managed as Tauri state.

use tokio::sync::watch;

/// The console's session.
#[derive(Debug)]
pub struct Console {
    /// The login name every command acts as: `FLOORWALKER_USER`, else the OS login name.
    pub user: String,
    /// The platform is the embedded simulator (training scenarios are offered).
    pub simulator: bool,
    /// Whether the page wants every live call (its calls view is open, or it follows a
    /// session of its own) or only the monitored ones; the calls stream follows it.
    pub every_call: watch::Sender<bool>,
}

impl Console {
    pub fn new(user: String, simulator: bool) -> Console {
        Console {
            user,
            simulator,
            every_call: watch::Sender::new(true),
        }
    }

    /// The user from the environment: `FLOORWALKER_USER` (a shared workstation, tests), else
    /// the operating system's login name.
    pub fn user_from_env() -> String {
        ["FLOORWALKER_USER", "USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
            .unwrap_or_default()
    }
}
