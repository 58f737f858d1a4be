//! What kind of file an import reads.

use serde::{Deserialize, Serialize};

/// The file's layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    /// A header row then one survey per record. Comma-separated unless the header row has
    /// more tabs or semicolons than commas (some spreadsheets save those).
    Csv,
    /// An array of objects, an object holding one under `surveys`, `data`, `items` or
    /// `results`, or NDJSON (one object per line).
    Json,
}

/// The file's character encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceEncoding {
    Utf8,
    /// GB18030, a superset of GBK and GB2312: what many Chinese tools and a Chinese-locale
    /// Excel write. A file starting with a UTF-8 byte-order mark is read as UTF-8 anyway.
    Gb18030,
}
