//! Who may see and do what. Checked in fw-app for every command, whatever a screen shows.

use serde::Deserialize;

/// A user's role in the contact centre.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs a floor: monitors calls and coaches agents.
    FloorSupervisor,
    /// Runs the night: everything a supervisor does, plus disaster-mode routing.
    NightShiftLead,
    /// Reviews surveys and recordings; listens for quality, never joins a call.
    QualityManager,
    /// Configures Floorwalker; may do everything.
    Admin,
    /// A wall display: sees aggregate figures, does nothing.
    Wallboard,
}

/// One thing a role may see or do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    SeeCallerNumbers,
    HearRecordings,
    Listen,
    Whisper,
    Barge,
    ToggleRoutingModes,
    ReviewSurveys,
    ScoreSurveys,
    ExportSurveys,
    /// Import surveys, keep the tag list, set up scoring forms and calibration rounds.
    ManageSurveys,
    EditSettings,
    /// Read everyone's audit trail (without it, a user sees only their own records).
    ViewAudit,
    /// Mark an alert as seen (everyone who works the floor; not a wall display).
    AcknowledgeAlerts,
}

impl Permission {
    pub const ALL: [Permission; 13] = [
        Permission::SeeCallerNumbers,
        Permission::HearRecordings,
        Permission::Listen,
        Permission::Whisper,
        Permission::Barge,
        Permission::ToggleRoutingModes,
        Permission::ReviewSurveys,
        Permission::ScoreSurveys,
        Permission::ExportSurveys,
        Permission::ManageSurveys,
        Permission::EditSettings,
        Permission::ViewAudit,
        Permission::AcknowledgeAlerts,
    ];

    /// The permission's name in audit records and error messages.
    pub const fn name(self) -> &'static str {
        match self {
            Permission::SeeCallerNumbers => "see caller numbers",
            Permission::HearRecordings => "hear recordings",
            Permission::Listen => "listen to calls",
            Permission::Whisper => "whisper to agents",
            Permission::Barge => "barge into calls",
            Permission::ToggleRoutingModes => "toggle disaster-mode routing",
            Permission::ReviewSurveys => "review surveys",
            Permission::ScoreSurveys => "score calls",
            Permission::ExportSurveys => "export survey data",
            Permission::ManageSurveys => "manage survey data (imports, tags, scoring rounds)",
            Permission::EditSettings => "edit settings",
            Permission::ViewAudit => "read the whole audit trail",
            Permission::AcknowledgeAlerts => "acknowledge alerts",
        }
    }
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::FloorSupervisor,
        Role::NightShiftLead,
        Role::QualityManager,
        Role::Admin,
        Role::Wallboard,
    ];

    /// The role's name as files and the store spell it.
    pub const fn name(self) -> &'static str {
        match self {
            Role::FloorSupervisor => "floor_supervisor",
            Role::NightShiftLead => "night_shift_lead",
            Role::QualityManager => "quality_manager",
            Role::Admin => "admin",
            Role::Wallboard => "wallboard",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.name() == name)
    }

    /// The permission table. A quality manager listens (to assess) but never whispers or
    /// barges: joining a call is coaching, which is the floor's job.
    pub const fn allows(self, permission: Permission) -> bool {
        use Permission as P;
        match self {
            Role::Admin => true,
            Role::Wallboard => false,
            Role::FloorSupervisor => matches!(
                permission,
                P::SeeCallerNumbers
                    | P::Listen
                    | P::Whisper
                    | P::Barge
                    | P::ReviewSurveys
                    | P::AcknowledgeAlerts
            ),
            Role::NightShiftLead => matches!(
                permission,
                P::SeeCallerNumbers
                    | P::Listen
                    | P::Whisper
                    | P::Barge
                    | P::ToggleRoutingModes
                    | P::ReviewSurveys
                    | P::ViewAudit
                    | P::AcknowledgeAlerts
            ),
            Role::QualityManager => matches!(
                permission,
                P::HearRecordings
                    | P::Listen
                    | P::ReviewSurveys
                    | P::ScoreSurveys
                    | P::ExportSurveys
                    | P::ManageSurveys
                    | P::ViewAudit
                    | P::AcknowledgeAlerts
            ),
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_admin_may_do_everything_and_the_wallboard_nothing() {
        for permission in Permission::ALL {
            assert!(Role::Admin.allows(permission));
            assert!(!Role::Wallboard.allows(permission));
        }
    }

    #[test]
    fn joining_a_call_is_for_the_floor_and_routing_for_the_night_lead() {
        assert!(Role::FloorSupervisor.allows(Permission::Barge));
        assert!(!Role::QualityManager.allows(Permission::Whisper));
        assert!(Role::QualityManager.allows(Permission::Listen));
        assert!(!Role::FloorSupervisor.allows(Permission::ToggleRoutingModes));
        assert!(Role::NightShiftLead.allows(Permission::ToggleRoutingModes));
        assert!(!Role::QualityManager.allows(Permission::SeeCallerNumbers));
        assert!(!Role::FloorSupervisor.allows(Permission::ViewAudit));
        assert!(Role::NightShiftLead.allows(Permission::ViewAudit));
        for role in [
            Role::FloorSupervisor,
            Role::NightShiftLead,
            Role::QualityManager,
        ] {
            assert!(role.allows(Permission::AcknowledgeAlerts), "{role}");
        }
    }

    #[test]
    fn names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.name()), Some(role));
        }
        assert_eq!(Role::parse("supervisor"), None);
    }
}
