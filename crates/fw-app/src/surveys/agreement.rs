//! How far raters agree, per form item, over the form's complete rounds: the figures a
//! calibration session starts from.

use fw_survey::agreement::{ItemSpread, krippendorff_alpha, spread};

use super::{SurveyDesk, SurveyError};

/// One item's agreement.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemAgreement {
    pub key: String,
    pub label_en: String,
    pub label_zh: String,
    /// Krippendorff's alpha with the item's metric; `None` without enough pairable scores
    /// or when every score is the same.
    pub alpha: Option<f64>,
    /// Calls scored by at least two raters on this item.
    pub units: usize,
    /// The spread of each call's scores, averaged: how far apart raters are on one call.
    pub mean_spread: Option<f64>,
    /// All scores given to the item.
    pub scores: Option<ItemSpread>,
}

/// A form's agreement figures.
#[derive(Clone, Debug, PartialEq)]
pub struct FormAgreement {
    pub form_id: i64,
    pub rounds_complete: usize,
    /// Rounds still being scored (not counted: their scores are still blind).
    pub rounds_open: usize,
    pub items: Vec<ItemAgreement>,
}

impl SurveyDesk {
    /// Agreement per item of `form_id` over its complete rounds.
    pub async fn agreement(&self, user: &str, form_id: i64) -> Result<FormAgreement, SurveyError> {
        self.qa_reader(user)?;
        let form = self.check_form(form_id).await?;
        let rounds = self.store.qa_rounds_of_form(form_id).await?;
        let complete: Vec<_> = rounds
            .iter()
            .filter(|r| {
                r.raters
                    .iter()
                    .all(|rater| r.scores.iter().any(|s| &s.rater == rater))
            })
            .collect();
        let mut sheets_per_round = Vec::with_capacity(complete.len());
        for round in &complete {
            let sheets: Vec<fw_survey::scoring::ScoreSheet> = round
                .scores
                .iter()
                .map(|s| {
                    serde_json::from_str(&s.sheet).map_err(|e| {
                        SurveyError::Store(format!(
                            "a sheet of round {} cannot be read: {e}",
                            round.id
                        ))
                    })
                })
                .collect::<Result<_, _>>()?;
            sheets_per_round.push(sheets);
        }
        let items = form
            .items
            .iter()
            .map(|item| {
                let units: Vec<Vec<Option<f64>>> = sheets_per_round
                    .iter()
                    .map(|sheets| sheets.iter().map(|sheet| sheet.value(&item.key)).collect())
                    .collect();
                let per_call: Vec<f64> = units
                    .iter()
                    .filter_map(|unit| {
                        let values: Vec<f64> = unit.iter().flatten().copied().collect();
                        (values.len() >= 2).then(|| spread(&values).map(|s| s.std_dev))?
                    })
                    .collect();
                let all: Vec<f64> = units.iter().flatten().flatten().copied().collect();
                ItemAgreement {
                    key: item.key.clone(),
                    label_en: item.label_en.clone(),
                    label_zh: item.label_zh.clone(),
                    alpha: krippendorff_alpha(&units, item.metric),
                    units: per_call.len(),
                    mean_spread: (!per_call.is_empty())
                        .then(|| per_call.iter().sum::<f64>() / per_call.len() as f64),
                    scores: spread(&all),
                }
            })
            .collect();
        Ok(FormAgreement {
            form_id,
            rounds_complete: complete.len(),
            rounds_open: rounds.len() - complete.len(),
            items,
        })
    }
}
