//! What an import gives back: every row, or why nothing was taken.

use thiserror::Error;

use crate::SurveyRecord;

/// At most this many row problems are kept (all are counted): enough to show the pattern
/// of a mapping mistake without holding a million messages.
pub const MAX_PROBLEMS_KEPT: usize = 1_000;

/// One survey read from the file, with where it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedRow {
    /// CSV: the 1-based physical line the record starts on (the header is line 1). JSON
    /// array: the 1-based position of the element ("record N"). NDJSON: the physical line.
    pub line: u64,
    pub record: SurveyRecord,
}

/// Why one row cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// As [`ImportedRow::line`].
    pub line: u64,
    /// Every problem of the row, in column order, joined with "; ".
    pub reason: String,
}

/// Nothing was imported: the file as a whole is unusable, or some rows are bad. The import
/// is all or nothing, so a corrected file can be imported again without duplicates.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{}", self.summary())]
pub struct ImportRejected {
    /// The file cannot be read at all (encoding, layout, a required column missing).
    pub file_error: Option<String>,
    /// The first [`MAX_PROBLEMS_KEPT`] bad rows, in file order.
    pub problems: Vec<RowProblem>,
    /// Every bad row, kept or not.
    pub total_problems: usize,
}

impl ImportRejected {
    pub(crate) fn file(message: impl Into<String>) -> ImportRejected {
        ImportRejected {
            file_error: Some(message.into()),
            problems: Vec::new(),
            total_problems: 0,
        }
    }

    fn summary(&self) -> String {
        match &self.file_error {
            Some(message) => message.clone(),
            None if self.total_problems == 1 => {
                "1 row has a problem; nothing was imported".to_owned()
            }
            None => format!(
                "{} rows have problems; nothing was imported",
                self.total_problems
            ),
        }
    }
}

/// The rows of a file as they are read: good rows until the first bad one, then only the
/// problems (the good rows would be thrown away anyway).
#[derive(Debug, Default)]
pub(crate) struct Collected {
    rows: Vec<ImportedRow>,
    problems: Vec<RowProblem>,
    total_problems: usize,
}

impl Collected {
    pub(crate) fn with_capacity(rows: usize) -> Collected {
        Collected {
            rows: Vec::with_capacity(rows),
            ..Collected::default()
        }
    }

    pub(crate) fn row(&mut self, line: u64, record: SurveyRecord) {
        if self.total_problems == 0 {
            self.rows.push(ImportedRow { line, record });
        }
    }

    pub(crate) fn problem(&mut self, line: u64, reason: String) {
        if self.total_problems == 0 {
            self.rows = Vec::new();
        }
        self.total_problems += 1;
        if self.problems.len() < MAX_PROBLEMS_KEPT {
            self.problems.push(RowProblem { line, reason });
        }
    }

    pub(crate) fn finish(self) -> Result<Vec<ImportedRow>, ImportRejected> {
        if self.total_problems == 0 {
            Ok(self.rows)
        } else {
            Err(ImportRejected {
                file_error: None,
                problems: self.problems,
                total_problems: self.total_problems,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_problems_are_counted_but_only_the_first_thousand_kept() {
        let mut collected = Collected::default();
        for line in 0..(MAX_PROBLEMS_KEPT as u64 + 5) {
            collected.problem(line + 2, "bad".to_owned());
        }
        let rejected = collected.finish().unwrap_err();
        assert_eq!(rejected.problems.len(), MAX_PROBLEMS_KEPT);
        assert_eq!(rejected.total_problems, MAX_PROBLEMS_KEPT + 5);
        assert_eq!(
            rejected.to_string(),
            "1005 rows have problems; nothing was imported"
        );
    }
}
