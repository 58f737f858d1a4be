//! Post-call survey review as the UI sees it: the review queue's filters, order and pages, a
//! survey's detail, the review actions, the managed tag list and the follow-up owners.
//! Statuses, groups and the review need travel as words; the UI words them in either
//! language. The caller's number is not part of a survey, so it cannot leak from here.

use fw_app::{ReviewAction, SurveyDetail, Team};
use fw_store::{StoredSurvey, SurveyNote, SurveyPage, SurveyTagRecord};
use fw_survey::{
    NpsGroup, Range, ReviewNeed, ReviewStatus, SurveyAnswers, SurveyFilter, SurveySort,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a survey is in the quality manager's workflow.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ReviewStatusDto {
    New,
    InReview,
    FollowUp,
    Closed,
}

impl From<ReviewStatusDto> for ReviewStatus {
    fn from(status: ReviewStatusDto) -> Self {
        match status {
            ReviewStatusDto::New => ReviewStatus::New,
            ReviewStatusDto::InReview => ReviewStatus::InReview,
            ReviewStatusDto::FollowUp => ReviewStatus::FollowUp,
            ReviewStatusDto::Closed => ReviewStatus::Closed,
        }
    }
}

impl From<ReviewStatus> for ReviewStatusDto {
    fn from(status: ReviewStatus) -> Self {
        match status {
            ReviewStatus::New => ReviewStatusDto::New,
            ReviewStatus::InReview => ReviewStatusDto::InReview,
            ReviewStatus::FollowUp => ReviewStatusDto::FollowUp,
            ReviewStatus::Closed => ReviewStatusDto::Closed,
        }
    }
}

/// The net promoter group of an NPS answer: detractors 0–6, passives 7–8, promoters 9–10.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum NpsGroupDto {
    Detractor,
    Passive,
    Promoter,
}

impl From<NpsGroupDto> for NpsGroup {
    fn from(group: NpsGroupDto) -> Self {
        match group {
            NpsGroupDto::Detractor => NpsGroup::Detractor,
            NpsGroupDto::Passive => NpsGroup::Passive,
            NpsGroupDto::Promoter => NpsGroup::Promoter,
        }
    }
}

impl From<NpsGroup> for NpsGroupDto {
    fn from(group: NpsGroup) -> Self {
        match group {
            NpsGroup::Detractor => NpsGroupDto::Detractor,
            NpsGroup::Passive => NpsGroupDto::Passive,
            NpsGroup::Promoter => NpsGroupDto::Promoter,
        }
    }
}

/// Why a survey sits where it does in the queue: unhappy (a detractor or a low CSAT) first,
/// then those with a comment, then the rest.
#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ReviewNeedDto {
    Unhappy,
    Commented,
    Rest,
}

impl From<ReviewNeed> for ReviewNeedDto {
    fn from(need: ReviewNeed) -> Self {
        match need {
            ReviewNeed::Unhappy => ReviewNeedDto::Unhappy,
            ReviewNeed::Commented => ReviewNeedDto::Commented,
            ReviewNeed::Rest => ReviewNeedDto::Rest,
        }
    }
}

/// The order of the review queue; `need` is the queue's own order.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum SurveySortDto {
    Need,
    Newest,
    Oldest,
    CsatAscending,
    NpsAscending,
}

impl From<SurveySortDto> for SurveySort {
    fn from(sort: SurveySortDto) -> Self {
        match sort {
            SurveySortDto::Need => SurveySort::Need,
            SurveySortDto::Newest => SurveySort::Newest,
            SurveySortDto::Oldest => SurveySort::Oldest,
            SurveySortDto::CsatAscending => SurveySort::CsatAscending,
            SurveySortDto::NpsAscending => SurveySort::NpsAscending,
        }
    }
}

/// The review queue's filters; absent fields match everything.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SurveyFilterDto {
    /// Answered at or after, ms since the epoch.
    #[ts(optional)]
    pub from_ms: Option<f64>,
    /// Answered before, ms since the epoch.
    #[ts(optional)]
    pub to_ms: Option<f64>,
    #[ts(optional)]
    pub site: Option<String>,
    #[ts(optional)]
    pub queue: Option<String>,
    /// The agent's name, exactly.
    #[ts(optional)]
    pub agent: Option<String>,
    /// CSAT 1–5, inclusive.
    #[ts(optional)]
    pub csat_min: Option<u8>,
    #[ts(optional)]
    pub csat_max: Option<u8>,
    /// NPS 0–10, inclusive.
    #[ts(optional)]
    pub nps_min: Option<u8>,
    #[ts(optional)]
    pub nps_max: Option<u8>,
    #[ts(optional)]
    pub nps_group: Option<NpsGroupDto>,
    /// Resolved on first contact, as the caller said.
    #[ts(optional)]
    pub fcr: Option<bool>,
    #[ts(optional)]
    pub has_comment: Option<bool>,
    /// `false`: only new surveys; `true`: only those someone has looked at.
    #[ts(optional)]
    pub reviewed: Option<bool>,
    #[ts(optional)]
    pub status: Option<ReviewStatusDto>,
    /// A tag's name.
    #[ts(optional)]
    pub tag: Option<String>,
    /// Words or a phrase from the comment, Chinese or English.
    #[ts(optional)]
    pub text: Option<String>,
}

fn blank_to_none(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Epoch milliseconds from the UI, refused when not a time.
pub fn time_ms(value: f64, what: &str) -> Result<i64, String> {
    if value.is_finite() && value.abs() < 9.0e15 {
        Ok(value.round() as i64)
    } else {
        Err(format!("the {what} is not a time"))
    }
}

/// A survey or note id from the UI, refused when not a whole positive number.
pub fn record_id(value: f64) -> Result<i64, String> {
    if value.fract() == 0.0 && (1.0..9.0e15).contains(&value) {
        Ok(value as i64)
    } else {
        Err(format!("{value} is not a survey id"))
    }
}

fn checked_range(
    min: Option<u8>,
    max: Option<u8>,
    top: u8,
    what: &str,
) -> Result<Range<u8>, String> {
    if let Some(bad) = [min, max].into_iter().flatten().find(|v| *v > top) {
        return Err(format!("{what} {bad} is outside its scale (at most {top})"));
    }
    Ok(Range { min, max })
}

impl SurveyFilterDto {
    /// The store's filter; values off their scale are refused here.
    pub fn into_domain(self) -> Result<SurveyFilter, String> {
        Ok(SurveyFilter {
            from_ms: self.from_ms.map(|v| time_ms(v, "start")).transpose()?,
            to_ms: self.to_ms.map(|v| time_ms(v, "end")).transpose()?,
            site: blank_to_none(self.site),
            queue: blank_to_none(self.queue),
            agent: blank_to_none(self.agent),
            csat: checked_range(self.csat_min, self.csat_max, 5, "CSAT")?,
            nps: checked_range(self.nps_min, self.nps_max, 10, "NPS")?,
            nps_group: self.nps_group.map(Into::into),
            first_contact_resolution: self.fcr,
            has_comment: self.has_comment,
            reviewed: self.reviewed,
            status: self.status.map(Into::into),
            tag: blank_to_none(self.tag),
            text: blank_to_none(self.text),
        })
    }
}

/// One survey: the call's facts, the caller's answers and where its review stands.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SurveyRowDto {
    pub id: f64,
    /// The platform's reference for the call (never the caller's number).
    pub call_ref: String,
    pub answered_at_ms: f64,
    pub site: String,
    pub queue: String,
    /// Empty when unknown.
    pub agent: String,
    pub wait_secs: Option<u32>,
    pub talk_secs: Option<u32>,
    pub escalated: bool,
    pub callback: bool,
    /// 1–5.
    pub csat: u8,
    /// 0–10, when asked.
    pub nps: Option<u8>,
    pub nps_group: Option<NpsGroupDto>,
    pub fcr: Option<bool>,
    pub comment: Option<String>,
    /// Why it is where it is in the queue.
    pub need: ReviewNeedDto,
    /// The CSAT alone counts as unhappy (1 or 2), whatever the NPS says.
    pub low_csat: bool,
    pub status: ReviewStatusDto,
    pub follow_up_owner: Option<String>,
    pub follow_up_due_ms: Option<f64>,
    /// Tag names, sorted.
    pub tags: Vec<String>,
    pub updated_at_ms: f64,
}

fn ms(value: i64) -> f64 {
    value as f64
}

impl From<&StoredSurvey> for SurveyRowDto {
    fn from(s: &StoredSurvey) -> Self {
        let answers = &s.record.answers;
        let facts = &s.record.facts;
        // fw-survey's own rule decides what a low CSAT is: the same answers without an NPS
        // or a comment are unhappy only through the CSAT.
        let csat_only = SurveyAnswers {
            csat: answers.csat,
            nps: None,
            first_contact_resolution: None,
            comment: None,
        };
        SurveyRowDto {
            id: ms(s.id),
            call_ref: s.record.call_ref.clone(),
            answered_at_ms: ms(s.record.answered_at_ms),
            site: facts.site.clone(),
            queue: facts.queue.clone(),
            agent: facts.agent.clone(),
            wait_secs: facts.wait_secs,
            talk_secs: facts.talk_secs,
            escalated: facts.escalated,
            callback: facts.callback,
            csat: answers.csat,
            nps: answers.nps,
            nps_group: answers.nps.and_then(NpsGroup::of).map(Into::into),
            fcr: answers.first_contact_resolution,
            comment: answers.comment.clone(),
            need: ReviewNeed::of(answers).into(),
            low_csat: ReviewNeed::of(&csat_only) == ReviewNeed::Unhappy,
            status: s.status.into(),
            follow_up_owner: s.follow_up_owner.clone(),
            follow_up_due_ms: s.follow_up_due_ms.map(ms),
            tags: s.tags.clone(),
            updated_at_ms: ms(s.updated_at_ms),
        }
    }
}

/// One page of the review queue.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SurveyPageDto {
    pub rows: Vec<SurveyRowDto>,
    /// How many match, counted up to a cap.
    pub total: f64,
    /// More than `total` match (the count stopped at the cap).
    pub total_capped: bool,
    pub offset: f64,
}

impl SurveyPageDto {
    pub fn new(page: &SurveyPage, offset: u64) -> SurveyPageDto {
        SurveyPageDto {
            rows: page.rows.iter().map(SurveyRowDto::from).collect(),
            total: page.total as f64,
            total_capped: page.total_capped,
            offset: offset as f64,
        }
    }
}

/// A reviewer's note.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SurveyNoteDto {
    pub id: f64,
    /// The author's login name.
    pub author: String,
    pub at_ms: f64,
    pub body: String,
}

impl From<&SurveyNote> for SurveyNoteDto {
    fn from(note: &SurveyNote) -> Self {
        SurveyNoteDto {
            id: ms(note.id),
            author: note.author.clone(),
            at_ms: ms(note.at_ms),
            body: note.body.clone(),
        }
    }
}

/// A survey with its notes and the same agent's latest surveys before it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SurveyDetailDto {
    pub survey: SurveyRowDto,
    /// Oldest first.
    pub notes: Vec<SurveyNoteDto>,
    /// Newest first.
    pub agent_recent: Vec<SurveyRowDto>,
}

impl From<&SurveyDetail> for SurveyDetailDto {
    fn from(detail: &SurveyDetail) -> Self {
        SurveyDetailDto {
            survey: (&detail.survey).into(),
            notes: detail.notes.iter().map(SurveyNoteDto::from).collect(),
            agent_recent: detail.agent_recent.iter().map(SurveyRowDto::from).collect(),
        }
    }
}

/// A review action on one survey or a selection.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export)]
pub enum SurveyActionDto {
    #[serde(rename_all = "camelCase")]
    SetStatus { status: ReviewStatusDto },
    #[serde(rename_all = "camelCase")]
    AddTag { tag: String },
    #[serde(rename_all = "camelCase")]
    RemoveTag { tag: String },
    /// Who calls the customer back, and by when; no owner clears it.
    #[serde(rename_all = "camelCase")]
    FollowUp {
        owner: Option<String>,
        due_ms: Option<f64>,
    },
}

impl SurveyActionDto {
    pub fn into_domain(self) -> Result<ReviewAction, String> {
        Ok(match self {
            SurveyActionDto::SetStatus { status } => ReviewAction::SetStatus(status.into()),
            SurveyActionDto::AddTag { tag } => ReviewAction::AddTag(tag.trim().to_owned()),
            SurveyActionDto::RemoveTag { tag } => ReviewAction::RemoveTag(tag.trim().to_owned()),
            SurveyActionDto::FollowUp { owner, due_ms } => {
                let owner = blank_to_none(owner);
                ReviewAction::FollowUp {
                    due_ms: match (&owner, due_ms) {
                        (Some(_), Some(due)) => Some(time_ms(due, "due date")?),
                        _ => None,
                    },
                    owner,
                }
            }
        })
    }
}

/// One tag of the managed list, in both languages.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SurveyTagDto {
    /// Stable key, e.g. `product_defect`.
    pub name: String,
    pub label_en: String,
    pub label_zh: String,
    /// Stays on surveys, cannot be added again.
    pub retired: bool,
}

impl From<&SurveyTagRecord> for SurveyTagDto {
    fn from(tag: &SurveyTagRecord) -> Self {
        SurveyTagDto {
            name: tag.name.clone(),
            label_en: tag.label_en.clone(),
            label_zh: tag.label_zh.clone(),
            retired: tag.retired,
        }
    }
}

impl From<SurveyTagDto> for SurveyTagRecord {
    fn from(tag: SurveyTagDto) -> Self {
        SurveyTagRecord {
            name: tag.name.trim().to_owned(),
            label_en: tag.label_en.trim().to_owned(),
            label_zh: tag.label_zh.trim().to_owned(),
            retired: tag.retired,
        }
    }
}

/// Someone who may own a follow-up (a user who reviews surveys).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SurveyPersonDto {
    pub name: String,
    pub display_name: String,
}

impl SurveyPersonDto {
    pub fn named(name: String, team: &Team) -> SurveyPersonDto {
        let display_name = team
            .user(&name)
            .map_or_else(|| name.clone(), |u| u.shown_name().to_owned());
        SurveyPersonDto { name, display_name }
    }
}

impl From<fw_app::SurveyError> for super::IpcErrorDto {
    fn from(error: fw_app::SurveyError) -> Self {
        use fw_app::SurveyError as E;
        let code = error.code();
        // The UI words the refusal by its code; the message adds the cause.
        match error {
            E::AuditUnavailable(cause) | E::Invalid(cause) => super::IpcErrorDto::new(code, cause),
            other => super::IpcErrorDto::new(code, other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_off_its_scale_is_refused_and_blanks_match_everything() {
        let filter = SurveyFilterDto {
            site: Some("  ".to_owned()),
            text: Some(" 退款 ".to_owned()),
            csat_max: Some(2),
            nps_group: Some(NpsGroupDto::Detractor),
            ..SurveyFilterDto::default()
        }
        .into_domain()
        .expect("a valid filter");
        assert_eq!(filter.site, None);
        assert_eq!(filter.text.as_deref(), Some("退款"));
        assert_eq!(filter.csat.max, Some(2));
        assert_eq!(filter.nps_group, Some(NpsGroup::Detractor));
        let bad = SurveyFilterDto {
            nps_min: Some(11),
            ..SurveyFilterDto::default()
        };
        assert!(bad.into_domain().is_err());
        assert!(record_id(2.5).is_err() && record_id(0.0).is_err() && record_id(f64::NAN).is_err());
        assert_eq!(record_id(42.0), Ok(42));
    }

    #[test]
    fn clearing_a_follow_up_drops_its_due_date() {
        let action = SurveyActionDto::FollowUp {
            owner: Some(" ".to_owned()),
            due_ms: Some(1.0),
        };
        assert_eq!(
            action.into_domain(),
            Ok(ReviewAction::FollowUp {
                owner: None,
                due_ms: None
            })
        );
    }
}
