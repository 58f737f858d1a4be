//! Working the review queue: reading pages and details, and the review actions (status,
//! tags, notes, follow-up), one survey or many at once.

use fw_domain::Timestamp;
use fw_store::{StoredSurvey, SurveyNote, SurveyPage, SurveyTagRecord};
use fw_survey::{ReviewStatus, SurveyFilter, SurveySort};

use super::desk::describe_ids;
use super::{SurveyDesk, SurveyError};
use crate::roles::Permission;

/// How many of the agent's latest surveys the detail shows.
const AGENT_RECENT: u32 = 20;

/// A survey with everything its detail view shows.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyDetail {
    pub survey: StoredSurvey,
    pub notes: Vec<SurveyNote>,
    /// The same agent's latest surveys before this one, newest first.
    pub agent_recent: Vec<StoredSurvey>,
}

/// A review action on one or more surveys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewAction {
    SetStatus(ReviewStatus),
    AddTag(String),
    RemoveTag(String),
    /// Who calls the customer back, and by when; `None` clears it.
    FollowUp {
        owner: Option<String>,
        due_ms: Option<i64>,
    },
}

impl ReviewAction {
    fn audit_name(&self) -> &'static str {
        match self {
            ReviewAction::SetStatus(_) => "survey.status",
            ReviewAction::AddTag(_) => "survey.tag",
            ReviewAction::RemoveTag(_) => "survey.untag",
            ReviewAction::FollowUp { .. } => "survey.follow_up",
        }
    }

    fn describe(&self, ids: &[i64]) -> String {
        let what = describe_ids(ids);
        match self {
            ReviewAction::SetStatus(status) => format!("{what} → {}", status.as_str()),
            ReviewAction::AddTag(tag) => format!("{what} + tag {tag}"),
            ReviewAction::RemoveTag(tag) => format!("{what} − tag {tag}"),
            ReviewAction::FollowUp {
                owner: Some(owner),
                due_ms,
            } => format!(
                "{what}: follow-up by {owner}{}",
                due_ms.map(|d| format!(" due {d}")).unwrap_or_default()
            ),
            ReviewAction::FollowUp { owner: None, .. } => format!("{what}: follow-up cleared"),
        }
    }
}

impl SurveyDesk {
    /// A page of the review queue.
    pub async fn page(
        &self,
        user: &str,
        filter: &SurveyFilter,
        sort: SurveySort,
        offset: u64,
        limit: u32,
    ) -> Result<SurveyPage, SurveyError> {
        self.reader(user, Permission::ReviewSurveys)?;
        Ok(self.store.survey_page(filter, sort, offset, limit).await?)
    }

    /// One survey with its notes and the agent's recent scores.
    pub async fn detail(&self, user: &str, id: i64) -> Result<SurveyDetail, SurveyError> {
        self.reader(user, Permission::ReviewSurveys)?;
        let survey = self
            .store
            .survey(id)
            .await?
            .ok_or(SurveyError::NoSuchSurvey(id))?;
        let notes = self.store.survey_notes(id).await?;
        let agent_recent = if survey.record.facts.agent.is_empty() {
            Vec::new()
        } else {
            self.store
                .agent_recent_surveys(
                    &survey.record.facts.agent,
                    survey.record.answered_at_ms,
                    AGENT_RECENT,
                )
                .await?
        };
        Ok(SurveyDetail {
            survey,
            notes,
            agent_recent,
        })
    }

    /// Applies a review action to surveys (one, or a bulk selection); returns how many
    /// changed. Audited first; a store failure afterwards is audited too.
    pub async fn review(
        &self,
        user: &str,
        ids: &[i64],
        action: &ReviewAction,
        at: Timestamp,
    ) -> Result<u64, SurveyError> {
        let name = action.audit_name();
        let what = action.describe(ids);
        let actor = self
            .actor(user, Permission::ReviewSurveys, name, &what, at)
            .await?;
        if ids.is_empty() {
            return Err(SurveyError::Invalid("no survey chosen".to_owned()));
        }
        if let ReviewAction::FollowUp {
            owner: Some(owner), ..
        } = action
            && !self.may(owner, Permission::ReviewSurveys)
        {
            return Err(SurveyError::Invalid(format!(
                "{owner:?} is not a user who reviews surveys"
            )));
        }
        self.audit(&actor, name, &what, at).await?;
        let result = match action {
            ReviewAction::SetStatus(status) => {
                self.store.set_survey_status(ids, *status, at.0).await
            }
            ReviewAction::AddTag(tag) => self.store.add_survey_tag(ids, tag, at.0).await,
            ReviewAction::RemoveTag(tag) => self.store.remove_survey_tag(ids, tag, at.0).await,
            ReviewAction::FollowUp { owner, due_ms } => {
                self.store
                    .set_survey_follow_up(ids, owner.as_deref(), *due_ms, at.0)
                    .await
            }
        };
        match result {
            Ok(changed) => Ok(changed),
            Err(e) => {
                let error = SurveyError::from(e);
                self.audit_failure(&actor, name, &what, at, &error).await;
                Err(error)
            }
        }
    }

    /// Adds a note to a survey; returns the note's id.
    pub async fn add_note(
        &self,
        user: &str,
        id: i64,
        body: &str,
        at: Timestamp,
    ) -> Result<i64, SurveyError> {
        let what = format!("survey {id}: note of {} characters", body.chars().count());
        let actor = self
            .actor(user, Permission::ReviewSurveys, "survey.note", &what, at)
            .await?;
        if body.trim().is_empty() {
            return Err(SurveyError::Invalid("the note is empty".to_owned()));
        }
        self.audit(&actor, "survey.note", &what, at).await?;
        match self.store.add_survey_note(id, user, body, at.0).await {
            Ok(note) => Ok(note),
            Err(e) => {
                let error = SurveyError::from(e);
                self.audit_failure(&actor, "survey.note", &what, at, &error)
                    .await;
                Err(error)
            }
        }
    }

    /// The managed tag list.
    pub async fn tags(&self, user: &str) -> Result<Vec<SurveyTagRecord>, SurveyError> {
        self.reader(user, Permission::ReviewSurveys)?;
        Ok(self.store.survey_tag_catalog().await?)
    }

    /// Adds, relabels, retires or restores a tag of the managed list.
    pub async fn save_tag(
        &self,
        user: &str,
        tag: &SurveyTagRecord,
        at: Timestamp,
    ) -> Result<(), SurveyError> {
        let what = format!(
            "tag {} ({} / {}){}",
            tag.name,
            tag.label_en,
            tag.label_zh,
            if tag.retired { " retired" } else { "" }
        );
        let actor = self
            .actor(
                user,
                Permission::ManageSurveys,
                "survey.tag_list",
                &what,
                at,
            )
            .await?;
        self.audit(&actor, "survey.tag_list", &what, at).await?;
        self.store
            .save_survey_tag(tag)
            .await
            .map_err(SurveyError::from)
    }
}
