//! Named constructors for the actions Floorwalker sends. Each sets the headers Asterisk
//! requires, with the spellings the recorded transcripts show; optional parameters are
//! `Option`s or chained with [`Action::header`].

use super::Action;

impl Action {
    /// `Login` with a plain-text secret (redacted from `Debug`). Asterisk then sends
    /// every event class the user may read; see [`Action::login_with_events`].
    pub fn login(username: &str, secret: &str) -> Self {
        Self::new("Login")
            .header("Username", username)
            .header("Secret", secret)
    }

    /// [`Action::login`] with an `Events:` mask (`on`, `off`, or classes such as
    /// `agent,user`): filtering at login is far cheaper than discarding the 94 VarSets
    /// one call brings with `Events: on`.
    pub fn login_with_events(username: &str, secret: &str, events: &str) -> Self {
        Self::login(username, secret).header("Events", events)
    }

    /// `Logoff`; Asterisk answers `Response: Goodbye` and closes the connection.
    pub fn logoff() -> Self {
        Self::new("Logoff")
    }

    /// `Ping`, the keep-alive.
    pub fn ping() -> Self {
        Self::new("Ping")
    }

    /// `Events`: changes the event mask of this session.
    pub fn events(mask: &str) -> Self {
        Self::new("Events").header("EventMask", mask)
    }

    /// `Filter` with a match-criteria expression such as
    /// `action(include),name(QueueCallerJoin)` (the Asterisk 22 form in the transcripts).
    pub fn filter_match(criteria: &str) -> Self {
        Self::new("Filter")
            .header("Operation", "Add")
            .header("MatchCriteria", criteria)
    }

    /// `Filter` with a legacy regular-expression filter (`Event: Queue.*`, `!Event: VarSet`).
    pub fn filter_regex(filter: &str) -> Self {
        Self::new("Filter")
            .header("Operation", "Add")
            .header("Filter", filter)
    }

    /// `QueueStatus`: a list of QueueParams, QueueMember and QueueEntry events, for
    /// one queue or all.
    pub fn queue_status(queue: Option<&str>) -> Self {
        Self::new("QueueStatus").header_opt("Queue", queue)
    }

    /// `QueueSummary`: a list of QueueSummary events, for one queue or all.
    pub fn queue_summary(queue: Option<&str>) -> Self {
        Self::new("QueueSummary").header_opt("Queue", queue)
    }

    /// `Status`: a list of Status events, for one channel or all.
    pub fn status(channel: Option<&str>) -> Self {
        Self::new("Status").header_opt("Channel", channel)
    }

    /// `CoreShowChannels`: a list of CoreShowChannel events.
    pub fn core_show_channels() -> Self {
        Self::new("CoreShowChannels")
    }

    /// `DBGet`: an Error response when the key is missing, else a one-item list.
    pub fn db_get(family: &str, key: &str) -> Self {
        Self::new("DBGet")
            .header("Family", family)
            .header("Key", key)
    }

    /// `DBPut`. Asterisk emits no event for AstDB writes: announce the change yourself
    /// (a UserEvent) if other consoles must learn of it.
    pub fn db_put(family: &str, key: &str, value: &str) -> Self {
        Self::db_get(family, key)
            .renamed("DBPut")
            .header("Val", value)
    }

    /// `DBDel`.
    pub fn db_del(family: &str, key: &str) -> Self {
        Self::db_get(family, key).renamed("DBDel")
    }

    /// `DBGetTree`: every key under a family (or the whole database) as a list.
    pub fn db_get_tree(family: Option<&str>) -> Self {
        Self::new("DBGetTree").header_opt("Family", family)
    }

    /// `Originate` into a dialplan extension. Chain `CallerID`, `Timeout` (ms),
    /// `Async: true` and [`Action::variable`] as needed; with `Async` the outcome comes
    /// later as an OriginateResponse event carrying the same `ActionID`.
    pub fn originate_exten(channel: &str, context: &str, exten: &str, priority: u32) -> Self {
        Self::new("Originate")
            .header("Channel", channel)
            .header("Context", context)
            .header("Exten", exten)
            .header("Priority", priority.to_string())
    }

    /// `Originate` into an application (`ChanSpy` with its options for monitoring).
    pub fn originate_app(channel: &str, application: &str, data: &str) -> Self {
        Self::new("Originate")
            .header("Channel", channel)
            .header("Application", application)
            .header("Data", data)
    }

    /// `Redirect` a channel to a dialplan location.
    pub fn redirect(channel: &str, context: &str, exten: &str, priority: u32) -> Self {
        Self::new("Redirect")
            .header("Channel", channel)
            .header("Context", context)
            .header("Exten", exten)
            .header("Priority", priority.to_string())
    }

    /// `Hangup` a channel, with an optional Q.850 cause.
    pub fn hangup(channel: &str, cause: Option<u32>) -> Self {
        Self::new("Hangup")
            .header("Channel", channel)
            .header_opt("Cause", cause.map(|c| c.to_string()))
    }

    /// `QueuePause` a member in one queue or all, with an optional reason (shown as
    /// `PausedReason` in member events).
    pub fn queue_pause(
        interface: &str,
        paused: bool,
        queue: Option<&str>,
        reason: Option<&str>,
    ) -> Self {
        Self::new("QueuePause")
            .header_opt("Queue", queue)
            .header("Interface", interface)
            .header("Paused", if paused { "true" } else { "false" })
            .header_opt("Reason", reason)
    }

    /// `QueueAdd` a member to a queue.
    pub fn queue_add(queue: &str, interface: &str) -> Self {
        Self::new("QueueAdd")
            .header("Queue", queue)
            .header("Interface", interface)
    }

    /// `QueueRemove` a member from a queue.
    pub fn queue_remove(queue: &str, interface: &str) -> Self {
        Self::new("QueueRemove")
            .header("Queue", queue)
            .header("Interface", interface)
    }

    /// `UserEvent`: broadcasts `Event: UserEvent` with `UserEvent: <name>` and any
    /// chained headers to every AMI client (how one console tells the others).
    pub fn user_event(name: &str) -> Self {
        Self::new("UserEvent").header("UserEvent", name)
    }

    /// `Setvar`: a channel variable, or a global one without a channel.
    pub fn setvar(variable: &str, value: &str, channel: Option<&str>) -> Self {
        Self::new("Setvar")
            .header_opt("Channel", channel)
            .header("Variable", variable)
            .header("Value", value)
    }

    /// `Getvar`: the response's `Value` field holds the answer.
    pub fn getvar(variable: &str, channel: Option<&str>) -> Self {
        Self::new("Getvar")
            .header_opt("Channel", channel)
            .header("Variable", variable)
    }

    /// `Command`: a CLI command; the output comes back as `Output:` lines.
    pub fn command(command: &str) -> Self {
        Self::new("Command").header("Command", command)
    }

    /// `PlayDTMF` on a channel (switches ChanSpy modes when option `d` is set).
    pub fn play_dtmf(channel: &str, digit: char) -> Self {
        Self::new("PlayDTMF")
            .header("Channel", channel)
            .header("Digit", digit.to_string())
    }

    fn renamed(mut self, name: &str) -> Self {
        name.clone_into(&mut self.name);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wire(action: &Action) -> String {
        String::from_utf8(action.encode().unwrap()).unwrap()
    }

    #[test]
    fn matches_the_transcripts_spelling() {
        assert_eq!(
            wire(
                &Action::login_with_events("supervisor", "secret", "agent,user")
                    .with_action_id("fw-1")
            ),
            "Action: Login\r\nActionID: fw-1\r\nUsername: supervisor\r\nSecret: secret\r\nEvents: agent,user\r\n\r\n"
        );
        assert_eq!(
            wire(&Action::db_put("ccsup/sim/agent1", "noanswer", "on").with_action_id("fw-2")),
            "Action: DBPut\r\nActionID: fw-2\r\nFamily: ccsup/sim/agent1\r\nKey: noanswer\r\nVal: on\r\n\r\n"
        );
        assert_eq!(
            wire(&Action::queue_pause(
                "Local/agent2@agents/n",
                true,
                Some("support"),
                Some("lunch")
            )),
            "Action: QueuePause\r\nQueue: support\r\nInterface: Local/agent2@agents/n\r\nPaused: true\r\nReason: lunch\r\n\r\n"
        );
        assert_eq!(
            wire(&Action::filter_match(
                "action(include),name(QueueCallerJoin)"
            )),
            "Action: Filter\r\nOperation: Add\r\nMatchCriteria: action(include),name(QueueCallerJoin)\r\n\r\n"
        );
        assert_eq!(
            wire(
                &Action::originate_exten("Local/support@callers/n", "customer", "s", 1)
                    .header("Async", "true")
                    .variable("PATIENCE", "60")
            ),
            "Action: Originate\r\nChannel: Local/support@callers/n\r\nContext: customer\r\nExten: s\r\nPriority: 1\r\nAsync: true\r\nVariable: PATIENCE=60\r\n\r\n"
        );
    }

    #[test]
    fn optional_parameters_are_left_out() {
        assert_eq!(
            wire(&Action::queue_status(None)),
            "Action: QueueStatus\r\n\r\n"
        );
        assert_eq!(
            wire(&Action::hangup("Local/x;1", Some(16))),
            "Action: Hangup\r\nChannel: Local/x;1\r\nCause: 16\r\n\r\n"
        );
        assert_eq!(
            wire(&Action::setvar("CC_MODE", "closed", None)),
            "Action: Setvar\r\nVariable: CC_MODE\r\nValue: closed\r\n\r\n"
        );
    }

    #[test]
    fn every_constructor_encodes() {
        let all = [
            Action::logoff(),
            Action::ping(),
            Action::events("on"),
            Action::filter_regex("!Event: VarSet"),
            Action::queue_summary(Some("billing")),
            Action::status(None),
            Action::core_show_channels(),
            Action::db_get("ccsup/mode", "emergency"),
            Action::db_del("ccsup/mode", "emergency"),
            Action::db_get_tree(Some("ccsup")),
            Action::originate_app(
                "Local/supervisor@supervisor-phone/n",
                "ChanSpy",
                "Local/agent1,qEd",
            ),
            Action::redirect("Local/x;2", "closed", "s", 1),
            Action::queue_add("support", "Local/agent9@agents/n"),
            Action::queue_remove("support", "Local/agent9@agents/n"),
            Action::user_event("ModeChanged").header("Mode", "emergency"),
            Action::getvar("CC_QUEUE", Some("Local/x;2")),
            Action::command("queue show"),
            Action::play_dtmf("Local/supervisor@supervisor-phone-00000025;2", '5'),
        ];
        for action in all {
            let bytes = action.encode().unwrap();
            assert!(bytes.starts_with(b"Action: "), "{action:?}");
            assert!(bytes.ends_with(b"\r\n\r\n"), "{action:?}");
        }
    }
}
