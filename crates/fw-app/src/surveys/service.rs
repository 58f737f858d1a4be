//! The survey service as the quality manager sees it: what the pull is doing, and a pull
//! on demand.

use fw_domain::Timestamp;
use fw_survey_pull::SurveyPull;

use super::pull::PullHandle;
use super::pull_status::{PullReport, SurveyPullStatus};
use super::{SurveyDesk, SurveyError};
use crate::config::SurveyServiceSettings;
use crate::roles::Permission;

impl SurveyDesk {
    /// Pulls from the survey service as the console runs (see [`PullHandle::start`]).
    pub(crate) fn start_pull(
        &mut self,
        service: &SurveyServiceSettings,
        client: Result<SurveyPull, String>,
    ) {
        self.pull = Some(PullHandle::start(self.store.clone(), service, client));
    }

    /// The survey pull's state and last result; `None` when no service is configured.
    pub fn pull_status(&self, user: &str) -> Result<Option<SurveyPullStatus>, SurveyError> {
        self.reader(user, Permission::ReviewSurveys)?;
        Ok(self.pull.as_ref().map(PullHandle::status))
    }

    /// Pulls from the survey service now and waits for it. A pull that stored nothing
    /// because the service or the items failed is a report, not an error; an error means it
    /// could not run at all.
    pub async fn pull_now(&self, user: &str, at: Timestamp) -> Result<PullReport, SurveyError> {
        let what = self
            .pull
            .as_ref()
            .map_or_else(String::new, |pull| pull.status().url);
        let actor = self
            .actor(user, Permission::ManageSurveys, "survey.pull", &what, at)
            .await?;
        let Some(pull) = &self.pull else {
            return Err(SurveyError::Invalid(
                "no survey service is configured (FLOORWALKER_SURVEY_URL)".into(),
            ));
        };
        self.audit(&actor, "survey.pull", &what, at).await?;
        match pull.pull_now(user).await {
            Ok(report) => {
                if !report.succeeded() {
                    let error = SurveyError::Invalid(report.summary());
                    self.audit_failure(&actor, "survey.pull", &what, at, &error)
                        .await;
                }
                Ok(report)
            }
            Err(reason) => {
                let error = SurveyError::Invalid(reason);
                self.audit_failure(&actor, "survey.pull", &what, at, &error)
                    .await;
                Err(error)
            }
        }
    }
}
