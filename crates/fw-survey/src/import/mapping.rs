//! Which source column (CSV header, JSON key) holds each survey field.

use serde::{Deserialize, Serialize};

use super::field::Field;

/// China Standard Time, the offset of most of the timestamps we are given without one.
pub const DEFAULT_UTC_OFFSET_MINUTES: i32 = 8 * 60;
/// The widest offset in use anywhere (±18:00, as RFC 3339 and chrono allow).
pub const MAX_UTC_OFFSET_MINUTES: i32 = 18 * 60;

/// The source column (or JSON key) of each field. Names match case-insensitively and
/// ignoring surrounding spaces. A required column missing from the file rejects the file; an
/// optional column missing from it leaves that field empty in every row.
///
/// `Default` reads Floorwalker's own export ([`crate::export::CSV_HEADER`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ColumnMapping {
    pub call_ref: String,
    pub answered_at: String,
    pub csat: String,
    pub nps: Option<String>,
    pub first_contact_resolution: Option<String>,
    pub comment: Option<String>,
    pub site: Option<String>,
    pub queue: Option<String>,
    pub agent: Option<String>,
    pub wait_secs: Option<String>,
    pub talk_secs: Option<String>,
    pub escalated: Option<String>,
    pub callback: Option<String>,
    /// The offset of timestamps written without one ("2024-03-01 09:30"), in minutes east
    /// of UTC. A fixed offset: China has no daylight saving time.
    pub utc_offset_minutes: i32,
}

impl Default for ColumnMapping {
    fn default() -> ColumnMapping {
        let name = |field: Field| Some(default_column(field).to_owned());
        ColumnMapping {
            call_ref: default_column(Field::CallRef).to_owned(),
            answered_at: default_column(Field::AnsweredAt).to_owned(),
            csat: default_column(Field::Csat).to_owned(),
            nps: name(Field::Nps),
            first_contact_resolution: name(Field::FirstContactResolution),
            comment: name(Field::Comment),
            site: name(Field::Site),
            queue: name(Field::Queue),
            agent: name(Field::Agent),
            wait_secs: name(Field::WaitSecs),
            talk_secs: name(Field::TalkSecs),
            escalated: name(Field::Escalated),
            callback: name(Field::Callback),
            utc_offset_minutes: DEFAULT_UTC_OFFSET_MINUTES,
        }
    }
}

/// The column name of each field in Floorwalker's own export.
pub(crate) const fn default_column(field: Field) -> &'static str {
    match field {
        Field::CallRef => "call_ref",
        Field::AnsweredAt => "answered_at",
        Field::Csat => "csat",
        Field::Nps => "nps",
        Field::FirstContactResolution => "fcr",
        Field::Comment => "comment",
        Field::Site => "site",
        Field::Queue => "queue",
        Field::Agent => "agent",
        Field::WaitSecs => "wait_secs",
        Field::TalkSecs => "talk_secs",
        Field::Escalated => "escalated",
        Field::Callback => "callback",
    }
}

impl ColumnMapping {
    /// The source column mapped to a field, if any. A blank optional name is no mapping
    /// (a form left empty); a blank required one is refused by `parse`.
    pub(crate) fn column(&self, field: Field) -> Option<&str> {
        fn optional(name: Option<&str>) -> Option<&str> {
            name.filter(|n| !n.trim().is_empty())
        }
        match field {
            Field::CallRef => Some(&self.call_ref),
            Field::AnsweredAt => Some(&self.answered_at),
            Field::Csat => Some(&self.csat),
            Field::Nps => optional(self.nps.as_deref()),
            Field::FirstContactResolution => optional(self.first_contact_resolution.as_deref()),
            Field::Comment => optional(self.comment.as_deref()),
            Field::Site => optional(self.site.as_deref()),
            Field::Queue => optional(self.queue.as_deref()),
            Field::Agent => optional(self.agent.as_deref()),
            Field::WaitSecs => optional(self.wait_secs.as_deref()),
            Field::TalkSecs => optional(self.talk_secs.as_deref()),
            Field::Escalated => optional(self.escalated.as_deref()),
            Field::Callback => optional(self.callback.as_deref()),
        }
    }

    /// Leaves a field unmapped: a blank name for a required field (so the screen asks for
    /// it and `parse` refuses it), none for an optional one.
    pub(crate) fn clear_column(&mut self, field: Field) {
        if field.is_required() {
            self.set_column(field, String::new());
            return;
        }
        match field {
            Field::Nps => self.nps = None,
            Field::FirstContactResolution => self.first_contact_resolution = None,
            Field::Comment => self.comment = None,
            Field::Site => self.site = None,
            Field::Queue => self.queue = None,
            Field::Agent => self.agent = None,
            Field::WaitSecs => self.wait_secs = None,
            Field::TalkSecs => self.talk_secs = None,
            Field::Escalated => self.escalated = None,
            Field::Callback => self.callback = None,
            Field::CallRef | Field::AnsweredAt | Field::Csat => {}
        }
    }

    /// Points a field at a source column.
    pub(crate) fn set_column(&mut self, field: Field, column: String) {
        match field {
            Field::CallRef => self.call_ref = column,
            Field::AnsweredAt => self.answered_at = column,
            Field::Csat => self.csat = column,
            Field::Nps => self.nps = Some(column),
            Field::FirstContactResolution => self.first_contact_resolution = Some(column),
            Field::Comment => self.comment = Some(column),
            Field::Site => self.site = Some(column),
            Field::Queue => self.queue = Some(column),
            Field::Agent => self.agent = Some(column),
            Field::WaitSecs => self.wait_secs = Some(column),
            Field::TalkSecs => self.talk_secs = Some(column),
            Field::Escalated => self.escalated = Some(column),
            Field::Callback => self.callback = Some(column),
        }
    }
}

/// Whether a source column's name is the mapped name: trimmed, case-insensitive.
pub(crate) fn same_column(found: &str, mapped: &str) -> bool {
    let (found, mapped) = (found.trim(), mapped.trim());
    found.eq_ignore_ascii_case(mapped) || found.to_lowercase() == mapped.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_reads_our_own_export_in_china_time() {
        let mapping = ColumnMapping::default();
        for field in Field::ALL {
            assert_eq!(mapping.column(field), Some(default_column(field)));
        }
        assert_eq!(mapping.utc_offset_minutes, 480);
    }

    #[test]
    fn a_partial_saved_mapping_fills_the_rest_from_the_default() {
        let mapping: ColumnMapping =
            serde_json::from_str(r#"{"csat":"满意度","comment":null}"#).expect("valid");
        assert_eq!(mapping.csat, "满意度");
        assert_eq!(mapping.comment, None);
        assert_eq!(mapping.call_ref, "call_ref");
    }

    #[test]
    fn column_names_match_ignoring_case_and_spaces() {
        assert!(same_column(" CSAT ", "csat"));
        assert!(same_column("通话ID", "通话id"));
        assert!(!same_column("csat2", "csat"));
    }
}
