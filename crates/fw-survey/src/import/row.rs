//! One source row's cells to a [`SurveyRecord`], or the reasons it cannot be one. Shared by
//! the CSV and JSON readers, which only find the cells.

use std::borrow::Cow;
use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use super::field::{FIELD_COUNT, Field};
use super::outcome::Collected;
use super::timestamp::parse_timestamp;
use crate::formula_guard::unneutralise;
use crate::{CallFacts, SurveyAnswers, SurveyRecord};

/// A row's cells by [`Field::slot`]: `None` when the field is not mapped or the source has no
/// such column or key; JSON values arrive as their text ("4", "true"; null as "").
pub(crate) type Cells<'a> = [Option<Cow<'a, str>>; FIELD_COUNT];

/// How rows are referred to in messages: physical lines, or a JSON array's records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RowUnit {
    Line,
    Record,
}

impl RowUnit {
    fn at(self, position: u64) -> String {
        match self {
            RowUnit::Line => format!("on line {position}"),
            RowUnit::Record => format!("in record {position}"),
        }
    }
}

/// The words a yes/no cell may hold (compared case-insensitively).
const YES: [&str; 4] = ["yes", "1", "true", "是"];
const NO: [&str; 4] = ["no", "0", "false", "否"];

/// Reads rows into records, remembering call references to refuse duplicates.
#[derive(Debug)]
pub(crate) struct RowReader<'o> {
    utc_offset_minutes: i32,
    /// CSV cells may carry the export's formula-guard apostrophe (see `formula_guard`).
    strip_formula_guard: bool,
    unit: RowUnit,
    origin: &'o str,
    first_seen: FxHashMap<Box<str>, u64>,
}

impl<'o> RowReader<'o> {
    pub(crate) fn new(
        utc_offset_minutes: i32,
        strip_formula_guard: bool,
        unit: RowUnit,
        origin: &'o str,
        expected_rows: usize,
    ) -> RowReader<'o> {
        let mut first_seen = FxHashMap::default();
        first_seen.reserve(expected_rows);
        RowReader {
            utc_offset_minutes,
            strip_formula_guard,
            unit,
            origin,
            first_seen,
        }
    }

    /// Reads one row into `out`: its record, or one problem listing all its reasons.
    pub(crate) fn read(&mut self, line: u64, cells: &Cells<'_>, out: &mut Collected) {
        let mut reasons = Reasons::default();
        let record = self.record(cells, &mut reasons);
        if let Some(call_ref) = record.as_ref().map(|r| r.call_ref.as_str()).or_else(|| {
            // A bad row's reference still counts: fixing that row must not create a duplicate.
            self.text(cells, Field::CallRef).filter(|r| !r.is_empty())
        }) {
            if let Some(&first) = self.first_seen.get(call_ref) {
                reasons.push(format_args!(
                    "the call reference \"{call_ref}\" already appeared {}",
                    self.unit.at(first)
                ));
            } else {
                self.first_seen.insert(call_ref.into(), line);
            }
        }
        match (record, reasons.text) {
            (Some(record), None) => out.row(line, record),
            (_, Some(reasons)) => out.problem(line, reasons),
            (None, None) => out.problem(line, "the row could not be read".to_owned()),
        }
    }

    /// A text cell, trimmed, with the formula guard taken off.
    fn text<'c>(&self, cells: &'c Cells<'_>, field: Field) -> Option<&'c str> {
        let text = cells[field.slot()].as_deref()?.trim();
        Some(if self.strip_formula_guard {
            unneutralise(text)
        } else {
            text
        })
    }

    fn record(&self, cells: &Cells<'_>, reasons: &mut Reasons) -> Option<SurveyRecord> {
        let call_ref = self.text(cells, Field::CallRef).unwrap_or_default();
        if call_ref.is_empty() {
            reasons.push(format_args!("the call reference is empty"));
        }
        let answered_at_ms = self.answered_at(cells, reasons);
        let csat = required_whole(cells, Field::Csat, 1, 5, reasons);
        let nps = optional_whole(cells, Field::Nps, 0, 10, reasons);
        let first_contact_resolution = yes_no(cells, Field::FirstContactResolution, reasons);
        let comment = self.comment(cells);
        let wait_secs = seconds(cells, Field::WaitSecs, reasons);
        let talk_secs = seconds(cells, Field::TalkSecs, reasons);
        let escalated = yes_no(cells, Field::Escalated, reasons);
        let callback = yes_no(cells, Field::Callback, reasons);
        if reasons.text.is_some() {
            return None;
        }
        let name = |field| self.text(cells, field).unwrap_or_default().to_owned();
        let record = SurveyRecord {
            call_ref: call_ref.to_owned(),
            answered_at_ms: answered_at_ms?,
            facts: CallFacts {
                site: name(Field::Site),
                queue: name(Field::Queue),
                agent: name(Field::Agent),
                wait_secs,
                talk_secs,
                escalated: escalated.unwrap_or(false),
                callback: callback.unwrap_or(false),
            },
            answers: SurveyAnswers {
                csat: csat?,
                nps,
                first_contact_resolution,
                comment,
            },
            origin: self.origin.to_owned(),
        };
        match record.validate() {
            Ok(()) => Some(record),
            Err(error) => {
                reasons.push(format_args!("{error}"));
                None
            }
        }
    }

    fn answered_at(&self, cells: &Cells<'_>, reasons: &mut Reasons) -> Option<i64> {
        let text = present(cells, Field::AnsweredAt, reasons)?;
        let parsed = parse_timestamp(text, self.utc_offset_minutes);
        if parsed.is_none() {
            reasons.push(format_args!(
                "the time \"{text}\" is not a timestamp (use RFC 3339 with an offset, \
                 \"YYYY-MM-DD HH:MM[:SS]\", \"YYYY/MM/DD HH:MM[:SS]\" or epoch seconds or \
                 milliseconds)"
            ));
        }
        parsed
    }

    /// The caller's words as written: only a blank comment is no comment.
    fn comment(&self, cells: &Cells<'_>) -> Option<String> {
        let raw = cells[Field::Comment.slot()].as_deref()?;
        if raw.trim().is_empty() {
            return None;
        }
        let text = if self.strip_formula_guard {
            unneutralise(raw)
        } else {
            raw
        };
        Some(text.to_owned())
    }
}

/// A row's reasons, joined as they come.
#[derive(Debug, Default)]
struct Reasons {
    text: Option<String>,
}

impl Reasons {
    fn push(&mut self, reason: std::fmt::Arguments<'_>) {
        let text = self.text.get_or_insert_with(String::new);
        if !text.is_empty() {
            text.push_str("; ");
        }
        // Writing to a String cannot fail.
        let _ = text.write_fmt(reason);
    }
}

/// A required cell's trimmed text, or a reason it is missing or empty.
fn present<'c>(cells: &'c Cells<'_>, field: Field, reasons: &mut Reasons) -> Option<&'c str> {
    match cells[field.slot()].as_deref().map(str::trim) {
        None => {
            reasons.push(format_args!("{} is missing", field.label()));
            None
        }
        Some("") => {
            reasons.push(format_args!("{} is empty", field.label()));
            None
        }
        Some(text) => Some(text),
    }
}

/// An optional cell's trimmed text; blank is absent.
fn optional<'c>(cells: &'c Cells<'_>, field: Field) -> Option<&'c str> {
    cells[field.slot()]
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
}

/// A number written as digits, or as a decimal with nothing after the point ("4.0", as
/// spreadsheets sometimes save whole numbers).
enum Number {
    Whole(i64),
    Fraction(f64),
    Invalid,
}

fn number(text: &str) -> Number {
    if let Ok(whole) = text.parse::<i64>() {
        return Number::Whole(whole);
    }
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 => {
            Number::Whole(value as i64)
        }
        Ok(value) if value.is_finite() => Number::Fraction(value),
        _ => Number::Invalid,
    }
}

fn required_whole(
    cells: &Cells<'_>,
    field: Field,
    min: u8,
    max: u8,
    reasons: &mut Reasons,
) -> Option<u8> {
    let text = present(cells, field, reasons)?;
    whole_in_range(text, field, min, max, reasons)
}

fn optional_whole(
    cells: &Cells<'_>,
    field: Field,
    min: u8,
    max: u8,
    reasons: &mut Reasons,
) -> Option<u8> {
    let text = optional(cells, field)?;
    whole_in_range(text, field, min, max, reasons)
}

fn whole_in_range(text: &str, field: Field, min: u8, max: u8, reasons: &mut Reasons) -> Option<u8> {
    let label = field.label();
    match number(text) {
        Number::Whole(value) if (i64::from(min)..=i64::from(max)).contains(&value) => {
            Some(value as u8)
        }
        Number::Whole(value) => {
            reasons.push(format_args!("{label} {value} is outside {min}–{max}"));
            None
        }
        Number::Fraction(value) => {
            reasons.push(format_args!("{label} {value} is not a whole number"));
            None
        }
        Number::Invalid => {
            reasons.push(format_args!("{label} \"{text}\" is not a number"));
            None
        }
    }
}

/// Whole seconds (decimals rounded to the nearest second); blank is unknown.
fn seconds(cells: &Cells<'_>, field: Field, reasons: &mut Reasons) -> Option<u32> {
    let text = optional(cells, field)?;
    let label = field.label();
    let value = match number(text) {
        Number::Whole(value) => value as f64,
        Number::Fraction(value) => value.round(),
        Number::Invalid => {
            reasons.push(format_args!("{label} \"{text}\" is not a number"));
            return None;
        }
    };
    if value < 0.0 {
        reasons.push(format_args!("{label} {text} is negative"));
        None
    } else if value > f64::from(u32::MAX) {
        reasons.push(format_args!("{label} {text} is too large"));
        None
    } else {
        Some(value as u32)
    }
}

/// Yes or no in English, digits or Chinese; blank is unknown (`None`).
fn yes_no(cells: &Cells<'_>, field: Field, reasons: &mut Reasons) -> Option<bool> {
    let text = optional(cells, field)?;
    let is = |words: &[&str]| words.iter().any(|word| word.eq_ignore_ascii_case(text));
    if is(&YES) {
        Some(true)
    } else if is(&NO) {
        Some(false)
    } else {
        reasons.push(format_args!(
            "{} \"{text}\" is not yes/no/1/0/true/false/是/否",
            field.label()
        ));
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(pairs: &[(Field, &'static str)]) -> Cells<'static> {
        let mut cells: Cells<'static> = Default::default();
        for (field, text) in pairs {
            cells[field.slot()] = Some(Cow::Borrowed(*text));
        }
        cells
    }

    fn read(pairs: &[(Field, &'static str)]) -> Result<SurveyRecord, String> {
        let mut reader = RowReader::new(480, true, RowUnit::Line, "import:test.csv", 1);
        let mut out = Collected::default();
        reader.read(2, &cells(pairs), &mut out);
        match out.finish() {
            Ok(mut rows) => Ok(rows.remove(0).record),
            Err(rejected) => Err(rejected.problems[0].reason.clone()),
        }
    }

    const GOOD: [(Field, &str); 3] = [
        (Field::CallRef, " 1700.1 "),
        (Field::AnsweredAt, "2024-03-01 09:30"),
        (Field::Csat, "4"),
    ];

    #[test]
    fn a_minimal_row_reads_with_empty_optionals() {
        let record = read(&GOOD).expect("good row");
        assert_eq!(record.call_ref, "1700.1");
        assert_eq!(record.answered_at_ms, 1_709_256_600_000);
        assert_eq!(record.answers.csat, 4);
        assert_eq!(record.answers.nps, None);
        assert_eq!(record.facts, CallFacts::default());
        assert_eq!(record.origin, "import:test.csv");
    }

    #[test]
    fn every_bad_cell_of_a_row_is_named() {
        let reason = read(&[
            (Field::CallRef, ""),
            (Field::AnsweredAt, "soon"),
            (Field::Csat, "good"),
            (Field::Nps, "11"),
            (Field::FirstContactResolution, "maybe"),
            (Field::WaitSecs, "-3"),
        ])
        .unwrap_err();
        assert_eq!(
            reason,
            "the call reference is empty; the time \"soon\" is not a timestamp (use RFC 3339 \
             with an offset, \"YYYY-MM-DD HH:MM[:SS]\", \"YYYY/MM/DD HH:MM[:SS]\" or epoch \
             seconds or milliseconds); CSAT \"good\" is not a number; NPS 11 is outside 0–10; \
             first-contact resolution \"maybe\" is not yes/no/1/0/true/false/是/否; the wait \
             (seconds) -3 is negative"
        );
    }

    #[test]
    fn csat_must_be_a_whole_number_from_one_to_five() {
        let with_csat = |csat| {
            let mut pairs = GOOD.to_vec();
            pairs[2] = (Field::Csat, csat);
            read(&pairs)
        };
        assert_eq!(with_csat("5.0").map(|r| r.answers.csat), Ok(5));
        assert_eq!(with_csat("6").unwrap_err(), "CSAT 6 is outside 1–5");
        assert_eq!(with_csat("0").unwrap_err(), "CSAT 0 is outside 1–5");
        assert_eq!(
            with_csat("4.5").unwrap_err(),
            "CSAT 4.5 is not a whole number"
        );
        assert_eq!(with_csat(" ").unwrap_err(), "CSAT is empty");
    }

    #[test]
    fn yes_and_no_in_every_accepted_spelling() {
        for (text, expected) in [
            ("Yes", true),
            ("1", true),
            ("TRUE", true),
            ("是", true),
            ("no", false),
            ("0", false),
            ("False", false),
            ("否", false),
        ] {
            let mut pairs = GOOD.to_vec();
            pairs.push((Field::FirstContactResolution, text));
            pairs.push((Field::Escalated, text));
            let record = read(&pairs).expect(text);
            assert_eq!(record.answers.first_contact_resolution, Some(expected));
            assert_eq!(record.facts.escalated, expected);
        }
    }

    #[test]
    fn seconds_round_and_comments_stay_as_written() {
        let mut pairs = GOOD.to_vec();
        pairs.push((Field::WaitSecs, "12.6"));
        pairs.push((Field::TalkSecs, "240"));
        pairs.push((Field::Comment, " '=等太久了 "));
        let record = read(&pairs).expect("good row");
        assert_eq!(record.facts.wait_secs, Some(13));
        assert_eq!(record.facts.talk_secs, Some(240));
        // Untrimmed, so the guard's apostrophe is not first and stays.
        assert_eq!(record.answers.comment.as_deref(), Some(" '=等太久了 "));
        let mut pairs = GOOD.to_vec();
        pairs.push((Field::Comment, "'=SUM(A1)"));
        let record = read(&pairs).expect("good row");
        assert_eq!(record.answers.comment.as_deref(), Some("=SUM(A1)"));
    }

    #[test]
    fn the_records_own_checks_apply_last() {
        let mut pairs = GOOD.to_vec();
        let long = "x".repeat(crate::record::MAX_NAME_BYTES + 1).leak();
        pairs.push((Field::Agent, long));
        assert_eq!(
            read(&pairs).unwrap_err(),
            "the agent is longer than 200 bytes"
        );
    }

    #[test]
    fn a_repeated_reference_names_the_first_line_even_when_that_row_was_bad() {
        let mut reader = RowReader::new(480, false, RowUnit::Record, "import:x.json", 4);
        let mut out = Collected::default();
        let mut bad = GOOD.to_vec();
        bad[2] = (Field::Csat, "9");
        reader.read(1, &cells(&bad), &mut out);
        reader.read(2, &cells(&GOOD), &mut out);
        let rejected = out.finish().unwrap_err();
        assert_eq!(rejected.total_problems, 2);
        assert_eq!(
            rejected.problems[1].reason,
            "the call reference \"1700.1\" already appeared in record 1"
        );
    }
}
