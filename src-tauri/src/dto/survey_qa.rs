//! Blind multi-rater QA scoring as the UI sees it: forms, rounds as the viewer may see them
//! (a sheet the viewer may not read is never sent), and the agreement between raters.

use fw_app::{FormAgreement, RoundView};
use fw_survey::agreement::{ItemSpread, Metric, spread};
use fw_survey::scoring::{FormItem, ScoreSheet, ScoreVisibility, ScoringForm};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How the difference between two scores counts when agreement is measured.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum MetricDto {
    Nominal,
    Ordinal,
    Interval,
}

impl From<Metric> for MetricDto {
    fn from(metric: Metric) -> Self {
        match metric {
            Metric::Nominal => MetricDto::Nominal,
            Metric::Ordinal => MetricDto::Ordinal,
            Metric::Interval => MetricDto::Interval,
        }
    }
}

impl From<MetricDto> for Metric {
    fn from(metric: MetricDto) -> Self {
        match metric {
            MetricDto::Nominal => Metric::Nominal,
            MetricDto::Ordinal => Metric::Ordinal,
            MetricDto::Interval => Metric::Interval,
        }
    }
}

/// One scored item of a form, with its bilingual label and integer scale.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormItemDto {
    pub key: String,
    pub label_en: String,
    pub label_zh: String,
    pub min: u8,
    pub max: u8,
    pub metric: MetricDto,
}

/// A scoring form; a changed form is a new one (old sheets keep their meaning).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ScoringFormDto {
    /// 0 for a form not saved yet.
    pub id: f64,
    pub name: String,
    pub items: Vec<FormItemDto>,
}

impl From<&ScoringForm> for ScoringFormDto {
    fn from(form: &ScoringForm) -> Self {
        ScoringFormDto {
            id: form.id as f64,
            name: form.name.clone(),
            items: form
                .items
                .iter()
                .map(|item| FormItemDto {
                    key: item.key.clone(),
                    label_en: item.label_en.clone(),
                    label_zh: item.label_zh.clone(),
                    min: item.min,
                    max: item.max,
                    metric: item.metric.into(),
                })
                .collect(),
        }
    }
}

impl From<ScoringFormDto> for ScoringForm {
    /// Text is trimmed; fw-survey validates the rest when the form is saved.
    fn from(form: ScoringFormDto) -> Self {
        ScoringForm {
            id: 0,
            name: form.name.trim().to_owned(),
            items: form
                .items
                .into_iter()
                .map(|item| FormItem {
                    key: item.key.trim().to_owned(),
                    label_en: item.label_en.trim().to_owned(),
                    label_zh: item.label_zh.trim().to_owned(),
                    min: item.min,
                    max: item.max,
                    metric: item.metric.into(),
                })
                .collect(),
        }
    }
}

/// What the viewer may see of a round's sheets.
#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ScoreVisibilityDto {
    /// Their own sheet only, until every rater has scored.
    OwnOnly,
    /// Who has scored, no scores (a manager following an open round).
    ProgressOnly,
    All,
}

impl From<ScoreVisibility> for ScoreVisibilityDto {
    fn from(visibility: ScoreVisibility) -> Self {
        match visibility {
            ScoreVisibility::OwnOnly => ScoreVisibilityDto::OwnOnly,
            ScoreVisibility::ProgressOnly => ScoreVisibilityDto::ProgressOnly,
            ScoreVisibility::All => ScoreVisibilityDto::All,
        }
    }
}

/// One item's score on a sheet.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SheetValueDto {
    pub key: String,
    pub value: u8,
}

/// A rater's sheet.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ScoreSheetDto {
    pub rater: String,
    pub values: Vec<SheetValueDto>,
    pub comment: Option<String>,
}

impl From<&ScoreSheet> for ScoreSheetDto {
    fn from(sheet: &ScoreSheet) -> Self {
        ScoreSheetDto {
            rater: sheet.rater.clone(),
            values: sheet
                .values
                .iter()
                .map(|(key, value)| SheetValueDto {
                    key: key.clone(),
                    value: *value,
                })
                .collect(),
            comment: sheet.comment.clone(),
        }
    }
}

/// How far apart a set of scores is.
#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ItemSpreadDto {
    pub n: f64,
    pub mean: f64,
    pub min: f64,
    pub max: f64,
    /// Population standard deviation.
    pub std_dev: f64,
}

impl From<ItemSpread> for ItemSpreadDto {
    fn from(s: ItemSpread) -> Self {
        ItemSpreadDto {
            n: s.n_units as f64,
            mean: s.mean,
            min: s.min,
            max: s.max,
            std_dev: s.std_dev,
        }
    }
}

/// One item's spread over the sheets of a complete round.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RoundItemSpreadDto {
    pub key: String,
    pub spread: Option<ItemSpreadDto>,
}

/// A calibration round as this viewer may see it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RoundViewDto {
    pub id: f64,
    pub survey_id: f64,
    pub form: ScoringFormDto,
    pub raters: Vec<String>,
    /// Raters who have handed in their sheet.
    pub scored_by: Vec<String>,
    pub complete: bool,
    pub visibility: ScoreVisibilityDto,
    /// Only the sheets the viewer may read: their own while the round is open, all once
    /// it is complete. Hidden sheets are not sent at all.
    pub sheets: Vec<ScoreSheetDto>,
    /// The viewer is one of the raters.
    pub is_rater: bool,
    /// The viewer is a rater who has not scored yet.
    pub awaiting_me: bool,
    /// Each item's spread across the sheets, once every sheet may be read; else empty.
    pub spreads: Vec<RoundItemSpreadDto>,
    pub created_at_ms: f64,
    pub created_by: String,
}

impl RoundViewDto {
    pub fn new(view: &RoundView, viewer: &str) -> RoundViewDto {
        let is_rater = view.raters.iter().any(|r| r == viewer);
        let open_to_all = view.complete && view.visibility == ScoreVisibility::All;
        let spreads = if open_to_all {
            view.form
                .items
                .iter()
                .map(|item| {
                    let values: Vec<f64> = view
                        .sheets
                        .iter()
                        .filter_map(|sheet| sheet.value(&item.key))
                        .collect();
                    RoundItemSpreadDto {
                        key: item.key.clone(),
                        spread: spread(&values).map(Into::into),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        RoundViewDto {
            id: view.id as f64,
            survey_id: view.survey_id as f64,
            form: (&view.form).into(),
            raters: view.raters.clone(),
            scored_by: view.scored_by.clone(),
            complete: view.complete,
            visibility: view.visibility.into(),
            sheets: view.sheets.iter().map(ScoreSheetDto::from).collect(),
            is_rater,
            awaiting_me: is_rater && !view.scored_by.iter().any(|r| r == viewer),
            spreads,
            created_at_ms: view.created_at_ms as f64,
            created_by: view.created_by.clone(),
        }
    }
}

/// One item's agreement over a form's complete rounds.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ItemAgreementDto {
    pub key: String,
    pub label_en: String,
    pub label_zh: String,
    /// Krippendorff's alpha; `null` without enough pairable scores or when every score is
    /// the same.
    pub alpha: Option<f64>,
    /// Calls scored by at least two raters on this item.
    pub units: f64,
    /// The spread of each call's scores, averaged.
    pub mean_spread: Option<f64>,
    /// All scores given to the item.
    pub scores: Option<ItemSpreadDto>,
}

/// A form's agreement figures.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormAgreementDto {
    pub form_id: f64,
    pub rounds_complete: f64,
    /// Rounds still being scored (not counted: their scores are still blind).
    pub rounds_open: f64,
    pub items: Vec<ItemAgreementDto>,
}

impl From<&FormAgreement> for FormAgreementDto {
    fn from(a: &FormAgreement) -> Self {
        FormAgreementDto {
            form_id: a.form_id as f64,
            rounds_complete: a.rounds_complete as f64,
            rounds_open: a.rounds_open as f64,
            items: a
                .items
                .iter()
                .map(|item| ItemAgreementDto {
                    key: item.key.clone(),
                    label_en: item.label_en.clone(),
                    label_zh: item.label_zh.clone(),
                    alpha: item.alpha.filter(|a| a.is_finite()),
                    units: item.units as f64,
                    mean_spread: item.mean_spread,
                    scores: item.scores.map(Into::into),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(scored: &[(&str, u8)], visibility: ScoreVisibility) -> RoundView {
        let raters = ["wang", "li", "zhao"].map(String::from).to_vec();
        let form = ScoringForm::default_form();
        RoundView {
            id: 3,
            survey_id: 101,
            sheets: scored
                .iter()
                .filter(|(rater, _)| visibility == ScoreVisibility::All || *rater == "li")
                .map(|(rater, score)| ScoreSheet {
                    rater: (*rater).to_owned(),
                    values: form.items.iter().map(|i| (i.key.clone(), *score)).collect(),
                    comment: None,
                })
                .collect(),
            form,
            scored_by: scored.iter().map(|(r, _)| (*r).to_owned()).collect(),
            complete: scored.len() == raters.len(),
            raters,
            visibility,
            created_at_ms: 0,
            created_by: "zhao.min".to_owned(),
        }
    }

    #[test]
    fn an_open_round_carries_only_the_viewers_sheet_and_no_spread() {
        let dto = RoundViewDto::new(
            &view(&[("wang", 2), ("li", 4)], ScoreVisibility::OwnOnly),
            "li",
        );
        assert_eq!(dto.sheets.len(), 1);
        assert_eq!(dto.sheets[0].rater, "li");
        assert!(dto.spreads.is_empty());
        assert!(dto.is_rater && !dto.awaiting_me);
        let text = serde_json::to_string(&dto).unwrap();
        assert!(
            !text.contains("\"wang\",\"values\""),
            "wang's sheet is not sent"
        );
        let zhao = RoundViewDto::new(&view(&[("wang", 2)], ScoreVisibility::OwnOnly), "zhao");
        assert!(zhao.awaiting_me);
    }

    #[test]
    fn a_complete_round_shows_each_items_spread() {
        let dto = RoundViewDto::new(
            &view(&[("wang", 2), ("li", 4), ("zhao", 3)], ScoreVisibility::All),
            "li",
        );
        assert_eq!(dto.sheets.len(), 3);
        assert_eq!(dto.spreads.len(), 7);
        let first = dto.spreads[0].spread.expect("three scores");
        assert_eq!(
            (first.n, first.min, first.max, first.mean),
            (3.0, 2.0, 4.0, 3.0)
        );
        assert!((first.std_dev - (2.0f64 / 3.0).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn a_form_from_the_editor_is_trimmed() {
        let dto = ScoringFormDto {
            id: 9.0,
            name: " Complaints QA ".to_owned(),
            items: vec![FormItemDto {
                key: " tone ".to_owned(),
                label_en: "Tone".to_owned(),
                label_zh: " 语气 ".to_owned(),
                min: 0,
                max: 10,
                metric: MetricDto::Interval,
            }],
        };
        let form = ScoringForm::from(dto);
        assert_eq!((form.id, form.name.as_str()), (0, "Complaints QA"));
        assert_eq!(
            (form.items[0].key.as_str(), form.items[0].label_zh.as_str()),
            ("tone", "语气")
        );
        assert_eq!(form.items[0].metric, Metric::Interval);
    }
}
